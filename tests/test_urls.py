"""URL classification and canonical forms: one table, every URL form Discuz! produces."""

from __future__ import annotations

import pytest

from scraper.engines.discuz.urls import (PageRef, canonicalize, classify, forum_url, position_redirect, site_root,
                                        thread_url)

H = "http://bbs.example.com"

CASES = [
    # index and categories
    (f"{H}/forum.php", PageRef("index")),
    (f"{H}/forum.php?mod=index", PageRef("index")),
    (f"{H}/index.php", PageRef("index")),
    (f"{H}/forum.php?gid=3", PageRef("category", category_id=3)),
    (f"{H}/index.php?gid=3", PageRef("category", category_id=3)),
    # thread lists
    (f"{H}/forum.php?mod=forumdisplay&fid=2", PageRef("forum", forum_id=2)),
    (f"{H}/forum.php?mod=forumdisplay&fid=2&page=3", PageRef("forum", forum_id=2, page=3)),
    (f"{H}/forum.php?mod=forumdisplay&amp;fid=2&amp;page=3", PageRef("forum", forum_id=2, page=3)),
    (f"{H}/forum.php?mod=forumdisplay&fid=2&filter=typeid&typeid=5", PageRef("forum", forum_id=2)),
    (f"{H}/forumdisplay.php?fid=7&page=2", PageRef("forum", forum_id=7, page=2)),
    (f"{H}/forum-2-1.html", PageRef("forum", forum_id=2)),
    (f"{H}/bbs/forum-12-4.html", PageRef("forum", forum_id=12, page=4)),
    # threads, with noise parameters
    (f"{H}/forum.php?mod=viewthread&tid=2", PageRef("thread", thread_id=2)),
    (f"{H}/forum.php?mod=viewthread&tid=2&extra=&page=2", PageRef("thread", thread_id=2, page=2)),
    (f"{H}/forum.php?mod=viewthread&tid=2&extra=page%3D1&page=3", PageRef("thread", thread_id=2, page=3)),
    (f"{H}/forum.php?mod=viewthread&tid=2&extra=&amp;page=2", PageRef("thread", thread_id=2, page=2)),
    (f"{H}/forum.php?mod=viewthread&tid=9&from=portal&highlight=%E5%85%AC", PageRef("thread", thread_id=9)),
    (f"{H}/forum.php?mod=viewthread&tid=9&ordertype=1&mobile=2", PageRef("thread", thread_id=9)),
    (f"{H}/forum.php?mod=viewthread&tid=9&page=0", PageRef("thread", thread_id=9)),
    (f"{H}/forum.php?mod=viewthread&tid=9#pid15", PageRef("thread", thread_id=9)),
    (f"{H}/viewthread.php?tid=5&page=2", PageRef("thread", thread_id=5, page=2)),
    (f"{H}/thread-2-1-1.html", PageRef("thread", thread_id=2)),
    (f"{H}/thread-2-3-7.html", PageRef("thread", thread_id=2, page=3)),
    (f"{H}/bbs/thread-1-1-1.html", PageRef("thread", thread_id=1)),
    ("thread-4-2-1.html", PageRef("thread", thread_id=4, page=2)),
    ("forum.php?mod=viewthread&tid=4", PageRef("thread", thread_id=4)),
    # archiver
    (f"{H}/archiver/", PageRef("archiver_index")),
    (f"{H}/archiver", PageRef("archiver_index")),
    (f"{H}/bbs/archiver/index.php", PageRef("archiver_index")),
    (f"{H}/archiver/?fid-2.html", PageRef("archiver_forum", forum_id=2)),
    (f"{H}/archiver/?fid-2.html&page=4", PageRef("archiver_forum", forum_id=2, page=4)),
    (f"{H}/archiver/?tid-1.html", PageRef("archiver_thread", thread_id=1)),
    (f"{H}/archiver/?tid-1.html&page=2", PageRef("archiver_thread", thread_id=1, page=2)),
    (f"{H}/archiver/tid-1.html", PageRef("archiver_thread", thread_id=1)),
    (f"{H}/archiver/tid-1.html?page=3", PageRef("archiver_thread", thread_id=1, page=3)),
    (f"{H}/bbs/archiver/fid-8.html", PageRef("archiver_forum", forum_id=8)),
    # single post
    (f"{H}/forum.php?mod=redirect&goto=findpost&ptid=2&pid=15",
     PageRef("post_redirect", thread_id=2, post_id=15)),
    (f"{H}/forum.php?mod=redirect&amp;goto=findpost&amp;pid=15&amp;ptid=2",
     PageRef("post_redirect", thread_id=2, post_id=15)),
    # not forum pages
    (f"{H}/home.php?mod=space&uid=2", None),
    (f"{H}/member.php?mod=logging&action=login", None),
    (f"{H}/search.php?mod=forum", None),
    (f"{H}/misc.php?mod=report", None),
    (f"{H}/plugin.php?id=foo", None),
    (f"{H}/static/image/common/logo.png", None),
    (f"{H}/data/cache/style_1_common.css?lUm", None),
    (f"{H}/forum.php?mod=post&action=reply&fid=2&tid=2", None),
    (f"{H}/forum.php?mod=viewthread&action=printable&tid=2", None),
    (f"{H}/forum.php?mod=viewthread&tid=2&page=2&authorid=6", None),
    (f"{H}/forum.php?mod=redirect&tid=2&goto=lastpost#lastpost", None),
    (f"{H}/forum.php?mod=forumdisplay", None),
    (f"{H}/forum.php?mod=rss&fid=2", None),
    ("javascript:;", None),
    ("mailto:admin@example.com", None),
]


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_classify(url: str, expected: PageRef | None) -> None:
    assert classify(url) == expected


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("http://127.0.0.1:8090/forum.php?mod=viewthread&tid=2", "http://127.0.0.1:8090/"),
        ("http://h:8080/bbs/thread-1-1-1.html", "http://h:8080/bbs/"),
        ("http://h/bbs/archiver/?tid-1.html", "http://h/bbs/"),
        ("http://h/archiver/", "http://h/"),
        ("http://H/bbs/", "http://h/bbs/"),
        ("http://h", "http://h/"),
        ("http://h/bbs", "http://h/bbs/"),
    ],
)
def test_site_root(url: str, root: str) -> None:
    assert site_root(url) == root


