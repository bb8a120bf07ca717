"""The limit of the crawl bench: Scrapy fetching every page of the synthetic site and reading
every post with parsel, emitting nothing (no items, no pipelines, no storage).

    scrapy runspider bench/bare_limit.py -a url=http://127.0.0.1:PORT/forum.php -a stats_file=F

It follows the same links as ``bench/bare_spider.py`` and reads the same fields of each post
(author, time text, message text), but only counts the posts it read (Scrapy stat
``bare_limit/posts_read``): no crawl that stores its posts can be faster than this. Its Scrapy
stats are written to ``stats_file`` as JSON when it closes.
"""

from __future__ import annotations

from typing import Any

import scrapy

from bare_spider import BareSpider  # runspider puts this file's folder on sys.path


class BareLimit(BareSpider):
    name = "bare_limit"

    def parse(self, response: scrapy.http.TextResponse) -> Any:
        posts_read = 0
        for post in response.css("div[id^=post_]"):
            author = post.css("a.xw1::text").get()
            posted = post.css("em[id^=authorposton]").xpath("string()").get()
            body = post.css("td.t_f").xpath("string()").get()
            posts_read += bool(author or posted or body)
        self.crawler.stats.inc_value("bare_limit/posts_read", posts_read)
        yield from self.follow_links(response)
