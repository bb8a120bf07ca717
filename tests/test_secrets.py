"""Issue 21: a site profile's cookies end up in no artefact. A secret planted in the profile
is sent to the site (the crawl needs it) and then searched for, byte for byte, in everything
the crawl leaves: WARC files (raw and decompressed), the database (file, WAL and a dump),
stdout and stderr at DEBUG level, exports, ``runs``, ``stats``, and the broker's messages
(kombu stores them base64-encoded: decoded before the search) and worker logs."""

from __future__ import annotations

import base64
import gzip
import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from forum_harvest.sample_forum import start_server
from tests.conftest import FAST, run_cli
from tests.logging_process import LoggingProcess
from tests.test_distributed import new_database, wait_until

SECRET = "SECRET-7f3kq9-TOKEN"
LOGIN = 'fh_auth = "member"'  # what the sample forum's login mode wants; the secret rides along


@pytest.fixture
def members_only(sample_site) -> Iterator:
    """A sample forum answering only requests carrying the member cookie."""
    forum, _ = sample_site
    server = start_server(forum, port=0)
    server.protect = "login"
    yield server
    server.stop()


def profile(url: str) -> str:
    return f'[sites.s]\nurl = "{url}"\ncookies = {{ {LOGIN}, token = "{SECRET}" }}\n'


def sent_the_secret(server) -> bool:
    return any(cookie and SECRET in cookie for cookie in server.request_cookies)


