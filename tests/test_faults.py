"""Faults of a hostile network and a protected site, injected by tests/fault_proxy.py between
real crawls and the sample forum: every page ends up read, or listed as a gap that the next
crawl recovers. The fault matrix is in tests/README.md."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from forum_harvest.sample_forum import SampleForum, start_server
from scraper.engines.discuz.urls import page_url
from tests import cli_process
from tests.conftest import FAST, REPO, run_cli
from tests.fault_proxy import Fault, FaultProxy
from tests.test_crawl_e2e import export, lines

# Few, quick retries and no politeness waits: a fault costs milliseconds, not seconds.
QUICK = (*FAST, "-s", "RETRY_TIMES=1", "-s", "DOWNLOAD_TIMEOUT=2", "-s", "FORUM_REFUSAL_BACKOFF=0.05",
         "-s", "FORUM_RETRY_AFTER_MAX=5")
# AutoThrottle as by default, without its start delay: it brings a backed-off site's delay
# back down as good answers come (without it a backoff lasts the whole run).
THROTTLED = ("-s", "AUTOTHROTTLE_ENABLED=True", "-s", "AUTOTHROTTLE_START_DELAY=0",
             "-s", "AUTOTHROTTLE_TARGET_CONCURRENCY=16")


@pytest.fixture(scope="module")
def forum() -> SampleForum:
    return SampleForum.build()


@pytest.fixture
def proxy(forum) -> Iterator[FaultProxy]:
    server = start_server(forum, port=0)
    front = FaultProxy(server.url).start()
    front.site = server  # the sample forum behind it (its protection mode, its request log)
    yield front
    front.stop()
    server.stop()


def crawl(proxy: FaultProxy, db_url: str, *extra: str) -> subprocess.CompletedProcess:
    return run_cli("crawl", proxy.url + "forum.php", "--db", db_url, *QUICK, *extra)


def target(proxy: FaultProxy, kind: str, item_id: int, page: int = 1) -> str:
    return "/" + page_url(proxy.url, kind, item_id, page).removeprefix(proxy.url)


def rows(db_url: str, table: str) -> list[dict]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        found = [dict(row._mapping) for row in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))]
    engine.dispose()
    return found


def assert_export_is_the_truth(forum: SampleForum, proxy: FaultProxy, db_url: str) -> None:
    """What a clean crawl exports (the e2e test's comparison, on the fields faults can lose)."""
    truth = {(t["thread_id"], t["floor"]): t for t in forum.truth_records(base_url=proxy.url)}
    got = {(r["thread_id"], r["floor"]): r for r in export(db_url)}
    assert sorted(got) == sorted(truth)
    for key, expected in truth.items():
        assert (got[key]["author"], lines(got[key]["body"])) == (expected["author"], lines(expected["body"])), key


def multi_page_threads(forum: SampleForum) -> list[int]:
    return [t.thread_id for t in forum.threads if t.readable and t.page_count >= 2]


def single_page_threads(forum: SampleForum) -> list[int]:
    return [t.thread_id for t in forum.threads if t.readable and t.page_count == 1]


# fault -> (fault script, reason the gap shows)
PAGE_FAULTS = {
    "http_503": (Fault("status", status=503), "HTTP 503"),
    "truncated_body": (Fault("truncate"), "shorter than its Content-Length"),
    "empty_200": (Fault("empty"), "empty response"),
    "redirect_loop": (Fault("redirect_loop"), "redirect loop"),
    "html_cut_mid_tag": (Fault("cut_html"), "cut short: the page stops before its end"),
    "slower_than_timeout": (Fault("slow", hold=6), "timed out"),
    "http_404": (Fault("status", status=404), "HTTP 404"),
    "bigger_than_download_maxsize": (Fault("page", status=200, body="<html>" + "x" * 300_000 + "</html>"),
                                     "DOWNLOAD_MAXSIZE"),
}
MAXSIZE = ("-s", "DOWNLOAD_MAXSIZE=262144")


@pytest.fixture(scope="module")
def faulty_then_recovered(forum, tmp_path_factory) -> Iterator[dict]:
    """One crawl with every page fault on its own thread page, then one with none."""
    server = start_server(forum, port=0)
    proxy = FaultProxy(server.url).start()
    db_url = f"sqlite:///{tmp_path_factory.mktemp('faults') / 'forum.db'}"
    pages = [(tid, 2) for tid in multi_page_threads(forum)] + [(tid, 1) for tid in single_page_threads(forum)]
    targets = {}
    for name, (tid, page) in zip(PAGE_FAULTS, pages, strict=False):
        targets[name] = target(proxy, "thread", tid, page)
        proxy.faults[targets[name]] = PAGE_FAULTS[name][0]
    faulty = crawl(proxy, db_url, *MAXSIZE)
    gaps_listed = run_cli("runs", "--gaps", "--format", "jsonl", "--db", db_url)
    after_faulty = {"runs": rows(db_url, "crawl_runs"), "gaps": rows(db_url, "crawl_gaps")}
    proxy.clear()
    proxy.release.clear()
    recovered = crawl(proxy, db_url, *MAXSIZE, "-s", "CONCURRENT_REQUESTS=1")
    served = list(proxy.served)
    yield {"targets": targets, "faulty": faulty, "gaps_listed": gaps_listed, "after_faulty": after_faulty,
           "recovered": recovered, "served": served, "db_url": db_url, "proxy": proxy}
    proxy.stop()
    server.stop()


@pytest.mark.parametrize("fault", sorted(PAGE_FAULTS))
def test_a_page_that_fails_is_a_gap(faulty_then_recovered, fault):
    run = faulty_then_recovered
    gaps = {gap["url"].removeprefix(run["proxy"].url.rstrip("/")): gap for gap in run["after_faulty"]["gaps"]}
    gap = gaps[run["targets"][fault]]
    assert gap["kind"] == "thread"
    assert PAGE_FAULTS[fault][1] in gap["reason"]
    listed = [json.loads(line) for line in run["gaps_listed"].stdout.splitlines()]
    assert gap["url"] in [record["url"] for record in listed if record.get("gap")]


def test_a_run_with_gaps_is_incomplete_and_says_so(faulty_then_recovered):
    run = faulty_then_recovered
    assert run["faulty"].returncode == 3, run["faulty"].stderr
    assert f"{len(PAGE_FAULTS)} pages failed" in run["faulty"].stderr
    assert "forum-harvest runs --gaps" in run["faulty"].stderr
    last = run["after_faulty"]["runs"][-1]
    assert last["status"] == "incomplete" and last["errors"] >= len(PAGE_FAULTS)
    assert len(run["after_faulty"]["gaps"]) == len(PAGE_FAULTS)


def test_the_next_crawl_reads_the_gaps_first_and_recovers_everything(forum, faulty_then_recovered):
    run = faulty_then_recovered
    assert run["recovered"].returncode == 0, run["recovered"].stderr
    assert rows(run["db_url"], "crawl_gaps") == []
    assert rows(run["db_url"], "crawl_runs")[-1]["status"] == "finished"
    recovery = [target for _, target, _ in run["served"] if "robots.txt" not in target]
    # First, right after the start page (one request at a time: the order is the scheduler's).
    assert set(recovery[1:1 + len(PAGE_FAULTS)]) == set(run["targets"].values()), recovery[:12]
    assert_export_is_the_truth(forum, run["proxy"], run["db_url"])


@pytest.mark.parametrize("where", ["thread page", "start page"])
def test_a_redirect_to_itself_once_is_followed_and_no_gap(forum, proxy, tmp_path, where):
    """Discuz's first view of a thread after a moderator's delete: a 302 to the same URL, then
    the page. The duplicate filter would drop the redirect (a 'redirect loop' gap, exit 3)."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    redirected = target(proxy, "thread", multi_page_threads(forum)[0], 2) if where == "thread page" else "/forum.php"
    proxy.faults[redirected] = Fault("redirect_once")
    result = crawl(proxy, db_url)
    assert result.returncode == 0, result.stderr
    assert rows(db_url, "crawl_gaps") == []
    assert [served for _, path, served in proxy.served if path == redirected] == ["redirect_once", "ok"]
    assert_export_is_the_truth(forum, proxy, db_url)


def test_a_redirect_loop_is_a_gap_after_one_more_request(forum, proxy, tmp_path):
    """Only a repeat is a loop: the page is asked for twice, not REDIRECT_MAX_TIMES times."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    looping = target(proxy, "thread", multi_page_threads(forum)[0], 2)
    proxy.faults[looping] = Fault("redirect_loop")
    result = crawl(proxy, db_url)
    assert result.returncode == 3, result.stderr
    assert [gap["reason"] for gap in rows(db_url, "crawl_gaps")] == [
        f"redirect loop (redirected to {proxy.url.rstrip('/')}{looping} again)"]
    assert [path for _, path, _ in proxy.served].count(looping) == 2


def test_a_cut_thread_list_is_a_gap_and_recovered(forum, proxy, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    biggest = max(forum.forums, key=lambda f: len(forum.forum_threads(f.forum_id)))
    proxy.faults[target(proxy, "forum", biggest.forum_id)] = Fault("truncate")
    first = crawl(proxy, db_url)
    assert first.returncode == 3, first.stderr
    assert "1 page failed (1 thread list)" in first.stderr and "or more posts may be missing" in first.stderr
    assert [gap["kind"] for gap in rows(db_url, "crawl_gaps")] == ["list"]
    proxy.clear()
    assert crawl(proxy, db_url).returncode == 0
    assert rows(db_url, "crawl_gaps") == []
    assert_export_is_the_truth(forum, proxy, db_url)


def test_a_redirect_loop_on_the_start_url_fails_in_one_line_with_a_run_row(forum, proxy, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    assert crawl(proxy, db_url).returncode == 0
    proxy.faults["/forum.php"] = Fault("redirect_loop")
    result = crawl(proxy, db_url)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: cannot fetch {proxy.url}forum.php: redirect loop")
    last = rows(db_url, "crawl_runs")[-1]
    assert (last["status"], last["message"]) == ("failed", result.stderr.strip().removeprefix("Error: "))


def test_retry_after_is_honoured_then_the_page_is_read(forum, proxy, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    page = target(proxy, "thread", single_page_threads(forum)[0])
    proxy.faults[page] = Fault("status", status=429, headers={"Retry-After": "1"}, times=1)
    result = crawl(proxy, db_url, *THROTTLED)
    assert result.returncode == 0, result.stderr
    times = [when for when, served, _ in proxy.served if served == page]
    assert len(times) == 2 and times[1] - times[0] >= 1.0
    assert_export_is_the_truth(forum, proxy, db_url)


def test_a_retry_after_over_the_cap_makes_a_gap_without_hammering(forum, proxy, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    page = target(proxy, "thread", single_page_threads(forum)[0])
    proxy.faults[page] = Fault("status", status=429, headers={"Retry-After": "3600"})
    result = crawl(proxy, db_url)
    assert result.returncode == 3, result.stderr
    assert len([served for _, served, _ in proxy.served if served == page]) == 1
    (gap,) = rows(db_url, "crawl_gaps")
    assert "Retry-After 3600 s is over FORUM_RETRY_AFTER_MAX" in gap["reason"] and gap["attempts"] == 1


@pytest.mark.parametrize("mode", ["js-challenge", "cc", "waf403", "waf503", "login"])
def test_a_protected_site_is_refused_in_one_line_and_nothing_is_stored(proxy, tmp_path, mode):
    """The sample forum's own protection modes (sample-forum serve --protect MODE)."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    assert crawl(proxy, db_url, "--max-threads", "1").returncode == 0
    before = (rows(db_url, "posts"), rows(db_url, "threads"))
    proxy.site.protect = mode
    result = crawl(proxy, db_url, "--full")
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert "refused" in line and "cookies" in line and "DOWNLOAD_DELAY" in line
    assert rows(db_url, "crawl_runs")[-1]["status"] == "failed"
    assert (rows(db_url, "posts"), rows(db_url, "threads")) == before


def test_a_site_that_starts_refusing_mid_crawl_is_stopped_and_recorded(forum, proxy, tmp_path):
    from forum_harvest.sample_forum.protection import CC_PROTECTION

    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    for tid in [t.thread_id for t in forum.threads]:
        proxy.faults[target(proxy, "thread", tid)] = Fault("page", status=200, body=CC_PROTECTION,
                                                            headers={"Content-Type": "text/html; charset=utf-8"})
    result = crawl(proxy, db_url, "-s", "FORUM_REFUSALS_BEFORE_STOP=3", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert "stopped after 3 refusals in a row" in line and "频繁刷新限制" in line
    last = rows(db_url, "crawl_runs")[-1]
    assert last["status"] == "failed" and "refusals in a row" in last["message"]
    assert rows(db_url, "posts") == []
    assert {thread["status"] for thread in rows(db_url, "threads")} <= {"ok"}
    proxy.clear()
    assert crawl(proxy, db_url).returncode == 0
    assert_export_is_the_truth(forum, proxy, db_url)


def test_the_page_cap_ends_a_run_incomplete(forum, proxy, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = crawl(proxy, db_url, "-s", "CLOSESPIDER_PAGECOUNT=8")
    assert result.returncode == 3
    assert "page cap (CLOSESPIDER_PAGECOUNT=8)" in result.stderr
    assert rows(db_url, "crawl_runs")[-1]["status"] == "incomplete"
    assert crawl(proxy, db_url).returncode == 0
    assert_export_is_the_truth(forum, proxy, db_url)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_a_crawl_within_seconds_as_interrupted(forum, proxy, tmp_path, signum):
    """A download hangs (longer than the shutdown timeout): the crawl still stops at once."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    proxy.faults[target(proxy, "thread", multi_page_threads(forum)[0], 2)] = Fault("slow", hold=60)
    child = cli_process.start(
        [sys.executable, "-m", "forum_harvest", "crawl", proxy.url + "forum.php", "--db", db_url, *FAST,
         "-s", "DOWNLOAD_TIMEOUT=60", "-s", "FORUM_SHUTDOWN_TIMEOUT=2"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proxy.slow_started.wait(60)
    sent = time.monotonic()
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=30)
    assert child.returncode == 128 + signum, stderr
    assert time.monotonic() - sent < 10
    assert rows(db_url, "crawl_runs")[-1]["status"] == "interrupted"


def test_runs_lists_the_history(faulty_then_recovered):
    result = run_cli("runs", "--db", faulty_then_recovered["db_url"], "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    history = [json.loads(line) for line in result.stdout.splitlines()]
    assert [run["status"] for run in history] == ["finished", "incomplete"]
    assert history[1]["errors"] >= len(PAGE_FAULTS) and history[0]["pages"] > 0


def test_schedule_run_once_exits_non_zero_when_a_job_failed(proxy, tmp_path):
    db_url = f"sqlite:///{tmp_path}/forum.db"
    config = tmp_path / "forum-harvest.toml"
    proxy.faults["/forum.php"] = Fault("redirect_loop")
    config.write_text(f'database_url = "{db_url}"\n[jobs.looping]\nurl = "{proxy.url}forum.php"\n'
                      'interval = "1h"\nsettings = { AUTOTHROTTLE_ENABLED = false }\n')
    result = run_cli("schedule", "run", "--once", "--config", str(config))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "failed" in result.stdout and "redirect loop" in result.stdout


def test_cookies_from_the_users_browser_open_a_challenged_site(forum, proxy, tmp_path):
    """What the refusal line advises: the site profile's cookies (as a browser that passed the
    challenge holds them) make the crawl whole; we never compute them ourselves."""
    from forum_harvest.sample_forum.protection import PASS_COOKIES

    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    name, value = PASS_COOKIES["js-challenge"]
    config = tmp_path / "forum-harvest.toml"
    config.write_text(f'[sites.sample]\nurl = "{proxy.url}forum.php"\ncookies = {{ {name} = "{value}" }}\n')
    proxy.site.protect = "js-challenge"
    result = crawl(proxy, db_url, "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert_export_is_the_truth(forum, proxy, db_url)


def flooding_pager(proxy: FaultProxy, forum: SampleForum, tid: int, reply_count: bool = True) -> str:
    """Page 1 of thread ``tid`` claims 5,000,000 pages in its pager (and, with ``reply_count``
    False, shows no reply count to check the claim against); returns its path."""
    page = target(proxy, "thread", tid)
    with urllib.request.urlopen(proxy.url.rstrip("/") + page) as answer:
        body = answer.read().decode()
    total = forum.thread(tid).page_count
    body = body.replace(f"共 {total} 页", "共 5000000 页").replace(f" / {total} 页", " / 5000000 页")
    body = body.replace(f"page={total}\"", "page=5000000\"")  # the last-page link too
    if not reply_count:
        body = body.replace('<span class="xi1">', "<span>")
    proxy.faults[page] = Fault("page", status=200, headers={"Content-Type": "text/html; charset=utf-8"}, body=body)
    return page


def test_sigterm_stops_cleanly_while_a_pager_floods_the_queue(forum, proxy, tmp_path):
    """A thread page whose pager claims 5,000,000 pages and shows no reply count: its callback
    yields FORUM_MAX_PAGES_PER_THREAD requests; SIGTERM still ends the crawl cleanly (not by
    the watchdog) within seconds."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    # No reply count to check the claim against: FORUM_MAX_PAGES_PER_THREAD pages get queued.
    page = flooding_pager(proxy, forum, multi_page_threads(forum)[0], reply_count=False)
    proxy.served.clear()
    child = cli_process.start(
        [sys.executable, "-m", "forum_harvest", "crawl", proxy.url + page.lstrip("/"), "--db", db_url, *FAST,
         "-s", "FORUM_SHUTDOWN_TIMEOUT=30"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(proxy.served) < 30 and time.monotonic() < deadline:
        time.sleep(0.1)  # polling the proxy's log with a deadline, not timing
    sent = time.monotonic()
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 143 and "did not stop within" not in stderr, stderr
    assert time.monotonic() - sent < 10
    last = rows(db_url, "crawl_runs")[-1]
    assert last["status"] == "interrupted" and "signal" in last["message"]


def test_sigterm_before_the_start_page_came_is_no_failure_of_the_site(proxy, tmp_path):
    """SIGTERM while the start page still waits out DOWNLOAD_DELAY (robots.txt came first):
    the crawl is interrupted, not "cannot fetch" the site, and an existing database gets no
    failed run (the scheduler records its own "interrupted" for it)."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    proxy.served.clear()
    child = cli_process.start(
        [sys.executable, "-m", "forum_harvest", "crawl", proxy.url + "forum.php", "--db", db_url, *FAST,
         "-s", "DOWNLOAD_DELAY=60"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any("robots.txt" in target for _, target, _ in list(proxy.served)) and time.monotonic() < deadline:
        time.sleep(0.1)  # polling the proxy's log with a deadline, not timing
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 143 and "cannot fetch" not in stderr, stderr
    assert not (tmp_path / "forum.db").exists() or not rows(db_url, "crawl_runs")


@pytest.mark.parametrize("start", ["forum", "thread"])
def test_a_runaway_pager_stays_within_the_reply_count(forum, proxy, tmp_path, start):
    """The pager's claim is checked against the reply count (the list row's, or the thread
    header's when the crawl starts at the thread): a few requests, not millions."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    tid = multi_page_threads(forum)[0]
    flooding_pager(proxy, forum, tid)
    url = proxy.url + ("forum.php" if start == "forum" else target(proxy, "thread", tid).lstrip("/"))
    result = run_cli("crawl", url, "--db", db_url, *QUICK)
    assert result.returncode == 0, result.stderr
    asked = [path for _, path, _ in proxy.served if f"tid={tid}" in path]
    assert len(asked) <= forum.thread(tid).page_count + 2, asked
    if start == "forum":
        assert len(proxy.served) < 100
        assert_export_is_the_truth(forum, proxy, db_url)


def test_posts_past_the_per_page_cap_are_a_gap_and_recovered(forum, proxy, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    capped = crawl(proxy, db_url, "-s", "FORUM_MAX_POSTS_PER_PAGE=5")
    assert capped.returncode == 3, capped.stderr
    gaps = rows(db_url, "crawl_gaps")
    assert gaps and all(gap["kind"] == "thread" and "FORUM_MAX_POSTS_PER_PAGE=5" in gap["reason"] for gap in gaps)
    assert crawl(proxy, db_url).returncode == 0
    assert rows(db_url, "crawl_gaps") == []
    assert_export_is_the_truth(forum, proxy, db_url)


def test_the_per_thread_page_cap_is_a_gap(forum, proxy, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    capped = crawl(proxy, db_url, "-s", "FORUM_MAX_PAGES_PER_THREAD=1")
    assert capped.returncode == 3, capped.stderr
    reasons = [gap["reason"] for gap in rows(db_url, "crawl_gaps")]
    assert len(reasons) == len(multi_page_threads(forum))
    assert all("FORUM_MAX_PAGES_PER_THREAD is 1" in reason for reason in reasons)
