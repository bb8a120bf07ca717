"""End to end: a real Scrapy crawl (subprocess) of the sample forum into SQLite, then export."""

from __future__ import annotations

import json

import pytest

from tests.conftest import copy_sqlite, dump
from tests.exports import crawl, export, iso, lines, truth_lines


def test_crawl_exports_the_ground_truth(crawled):
    forum, server, db_url = crawled.forum, crawled.server, crawled.db_url
    records = export(db_url)
    truth = {(t["thread_id"], t["floor"]): t for t in forum.truth_records(base_url=server.url)}
    got = {(r["thread_id"], r["floor"]): r for r in records}
    assert sorted(got) == sorted(truth)
    assert any(r["images"] for r in records)
    for key, expected in truth.items():
        record = got[key]
        assert record["site"] == server.url
        assert record["author"] == expected["author"], key
        assert record["post_id"] == expected["post_id"], key
        assert record["forum_id"] == expected["forum_id"], key
        assert record["forum_name"] == expected["forum_name"], key
        assert record["thread_title"] == expected["thread_title"], key
        assert record["posted_at"] == iso(expected["posted_at"]), key
        assert record["posted_at_precision"] == expected["posted_at_precision"], key
        assert record["edited_at"] == iso(expected["edited_at"]), key
        assert lines(record["body"]) == lines(expected["body"]), key
        assert record["signature"] == expected["signature"], key
        # Pictures in the text, in order (those listed below the message, div.pattl, are not read).
        assert record["images"] == expected["images"][:record["body"].count("[图片]")], key
        # Attachments in the text and below it; the robot template shows a picture's name only.
        assert [a["name"] for a in record["attachments"]] == [a["name"] for a in expected["attachments"]], key
        files = [(a["size"], a["downloads"], iso(a["uploaded_at"])) for a in expected["attachments"]
                 if not a["name"].endswith((".jpg", ".png"))]
        assert [(a["size"], a["downloads"], a["uploaded_at"]) for a in record["attachments"]
                if not a["name"].endswith((".jpg", ".png"))] == files, key
        assert all(a["url"].startswith(server.url) for a in record["attachments"]), key
        assert (record["author_banned"], record["content_hidden"]) == (
            expected["author_banned"], expected["content_hidden"]), key
        assert [lines(q["text"]) for q in record["quotes"]] == [lines(q["text"]) for q in expected["quotes"]], key
        assert [q["author"] for q in record["quotes"]] == [q["author"] for q in expected["quotes"]], key


def test_crawl_records_a_finished_run(crawled):
    db_url = crawled.db_url
    runs = dump(db_url)["crawl_runs"]
    assert [(run["status"], run["posts_new"], run["posts_changed"]) for run in runs] == [
        ("finished", len(export(db_url)), 0)
    ]
    assert runs[0]["finished_at"] is not None


def test_second_crawl_changes_nothing(crawled, tmp_path):
    copy_url = copy_sqlite(crawled.db_url, tmp_path)
    before = dump(copy_url)
    result = crawl(crawled.server.url + "forum.php", copy_url)
    assert result.returncode == 0, result.stderr
    after = dump(copy_url)
    for table in ("forums", "threads", "posts"):
        assert after[table] == before[table], table
    for site in after["sites"] + before["sites"]:
        site.pop("last_crawled_at")
    assert after["sites"] == before["sites"]
    assert len(after["crawl_runs"]) == len(before["crawl_runs"]) + 1
    assert "0 new posts, 0 changed" in result.stdout


def test_crawl_from_a_thread_url_gets_every_page(sample_site, tmp_path):
    forum, server = sample_site
    thread = max(forum.threads, key=lambda t: t.page_count)
    assert thread.page_count >= 3
    db_url = f"sqlite:///{tmp_path / 'one.db'}"
    url = f"{server.url}forum.php?mod=viewthread&tid={thread.thread_id}&extra=page%3D1&page=2"
    result = crawl(url, db_url)
    assert result.returncode == 0, result.stderr
    floors = sorted(r["floor"] for r in export(db_url))
    expected = sorted(t["floor"] for t in forum.truth_records() if t["thread_id"] == thread.thread_id)
    assert floors == expected


@pytest.fixture
def own_server(sample_site):
    """A server of our own for one test, so its request log holds one crawl only."""
    from forum_harvest.sample_forum import start_server

    forum, _ = sample_site
    servers = []

    def start(**options):
        servers.append(start_server(forum, port=0, **options))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def test_crawl_fetches_each_page_once_and_only_forum_pages(own_server, tmp_path):
    server = own_server()
    result = crawl(server.url + "forum.php", f"sqlite:///{tmp_path / 'f.db'}")
    assert result.returncode == 0, result.stderr
    paths = server.requests
    assert len(paths) == len(set(paths)), sorted(p for p in paths if paths.count(p) > 1)
    for path in paths:
        assert path == "/robots.txt" or path.startswith(("/forum.php?mod=forumdisplay", "/forum.php?mod=viewthread", "/forum.php")), path
        assert "authorid=" not in path and "mod=post" not in path, path


def test_crawl_of_a_gbk_site_matches_the_ground_truth(sample_site, own_server, tmp_path):
    forum, _ = sample_site
    server = own_server(charset="gbk")
    db_url = f"sqlite:///{tmp_path / 'gbk.db'}"
    result = crawl(server.url + "forum.php", db_url)
    assert result.returncode == 0, result.stderr
    got = {(r["thread_id"], r["floor"]): (r["author"], r["thread_title"], lines(r["body"])) for r in export(db_url)}
    truth = {(t["thread_id"], t["floor"]): (t["author"], t["thread_title"], lines(t["body"]))
             for t in forum.truth_records()}
    assert got == truth


