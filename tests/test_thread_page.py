"""``forum-harvest browse`` reads a thread as a thread: the sample forum crawled with
``--media all`` (and a second loopback picture host), served by Datasette on a free loopback
port and read in a real headless Chromium. The pictures come from the local media store,
and no request leaves the Datasette server."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

import db
from db.queries import thread_posts
from forum_harvest.sample_forum import SampleForum, start_server
from forum_harvest.thread_page import Piece, pieces_of
from tests import cli_process
from tests.browser import headless_chromium
from tests.conftest import CLI_WORKDIR, FAST, cli_env, run_cli
from tests.media_host import PICTURES_POST, MediaHost, with_pictures
from tests.postgres import free_port

SITE_TZ = ZoneInfo("Asia/Shanghai")
# Thread 13 has the attached pictures, a quote, an edit notice and signatures; 14 the
# picture host's picture.
THREADS = (13, PICTURES_POST[0])


def test_pictures_stand_where_their_marks_are_and_unstored_ones_keep_their_url() -> None:
    local = {"http://h/a.png": "/-/media/h/aa/a.png"}
    assert pieces_of("one[图片]two[图片]", ["http://h/a.png", "http://h/b.png"], local) == [
        Piece(text="one"), Piece(src="/-/media/h/aa/a.png", original="http://h/a.png"), Piece(text="two"),
        Piece(src="http://h/b.png", original="http://h/b.png")]
    assert pieces_of("[图片]", [], local) == [Piece(text="[图片]")]
    assert pieces_of("text", ["http://h/a.png"], local) == [
        Piece(text="text"), Piece(src="/-/media/h/aa/a.png", original="http://h/a.png")]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Iterator[dict]:
    """The sample forum crawled with --media all; its servers keep running (counting requests)."""
    folder = tmp_path_factory.mktemp("thread-page")
    db_url = f"sqlite:///{folder}/forum.db"
    forum = SampleForum.build()
    with MediaHost() as host:
        server = start_server(with_pictures(forum, [host.url + "same.png"]))
        try:
            result = run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST, "--media", "all",
                             "-s", "ROBOTSTXT_OBEY=False")
            assert result.returncode == 0, result.stderr
            yield {"db_url": db_url, "folder": folder, "forum": forum, "server": server, "host": host}
        finally:
            server.stop()


@pytest.fixture(scope="module")
def browse(crawled) -> Iterator[str]:
    """``forum-harvest browse`` on a free loopback port: its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "forum_harvest", "browse", "--db", crawled["db_url"], "--port", str(port)]
    server = cli_process.start(command, cwd=CLI_WORKDIR, env=cli_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        for line in server.stderr:
            if "Uvicorn running on" in line:
                break
        else:
            pytest.fail(f"browse exited with status {server.wait()}")
        threading.Thread(target=server.stderr.read, daemon=True).start()  # keep its pipe drained
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def thread_rows(db_url: str) -> dict[int, int]:
    """threads.id by thread_id."""
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = dict(conn.execute(sa.text("SELECT thread_id, id FROM threads")).all())
    engine.dispose()
    return rows


def stored_thread(db_url: str, thread_id: int) -> list[dict]:
    engine = db.make_engine(db_url)
    with engine.connect() as conn:
        posts = thread_posts(conn, thread_id)
    engine.dispose()
    return posts


def test_a_thread_reads_in_a_browser_with_its_pictures_from_the_store(crawled, browse) -> None:
    forum, server, host = crawled["forum"], crawled["server"], crawled["host"]
    rows = thread_rows(crawled["db_url"])
    served, asked = len(server.requests), len(host.requests)
    all_stored_links: list[str] = []
    with headless_chromium() as browser:
        browser.get(f"{browse}/forum/threads")
        links = browser.execute_script(
            "return [...document.querySelectorAll('a.fh-thread-link')].map(a => a.getAttribute('href'))")
        assert sorted(links) == sorted(f"/-/thread/{row}" for row in rows.values())
        for thread_id in THREADS:
            browser.get(f"{browse}/-/thread/{rows[thread_id]}")
            shown = browser.execute_script(FLOORS_SHOWN)
            posts = stored_thread(crawled["db_url"], thread_id)
            truth = {post.floor: post for post in forum.thread_posts(thread_id)}
            assert [floor["floor"] for floor in shown] == [post["floor"] for post in posts]
            for floor in shown:
                post = truth[floor["floor"]]
                assert floor["author"] == post.author
                assert floor["time"] == post.posted_at.astimezone(SITE_TZ).strftime(
                    "%Y-%m-%d %H:%M" + (":%S" if post.posted_at_precision == "second" else ""))
            assert sum(floor["quotes"] for floor in shown) == sum(len(post["quotes"] or []) for post in posts)
            assert sum(floor["edited"] for floor in shown) == sum(bool(post["edited_at"]) for post in posts)
            assert sum(floor["signed"] for floor in shown) == sum(bool(post["signature"]) for post in posts)
            pictures = [picture for floor in shown for picture in floor["pictures"]]
            assert len(pictures) == sum(len(post["images"]) for post in posts) > 0
            for picture in pictures:
                assert picture["src"].startswith(f"{browse}/-/media/") and picture["width"] > 0, picture
            stored_links = [link for floor in shown for link in floor["stored_attachments"]]
            assert all(link.startswith(f"{browse}/-/media/") for link in stored_links)
            all_stored_links += stored_links
            loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
            assert loaded and all(url.startswith(browse + "/") for url in loaded), loaded
            screenshot = crawled["folder"] / f"thread-{thread_id}.png"
            browser.save_screenshot(str(screenshot))
            print(f"screenshot of thread {thread_id}: {screenshot}")
        assert all_stored_links  # thread 13's attached picture
    assert (len(server.requests), len(host.requests)) == (served, asked)  # nothing asked of the sites
    assert Path(screenshot).stat().st_size > 0


FLOORS_SHOWN = """
return [...document.querySelectorAll('article.fh-floor')].map(floor => ({
  floor: Number(floor.dataset.floor),
  author: floor.querySelector('.fh-author').textContent,
  time: floor.querySelector('.fh-time').textContent,
  quotes: floor.querySelectorAll('blockquote.fh-quote').length,
  edited: floor.querySelectorAll('.fh-edited').length,
  signed: floor.querySelectorAll('.fh-signature').length,
  pictures: [...floor.querySelectorAll('.fh-body img')].map(img => ({src: img.src, width: img.complete ? img.naturalWidth : 0})),
  stored_attachments: [...floor.querySelectorAll('.fh-attachments a.fh-stored')].map(a => a.href),
}));
"""
