"""Cleaning (pure functions over post HTML and times) and the Scrapy item pipelines calling them."""