def test_canonical_builders_round_trip() -> None:
    assert thread_url("http://h/bbs/", 2, 1) == "http://h/bbs/forum.php?mod=viewthread&tid=2"
    assert thread_url("http://h/bbs", 2, 3) == "http://h/bbs/forum.php?mod=viewthread&tid=2&page=3"
    assert forum_url("http://h/", 5, 2) == "http://h/forum.php?mod=forumdisplay&fid=5&page=2"
    assert classify(thread_url("http://h/", 2, 3)) == PageRef("thread", thread_id=2, page=3)
    assert classify(forum_url("http://h/", 5)) == PageRef("forum", forum_id=5)


@pytest.mark.parametrize(
    "variants",
    [
        [
            "http://h/forum.php?mod=viewthread&tid=2",
            "http://h/forum.php?mod=viewthread&tid=2&page=1",
            "http://h/forum.php?tid=2&mod=viewthread&extra=page%3D1",
            "http://h/forum.php?mod=viewthread&amp;tid=2&amp;extra=&amp;from=portal#pid3",
            "http://H/forum.php?mod=viewthread&tid=2&highlight=abc&ordertype=1&mobile=2",
        ],
        [
            "http://h/forum.php?mod=viewthread&tid=2&page=2",
            "http://h/forum.php?mod=viewthread&tid=2&extra=&amp;page=2",
        ],
        ["http://h/thread-2-1-1.html", "http://h/thread-2-1-3.html"],
        ["http://h/archiver/?tid-1.html", "http://h/archiver/?tid-1.html&page=1"],
    ],
)
def test_canonicalize_same_page_same_string(variants: list[str]) -> None:
    assert len({canonicalize(url) for url in variants}) == 1


