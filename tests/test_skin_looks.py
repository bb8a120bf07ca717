"""Sample forum language packs, 12-hour clock, charsets and archivers of each version; the
``sample-forum serve`` options."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import urllib.request

import pytest

from forum_harvest.sample_forum import start_server
from tests import cli_process
from tests.skin_pages import NOW, forum, long_thread, page  # noqa: F401 (fixture)


def test_d7_archiver(forum):
    thread = long_thread(forum)
    first = page(forum, f"archiver/?tid-{thread.thread_id}.html", skin="d7")
    posts = first.css("div.archiver_post")
    assert len(posts) == 20
    assert posts[0].css("p > cite::text").get() == forum.thread_posts(thread.thread_id)[0].author
    assert re.fullmatch(r" \d{4}-\d{1,2}-\d{1,2} \d\d:\d\d", posts[0].css("p::text").get())
    assert first.css("div.archiver_pages a::attr(href)").getall() == [f"archiver/?tid-{thread.thread_id}-page-2.html"]
    second = page(forum, f"archiver/?tid-{thread.thread_id}-page-2.html", skin="d7")
    assert len(second.css("div.archiver_post")) == thread.replies + 1 - 20
    assert "[url=http://www.gov.cn/" in first.get() and "[img]static/image/common/logo.png[/img]" in first.get()
    assert page(forum, "archiver/", skin="d7").css("ul.archiver_forumlist a::attr(href)").getall()[:3] == [
        "archiver/?fid-2.html", "archiver/?fid-4.html", "archiver/?fid-3.html"]


@pytest.mark.parametrize("lang, label, total, ago", [
    ("zh_tw", "發表於", "共 3 頁", "小時前"),
    ("en", "Posted on", "Total 3 pages", "hours ago"),
])
def test_language_packs_translate_labels_relative_times_and_pager(forum, lang, label, total, ago):
    thread = long_thread(forum)
    sel = page(forum, f"forum.php?mod=viewthread&tid={thread.thread_id}&page=3", lang=lang)
    times = sel.css('em[id^="authorposton"]')
    assert times and all(t.xpath("text()").get().startswith(label + " ") for t in times)
    assert any(ago in text for text in sel.css('em[id^="authorposton"] span::text').getall())
    assert sel.css("div.pg label span::attr(title)").get() == total


def test_english_edit_notice(forum):
    thread = long_thread(forum)
    sel = page(forum, f"forum.php?mod=viewthread&tid={thread.thread_id}", lang="en")
    assert sel.css("i.pstatus::text").get().startswith(" This post was last edited by ")


def test_twelve_hour_clock_everywhere_a_time_is_printed(forum):
    thread = long_thread(forum)
    twelve = r"\d{4}-\d{1,2}-\d{1,2} (0\d|1[0-2]):\d\d(:\d\d)? [AP]M"
    for skin, path in (("x35", f"forum.php?mod=viewthread&tid={thread.thread_id}&page=3"),
                       ("custom", f"forum.php?mod=viewthread&tid={thread.thread_id}"),
                       ("d7", f"viewthread.php?tid={thread.thread_id}")):
        text = page(forum, path, skin=skin, clock12=True).get()
        assert re.search(twelve, text), skin
        assert not re.search(r"\d{4}-\d{1,2}-\d{1,2} (1[3-9]|2\d):\d\d", text), skin


def test_real_archiver_lists_subforums_first_and_hides_like_x35(forum):
    listing = page(forum, "archiver/?fid-2.html", real_archiver=True).get()
    assert listing.index('<li><a href="?fid-4.html">') < listing.index('<li><a href="?tid-')
    assert re.search(r'<li><a href="\?tid-\d+\.html">[^<]+</a> \(\d+篇回复\)\n', listing)
    hider = next(p for p in forum.posts if p.hidden_lines)
    text = page(forum, f"archiver/?tid-{hider.thread_id}.html", real_archiver=True).get()
    assert "<b>**** Hidden Message *****</b>" in text and "本帖隐藏的内容" not in text
    long = page(forum, f"archiver/?tid-{long_thread(forum).thread_id}.html", real_archiver=True)
    assert "static/image/common/logo.png" in long.get()
    banned = [p for p in forum.thread_posts(long_thread(forum).thread_id)[:10] if forum.users[p.author].banned]
    assert len(long.css("p.author")) == 10 and len(long.css("h3")) == 10 - len(banned)


def test_cli_serves_a_skin_until_sigterm():
    process = cli_process.start([sys.executable, "-m", "forum_harvest", "sample-forum", "serve", "--skin", "d7",
                                "--lang", "en", "--clock", "12h"], stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
        with urllib.request.urlopen(url + "index.php", timeout=10) as response:
            assert response.headers["Content-Type"] == "text/html; charset=gbk"
            text = response.read().decode("gb18030")
        assert 'content="Discuz! 7.2"' in text and re.search(r"\d:\d\d [AP]M", text)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_charsets_follow_the_look(forum):
    """zh_tw sites serve Big5 by default; touch pages are UTF-8 even on a GBK site."""
    server = start_server(forum, clock=lambda: NOW, lang="zh_tw")
    gbk = start_server(forum, clock=lambda: NOW, charset="gbk")
    try:
        with urllib.request.urlopen(server.url + "forum.php", timeout=10) as response:
            assert response.headers["Content-Type"] == "text/html; charset=big5"
            assert "發表於" not in response.read().decode("big5")  # the index has no post times
        with urllib.request.urlopen(gbk.url + "forum.php?mobile=2", timeout=10) as response:
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
            assert 'charset=utf-8">' in response.read().decode("utf-8")
    finally:
        server.stop()
        gbk.stop()


def test_d7_archiver_leaves_out_paid_threads_and_banned_text(forum):
    paid = next(p for p in forum.posts if p.paid)
    assert "您没有权限查看这个话题" in page(forum, f"archiver/?tid-{paid.thread_id}.html", skin="d7").get()
    thread = long_thread(forum)
    bodies = page(forum, f"archiver/?tid-{thread.thread_id}.html", skin="d7").css("div.archiver_postbody")
    banned = [i for i, p in enumerate(forum.thread_posts(thread.thread_id)[:20]) if forum.users[p.author].banned]
    assert banned and all(bodies[i].css("::text").get() == "*** 作者被禁止或删除 内容自动屏蔽 ***" for i in banned)