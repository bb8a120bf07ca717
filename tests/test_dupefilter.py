"""scraper.dupefilter.CompactDupeFilter: Scrapy's duplicate filtering, fingerprints kept
compact, JOBDIR's requests.seen shared with Scrapy's own filter (what forum-harvest used to
write through)."""

from __future__ import annotations

import logging
import tracemalloc
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from scraper.dupefilter import CompactDupeFilter

SITE = "http://forum.example/forum.php?mod=viewthread&tid="


def dupefilter(cls: type = CompactDupeFilter, **settings: str):
    """A filter as the scheduler makes it and opens it at the crawl's start."""
    crawler = get_crawler(settings_dict={"DUPEFILTER_CLASS": "scraper.dupefilter.CompactDupeFilter", **settings})
    made = build_from_crawler(cls, crawler)
    made.open()
    return made


def _seen_all(made, tids: range) -> list[bool]:
    return [made.request_seen(Request(SITE + str(tid))) for tid in tids]


def test_it_uses_no_private_part_of_scrapy_s_filter() -> None:
    """RFPDupeFilter's set is private (``_fingerprints`` in Scrapy 2.19): a subclass replacing
    it fails at the start of a crawl on a Scrapy that renames it."""
    assert RFPDupeFilter not in CompactDupeFilter.__mro__


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
    assert _seen_all(first, range(10)) == [False] * 10
    first.close("shutdown")
    assert (tmp_path / "requests.seen").stat().st_size > 0
    resumed = dupefilter(JOBDIR=str(tmp_path))
    assert all(resumed.request_seen(Request(SITE + str(tid))) for tid in range(10))
    assert not resumed.request_seen(Request(SITE + "10"))
    resumed.close("finished")


@pytest.mark.parametrize(("writer", "reader"), [(RFPDupeFilter, CompactDupeFilter), (CompactDupeFilter, RFPDupeFilter)],
                         ids=["scrapy-then-ours", "ours-then-scrapy"])
def test_a_job_folder_is_resumed_by_either_filter(tmp_path: Path, writer: type, reader: type) -> None:
    """A JOBDIR an earlier forum-harvest left (its requests.seen written by Scrapy's filter) is
    resumed here, and one written here by Scrapy's filter: the same file, the same format."""
    first = dupefilter(writer, JOBDIR=str(tmp_path))
    _seen_all(first, range(50))
    first.close("shutdown")
    resumed = dupefilter(reader, JOBDIR=str(tmp_path))
    assert _seen_all(resumed, range(60)) == [True] * 50 + [False] * 10
    resumed.close("finished")
    assert _seen_all(dupefilter(writer, JOBDIR=str(tmp_path)), range(60)) == [True] * 60


def test_a_record_cut_by_a_killed_crawl_is_cut_off_before_the_next_is_written(tmp_path: Path) -> None:
    """Scrapy's filter stops reading at a cut record and appends after it, so whatever follows
    is misread on the next resume; here the file is cut back to its last whole record."""
    first = dupefilter(RFPDupeFilter, JOBDIR=str(tmp_path))
    _seen_all(first, range(5))
    first.close("killed")
    seen = tmp_path / "requests.seen"
    seen.write_bytes(seen.read_bytes() + b"\x00\x14" + b"\x01" * 7)  # a 20-byte fingerprint, 7 written
    resumed = dupefilter(JOBDIR=str(tmp_path))
    assert _seen_all(resumed, range(8)) == [True] * 5 + [False] * 3
    resumed.close("killed")
    assert _seen_all(dupefilter(RFPDupeFilter, JOBDIR=str(tmp_path)), range(8)) == [True] * 8


@pytest.mark.parametrize(("debug", "logged"), [("False", 1), ("True", 3)])
def test_duplicates_are_logged_and_counted_as_scrapy_does(caplog, debug: str, logged: int) -> None:
    """The first duplicate (every one with ``DUPEFILTER_DEBUG``), each in dupefilter/filtered."""
    crawler = get_crawler(Spider, settings_dict={"DUPEFILTER_DEBUG": debug})
    made = build_from_crawler(CompactDupeFilter, crawler)
    made.open()
    spider = Spider.from_crawler(crawler, name="forum")
    request = Request(SITE + "1", headers={"Referer": SITE + "0"})
    made.request_seen(request)
    with caplog.at_level(logging.DEBUG):
        for _ in range(3):
            assert made.request_seen(request)
            made.log(request, spider)
    messages = [record.getMessage() for record in caplog.records if "duplicate" in record.getMessage()]
    assert len(messages) == logged
    assert all(message.startswith(f"Filtered duplicate request: {request}") for message in messages)
    assert ("referer: " + SITE + "0" in messages[0]) == (debug == "True")
    assert crawler.stats.get_value("dupefilter/filtered") == 3


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