def test_canonicalize_keeps_pages_apart() -> None:
    assert canonicalize("http://h/forum.php?mod=viewthread&tid=2&page=2") != canonicalize(
        "http://h/forum.php?mod=viewthread&tid=2&page=3"
    )
    assert canonicalize("http://h/archiver/?tid-1.html&page=2") == "http://h/archiver/?tid-1.html&page=2"
    assert canonicalize("http://h/archiver/?tid-1.html") == "http://h/archiver/?tid-1.html"


@pytest.mark.parametrize(("form", "forum", "thread"), [
    ("dynamic", "forum.php?mod=forumdisplay&fid=5&page=2", "forum.php?mod=viewthread&tid=9&page=2"),
    ("rewritten", "forum-5-2.html", "thread-9-2-1.html"),
    ("legacy", "forumdisplay.php?fid=5&page=2", "viewthread.php?tid=9&page=2"),
    ("archiver", "archiver/?fid-5.html&page=2", "archiver/?tid-9.html&page=2"),
    ("archiver_rewritten", "archiver/fid-5.html?page=2", "archiver/tid-9.html?page=2"),
])
def test_every_url_form_builds_urls_that_classify_back(form: str, forum: str, thread: str) -> None:
    from scraper.engines.discuz.urls import page_url, url_form

    site = "http://h/bbs/"
    assert page_url(site, "forum", 5, 2, form) == site + forum
    assert page_url(site, "thread", 9, 2, form) == site + thread
    assert url_form(site + forum) == url_form(site + thread) == form
    assert classify(site + thread).thread_id == 9 and classify(site + thread).page == 2
    assert classify(site + forum).forum_id == 5 and classify(site + forum).page == 2


def test_without_noise_keeps_the_sites_parameter_order() -> None:
    from scraper.engines.discuz.urls import without_noise

    assert without_noise("http://h/forum.php?mod=viewthread&amp;tid=2&extra=page%3D1&mobile=2&page=3#pid5") == (
        "http://h/forum.php?mod=viewthread&tid=2&page=3")
    assert without_noise("http://h/forum.php?mod=redirect&goto=findpost&ptid=1&pid=2") == (
        "http://h/forum.php?mod=redirect&goto=findpost&ptid=1&pid=2")
    assert without_noise("http://h/archiver/?tid-5.html&page=2") == "http://h/archiver/?tid-5.html&page=2"
    # Another engine's bare route stays as the site spelled it (XenForo without friendly URLs).
    assert without_noise("http://h/index.php?threads/notice-09.02.603/&extra=1") == (
        "http://h/index.php?threads/notice-09.02.603/")


@pytest.mark.parametrize(("asked", "location", "once"), [
    # X3.4 after a delete: any page of the thread to its first page (tests/fixtures/discuz-x34)
    (f"{H}/forum.php?mod=viewthread&tid=1&page=2", f"{H}/forum.php?mod=viewthread&tid=1", True),
    (f"{H}/thread-1-3-1.html", f"{H}/forum.php?mod=viewthread&tid=1", True),
    # page 1 itself (X3.5's redirect to the same URL is scraper.gaps'), another thread, a list
    (f"{H}/forum.php?mod=viewthread&tid=1", f"{H}/forum.php?mod=viewthread&tid=1", False),
    (f"{H}/forum.php?mod=viewthread&tid=1&page=2", f"{H}/forum.php?mod=viewthread&tid=2", False),
    (f"{H}/forum.php?mod=viewthread&tid=1&page=2", f"{H}/forum.php?mod=viewthread&tid=1&page=2", False),
    (f"{H}/forum.php?mod=viewthread&tid=1&page=2", f"{H}/forum.php?mod=forumdisplay&fid=2", False),
    (f"{H}/forum.php?mod=viewthread&tid=1&page=2", f"{H}/member.php?mod=logging&action=login", False),
])
def test_x34_position_redirect(asked: str, location: str, once: bool) -> None:
    assert position_redirect(asked, location) is once