def test_crawl_from_an_archiver_thread_url(sample_site, tmp_path):
    forum, server = sample_site
    thread = max(forum.threads, key=lambda t: t.page_count)
    db_url = f"sqlite:///{tmp_path / 'arch.db'}"
    result = crawl(f"{server.url}archiver/?tid-{thread.thread_id}.html", db_url)
    assert result.returncode == 0, result.stderr
    got = {r["floor"]: (r["author"], lines(r["body"])) for r in export(db_url)}
    truth = {t["floor"]: (t["author"], truth_lines(t, archiver=True))
             for t in forum.truth_records() if t["thread_id"] == thread.thread_id}
    assert got == truth


@pytest.mark.parametrize("form, start_path", [
    ("dynamic", "forum.php"),
    ("rewritten", "forum.php"),
    ("archiver", "archiver/"),
])
def test_every_url_form_yields_the_ground_truth(sample_site, own_server, tmp_path, form, start_path):
    """A site whose links are rewritten, or crawled through its archiver only, gives the
    same posts; the crawl stays in its URL form."""
    forum, _ = sample_site
    server = own_server(rewrite_urls=form == "rewritten")
    db_url = f"sqlite:///{tmp_path / 'forms.db'}"
    result = crawl(server.url + start_path, db_url)
    assert result.returncode == 0, result.stderr
    got = {(r["thread_id"], r["floor"]): (r["author"], lines(r["body"])) for r in export(db_url)}
    truth = {(t["thread_id"], t["floor"]): (t["author"], truth_lines(t, archiver=form == "archiver"))
             for t in forum.truth_records()}
    assert got == truth
    pages = [path for path in server.requests if path not in ("/robots.txt", "/" + start_path)]
    prefix = {"dynamic": "/forum.php?mod=", "rewritten": ("/forum-", "/thread-"), "archiver": "/archiver/?"}[form]
    assert all(path.startswith(prefix) for path in pages), pages


def test_gbk_site_without_any_charset_declaration(sample_site, own_server, tmp_path):
    forum, _ = sample_site
    server = own_server(charset="gbk", declare_charset=False)
    db_url = f"sqlite:///{tmp_path / 'undeclared.db'}"
    result = crawl(server.url + "forum.php", db_url)
    assert result.returncode == 0, result.stderr
    got = {(r["thread_id"], r["floor"]): (r["thread_title"], lines(r["body"])) for r in export(db_url)}
    assert got == {(t["thread_id"], t["floor"]): (t["thread_title"], lines(t["body"])) for t in forum.truth_records()}


def test_forums_and_max_threads_limit_the_crawl(sample_site, own_server, tmp_path):
    forum, _ = sample_site
    server = own_server()
    db_url = f"sqlite:///{tmp_path / 'limited.db'}"
    result = crawl(server.url + "forum.php", db_url, "--forums", "3,7")
    assert result.returncode == 0, result.stderr
    assert {r["forum_id"] for r in export(db_url)} == {3, 7}
    assert not [p for p in server.requests if "fid=2" in p or "fid=4" in p or "fid=6" in p]

    capped = f"sqlite:///{tmp_path / 'capped.db'}"
    result = crawl(server.url + "forum.php?mod=forumdisplay&fid=2", capped, "--max-threads", "3")
    assert result.returncode == 0, result.stderr
    assert len({r["thread_id"] for r in export(capped)}) == 3


@pytest.mark.parametrize("option, value, complaint", [
    ("--forums", "2,x", "forums='2,x'"),
    ("--max-threads", "0", "max_threads='0'"),
    ("--tz", "Mars/Olympus", "tz='Mars/Olympus'"),
])
def test_bad_spider_arguments_are_one_line_errors(sample_site, tmp_path, option, value, complaint):
    _, server = sample_site
    result = crawl(server.url + "forum.php", f"sqlite:///{tmp_path / 'x.db'}", option, value)
    assert result.returncode != 0
    lines_out = result.stderr.strip().splitlines()
    assert len(lines_out) == 1 and lines_out[0].startswith(f"Error: {complaint}"), result.stderr
    assert not (tmp_path / "x.db").exists()


def test_pages_guests_may_not_read_are_recorded_without_text(crawled):
    """A thread with a read permission becomes a ``forbidden`` thread row with no posts; a
    members-only forum is listed but its (unreadable) thread list gives no threads."""
    forum = crawled.forum
    forbidden = [t.thread_id for t in forum.threads if not t.readable]
    tables = dump(crawled.db_url)
    status = {t["thread_id"]: t["status"] for t in tables["threads"]}
    assert forbidden and all(status[tid] == "forbidden" for tid in forbidden)
    assert not [p for p in tables["posts"] if p["thread_id"] in forbidden]
    members_only = [f.forum_id for f in forum.forums if f.members_only]
    assert members_only and {f["forum_id"] for f in tables["forums"]} >= set(members_only)
    assert not [t for t in tables["threads"] if t["forum_id"] in members_only]
    run_stats = json.loads(tables["crawl_runs"][0]["stats"])
    assert run_stats["forum_harvest/threads/forbidden"] == len(forbidden)
    assert run_stats["forum_harvest/forums/login_required"] == len(members_only)


def test_crawl_from_a_portal_page_finds_the_forum_index(sample_site, own_server, tmp_path):
    """Many sites serve portal.php at their root: the crawl goes on from forum.php."""
    forum, _ = sample_site
    server = own_server()
    db_url = f"sqlite:///{tmp_path / 'portal.db'}"
    result = crawl(server.url + "portal.php", db_url)
    assert result.returncode == 0, result.stderr
    assert len(export(db_url)) == len(forum.truth_records())
