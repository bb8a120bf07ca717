"""The Scrapy project: spiders, page objects and items for Discuz! forums."""
