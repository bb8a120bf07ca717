"""The sample forum served as Discourse with its JSON API closed to guests
(``engine="discourse-html"``: every ``*.json`` answers 403), crawled end to end through the HTML
Discourse serves crawlers; then the same site with its API open, and closed again: each post is
stored once, whichever form read it. The crawler HTML prints no post ids, only post numbers;
the storage takes a post read there for the one of that topic and number read from the JSON
(Discourse never reuses a post number), and the JSON's id for the one read there first.
SQLite and PostgreSQL, as the other engines' sample crawls (test_engine_sample_crawls). Page by
page, without HTTP: the JSON and the crawler HTML of a topic give the same posts, and a topic
gone or closed to guests is Discourse's message in either form."""

from __future__ import annotations

import pytest
from scrapy.http import TextResponse

from forum_harvest.sample_forum import SampleForum, start_server
from forum_harvest.sample_forum.discourse.site import POSTS_PER_PAGE
from forum_harvest.sample_forum.engines import responder
from forum_harvest.sample_forum.layout import View
from scraper.engines.discourse import ENGINE
from scraper.engines.views import ThreadPageView
from tests.conftest import dump
from tests.exports import Shows, crawl, differences, expected, export, summary
from tests.test_engine_sample_crawls import db_url, wrong  # noqa: F401 (the fixture)

__all__ = ["db_url"]


def test_a_site_read_through_its_crawler_html_then_its_api_stores_each_post_once(db_url):
    forum = SampleForum.build()
    server = start_server(forum, engine="discourse-html")
    try:
        by_html = crawl(server.url, db_url)
        html_requests, html_records = list(server.requests), export(db_url)
        server.respond = responder("discourse")
        by_api = crawl(server.url, db_url, "--full")
        server.respond = responder("discourse-html")
        by_html_again = crawl(server.url, db_url, "--full")
    finally:
        server.stop()
    for result in (by_html, by_api, by_html_again):
        assert result.returncode == 0 and "(finished)" in result.stdout, result.stderr
    wanted = expected(forum, server.url, Shows(engine="discourse"))
    without_ids = {key: fields | {"post_id": None} for key, fields in wanted.items()}
    assert summary(differences(html_records, without_ids), len(wanted)) == ""
    assert [path for path in html_requests if path.endswith(".json")] == ["/categories.json"]
    assert f"{len(wanted)} new posts, 0 changed" in by_html.stdout
    # The API's posts are the ones stored: they take their ids, nothing new; the HTML again changes nothing.
    assert "0 new posts, 0 changed" in by_api.stdout and "0 new posts, 0 changed" in by_html_again.stdout
    assert wrong(forum, server.url, db_url, "discourse") == ""
    assert len(dump(db_url)["posts"]) == len(wanted)


FORUM = SampleForum.build()
BASE = "http://127.0.0.1:9/"
CLOSED = next(thread.thread_id for thread in FORUM.threads if not thread.readable)


def read(target: str, engine: str = "discourse") -> ThreadPageView:
    """The topic page ``target`` as the sample serves it, read by the Discourse reader."""
    answer = responder(engine)(View(FORUM, BASE, FORUM.now), target)
    return ENGINE.thread_page(TextResponse(BASE + target.lstrip("/"), status=answer.status, encoding="utf-8",
                                           body=answer.body.encode("utf-8")))


def shown(page: ThreadPageView) -> list[tuple]:
    return [(post.floor, post.author, post.time_title[:19], post.edit_notice and post.edit_notice[:32],
             " ".join(post.body_html.split())) for post in page.posts]


@pytest.mark.parametrize("thread_id", [13, 14, 23, 36])  # two pages, a quote and an edit, uploads
def test_the_json_and_the_crawler_html_of_a_topic_give_the_same_posts(thread_id):
    pages = -(-len(FORUM.thread_posts(thread_id)) // POSTS_PER_PAGE)
    for page in range(1, pages + 1):
        query = f"?page={page}" if page > 1 else ""
        by_json, by_html = read(f"/t/{thread_id}.json{query}"), read(f"/t/topic/{thread_id}{query}")
        assert shown(by_json) == shown(by_html) and by_json.posts
        assert [post.post_id for post in by_html.posts] == [None] * len(by_html.posts)
        assert (by_html.page, by_html.page_count) == (page, min(page + 1, pages))  # one more while rel=next says so


@pytest.mark.parametrize(("target", "kind"), [
    (f"/t/{CLOSED}.json", "forbidden"), (f"/t/topic/{CLOSED}", "forbidden"), ("/t/999.json", "deleted"),
    ("/t/topic/999", "deleted"), ("/t/13.json?page=9", "deleted")])
def test_a_topic_gone_or_closed_to_guests_is_the_engine_s_message(target, kind):
    page = read(target)
    assert (page.posts, page.message_kind) == ([], kind) and page.message
