"""WARC capture, reparse and import: real crawls of the sample forum (subprocesses), real
WARC files checked by warcio's own CLI, replays with the sample forum stopped."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from forum_harvest.export_formats import EXPORT_FIELDS
from forum_harvest.sample_forum import start_server
from forum_harvest.site_profile import profile_settings
from forum_harvest.config import SiteConfig
from scraper.engines.discuz import ENGINE as DISCUZ
from scraper.warc_archive import WarcArchive
from tests.conftest import FAST, crawl_killed_after, dump, run_cli

WARCIO = str(Path(sys.executable).parent / "warcio")
# What a post is, whichever way it was read; fetched_at and url say when and how.
CONTENT = ("thread_id", "floor", "post_id", "author", "author_banned", "content_hidden", "body", "quotes",
           "images", "signature", "posted_at", "posted_at_precision", "edited_at", "edited_by")


def crawl(url: str, db_url: str, *extra: str) -> None:
    result = run_cli("crawl", url, "--db", db_url, *FAST, *extra)
    assert result.returncode == 0, result.stderr


def posts(db_url: str) -> dict[tuple[int, int], dict]:
    return {(p["thread_id"], p["floor"]): {k: p[k] for k in CONTENT} for p in dump(db_url)["posts"]}


def warc_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("warc/*/*.warc.gz"))


def test_crawl_writes_rotating_warc_that_warcio_accepts_and_posts_point_at_their_record(sample_site, tmp_path):
    _, server = sample_site
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    crawl(server.url + "forum.php", db_url, "-s", "WARC_MAX_FILE_SIZE=100000")
    files = warc_files(tmp_path)
    assert len(files) > 1 and {path.parent.name for path in files} == {
        server.url.removeprefix("http://").strip("/").replace(":", "_")}
    check = subprocess.run([WARCIO, "check", "-v", *map(str, files)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    records = []
    for path in files:
        with open(path, "rb") as handle:
            kinds = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(handle)]
        assert kinds[0][0] == "warcinfo" and path.stat().st_size < 100_000 + 60_000  # rotated past the limit
        records += kinds
    assert {kind for kind, _ in records} == {"warcinfo", "request", "response"}
    assert ("response", server.url + "robots.txt") in records
    stored = dump(db_url)["posts"]
    assert stored and {post["warc_file"] for post in stored} <= set(map(str, files))
    archive = WarcArchive.scan(files, DISCUZ.canonicalize)
    for post in stored:
        capture = archive.find(post["url"])
        assert (capture.path, capture.offset) == (post["warc_file"], post["warc_offset"])
        assert f"pid{post['post_id']}".encode() in WarcArchive.read(capture).body


def test_reparse_brings_the_database_to_what_a_fresh_crawl_gives_offline(sample_site, tmp_path):
    forum, _ = sample_site
    server = start_server(forum)
    for folder in ("reparsed", "fresh"):
        (tmp_path / folder).mkdir()
    reparsed_url, fresh_url = (f"sqlite:///{tmp_path / name / 'forum.db'}" for name in ("reparsed", "fresh"))
    try:
        crawl(server.url + "forum.php", reparsed_url, "-s", "FORUM_SITE_NAME_MODE=off")
        # A later crawl of one thread: reparse still starts from the whole-site crawl's page.
        crawl(server.url + "forum.php?mod=viewthread&tid=13", reparsed_url, "-s", "FORUM_SITE_NAME_MODE=off")
        crawl(server.url + "forum.php", fresh_url)
    finally:
        server.stop()
    before, fresh = posts(reparsed_url), posts(fresh_url)
    assert sorted(before) == sorted(fresh) and before != fresh  # the cleaning option mattered

    result = run_cli("reparse", "--db", reparsed_url)
    assert result.returncode == 0, result.stderr
    changed = sum(before[key] != fresh[key] for key in fresh)
    assert f"0 new posts, {changed} changed, 0 errors" in " ".join(result.stdout.split())
    assert posts(reparsed_url) == fresh
    revisions = dump(reparsed_url)["post_revisions"]
    assert sorted((r["thread_id"], r["floor"], r["body"]) for r in revisions) == sorted(
        (*key, before[key]["body"]) for key in fresh if before[key]["body"] != fresh[key]["body"])

    again = run_cli("reparse", "--db", reparsed_url, "--site", server.url)
    assert again.returncode == 0, again.stderr
    assert "0 new posts, 0 changed" in " ".join(again.stdout.split())
    future = run_cli("reparse", "--db", reparsed_url, "--since", "2999-01-01", "-s", "FORUM_SITE_NAME_MODE=off")
    assert "0 new posts, 0 changed" in " ".join(future.stdout.split())  # no page captured since
    assert posts(reparsed_url) == fresh


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed (.ci/run installs it)")
def test_a_wget_warc_of_the_sample_forum_imports_to_the_same_records(crawled, tmp_path):
    # Only what a reader of the forum would follow: no reply forms, profiles or redirects.
    skipped = r"mod=(post|redirect|spacecp|misc|attachment|guide)|home\.php|authorid=|mobile|archiver"
    made = subprocess.run(
        ["wget", "--quiet", "--recursive", "--level=inf", "--delete-after", "--reject-regex", skipped,
         f"--warc-file={tmp_path / 'sample'}", crawled.server.url + "forum.php"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert (tmp_path / "sample.warc.gz").is_file(), made.stderr
    db_url = f"sqlite:///{tmp_path / 'imported.db'}"
    result = run_cli("warc", "import", str(tmp_path / "sample.warc.gz"), "--db", db_url)
    assert result.returncode == 0, result.stderr
    assert posts(db_url) == posts(crawled.db_url)
    assert all(post["warc_file"] == str(tmp_path / "sample.warc.gz") for post in dump(db_url)["posts"])


def test_import_of_a_file_that_is_not_warc_is_one_line(tmp_path):
    bogus = tmp_path / "notes.warc.gz"
    bogus.write_bytes(gzip.compress(b"just some text\n"))
    db_url = f"sqlite:///{tmp_path / 'none.db'}"
    result = run_cli("warc", "import", str(bogus), "--db", db_url)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {bogus}: not a WARC file") and "Traceback" not in result.stderr
    assert not (tmp_path / "none.db").exists()
    nothing = run_cli("reparse", "--db", db_url)
    assert nothing.returncode == 1 and "no WARC files of any site" in nothing.stderr


def test_crawl_without_warc_still_works(sample_site, tmp_path):
    _, server = sample_site
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    crawl(server.url + "forum.php?mod=forumdisplay&fid=2", db_url, "--no-warc")
    stored = dump(db_url)["posts"]
    assert stored and all(post["warc_file"] is None for post in stored)
    assert not (tmp_path / "warc").exists()
    assert profile_settings(SiteConfig(url=server.url, warc=False))["WARC_ENABLED"] is False


def test_a_killed_crawl_leaves_whole_warc_records(sample_site, tmp_path):
    forum, _ = sample_site
    server = start_server(forum)

    def thread_pages_kept() -> int:
        return sum("viewthread" in url for url in WarcArchive.scan(warc_files(tmp_path), DISCUZ.canonicalize).captures)

    try:  # killed once the 15 thread pages the server answered are in the WARC
        crawl_killed_after(server, 15, f"sqlite:///{tmp_path / 'killed.db'}", ready=lambda: thread_pages_kept() >= 15)
    finally:
        server.stop()
    files = warc_files(tmp_path)
    check = subprocess.run([WARCIO, "check", *map(str, files)], capture_output=True, text=True)
    assert files and check.returncode == 0, check.stdout + check.stderr
    assert thread_pages_kept() == 15


def test_a_warc_file_cut_mid_record_reads_up_to_its_last_whole_record(crawled, tmp_path):
    source = warc_files(Path(crawled.db_url.removeprefix("sqlite:///")).parent)[0]
    with open(source, "rb") as handle:
        iterator = ArchiveIterator(handle)
        offsets = [(iterator.get_record_offset(), record.rec_type) for record in iterator]
    last_response = max(i for i, (_, kind) in enumerate(offsets) if kind == "response")
    start, end = offsets[last_response][0], offsets[last_response + 1][0]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(source.read_bytes()[: (start + end) // 2])
    whole, survived = WarcArchive.scan([source], DISCUZ.canonicalize).captures, WarcArchive.scan([cut], DISCUZ.canonicalize).captures
    assert len(survived) == len(whole) - 1
    assert all(capture.offset < start for capture in survived.values())


def test_parquet_export_round_trips_through_duckdb(crawled, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "posts.parquet"
    result = run_cli("export", "--db", crawled.db_url, "--format", "parquet", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert not Path(f"{out}.part").exists()
    jsonl = run_cli("export", "--db", crawled.db_url, "--format", "jsonl")
    expected = [json.loads(line) for line in jsonl.stdout.splitlines()]
    connection = duckdb.connect()
    types = dict(connection.execute(f"DESCRIBE SELECT * FROM '{out}'").fetchall()[i][:2] for i in range(len(EXPORT_FIELDS)))
    assert types["posted_at"] == "TIMESTAMP WITH TIME ZONE" and types["images"] == "VARCHAR[]"
    assert types["thread_id"] == "BIGINT" and types["quotes"].endswith("[]")
    connection.execute("SET TimeZone = 'UTC'")
    cursor = connection.execute(f"SELECT * FROM '{out}' ORDER BY site, thread_id, floor")
    names = [column[0] for column in cursor.description]
    got = [dict(zip(names, row)) for row in cursor.fetchall()]
    assert names == list(EXPORT_FIELDS) and len(got) == len(expected)
    for read, record in zip(got, expected):
        for name in ("posted_at", "edited_at", "fetched_at"):
            read[name] = read[name].isoformat() if read[name] is not None else None
        read["quotes"] = [{**q, "posted_at": q["posted_at"].isoformat() if q["posted_at"] else None}
                          for q in read["quotes"]]
        read["attachments"] = [{**a, "uploaded_at": a["uploaded_at"].isoformat() if a["uploaded_at"] else None}
                               for a in read["attachments"]]
        assert read == record


def test_parquet_export_needs_a_file(crawled):
    result = run_cli("export", "--db", crawled.db_url, "--format", "parquet")
    assert result.returncode == 2 and "--out FILE" in result.stderr


def test_posts_wait_for_their_record_and_a_failed_write_fails_the_page():
    """Records are written by a writer thread: a post gets its record's location once written;
    a write that failed raises where the page's output is read (GapMiddleware makes it a gap)."""
    from concurrent.futures import Future
    from datetime import UTC, datetime

    from scrapy.http import HtmlResponse, Request

    from scraper.items import PostItem, ThreadItem, ThreadPageItem
    from scraper.warc_capture import RECORD_META
    from scraper.warc_source import WarcSourceMiddleware

    def page_output(record: Future) -> list:
        request = Request("http://h/thread-1-1-1.html", meta={RECORD_META: record})
        response = HtmlResponse(request.url, body=b"<html></html>", request=request)
        post = PostItem(site="http://h/", thread_id=1, floor=1, url=request.url, fetched_at=datetime.now(UTC))
        item = ThreadPageItem(ThreadItem(site="http://h/", thread_id=1, title="t"), [post])
        return list(WarcSourceMiddleware(since=None).process_spider_output(response, [item]))

    written: Future = Future()
    written.set_result(("/w/a.warc.gz", 1234))
    [item] = page_output(written)
    assert (item.posts[0].warc_file, item.posts[0].warc_offset) == ("/w/a.warc.gz", 1234)
    failed: Future = Future()
    failed.set_exception(OSError("No space left on device"))
    with pytest.raises(OSError, match="No space left"):
        page_output(failed)
