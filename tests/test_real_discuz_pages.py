"""Pages a real Discuz! X3.5 served, in each charset it was captured in: UTF-8
(tests/fixtures/discuz-x35-live), GBK (discuz-x35-gbk) and Big5 (discuz-x35-big5, in
traditional Chinese with Taiwan's terms), and UTF-8 with URL rewriting on
(discuz-x35-rewrite: its thread lists of two pages and its archiver too); and pages a real
Discuz! X3.4 served (discuz-x34, the same scenario; discuz-x34-gbk, its published SC_GBK package) and a real
X3.3 (discuz-x33) and the last X3.4 (discuz-x34-20230520), read as a crawl reads them and compared with the
forum's own tables (each capture's expected.json; tests/real_discuz made them): the charset
each page is read in; every post's id, author, time, floor and body, its quotes, signature,
edit notice and a banned author's notice, in robot and browser mode; every thread-list row;
the index. The whole-site crawls of the GBK and Big5 captures are in
tests/test_real_engine_crawls.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from parsel import Selector

from pipeline.clean import clean_post_html, clean_signature_html
from scraper.charset_detection import header_charset, meta_charset, read_charset
from scraper.engines.discuz import ENGINE
from scraper.engines.discuz.urls import url_form
from tests.bbcode_truth import IMAGE, char_f1, split_quotes
from tests.discuz_truth import EDIT, shown_time, truth_bbcode
from tests.engine_pages import F1_FLOOR, FIXTURES, SITE, Captured

ZONE = "Asia/Shanghai"  # the forums' timeoffset +8 (their footers say GMT+8)
# capture -> the codec the crawl's charset decision reads its pages in (GB18030 reads GBK)
CODECS = {"discuz-x35-live": "utf-8", "discuz-x35-gbk": "gb18030", "discuz-x35-big5": "big5",
          "discuz-x35-rewrite": "utf-8", "discuz-x34": "utf-8", "discuz-x34-gbk": "gb18030",
          "discuz-x34-20230520": "utf-8", "discuz-x33": "utf-8"}


@dataclass(frozen=True)
class Edition:
    captured: Captured

    @property
    def name(self) -> str:
        return self.captured.directory.name

    @property
    def per_page(self) -> int:
        return self.captured.expected["forum"]["postperpage"]

    @property
    def threads_per_page(self) -> int:
        """Discuz's default 20 unless the capture set it (``topicperpage``)."""
        return self.captured.expected["forum"].get("topicperpage", 20)

    def step(self, name: str) -> dict:
        return next(step for step in self.captured.expected["steps"] if step["step"] == name)

    def signatures(self) -> dict[str, str]:
        """username -> signature (HTML as stored); captures before members were kept: none."""
        members = self.captured.expected["steps"][0].get("members", [])
        return {member["username"]: member["sightml"] for member in members if member["sightml"]}


EDITIONS = [Edition(Captured(FIXTURES / name)) for name in CODECS]


def _pages(prefix: str) -> list[tuple[Edition, dict]]:
    return [(edition, entry) for edition in EDITIONS for entry in edition.captured.entries(prefix)]


def _page_id(value) -> str:
    return value.name if isinstance(value, Edition) else value["file"]


@pytest.mark.parametrize(("edition", "entry"), _pages(""), ids=_page_id)
def test_each_page_is_read_in_its_charset(edition, entry):
    """The crawl's charset decision (header, meta, the bytes) on the bytes as served."""
    body = (edition.captured.directory / entry["file"]).read_bytes()
    declared = [header_charset(entry.get("content_type")), meta_charset(body)]
    reading = read_charset(body, declared)
    assert reading.codec == CODECS[edition.name]
    assert "Discuz!" in body.decode(reading.codec)


@pytest.mark.parametrize(("edition", "entry"), _pages("viewthread-"), ids=_page_id)
def test_every_post_equals_the_tables(edition, entry):
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    view = ENGINE.thread_page(edition.captured.response(entry), posts_per_page=edition.per_page)
    visible = sorted((post for post in edition.step(entry["step"])["posts"]
                      if post["tid"] == view.thread_id and post["visible"]), key=lambda post: post["position"])
    first = (view.page - 1) * edition.per_page
    assert [(post.post_id, post.floor) for post in view.posts] == [
        (row["pid"], floor) for floor, row in enumerate(visible, start=1)][first:first + edition.per_page]
    signatures = edition.signatures()
    for post in view.posts:
        row = next(row for row in visible if row["pid"] == post.post_id)
        assert post.author == row["author"]
        posted, precision = ENGINE.wording.parse_time(post.time_text, post.time_title, fetched_at, ZONE)
        assert (posted, precision) == (datetime.fromtimestamp(row["dateline"], UTC), "second")
        cleaned = clean_post_html(post.body_html, fetched_at=fetched_at, tz=ZONE, image_placeholder=IMAGE,
                                  parse_time=ENGINE.wording.parse_time)
        body, quotes = split_quotes(truth_bbcode(row["message"]))
        if row.get("author_banned"):
            assert (post.author_banned, cleaned.body) == (True, "")
            continue
        assert not post.author_banned
        assert char_f1(body, cleaned.body) >= F1_FLOOR, (cleaned.body, body)
        assert [(quote["author"], quote["posted_at"]) for quote in cleaned.quotes] == [
            (quote.author, datetime.fromtimestamp(quote.epoch, UTC).isoformat()) for quote in quotes]
        for got, quote in zip(cleaned.quotes, quotes):
            # the quote's picture is gone: messagecutstr() left only its text in the quote
            assert char_f1(quote.text.replace(IMAGE, ""), got["text"]) >= F1_FLOOR
            assert not any(line.strip() in cleaned.body for line in quote.text.splitlines() if line.strip())
        edited = EDIT.search(row["message"])
        assert (cleaned.edited_by, cleaned.edited_at) == (
            (edited["editor"], shown_time(edited["time"])) if edited else (None, None))
        assert not ENGINE.wording.edit_notice(cleaned.body)
        signature = signatures.get(post.author)
        if signature:
            shown = Selector(text=f"<div>{signature}</div>").xpath("string()").get()
            assert char_f1(shown, clean_signature_html(post.signature_html) or "") >= F1_FLOOR
            assert shown not in cleaned.body
        else:
            assert post.signature_html is None