def files_under(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Every file, and every gzip file decompressed (all its members)."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        yield str(path), raw
        if raw[:2] == b"\x1f\x8b":
            yield f"{path} (decompressed)", gzip.decompress(raw)


def holding_the_secret(artefacts: dict[str, bytes]) -> list[str]:
    return [name for name, content in artefacts.items() if SECRET.encode() in content]


def test_a_profile_cookie_is_in_no_artefact_of_a_crawl(members_only, tmp_path):
    store = tmp_path / "store"
    config = tmp_path / "forum-harvest.toml"
    config.write_text(profile(members_only.url + "forum.php"), encoding="utf-8")
    db_url = f"sqlite:///{store / 'forum.db'}"
    crawl = run_cli("crawl", members_only.url + "forum.php", "--db", db_url, "--config", str(config),
                    "--max-threads", "3", "-v", "-s", "LOG_LEVEL=DEBUG", *FAST)
    assert crawl.returncode == 0, crawl.stderr
    assert sent_the_secret(members_only)  # the site got it: the test is not vacuous
    artefacts = {"crawl stdout": crawl.stdout.encode(), "crawl stderr": crawl.stderr.encode()}
    parquet = tmp_path / "posts.parquet"
    for command in (["export"], ["export", "--format", "csv"], ["export", "--format", "parquet", "--out", str(parquet)],
                    ["runs", "--gaps", "--format", "jsonl"], ["stats"], ["threads", "--format", "jsonl"],
                    ["sql", "SELECT * FROM crawl_runs", "--format", "jsonl"]):
        result = run_cli(*command, "--db", db_url)
        assert result.returncode == 0, result.stderr
        artefacts[" ".join(command[:2])] = (result.stdout + result.stderr).encode()
    connection = sqlite3.connect(store / "forum.db")
    artefacts["database dump"] = "\n".join(connection.iterdump()).encode()
    connection.close()
    artefacts.update(files_under(store))  # the database file, its WAL, the WARC files
    artefacts.update(files_under(tmp_path / "posts.parquet"))
    assert any("warc" in name for name in artefacts)
    assert holding_the_secret(artefacts) == []
    requests = b"".join(content for name, content in artefacts.items() if name.endswith("(decompressed)"))
    assert b"Cookie: [redacted by forum-harvest]" in requests  # the header is kept, its value not


def test_warc_keep_secrets_keeps_them(members_only, tmp_path):
    config = tmp_path / "forum-harvest.toml"
    config.write_text(profile(members_only.url + "forum.php"), encoding="utf-8")
    db_url = f"sqlite:///{tmp_path / 'store' / 'forum.db'}"
    crawl = run_cli("crawl", members_only.url + "forum.php", "--db", db_url, "--config", str(config),
                    "--max-threads", "1", "-s", "WARC_KEEP_SECRETS=True", *FAST)
    assert crawl.returncode == 0, crawl.stderr
    warcs = dict(files_under(tmp_path / "store" / "warc"))
    assert holding_the_secret(warcs)


def broker_contents(broker_url: str) -> dict[str, bytes]:
    """Every value in the broker's Redis database, with kombu's base64 bodies decoded."""
    import redis

    client = redis.Redis.from_url(broker_url)
    found: dict[str, bytes] = {}
    for key in client.scan_iter():
        kind = client.type(key).decode()
        values = {"list": lambda: client.lrange(key, 0, -1), "string": lambda: [client.get(key)],
                  "hash": lambda: [v for pair in client.hgetall(key).items() for v in pair],
                  "set": lambda: list(client.smembers(key)),
                  "zset": lambda: client.zrange(key, 0, -1)}.get(kind, lambda: [])()
        for number, value in enumerate(values):
            found[f"{key.decode()}[{number}]"] = value
            try:
                message = json.loads(value)
                found[f"{key.decode()}[{number}] body"] = base64.b64decode(message["body"])
            except (ValueError, TypeError, KeyError):
                pass
    client.close()
    return found


def query(db_url: str, statement: str) -> list[dict]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        found = [dict(row) for row in conn.execute(sa.text(statement)).mappings()]
    engine.dispose()
    return found


def postgres_dump(db_url: str) -> bytes:
    tables = [row["tablename"] for row in query(db_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    return "\n".join(str(row) for table in tables for row in query(db_url, f"SELECT * FROM {table}")).encode()


def test_a_queued_job_names_the_profile_and_the_worker_brings_the_cookies(
        members_only, redis_url, postgres_url, tmp_path):
    broker = redis_url.rsplit("/", 1)[0] + "/7"  # a Redis database of this test's own
    scheduler = f'[scheduler]\nbroker_url = "{broker}"\nredelivery_timeout = 60\nstop_timeout = 3\n'
    site = profile(members_only.url + "forum.php")
    (tmp_path / "enqueuer.toml").write_text(scheduler + site, encoding="utf-8")
    (tmp_path / "worker.toml").write_text(scheduler + site, encoding="utf-8")
    db_url = new_database(postgres_url)
    queued = run_cli("crawl", members_only.url + "forum.php", "--db", db_url, "--queue", "--timeout", "40",
                     "--config", str(tmp_path / "enqueuer.toml"), "--max-threads", "2", *FAST)
    assert queued.returncode == 0, queued.stderr
    message = broker_contents(broker)
    assert holding_the_secret(message) == []
    assert any(b'"secrets_of": "s"' in value for value in message.values()), message

    worker = work_the_queue(tmp_path / "worker.toml", db_url)
    assert sent_the_secret(members_only)
    entry = _entry(db_url)
    assert entry["message"].startswith("finished"), entry
    artefacts = {"worker log": "".join(worker.lines).encode(), "database": postgres_dump(db_url),
                 "enqueue output": (queued.stdout + queued.stderr).encode(), **broker_contents(broker)}
    assert holding_the_secret(artefacts) == []


def test_a_worker_without_the_cookies_fails_the_job_in_one_line(members_only, redis_url, postgres_url, tmp_path):
    broker = redis_url.rsplit("/", 1)[0] + "/8"
    scheduler = f'[scheduler]\nbroker_url = "{broker}"\nredelivery_timeout = 60\nstop_timeout = 3\n'
    (tmp_path / "enqueuer.toml").write_text(scheduler + profile(members_only.url + "forum.php"), encoding="utf-8")
    (tmp_path / "worker.toml").write_text(scheduler, encoding="utf-8")
    db_url = new_database(postgres_url)
    queued = run_cli("crawl", members_only.url + "forum.php", "--db", db_url, "--queue", "--timeout", "40",
                     "--config", str(tmp_path / "enqueuer.toml"), *FAST)
    assert queued.returncode == 0, queued.stderr
    work_the_queue(tmp_path / "worker.toml", db_url)
    entry = _entry(db_url)
    assert entry["status"] == "done" and "FORUM_HARVEST_COOKIES_S" in entry["message"], entry
    assert not sent_the_secret(members_only)


def work_the_queue(config: Path, db_url: str) -> LoggingProcess:
    """A worker with ``config``, until the job in ``db_url``'s queue is done; then stopped."""
    worker = LoggingProcess([sys.executable, "-m", "forum_harvest", "worker", "--name", "w@secrets",
                             "--config", str(config)])
    try:
        wait_until(lambda: _entry(db_url).get("status") == "done", "the queued job to be done",
                   explain=lambda: "".join(worker.lines))
    finally:
        worker.stop()
    return worker


def _entry(db_url: str) -> dict:
    return next(iter(query(db_url, "SELECT * FROM crawl_queue ORDER BY id DESC LIMIT 1")), {})
