"""A Discourse site whose JSON API is refused (a proxy answering 403 or 404 on ``*.json``),
crawled from every URL form a person may paste: the crawl falls back to the HTML Discourse
serves crawlers and reads the same topic whatever the start. The pages are
tests/fixtures/discourse/crawler-*.html (topic 57 of try.discourse.org in the crawler
templates' markup, see the README there), served on loopback at their own paths."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from parsel import Selector
from scrapy.http import TextResponse

from scraper.engines.discourse import ENGINE
from scraper.engines.discourse.crawler_view import preloaded_page_count
from tests.conftest import FAST, run_cli
from tests.exports import export
from tests.saved_pages import SavedPage, SavedPagesServer

FIXTURES = Path(__file__).parent / "fixtures" / "discourse"
SLUG = "this-site-is-a-sandbox-it-is-reset-every-day"
PAGES = {
    "/": "crawler-latest.html", "/latest": "crawler-latest.html", "/categories": "crawler-categories.html",
    "/c/sandbox/13": "crawler-c-13.html", "/c/sandbox/13/l/latest": "crawler-c-13.html",
    "/c/13/l/latest": "crawler-c-13.html", f"/t/{SLUG}/57": "crawler-t-57.html",
    f"/t/{SLUG}/57/2": "crawler-t-57.html",
}
LONG_TOPIC, LONG_POSTS = 4000, 45  # three crawler pages of 20, 20 and 5 posts
REDIRECTS = {"/t/57": f"/t/{SLUG}/57", f"/t/{LONG_TOPIC}": f"/t/long-topic/{LONG_TOPIC}"}  # id-only URL -> slug URL
REFUSED: list[int] = [403]  # the status *.json is answered with, set per test
SERVED_JSON: dict[str, str] = {}  # API answers served after all (path -> saved answer), set per test
DELETED_TOPIC = 99  # listed, but gone in both forms, when a test lists it (LISTS_DELETED)
LISTS_DELETED: list[bool] = [False]


def _listing(name: str) -> bytes:
    """A saved list page; with LISTS_DELETED, topic 57's row again after it as topic 99."""
    html = (FIXTURES / name).read_text(encoding="utf-8")
    if LISTS_DELETED[0] and "topic-list-item" in html:
        start = html.index('<tr class="topic-list-item">')
        end = html.index("</tr>", start) + len("</tr>")
        row = html[start:end].replace(f"/{SLUG}/57", f"/gone/{DELETED_TOPIC}")
        html = html[:end] + "\n" + row + html[end:]
    return html.encode("utf-8")


def _long_topic_page(page: int) -> bytes:
    """Page ``page`` of a topic of LONG_POSTS posts in the crawler layout's markup (as
    crawler-t-57.html), which preloads no page count: only a next link says there is more."""
    floors = range(20 * (page - 1) + 1, min(20 * page, LONG_POSTS) + 1)
    posts = "".join(
        f"<div itemscope itemtype='http://schema.org/DiscussionForumPosting' class='topic-body crawler-post'>"
        f"<div class='crawler-post-meta'><span class=\"creator\" itemprop=\"author\" itemscope>"
        f"<a itemprop=\"url\" href='/u/user{floor}'><span itemprop='name'>user{floor}</span></a></span>"
        f"<span class=\"crawler-post-infos\"><time itemprop='datePublished' datetime='2026-01-01T00:{floor:02d}:00Z'"
        f" class='post-time'>Jan 1, 2026 12:{floor:02d}am</time><span itemprop='position'>#{floor}</span></span></div>"
        f"<div class='post' itemprop='articleBody'><p>post {floor}</p></div></div>\n" for floor in floors)
    more = (f"<div role='navigation' itemscope class=\"topic-body crawler-post\"><span itemprop='name'><b>"
            f"<a rel=\"next\" itemprop=\"url\" href=\"/t/long-topic/{LONG_TOPIC}?page={page + 1}\">next page →</a>"
            f"</b></span></div>") if 20 * page < LONG_POSTS else ""
    return (f'<html><head><meta name="generator" content="Discourse 3.2.0 - https://github.com/discourse/discourse">'
            f'</head><body class="crawler"><div id="main-outlet"><div id="topic-title"><h1>'
            f'<a href="/t/long-topic/{LONG_TOPIC}">A long topic</a></h1></div>{posts}{more}</div></body></html>'
            ).encode("utf-8")


JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"


class ApiRefusedSite(SavedPagesServer):
    def page(self, asked: str) -> SavedPage | None:
        path, query = urlsplit(asked).path, urlsplit(asked).query
        if path in SERVED_JSON:
            return SavedPage((FIXTURES / SERVED_JSON[path]).read_bytes(), JSON)
        if path.endswith(".json"):
            return SavedPage(b'{"errors":["The requested URL or resource could not be found."]}', JSON,
                             status=REFUSED[0])
        if path in REDIRECTS:
            return SavedPage(b"", HTML, status=301, location=REDIRECTS[path] + (f"?{query}" if query else ""))
        if path == f"/t/long-topic/{LONG_TOPIC}":
            return SavedPage(_long_topic_page(int(dict(parse_qsl(query)).get("page", "1"))), HTML)
        return SavedPage(_listing(PAGES[path]), HTML) if path in PAGES else None


@pytest.fixture(scope="module")
def refused_site() -> Iterator[ApiRefusedSite]:
    server = ApiRefusedSite()
    yield server
    server.shutdown()


def requested(site: ApiRefusedSite) -> list[str]:
    """The paths asked of the site, without their queries."""
    return [urlsplit(asked).path for asked in site.asked]


def _response(name: str, url: str) -> TextResponse:
    return TextResponse(url, body=(FIXTURES / name).read_bytes(), encoding="utf-8")


def _to_the_second(iso: str) -> str:
    return datetime.fromisoformat(iso).replace(microsecond=0).isoformat()


TRUTH = json.loads((FIXTURES / "t-57.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("start", "refused"), [
    ("/", 403), ("/latest", 404), ("/c/sandbox/13", 403), ("/c/sandbox/13/l/latest", 404),
    (f"/t/{SLUG}/57", 403), (f"/t/{SLUG}/57/2", 404)])
def test_a_site_refusing_its_json_api_is_read_through_the_crawler_view(refused_site, tmp_path, start, refused):
    REFUSED[0] = refused
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = run_cli("crawl", refused_site.url.rstrip("/") + start, "--db", db_url, "--no-warc", *FAST)
    assert result.returncode == 0, result.stderr
    records = sorted(export(db_url), key=lambda record: record["floor"])
    assert [(r["thread_id"], r["thread_title"], r["floor"], r["author"], r["posted_at"], r["body"]) for r in records] == [
        (57, TRUTH["title"], post["floor"], post["author"], _to_the_second(post["time_utc"]), post["body"])
        for post in TRUTH["posts"]]


def test_a_topic_whose_crawler_pages_announce_one_more_at_a_time_is_read_whole(refused_site, tmp_path):
    """The crawler layout preloads no page count: page 1 says there is a page 2, page 2 a
    page 3. Every page is read, none twice."""
    REFUSED[0] = 403
    refused_site.asked.clear()
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = run_cli("crawl", refused_site.url.rstrip("/") + f"/t/long-topic/{LONG_TOPIC}", "--db", db_url, "--no-warc", *FAST)
    assert result.returncode == 0, result.stderr
    assert [r["floor"] for r in sorted(export(db_url), key=lambda r: r["floor"])] == list(range(1, LONG_POSTS + 1))
    topic_pages = [path for path in requested(refused_site) if path == f"/t/long-topic/{LONG_TOPIC}"]
    assert len(topic_pages) == 4  # the start page, then pages 1 (its own request), 2 and 3


