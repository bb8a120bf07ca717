"""scraper.dupefilter.CompactDupeFilter: Scrapy's duplicate filter, fingerprints kept compact."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from scrapy import Request
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from scraper.dupefilter import CompactDupeFilter

SITE = "http://forum.example/forum.php?mod=viewthread&tid="


def dupefilter(**settings: str) -> CompactDupeFilter:
    crawler = get_crawler(settings_dict={"DUPEFILTER_CLASS": "scraper.dupefilter.CompactDupeFilter", **settings})
    return build_from_crawler(CompactDupeFilter, crawler)


def test_the_crawl_uses_it() -> None:
    assert get_project_settings().get("DUPEFILTER_CLASS") == "scraper.dupefilter.CompactDupeFilter"


def test_a_request_seen_before_is_a_duplicate_and_only_that() -> None:
    seen = dupefilter()
    assert not seen.request_seen(Request(SITE + "1"))
    assert not seen.request_seen(Request(SITE + "2"))
    assert seen.request_seen(Request(SITE + "1"))
    assert seen.request_seen(Request(SITE + "1&"))  # the same URL, canonicalized
    assert not seen.request_seen(Request(SITE + "1", method="POST"))


def test_a_resumed_job_keeps_the_requests_seen(tmp_path: Path) -> None:
    """With JOBDIR the fingerprints go to requests.seen as Scrapy writes them, and a crawl
    resumed from that folder filters them."""
    first = dupefilter(JOBDIR=str(tmp_path))
    for tid in range(10):
        first.request_seen(Request(SITE + str(tid)))
    first.close("shutdown")
    assert (tmp_path / "requests.seen").stat().st_size > 0
    resumed = dupefilter(JOBDIR=str(tmp_path))
    assert all(resumed.request_seen(Request(SITE + str(tid))) for tid in range(10))
    assert not resumed.request_seen(Request(SITE + "10"))
    resumed.close("finished")


def test_a_request_costs_a_few_bytes() -> None:
    """Scrapy's own filter keeps a 20-byte digest and its share of a set: 90-160 bytes a request
    (117 over 10,000 requests; this one 21, its newest members still in a small set)."""
    seen, requests = dupefilter(), 10_000
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for tid in range(requests):
            seen.request_seen(Request(SITE + str(tid)))  # gone once asked, as in a crawl
        per_request = (tracemalloc.get_traced_memory()[0] - before) / requests
    finally:
        tracemalloc.stop()
    assert per_request < 40
