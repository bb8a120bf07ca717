"""A crawl applies the site profile of the config file whose url matches its start URL."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.conftest import FAST, run_cli
from tests.crawl_records import export


def write_config(path, url: str) -> str:
    path.write_text(f'[sites.sample]\nurl = "{url}"\ntimezone = "Asia/Tokyo"\nsite_names = ["示例论坛"]\n'
                    'cookies = { auth = "member-token" }\n', encoding="utf-8")
    return str(path)


def test_profile_timezone_applies_to_a_matching_start_url(sample_site, tmp_path):
    forum, server = sample_site
    config = write_config(tmp_path / "forum-harvest.toml", server.url + "forum.php")
    db_url = f"sqlite:///{tmp_path / 'tokyo.db'}"
    url = f"{server.url}forum.php?mod=viewthread&tid={forum.threads[0].thread_id}"
    result = run_cli("crawl", url, "--db", db_url, "--config", config, *FAST)
    assert result.returncode == 0, result.stderr
    truth = {t["floor"]: t["posted_at"] for t in forum.truth_records() if t["thread_id"] == forum.threads[0].thread_id}
    got = {r["floor"]: datetime.fromisoformat(r["posted_at"]) for r in export(db_url)}
    # The page shows Shanghai wall-clock times; read as Tokyo time they are an hour earlier.
    assert got == {floor: moment - timedelta(hours=1) for floor, moment in truth.items()}


def test_profile_cookies_go_with_every_request(sample_site, tmp_path):
    from forum_harvest.sample_forum import start_server

    forum, _ = sample_site
    server = start_server(forum)
    try:
        config = write_config(tmp_path / "forum-harvest.toml", server.url + "forum.php")
        url = f"{server.url}forum.php?mod=forumdisplay&fid=6"
        result = run_cli("crawl", url, "--db", f"sqlite:///{tmp_path / 'c.db'}", "--config", config, *FAST)
        assert result.returncode == 0, result.stderr
        sent = dict(zip(server.requests, server.request_cookies))
    finally:
        server.stop()
    pages = [path for path in sent if path != "/robots.txt"]
    assert len(pages) > 2 and all(sent[path] == "auth=member-token" for path in pages), sent


def test_an_unknown_site_profile_is_a_one_line_error(sample_site, tmp_path):
    _, server = sample_site
    config = write_config(tmp_path / "forum-harvest.toml", server.url + "forum.php")
    result = run_cli("crawl", server.url + "forum.php", "--db", f"sqlite:///{tmp_path / 'x.db'}",
                     "--config", config, "--site", "nope")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Error: --site nope: no [sites.nope] table in the config (sites: sample)"]
    assert not (tmp_path / "x.db").exists()