def test_a_topic_gone_in_both_forms_leaves_the_crawl_on_the_json_api(refused_site, tmp_path):
    """Topic 99 is listed but answers 404 as JSON and as HTML (deleted): a gap (the run is
    incomplete), asked in both forms; topic 57, whose JSON is served, is read from it with its
    post ids, never as crawler HTML."""
    REFUSED[0], SERVED_JSON["/t/57.json"], LISTS_DELETED[0] = 404, "t-57.json", True
    refused_site.asked.clear()
    try:
        db_url = f"sqlite:///{tmp_path / 'forum.db'}"
        result = run_cli("crawl", refused_site.url.rstrip("/") + "/c/sandbox/13", "--db", db_url, "--no-warc", *FAST,
                         "-s", "CONCURRENT_REQUESTS=1")
    finally:
        SERVED_JSON.clear()
        LISTS_DELETED[0] = False
    assert result.returncode == 3, result.stderr  # incomplete: topic 99 is a gap
    asked = requested(refused_site)
    assert f"/t/{DELETED_TOPIC}.json" in asked and f"/t/{DELETED_TOPIC}" in asked
    assert "/t/57" not in asked and f"/t/{SLUG}/57" not in asked
    records = sorted(export(db_url), key=lambda record: record["floor"])
    assert [(r["post_id"], r["floor"]) for r in records] == [(p["post_id"], p["floor"]) for p in TRUTH["posts"]]


@pytest.mark.parametrize(("url", "form"), [
    ("https://try.discourse.org/", "index"), ("https://try.discourse.org/latest", "index"),
    ("https://try.discourse.org/c/sandbox/13", "forum"), ("https://try.discourse.org/c/sandbox/13/l/latest", "forum"),
    ("https://try.discourse.org/c/13/l/latest.json", "forum"),
    (f"https://try.discourse.org/t/{SLUG}/57", "post_redirect"), (f"https://try.discourse.org/t/{SLUG}/57/2", "post_redirect"),
    ("https://try.discourse.org/t/57.json", "thread")])
def test_every_url_form_names_one_identity(url, form):
    ref = ENGINE.classify(url)
    assert ref.kind == form
    assert (ref.forum_id, ref.thread_id, ref.page) in ((None, None, 1), (13, None, 1), (None, 57, 1))


def test_api_urls_have_a_crawler_view_and_html_urls_none():
    site = "https://try.discourse.org/"
    assert ENGINE.crawler_view_url(ENGINE.page_url(site, "thread", 57, 2)) == site + "t/57?page=2"
    assert ENGINE.crawler_view_url(ENGINE.page_url(site, "forum", 13, 3)) == site + "c/13/l/latest?page=2"
    assert ENGINE.crawler_view_url(ENGINE.index_url(site)) == site + "categories"
    assert ENGINE.page_url(site, "thread", 57, 2, form="crawler") == site + "t/57?page=2"
    assert ENGINE.crawler_view_url(site + f"t/{SLUG}/57") is None


def test_the_crawler_topic_list_and_category_list_are_read():
    page = ENGINE.forum_page(_response("crawler-c-13.html", "https://try.discourse.org/c/sandbox/13/l/latest?page=1"))
    assert (page.forum_id, page.name, page.page_count, page.pagination.current) == (13, "Sandbox", 2, 2)
    assert [(row.thread_id, row.title, row.replies, row.views) for row in page.threads] == [
        (57, TRUTH["title"], 3, 268)]
    index = ENGINE.index_page(_response("crawler-categories.html", "https://try.discourse.org/categories"))
    assert [(forum.forum_id, forum.name) for forum in index.forums] == [(13, "Sandbox")]


def test_the_real_crawler_topic_page_tells_its_page_count_by_the_json_it_preloads():
    real = Selector(body=(FIXTURES / "t-177814.html").read_bytes(), type="html")
    assert preloaded_page_count(real, 177814) == 2  # 31 posts, 20 a page
    assert preloaded_page_count(Selector(body=(FIXTURES / "crawler-t-57.html").read_bytes(), type="html"), 57) is None
