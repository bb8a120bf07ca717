"""The baseline of the crawl bench: the least a Scrapy spider does to read the synthetic site.

    scrapy runspider bench/bare_spider.py -a url=http://127.0.0.1:PORT/forum.php -a stats_file=F

It follows every thread-list and thread link (rewritten form) and yields one dict per post
read with parsel (author, time text, message text); no pipelines, no storage. Its Scrapy
stats are written to ``stats_file`` as JSON when it closes.
"""

from __future__ import annotations

import json
import re
from typing import Any

import scrapy

PAGE_LINK = re.compile(r"(?:^|/)(?:forum-\d+-\d+|thread-\d+-\d+-1)\.html$")


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, url: str, stats_file: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [url]
        self.stats_file = stats_file

    def parse(self, response: scrapy.http.TextResponse) -> Any:
        yield from self.follow_links(response)
        for post in response.css("div[id^=post_]"):
            yield {
                "author": post.css("a.xw1::text").get(),
                "time": post.css("em[id^=authorposton]").xpath("string()").get(),
                "body": post.css("td.t_f").xpath("string()").get(),
            }

    def follow_links(self, response: scrapy.http.TextResponse) -> Any:
        """A request for every thread-list and thread page ``response`` links to."""
        for href in response.css("a::attr(href)").getall():
            if PAGE_LINK.search(href):
                yield response.follow(href, callback=self.parse)

    def closed(self, reason: str) -> None:
        stats = {k: v for k, v in self.crawler.stats.get_stats().items() if isinstance(v, (int, float, str))}
        with open(self.stats_file, "w", encoding="utf-8") as out:
            json.dump(stats, out)
