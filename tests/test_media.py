"""Pictures and attachments downloaded by the crawl (``--media``): real crawls of the sample
forum on loopback, with a second loopback picture host, into SQLite; the answer rules and
the content-addressed store on their own."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import db
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from forum_harvest.cli import main
from forum_harvest.sample_forum import SampleForum, start_server
from forum_harvest.sample_forum.look import SKINS
from forum_harvest.sample_forum.media import LOGO_PATH, attachment_bytes
from db.media import ROBOTS_REASON
from pipeline.media_answer import media_answer
from pipeline.media_files import PART_SUFFIX, remove_partial_files, store_file
from pipeline.run_verdict import run_errors, run_verdict
from tests import cli_process
from tests.conftest import FAST, REPO, run_cli
from tests.media_host import PICTURES_POST, SLOW_BYTES, MediaHost, host_file, with_pictures
from tests.postgres import new_database

ALLOWED = ["image/*", "application/octet-stream"]
# Between the sample's attached PNG (437 KB) and its attached JPEG (775 KB).
CAP = 600_000

def media_rows(db_url: str) -> dict[str, dict]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = {row["url"]: dict(row) for row in conn.execute(sa.text("SELECT * FROM media")).mappings()}
    engine.dispose()
    return rows


def query(db_url: str, sql: str) -> list[tuple]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(sa.text(sql))]
    engine.dispose()
    return rows


def open_gaps(db_url: str) -> list[tuple[str, str]]:
    return query(db_url, "SELECT kind, url FROM crawl_gaps")


def last_run_media_stats(db_url: str) -> dict[str, int]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        stats = conn.execute(sa.text("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1")).scalar_one()
    engine.dispose()
    found = json.loads(stats) if isinstance(stats, str) else stats
    return {name.removeprefix("forum_harvest/media/"): value for name, value in found.items()
            if name.startswith("forum_harvest/media/")}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_answers_that_are_not_files() -> None:
    login = b"<html><head><title>\xe6\x8f\x90\xe7\xa4\xba\xe4\xbf\xa1\xe6\x81\xaf</title></head><body>x</body></html>"
    assert media_answer(200, "http://h/forum.php?mod=attachment&aid=2", "text/html; charset=utf-8", login, ALLOWED,
                        CAP, message="您需要先登录才能继续本操作").status == "login_required"
    assert media_answer(200, "http://h/a", "text/html", login, ALLOWED, CAP,
                        message="抱歉，您所在的用户组无法下载此附件").status == "not_allowed"
    assert media_answer(200, "http://h/member.php?mod=logging&action=login", "text/html", b"", ALLOWED,
                        CAP).status == "login_required"
    assert media_answer(200, "http://h/a.exe", "application/x-msdownload", b"MZ", ALLOWED, CAP).status == "not_allowed"
    assert media_answer(200, "http://h/a.png", "image/png", b"x" * (CAP + 1), ALLOWED, CAP).status == "too_large"
    assert media_answer(503, "http://h/a.png", "image/png", b"", ALLOWED, CAP).status == "failed"
    assert media_answer(200, "http://h/a.png", "image/png", b"png", ALLOWED, CAP).status == "stored"


def test_a_missing_file_is_failed_gone_and_forbidden_are_final() -> None:
    """A 404 (or an empty file) is ``failed``: a gap the next crawl asks again; 410 is final;
    a 403 is ``not_allowed`` unless its page asks to log in (XenForo's guest answer)."""
    def status_of(status: int, body: bytes = b"x", content_type: str = "image/png", message: str | None = None) -> str:
        return media_answer(status, "http://h/a.png", content_type, body, ALLOWED, CAP, message).status

    assert [status_of(404), status_of(404, b"<h1>Not Found</h1>", "text/html"), status_of(200, b"")] == ["failed"] * 3
    assert [status_of(410), status_of(403, b"Forbidden", "text/plain")] == ["not_allowed"] * 2
    assert status_of(403, b"<title>Information</title>", "text/html",
                     "You are not authorised to download this attachment.") == "not_allowed"
    login_form = b"<title>Log in | Forum</title><form><input type='password' name='password'></form>"
    assert status_of(403, login_form, "text/html") == "login_required"
    assert status_of(403, login_form, "text/html", "You must be logged-in to do that.") == "login_required"
    assert status_of(200, b"<title>Forum</title>", "text/html",
                     "You are not logged in or you do not have permission to access this page.") == "login_required"


def test_a_run_counts_failed_media_files_apart_from_pages() -> None:
    """A failed file makes the run ``incomplete`` like a failed page, but hides no post."""
    assert run_verdict("finished", {"media": 1}, {}, 0) == (
        "incomplete", "1 media file failed: forum-harvest runs --gaps")
    assert run_verdict("finished", {"thread": 1, "media": 2}, {}, 0) == (
        "incomplete", "1 page failed (1 thread), ~10 posts may be missing, 2 media files failed: forum-harvest runs --gaps")
    assert run_errors({}, {"thread": 1, "media": 2}) == 3


def test_the_store_keeps_identical_bytes_once_and_leaves_no_part_file(tmp_path: Path) -> None:
    first = store_file(tmp_path, "http://bbs.example.com/", b"picture", "png")
    again = store_file(tmp_path, "http://bbs.example.com/", b"picture", "jpg")
    assert first == again and first.path == f"bbs.example.com/{sha(b'picture')[:2]}/{sha(b'picture')}.png"
    assert (tmp_path / first.path).read_bytes() == b"picture"
    left = tmp_path / "bbs.example.com" / "ab" / ("ab" * 32 + ".png" + PART_SUFFIX)
    left.parent.mkdir()
    left.write_bytes(b"half")
    assert remove_partial_files(tmp_path, "http://bbs.example.com/") == 1
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(["bbs.example.com", first.path.split("/")[1],
                                                                  Path(first.path).name, "ab"])


def test_media_all_stores_files_records_every_answer_and_retries_a_failed_one(tmp_path: Path) -> None:
    """First crawl obeying Discuz's robots.txt (which forbids its own /data/, /static/ and
    attachment links) with one picture failing; the second not obeying it, the picture back."""
    db_url = f"sqlite:///{tmp_path}/forum.db"
    with MediaHost() as host:
        forum = with_pictures(SampleForum.build(), [host.url + name for name in ("same.png", "flaky.jpg", "page.html")])
        server = start_server(forum)
        crawl = ("crawl", server.url + "forum.php", "--db", db_url, *FAST, "--media", "all",
                 "-s", f"FORUM_MEDIA_MAX_BYTES={CAP}")
        try:
            first = run_cli(*crawl)
            assert first.returncode == 3, first.stderr  # incomplete: one file failed
            assert "incomplete: 1 media file failed: forum-harvest runs --gaps" in first.stderr
            before, gaps = media_rows(db_url), open_gaps(db_url)
            assert [(site["failed"], site["stored"], site["not_allowed"]) for site in media_stats_of(db_url)] == [
                (1, 1, 1 + len([url for url in before if url.startswith(server.url)]))]
            assert not [path for path in server.requests if "attachment" in path or "static/" in path]
            host.flaky = False
            served_before = len(server.requests)
            second = run_cli(*crawl, "-s", "ROBOTSTXT_OBEY=False")
            assert second.returncode == 0, second.stderr
            files_asked = [path for path in server.requests[served_before:] if "attachment" in path or "static/" in path]
        finally:
            server.stop()
        host_requests = list(host.requests)

    def statuses(rows: dict[str, dict]) -> dict[str, str]:
        return {url.removeprefix(server.url).removeprefix(host.url): row["status"] for url, row in rows.items()}

    jpg, docx, png = forum.attachments()
    assert statuses({url: row for url, row in before.items() if url.startswith(host.url)}) == {
        "same.png": "stored", "flaky.jpg": "failed", "page.html": "not_allowed"}
    assert {before[url]["reason"] for url in before if url.startswith(server.url)} == {ROBOTS_REASON}
    assert gaps == [("media", host.url + "flaky.jpg")]
    rows = media_rows(db_url)
    after = statuses(rows)
    assert after[LOGO_PATH] == after["same.png"] == after[png.path] == after["flaky.jpg"] == "stored"
    assert after[jpg.path] == "too_large" and after["page.html"] == "not_allowed"
    # The robot templates (our User-Agent) link attached pictures by their file path, so the
    # only download link left is the docx's, which guests may not use.
    by_aid = {row["attachment_id"]: row["status"] for row in rows.values() if row["attachment_id"]}
    assert by_aid == {docx.aid: "login_required"}
    assert len(rows) == 7
    # Identical bytes are one file: the forum's logo and the picture host's same.png.
    stored = {url: row for url, row in rows.items() if row["status"] == "stored"}
    assert stored[server.url + LOGO_PATH]["sha256"] == stored[host.url + "same.png"]["sha256"] == sha(host_file("same.png"))
    assert stored[server.url + png.path]["sha256"] == sha(attachment_bytes(png))
    root = tmp_path / "media"
    files = [path for path in root.rglob("*") if path.is_file()]
    assert sorted(sha(path.read_bytes()) for path in files) == sorted({row["sha256"] for row in stored.values()})
    for row in stored.values():
        assert sha((root / row["path"]).read_bytes()) == row["sha256"]
        assert row["bytes"] == (root / row["path"]).stat().st_size
    assert stored[host.url + "flaky.jpg"]["sha256"] == sha(host_file("flaky.jpg"))
    assert open_gaps(db_url) == []
    assert last_run_media_stats(db_url) == {"requested": 5, "stored": 3, "too_large": 1, "login_required": 1,
                                            "bytes": sum(stored[server.url + path]["bytes"] for path in (LOGO_PATH, png.path))
                                            + len(host_file("flaky.jpg"))}
    # Each URL asked for once: settled ones never again, the forum's files once robots allowed them.
    assert host_requests.count("same.png") == host_requests.count("page.html") == 1
    assert host_requests.count("flaky.jpg") == 4  # three tries (RETRY_TIMES 2) failed, then one
    assert len(files_asked) == len(set(files_asked)) == len([url for url in rows if url.startswith(server.url)])
    # Media responses are in the WARC like pages.
    captured = {}
    for warc in (tmp_path / "warc").rglob("*.warc.gz"):
        with open(warc, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type == "response":
                    captured[record.rec_headers.get_header("WARC-Target-URI")] = record.content_stream().read()
    assert captured[host.url + "same.png"] == host_file("same.png")
    assert captured[server.url + png.path] == attachment_bytes(png)
    assert_exports_point_at_the_files(db_url, root, host.url)
    assert_media_command_reports_and_verifies(db_url, root, stored[host.url + "flaky.jpg"]["path"])


def assert_exports_point_at_the_files(db_url: str, root: Path, host_url: str) -> None:
    """Export records list their pictures' and attachments' ``media`` rows, in page order."""
    engine = db.make_engine(db_url)
    with engine.connect() as conn:
        records = {(record["thread_id"], record["floor"]): record for record in db.export_records(conn)}
    engine.dispose()
    pictures = records[PICTURES_POST]["media"]
    assert [(row["url"], row["status"]) for row in pictures] == [
        (host_url + "same.png", "stored"), (host_url + "flaky.jpg", "stored"), (host_url + "page.html", "not_allowed")]
    assert (root / pictures[0]["path"]).read_bytes() == host_file("same.png")
    with_files = {key for key, record in records.items() if record["media"]}
    assert with_files == {key for key, record in records.items() if record["images"] or record["attachments"]}


def media_stats_of(db_url: str) -> list[dict]:
    report = CliRunner().invoke(main, ["media", "stats", "--db", db_url, "--json"])
    assert report.exit_code == 0, report.output
    return json.loads(report.output)


def assert_media_command_reports_and_verifies(db_url: str, root: Path, changed: str) -> None:
    """``forum-harvest media stats``: URLs, files and bytes, URLs not stored by status;
    ``media verify`` hashes the files again (3: the logo and same.png share one) and names
    one whose bytes changed, or one gone."""
    (site,) = media_stats_of(db_url)
    files = {path: path.stat().st_size for path in root.rglob("*") if path.is_file()}
    assert site == {"site": site["site"], "urls": 7, "files": 3, "bytes": sum(files.values()), "stored": 4,
                    "failed": 0, "too_large": 1, "login_required": 1, "not_allowed": 1}
    table = CliRunner().invoke(main, ["media", "--db", db_url])  # `media` alone is `media stats`
    assert table.exit_code == 0 and f"{sum(files.values())}" in table.output, table.output
    verified = CliRunner().invoke(main, ["media", "verify", "--db", db_url])
    assert verified.exit_code == 0 and "3 stored files verified" in verified.output, verified.output
    (root / changed).write_bytes(b"changed")
    broken = CliRunner().invoke(main, ["media", "verify", "--db", db_url])
    assert broken.exit_code == 1 and f"{root / changed}: sha256 {sha(b'changed')}" in broken.output
    assert "1 of 3 stored files missing or changed" in broken.output
    (root / changed).unlink()
    gone = CliRunner().invoke(main, ["media", "verify", "--db", db_url])
    assert gone.exit_code == 1 and f"{root / changed}: missing" in gone.output
    assert CliRunner().invoke(main, ["media", "verify", "--db", db_url, "--site", "http://elsewhere/"]).output == (
        "0 stored files verified under " + str(root) + "\n")


def test_media_none_fetches_no_file(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/forum.db"
    with MediaHost() as host:
        server = start_server(with_pictures(SampleForum.build(), [host.url + "same.png"]))
        try:
            result = run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST)
        finally:
            server.stop()
        assert result.returncode == 0, result.stderr
        assert host.requests == []
    assert not [path for path in server.requests if "attachment" in path or "static/" in path]
    assert media_rows(db_url) == {} and not (tmp_path / "media").exists()


def test_a_crawl_stopped_mid_download_leaves_no_partial_file_and_the_next_completes(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/forum.db"
    with MediaHost() as host:
        host.slow = True
        server = start_server(with_pictures(SampleForum.build(), [host.url + "slow.bin"]))
        command = [sys.executable, "-m", "forum_harvest", "crawl", server.url + "forum.php", "--db", db_url, *FAST,
                   "--media", "images", "-s", "FORUM_MEDIA_TYPES=image/*,application/octet-stream"]
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        try:
            # The slow file takes ~10 s, FORUM_SHUTDOWN_TIMEOUT's default too: a shorter one
            # makes sure the crawl stops while the file is still coming.
            crawl = cli_process.start([*command, "-s", "FORUM_SHUTDOWN_TIMEOUT=2"], cwd=REPO, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            assert host.slow_started.wait(120), "the crawl never asked for the slow file"
            crawl.send_signal(signal.SIGTERM)
            crawl.wait(60)
            root = tmp_path / "media"
            assert not list(root.rglob("*" + PART_SUFFIX))
            assert sha(host_file("slow.bin")) not in {path.stem for path in root.rglob("*")}
            assert "slow.bin" not in {url.rsplit("/", 1)[-1] for url in media_rows(db_url)}
            host.slow = False
            result = cli_process.run(command, cwd=REPO, env=env, timeout=300)
            assert result.returncode == 0, result.stderr
        finally:
            server.stop()
    row = media_rows(db_url)[host.url + "slow.bin"]
    assert (row["status"], row["bytes"], row["sha256"]) == ("stored", SLOW_BYTES, sha(host_file("slow.bin")))
    assert (root / row["path"]).read_bytes() == host_file("slow.bin")


def test_warc_import_stores_the_files_the_archive_holds(tmp_path: Path) -> None:
    """A crawl's WARC files hold its media responses: importing them into a new database with
    FORUM_MEDIA stores the same files, every server stopped."""
    crawled, imported = tmp_path / "crawled", tmp_path / "imported"
    with MediaHost() as host:
        server = start_server(with_pictures(SampleForum.build(), [host.url + "same.png"]))
        try:
            result = run_cli("crawl", server.url + "forum.php", "--db", f"sqlite:///{crawled}/forum.db", *FAST,
                             "--media", "images", "-s", "ROBOTSTXT_OBEY=False")
        finally:
            server.stop()
    assert result.returncode == 0, result.stderr
    warcs = sorted(str(path) for path in (crawled / "warc").rglob("*.warc.gz"))
    result = run_cli("warc", "import", *warcs, "--db", f"sqlite:///{imported}/forum.db", "-s", "FORUM_MEDIA=images")
    assert result.returncode == 0, result.stderr
    original = media_rows(f"sqlite:///{crawled}/forum.db")
    again = media_rows(f"sqlite:///{imported}/forum.db")
    assert {url: (row["status"], row["sha256"], row["path"]) for url, row in again.items()} == {
        url: (row["status"], row["sha256"], row["path"]) for url, row in original.items()}
    assert len(again) == 3 and {row["status"] for row in again.values()} == {"stored"}  # logo, jpg, same.png
    for row in again.values():
        assert sha((imported / "media" / row["path"]).read_bytes()) == row["sha256"]


def test_a_site_profile_asks_for_media_and_bad_values_are_one_line_errors(sample_site, tmp_path: Path) -> None:
    forum, server = sample_site
    url = f"{server.url}forum.php?mod=viewthread&tid=13"
    config = tmp_path / "forum-harvest.toml"
    config.write_text(f'[sites.sample]\nurl = "{server.url}forum.php"\nmedia = "images"\n', encoding="utf-8")
    db_url = f"sqlite:///{tmp_path / 'profile.db'}"
    result = run_cli("crawl", url, "--db", db_url, "--config", str(config), *FAST)
    assert result.returncode == 0, result.stderr
    # Discuz's robots.txt forbids its /static/ and /data/ folders: recorded, not fetched.
    assert {(url.removeprefix(server.url), row["status"]) for url, row in media_rows(db_url).items()} == {
        (LOGO_PATH, "not_allowed"), (forum.attachments()[0].path, "not_allowed")}
    bad_setting = run_cli("crawl", url, "--db", db_url, "-s", "FORUM_MEDIA=photos")
    assert bad_setting.returncode == 1 and bad_setting.stderr.strip().splitlines() == [
        "Error: FORUM_MEDIA='photos': choose one of none, images, attachments, all"]
    config.write_text(f'[sites.sample]\nurl = "{server.url}forum.php"\nmedia = "photos"\n', encoding="utf-8")
    bad_profile = run_cli("crawl", url, "--db", db_url, "--config", str(config))
    assert bad_profile.returncode != 0 and len(bad_profile.stderr.strip().splitlines()) == 1
    assert bad_profile.stderr.strip().endswith(
        "forum-harvest.toml: sites.sample.media: Input should be 'none', 'images', 'attachments' or 'all'")


def test_a_login_page_or_a_403_answering_a_file_is_its_answer_not_a_refusal_of_the_site() -> None:
    """Page checks retry a login page or a firewall 403 as a refusal, and stop the crawl after
    FORUM_REFUSALS_BEFORE_STOP of them (tests/test_faults.py); a file's such answer goes to the
    media stage instead, untouched and uncounted."""
    from scrapy.http import HtmlResponse, Request
    from scrapy.utils.test import get_crawler

    from scraper.page_checks import MEDIA_META, PageCheckMiddleware

    checks = PageCheckMiddleware(get_crawler(settings_dict={"FORUM_REFUSALS_BEFORE_STOP": 1}))
    login = b"<html><head><title>Login</title></head><body><form><input type='password'></form></body></html>"
    for status in (200, 403):
        url = "http://h/forum.php?mod=attachment&aid=2"
        response = HtmlResponse(url, status=status, body=login, request=Request(url, meta={MEDIA_META: 2}))
        assert checks.process_response(response.request, response) is response
    assert checks.refusals_in_a_row == 0 and not checks.stopped


def test_media_all_into_postgresql(postgres_url: str, tmp_path: Path) -> None:
    """The same downloads into PostgreSQL (the store in FORUM_MEDIA_DIR): every answer
    recorded once, settled URLs not asked again by the next crawl, stats and verify."""
    db_url = new_database(postgres_url, prefix="media")
    root = tmp_path / "media"
    with MediaHost() as host:
        host.flaky = False
        forum = with_pictures(SampleForum.build(), [host.url + name for name in ("same.png", "page.html")])
        server = start_server(forum)
        crawl = ("crawl", server.url + "forum.php", "--db", db_url, *FAST, "--no-warc", "--media", "all",
                 "-s", "ROBOTSTXT_OBEY=False", "-s", f"FORUM_MEDIA_DIR={root}", "-s", f"FORUM_MEDIA_MAX_BYTES={CAP}")
        try:
            first = run_cli(*crawl)
            assert first.returncode == 0, first.stderr
            served = len(server.requests)
            second = run_cli(*crawl)
            assert second.returncode == 0, second.stderr
            files_again = [path for path in server.requests[served:] if "attachment" in path or "static/" in path]
        finally:
            server.stop()
    jpg, docx, png = forum.attachments()
    rows = media_rows(db_url)
    by_url = {url.removeprefix(server.url).removeprefix(host.url): row["status"] for url, row in rows.items()
              if row["attachment_id"] is None}
    assert by_url == {LOGO_PATH: "stored", "same.png": "stored", "page.html": "not_allowed",
                      png.path: "stored", jpg.path: "too_large"}
    assert {row["attachment_id"]: row["status"] for row in rows.values() if row["attachment_id"]} == {
        docx.aid: "login_required"}
    assert files_again == [] and sorted(host.requests) == ["page.html", "same.png"]
    (site,) = media_stats_of(db_url)
    assert (site["urls"], site["files"], site["stored"], site["failed"]) == (6, 2, 3, 0)
    assert site["bytes"] == len(host_file("same.png")) + len(attachment_bytes(png))
    verified = CliRunner().invoke(main, ["media", "verify", "--db", db_url, "--media-dir", str(root)])
    assert verified.exit_code == 0 and "2 stored files verified" in verified.output, verified.output


# A picture the posts show that the sample forum answers with 404 (no file has this path), in
# the thread that shows the too large and the login-only attachment.
MISSING_PICTURE = "static/image/common/missing.png"
FILES_THREAD = 13
# Where a crawl of each skin starts: the readers know touch thread pages, not its lists.
SKIN_STARTS = {"d7": "index.php", "touch": f"forum.php?mod=viewthread&tid={FILES_THREAD}"}


def shown_media_urls(db_url: str) -> set[str]:
    """Every picture and attachment URL the stored posts show."""
    attached = {url for (url,) in query(db_url, "SELECT url FROM post_attachments WHERE url IS NOT NULL")}
    return attached | {url for (images,) in query(db_url, "SELECT images FROM posts") for url in json.loads(images)}


def assert_media_all_twice(tmp_path: Path, guest_file: str, start: str = "", **served: str) -> None:
    """``crawl --media all`` twice (SQLite, the size cap ``CAP``) on the sample forum served so
    (``skin=…`` or ``engine=…``) with a 404 picture in ``FILES_THREAD``, from ``start``: every
    picture and attachment URL the posts show gets one row, every stored file is the bytes
    served, the too large picture is ``too_large`` (by its link and, where a page shows it so,
    its file path), the file a guest may not download is ``guest_file``, the 404 is a
    ``failed`` gap both times (asked once per crawl, its attempts counted, the run
    ``incomplete``), and the second crawl downloads nothing else."""
    db_url = f"sqlite:///{tmp_path}/forum.db"
    forum = with_pictures(SampleForum.build(), [MISSING_PICTURE], at=(FILES_THREAD, 1))
    server = start_server(forum, **served)
    crawl = ("crawl", server.url + start, "--db", db_url, *FAST, "--no-warc", "--media", "all",
             "-s", "ROBOTSTXT_OBEY=False", "-s", f"FORUM_MEDIA_MAX_BYTES={CAP}")
    try:
        first = run_cli(*crawl)
        before_second = len(server.requests)
        second = run_cli(*crawl)
        asked_again = server.requests[before_second:]
        rows = media_rows(db_url)
        served_bytes = {url: urllib.request.urlopen(url).read() for url, row in rows.items() if row["status"] == "stored"}
    finally:
        server.stop()
    for run in (first, second):
        assert run.returncode == 3, run.stderr
        assert "incomplete: 1 media file failed: forum-harvest runs --gaps" in run.stderr
    assert set(rows) == shown_media_urls(db_url)
    jpg, docx, _ = forum.attachments()
    names = dict(query(db_url, "SELECT url, name FROM post_attachments WHERE url IS NOT NULL"))
    expected = {jpg.aid: "too_large", docx.aid: guest_file}
    missing = server.url + MISSING_PICTURE
    assert rows[missing]["reason"] == "HTTP 404"
    for url, row in rows.items():
        shown = next((a for a in forum.attachments() if row["attachment_id"] == a.aid or names.get(url) == a.filename
                      or url.endswith(a.path)), None)
        want = "failed" if url == missing else expected.get(shown.aid, "stored") if shown else "stored"
        assert row["status"] == want, (url, row)
    for url, data in served_bytes.items():
        assert rows[url]["sha256"] == sha(data) == sha((tmp_path / "media" / rows[url]["path"]).read_bytes())
    assert query(db_url, "SELECT kind, url, attempts FROM crawl_gaps") == [("media", missing, 2)]
    media_paths = {url.removeprefix(server.url.rstrip("/")) for url in rows}  # as the request line says them
    assert [path for path in asked_again if path in media_paths] == ["/" + MISSING_PICTURE]
    assert last_run_media_stats(db_url) == {"requested": 1, "failed": 1}
    verified = CliRunner().invoke(main, ["media", "verify", "--db", db_url])
    assert verified.exit_code == 0, verified.output


@pytest.mark.parametrize(("engine", "guest_file"), [("xenforo", "login_required"), ("vbulletin", "login_required"),
                                                  ("phpbb", "not_allowed"), ("mybb", "login_required"),
                                                  ("smf", "stored"), ("invision", "not_allowed"),
                                                  ("phpwind", "login_required"), ("phpwind8", "login_required"),
                                                  ("discourse", "stored")])
def test_media_all_twice_on_the_sample_forum_served_as_another_engine(engine: str, guest_file: str,
                                                                      tmp_path: Path) -> None:
    """``crawl --media all`` twice on the sample forum served as each engine (SQLite). Each
    engine's download link (XenForo ``attachments/N/``, vBulletin
    ``attachment.php?attachmentid=N``, phpBB ``download/file.php?id=N``, MyBB
    ``attachment.php?aid=N``, SMF ``index.php?action=dlattach;attach=N``, Invision
    ``attachment.php?id=N``, phpwind ``c=attach&a=download&aid=N``, phpwind 8.7
    ``job.php?action=download&aid=N``, Discourse's uploads) answers an attached picture's bytes,
    another file what the engine tells a guest: XenForo's 403 login form, vBulletin's and MyBB's
    "not logged in" page, phpwind's "游客无法下载，请登录后操作" and 8.7's "您还没有登录或注册，暂时不能使用此功能"
    (``login_required``), phpBB's 403 "not authorised" and Invision's 403 error page
    (``not_allowed``); SMF lists attachments only to who may download them and Discourse's
    uploads are public, so their guest gets the file (``stored``). Every picture and attachment
    URL the posts show gets one row, every stored file is the bytes served, the too large
    picture is ``too_large``, the 404 is a ``failed`` gap both times (asked once per crawl), and
    the second crawl downloads nothing else (``assert_media_all_twice``)."""
    assert_media_all_twice(tmp_path, guest_file, engine=engine)


@pytest.mark.parametrize("skin", SKINS)
def test_media_all_on_every_discuz_skin(skin: str, tmp_path: Path) -> None:
    """``crawl --media all`` twice on each Discuz skin of the sample forum (``assert_media_all_twice``):
    the attachment a guest may not download wants a login."""
    assert_media_all_twice(tmp_path, "login_required", SKIN_STARTS.get(skin, "forum.php"), skin=skin)
