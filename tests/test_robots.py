"""Issue 21: robots.txt by RFC 9309 (§2.3.1.3, §2.3.1.4), through tests/fault_proxy.py in
front of the sample forum. 2xx: obeyed. 4xx: everything allowed (whatever the error page
says). 5xx, or no answer after the retries: the site is not crawled this run, the run is
``failed`` with one line and an error, exit 1, and the next crawl asks again."""

from __future__ import annotations

import pytest

from tests.fault_proxy import Fault
from tests.test_faults import (  # noqa: F401 (fixtures)
    assert_export_is_the_truth, crawl, forum, proxy, rows, single_page_threads, target,
)

ROBOTS = "/robots.txt"
TEXT = {"Content-Type": "text/plain"}
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
UNREACHABLE = "robots.txt unreachable ({}): the site's rules cannot be read; try later"


@pytest.fixture
def crawled_once(proxy, tmp_path) -> str:
    """A database a first crawl wrote (so a failed run has a row to show)."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    assert crawl(proxy, db_url, "--max-threads", "1").returncode == 0
    proxy.served.clear()
    return db_url


@pytest.mark.parametrize("fault, cause", [
    (Fault("status", status=500), "HTTP 500"),
    (Fault("status", status=503, headers={"Retry-After": "1"}), "HTTP 503"),
    (Fault("slow", hold=30), "no answer: timed out"),
], ids=["http_500", "http_503", "hanging"])
def test_an_unreachable_robots_txt_fails_the_run_in_one_line(forum, proxy, crawled_once, fault, cause):
    db_url = crawled_once
    posts_before = rows(db_url, "posts")
    proxy.faults[ROBOTS] = fault
    result = crawl(proxy, db_url, "--full")  # QUICK: RETRY_TIMES=1, DOWNLOAD_TIMEOUT=2
    assert result.returncode == 1, result.stderr
    line = f"cannot fetch {proxy.url}forum.php: " + UNREACHABLE.format(cause)
    assert result.stderr.strip().splitlines() == ["Error: " + line]
    assert [path for _, path, _ in proxy.served] == [ROBOTS, ROBOTS]  # asked twice (one retry), nothing else
    last = rows(db_url, "crawl_runs")[-1]
    assert (last["status"], last["message"]) == ("failed", line)
    assert last["errors"] >= 1
    assert rows(db_url, "posts") == posts_before
    proxy.clear()  # the next crawl asks again, and reads the site
    assert crawl(proxy, db_url).returncode == 0
    assert_export_is_the_truth(forum, proxy, db_url)


def test_a_robots_txt_that_is_not_there_allows_everything(forum, proxy, tmp_path):
    """A 404 whose error page reads like rules is still "unavailable": crawl everything."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    proxy.faults[ROBOTS] = Fault("page", status=404, headers=TEXT, body=DISALLOW_ALL)
    result = crawl(proxy, db_url)
    assert result.returncode == 0, result.stderr
    assert_export_is_the_truth(forum, proxy, db_url)


def test_a_robots_txt_disallowing_a_thread_is_obeyed(forum, proxy, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    tid = single_page_threads(forum)[0]
    forbidden = target(proxy, "thread", tid)
    proxy.faults[ROBOTS] = Fault("page", status=200, headers=TEXT, body=f"User-agent: *\nDisallow: {forbidden}$\n")
    crawl(proxy, db_url)  # exit 3 today: a disallowed page is recorded as a gap (scraper/gaps.py)
    assert forbidden not in [path for _, path, _ in proxy.served]
    stored = {post["thread_id"] for post in rows(db_url, "posts")}
    assert tid not in stored and len(stored) == len([t for t in forum.threads if t.readable]) - 1


def test_robotstxt_obey_false_is_the_opt_out(forum, proxy, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    proxy.faults[ROBOTS] = Fault("status", status=500)
    result = crawl(proxy, db_url, "-s", "ROBOTSTXT_OBEY=False")
    assert result.returncode == 0, result.stderr
    assert ROBOTS not in [path for _, path, _ in proxy.served]
    assert_export_is_the_truth(forum, proxy, db_url)