@pytest.mark.parametrize(("edition", "entry"), _pages("forumdisplay-"), ids=_page_id)
def test_every_thread_list_row_equals_the_tables(edition, entry):
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    view = ENGINE.forum_page(edition.captured.response(entry))
    step = edition.step(entry["step"])
    starters = {post["tid"]: post["author"] for post in step["posts"] if post["first"]}
    # The last posted first; threads last posted in the same second (X3.4's A and B after the
    # changes) in the order the database gave them: the page's.
    shown = {row.thread_id: place for place, row in enumerate(view.threads)}
    ordered = sorted(step["threads"], key=lambda thread: (-thread["lastpost"], shown.get(thread["tid"], len(shown))))
    size = edition.threads_per_page
    page = ENGINE.classify(SITE + entry["url"]).page
    threads = ordered[(page - 1) * size: page * size]
    assert [(row.thread_id, row.title, row.author, row.replies, row.last_poster) for row in view.threads] == [
        (thread["tid"], thread["subject"], starters[thread["tid"]], thread["replies"], thread["lastposter"])
        for thread in threads]
    for row, thread in zip(view.threads, threads):
        shown, _ = ENGINE.wording.parse_time(row.last_post_text, row.last_post_attr, fetched_at, ZONE)
        assert shown == datetime.fromtimestamp(thread["lastpost"] // 60 * 60, UTC)
    assert (view.forum_id, view.page_count, view.page_timezone) == (2, -(-len(ordered) // size), "UTC+08:00")
    if view.page_count > 1:  # the pager: this page, and the others at URLs of the page's own form
        assert view.pagination.current == page
        assert sorted(view.pagination.page_urls) == [n for n in range(1, view.page_count + 1) if n != page]
        assert {url_form(url) for url in view.pagination.page_urls.values()} == {url_form(SITE + entry["url"])}


@pytest.mark.parametrize(("edition", "entry"), _pages("index-"), ids=_page_id)
def test_the_index_lists_the_forum_by_its_name(edition, entry):
    index = ENGINE.index_page(edition.captured.response(entry))
    listed = next(e for e in edition.captured.entries("forumdisplay-")
                  if (e["mode"], e["step"]) == (entry["mode"], entry["step"]))
    forum = ENGINE.forum_page(edition.captured.response(listed))
    assert [(link.forum_id, link.name) for link in index.forums] == [(forum.forum_id, forum.name)]


def test_the_captures_crawled_whole_hold_a_whole_forum():
    """What the whole-site crawls replay (GBK, Big5, rewritten): the index, the list and every
    thread page; the rewritten capture also the archiver (crawled from ``archiver/``)."""
    for edition in EDITIONS[1:]:
        assert {entry["file"].split("-")[0] for entry in edition.captured.entries()} == {
            "index", "forumdisplay", "viewthread", *(["archiver"] if edition.name == "discuz-x35-rewrite" else [])}


@pytest.mark.parametrize(("edition", "entry"), _pages("archiver-tid"), ids=_page_id)
def test_archiver_thread_pages_hold_the_visible_posts(edition, entry):
    """``postperpage`` posts a page by position (source/archiver/forum/viewthread.php), each
    under its author at its time to the second."""
    view = ENGINE.thread_page(edition.captured.response(entry), archiver=True)
    ref = ENGINE.classify(SITE + entry["url"])
    visible = sorted((post for post in edition.step(entry["step"])["posts"]
                      if post["tid"] == ref.thread_id and post["visible"]), key=lambda post: post["position"])
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    size = edition.per_page
    assert [(post.author, ENGINE.wording.parse_time(post.time_text, post.time_title, fetched_at, ZONE)[0])
            for post in view.posts] == [(row["author"], datetime.fromtimestamp(row["dateline"], UTC))
                                        for row in visible[(ref.page - 1) * size: ref.page * size]]


@pytest.mark.parametrize(("edition", "entry"), _pages("archiver-fid"), ids=_page_id)
def test_archiver_forum_pages_list_the_threads(edition, entry):
    """``topicperpage`` threads a page, the last posted first (source/archiver/forum/forumdisplay.php)."""
    view = ENGINE.forum_page(edition.captured.response(entry), archiver=True)
    ref = ENGINE.classify(SITE + entry["url"])
    ordered = sorted(edition.step(entry["step"])["threads"], key=lambda thread: thread["lastpost"], reverse=True)
    size = edition.threads_per_page
    assert [(row.thread_id, row.title) for row in view.threads] == [
        (thread["tid"], thread["subject"]) for thread in ordered[(ref.page - 1) * size: ref.page * size]]
