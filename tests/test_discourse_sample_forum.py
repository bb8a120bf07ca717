"""The sample forum served as Discourse with its JSON API closed to guests
(``engine="discourse-html"``: every ``*.json`` answers 403), crawled end to end through the HTML
Discourse serves crawlers; then the same site with its API open, and closed again: each post is
stored once, whichever form read it. The crawler HTML prints no post ids, only post numbers;
the storage takes a post read there for the one of that topic and number read from the JSON
(Discourse never reuses a post number), and the JSON's id for the one read there first.
SQLite and PostgreSQL, as the other engines' sample crawls (test_engine_sample_crawls)."""

from __future__ import annotations

from forum_harvest.sample_forum import SampleForum, start_server
from forum_harvest.sample_forum.engines import responder
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
