"""A real phpBB on loopback, read with the phpBB engine alone: ``make real-phpbb-test``
(needs PHPBB_SOURCE, a phpBB 3.1+ tree with its ``vendor/``, and PHP's sqlite3 module).

The board is installed by its own CLI installer (3.1: its web installer), seeded through its front end
(``tests/real_phpbb``), walked as a guest with our default User-Agent (``walk``), and every
post read is compared with ``phpbb_posts``. Then ``forum-harvest crawl`` with default settings
stores the board; after a reply, an edit and a moderator's soft delete made through the front
end, an incremental crawl and a ``--full`` one follow the board by post id. Without PHPBB_SOURCE this module is one skip line;
``tests/test_phpbb_pages.py`` checks the same readers on pages captured from such a board.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

if not os.environ.get("PHPBB_SOURCE"):
    pytest.skip("real phpBB harness: PHPBB_SOURCE is not set (make real-phpbb-test "
                "PHPBB_SOURCE=/path/to/phpBB)", allow_module_level=True)

pytestmark = pytest.mark.real_phpbb


@pytest.fixture(scope="module")
def board():
    from tests.real_phpbb.scenario import running_board
    from tests.real_phpbb.walk import walk

    with running_board(Path(os.environ["PHPBB_SOURCE"])) as running:
        yield running, walk(running.base_url)


def test_every_visible_post_is_read_once(board):
    running, walked = board
    visible = sorted(post["post_id"] for post in running.truth["posts"] if post["post_visibility"] == 1)
    assert sorted(post.post_id for _, post in walked.posts) == visible


def test_posts_match_the_tables(board):
    from pipeline.clean import clean_post_html
    from scraper.engines.phpbb import ENGINE
    from tests.real_phpbb.forum_truth import IMAGE, plain_text

    running, walked = board
    truth = {post["post_id"]: post for post in running.truth["posts"]}
    for topic_id, post in walked.posts:
        row = truth[post.post_id]
        assert (topic_id, post.author) == (row["topic_id"], row["author"])
        if post.time_title:  # <time datetime>, 3.2.9+
            assert datetime.fromisoformat(post.time_title).timestamp() == row["post_time"]
        else:  # the text after "»", to the minute
            moment, _ = ENGINE.wording.parse_time(post.time_text, None, datetime.now(UTC), "UTC")
            assert 0 <= row["post_time"] - moment.timestamp() < 60, post.post_id
        body = clean_post_html(post.body_html, fetched_at=datetime.now(UTC), tz="UTC", image_placeholder=IMAGE).body
        assert " ".join(body.split()) == plain_text(row["post_text"]), post.post_id
        assert (post.edit_notice is not None) == bool(row["post_edit_count"])


def test_topic_rows_match_the_tables(board):
    running, walked = board
    topics = {topic["topic_id"]: topic for topic in running.truth["topics"]}
    assert sorted(walked.rows) == sorted(topics)
    for thread_id, row in walked.rows.items():
        assert row.replies == topics[thread_id]["topic_posts_approved"] - 1
        assert row.author == topics[thread_id]["topic_first_poster_name"]


def test_every_url_asked_for_is_canonical_and_asked_once(board):
    _, walked = board
    assert len(walked.urls) == len(set(walked.urls))
    assert not [url for url in walked.urls if "sid=" in url]


def _current(truth: dict) -> list[tuple]:
    """(post id, topic id, author) of every post a guest sees."""
    return sorted((p["post_id"], p["topic_id"], p["author"]) for p in truth["posts"] if p["post_visibility"] == 1)


def _stored(db_url: str) -> list[tuple]:
    from tests.exports import export

    return sorted((r["post_id"], r["thread_id"], r["author"]) for r in export(db_url))


def _crawl(base_url: str, db_url: str, *extra: str) -> None:
    from tests.conftest import FAST, run_cli

    result = run_cli("crawl", base_url + "/index.php", "--db", db_url, "--no-warc", *FAST, *extra)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_crawls_follow_the_board_through_a_reply_an_edit_and_a_delete(board, tmp_path):
    from tests.exports import export
    from tests.real_phpbb.forum_truth import plain_text, truth
    from tests.real_phpbb.front_end import Member
    from tests.real_phpbb.install import ADMIN, FORUM_ID, MEMBERS

    running, _ = board
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    _crawl(running.base_url, db_url)
    assert _stored(db_url) == _current(running.truth)

    roles, long = running.seeded.posts, running.seeded.topics["long"]
    admin = Member(running.base_url, ADMIN[0], ADMIN[1], FORUM_ID)
    alice = Member(running.base_url, MEMBERS[0][0], MEMBERS[0][1], FORUM_ID)
    for member in (admin, alice):
        member.login()
    reply = alice.reply(long, "A reply after the first crawl.")
    alice.edit(roles["utf8"], "Grüße aus Köln — edited after the first crawl.")
    admin.soft_delete(roles["code"], "removed after the first crawl")
    after = truth(running.database)

    _crawl(running.base_url, db_url)  # incremental: the list shows the topic changed
    stored = _stored(db_url)
    assert (reply.post_id, long, "alice") in stored and roles["code"] not in {post_id for post_id, *_ in stored}
    assert stored == _current(after)

    _crawl(running.base_url, db_url, "--full")
    records = {record["post_id"]: record for record in export(db_url)}
    assert sorted(records) == [post_id for post_id, *_ in _current(after)]
    edited = next(p for p in after["posts"] if p["post_id"] == roles["utf8"])
    assert " ".join(records[roles["utf8"]]["body"].split()) == plain_text(edited["post_text"])


def test_a_link_forum_is_a_link_out_and_the_crawl_of_the_board_ends_complete(board, tmp_path):
    """A link forum made in the ACP (``FORUM_LINK``, clicks counted, to another site): the index
    links it ``viewforum.php?f=N``, which only counts the click and redirects there. The index
    reader gives it as a link out, no board; a crawl of the board never asks it, ends with exit 0
    and stores every post a guest sees."""
    import sqlite3

    import requests
    from scrapy.http import HtmlResponse

    from scraper.engines.phpbb import ENGINE
    from tests.real_phpbb.acp import AdminPanel
    from tests.real_phpbb.forum_truth import truth
    from tests.real_phpbb.front_end import Member
    from tests.real_phpbb.install import ADMIN, FORUM_ID

    running, _ = board
    admin = Member(running.base_url, ADMIN[0], ADMIN[1], FORUM_ID)
    admin.login()
    panel = AdminPanel(admin)
    panel.login()
    panel.add_link_forum(1, "Elsewhere", "http://example.test/elsewhere", permissions_from=FORUM_ID)
    with sqlite3.connect(running.database) as connection:
        (link_id,) = connection.execute("SELECT forum_id FROM phpbb_forums WHERE forum_type = 2").fetchone()

    index = requests.get(running.base_url + "/index.php", timeout=30)
    view = ENGINE.index_page(HtmlResponse(index.url, body=index.content, encoding="utf-8"))
    assert [link.forum_id for link in view.links_out] == [link_id]
    assert link_id not in [forum.forum_id for forum in view.forums]
    answer = requests.get(f"{running.base_url}/viewforum.php?f={link_id}", allow_redirects=False, timeout=30)
    assert (answer.status_code, answer.headers["Location"]) == (302, "http://example.test/elsewhere")

    log = running.database.parent.parent / "php-server.log"
    before = log.read_text(errors="replace")
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    _crawl(running.base_url, db_url)  # exit 0: complete
    assert _stored(db_url) == _current(truth(running.database))
    asked = log.read_text(errors="replace")[len(before):]
    assert "/index.php" in asked and f"viewforum.php?f={link_id}" not in asked
