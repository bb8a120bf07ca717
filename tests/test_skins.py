"""Sample forum skins, language packs and the 12-hour clock: each family's page structure,
read back with parsel, and the same content under every look."""

from __future__ import annotations

import hashlib
import re
import signal
import subprocess
import sys
import urllib.request
from datetime import datetime

import pytest
from parsel import Selector

from forum_harvest.sample_forum import SITE_TZ, SampleForum, render, start_server
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.look import Look
from forum_harvest.sample_forum.routes import respond
from forum_harvest.sample_forum.variants import saved_by_mirror

NOW = datetime(2026, 11, 25, 11, 2, 34, tzinfo=SITE_TZ)
BASE = "http://127.0.0.1:8090/"


@pytest.fixture(scope="module")
def forum() -> SampleForum:
    return SampleForum.build(now=NOW)


def page(forum: SampleForum, path: str, **look) -> Selector:
    # type="html": touch pages start with an XML declaration, which parsel would read as XML
    return Selector(text=render(forum, "/" + path, BASE, NOW, **look), type="html")


def long_thread(forum):
    return max(forum.threads, key=lambda t: t.replies)


def first_page_posts(forum, thread):
    return forum.thread_posts(thread.thread_id)[:10]


def test_unknown_skin_or_language_is_one_clear_error():
    with pytest.raises(ValueError, match="unknown skin 'd8'"):
        Look(skin="d8")
    with pytest.raises(ValueError, match="unknown language pack 'fr'"):
        Look(lang="fr")


def test_x35_is_the_default_look(forum):
    path = f"forum.php?mod=viewthread&tid={long_thread(forum).thread_id}"
    assert page(forum, path).get() == page(forum, path, skin="x35", lang="zh_cn", clock12=False).get()


def test_d7_thread_page_structure(forum):
    thread = long_thread(forum)
    sel = page(forum, f"viewthread.php?tid={thread.thread_id}&page=1", skin="d7")
    assert sel.css('meta[name="generator"]::attr(content)').get() == "Discuz! 7.2"
    assert not sel.css('div[id^="post_"]') and not sel.css('em[id^="authorposton"]') and not sel.css("base")
    for post in first_page_posts(forum, thread):
        table = sel.css(f"div.mainbox.viewthread > table#pid{post.post_id}")
        assert table, post.post_id
        author = table.css("td.postauthor > cite > a")
        assert author.css("::text").get() == post.author
        assert author.attrib["href"] == f"space.php?uid={forum.users[post.author].uid}"
        assert table.css(f"strong#postnum{post.post_id}::text").get() == f"{post.floor}楼"
        info = table.css("div.postinfo")
        assert info.css("em::text").getall() == ["大", "中", "小"]
        local = post.posted_at.astimezone(SITE_TZ)
        assert f"发表于 {local.year}-{local.month}-{local.day} {local:%H:%M}" in "".join(info.xpath("text()").getall())
        if not forum.users[post.author].banned:
            assert table.css(f"div#postmessage_{post.post_id}.t_msgfont")
    quoting = next(p for p in first_page_posts(forum, thread) if p.quote)
    heading = sel.css(f"table#pid{quoting.post_id} div.postmessage > h2::text").get()
    assert heading.startswith("回复 1楼 ")
    assert sel.css("div.pages strong::text").get() == "1" and sel.css("div.pages a.next")


def test_d7_edit_notice_and_quote_are_the_old_forms(forum):
    thread = long_thread(forum)
    sel = page(forum, f"viewthread.php?tid={thread.thread_id}", skin="d7")
    first = forum.thread_posts(thread.thread_id)[0]
    message = sel.css(f"#postmessage_{first.post_id}").get()
    assert re.search(r"\[<i> 本帖最后由 \S+ 于 [\d-]+ \d\d:\d\d 编辑 </i>\]</div>$", message)
    assert sel.css("div.quote > h5::text").get() == "引用:"
    assert sel.css("div.quote blockquote::text").get().startswith("原帖由 ")


def test_d7_thread_list_and_index(forum):
    listing = page(forum, "forumdisplay.php?fid=2", skin="d7")
    rows = listing.css('tbody[id^="normalthread_"]')
    assert rows and listing.css('tbody[id^="stickthread_"]')
    for row in rows:
        thread = forum.thread(int(row.attrib["id"].split("_")[1]))
        assert row.css("td.author > cite > a::text").get() == thread.author
        assert re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", row.css("td.author > em::text").get())
        assert row.css(f'span#thread_{thread.thread_id} > a::attr(href)').get().startswith(
            f"viewthread.php?tid={thread.thread_id}")
    assert listing.css("div.pages")[0].css("a::attr(href)").re(r"forumdisplay\.php\?fid=2&page=(\d)") == ["2", "3", "2"]
    assert listing.css("#subforum_2 h2 a::attr(href)").get() == "forumdisplay.php?fid=4"
    index = page(forum, "index.php", skin="d7")
    assert index.css("div.mainbox.forumlist h3 a::attr(href)").getall() == ["index.php?gid=1", "index.php?gid=5"]
    assert "forumdisplay.php?fid=4" in index.css("tbody#forum2 p a::attr(href)").getall()


def test_d7_message_page_and_redirect(forum):
    sel = page(forum, "viewthread.php?tid=99999", skin="d7")
    assert "不存在" in sel.css("div.box.message p::text").get()
    thread = long_thread(forum)
    post = forum.thread_posts(thread.thread_id)[-1]
    moved = respond(View(forum, BASE, NOW, look=Look(skin="d7")),
                    f"/redirect.php?goto=findpost&ptid={thread.thread_id}&pid={post.post_id}")
    assert moved.headers["Location"] == f"{BASE}viewthread.php?tid={thread.thread_id}&page=3#pid{post.post_id}"


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


def test_d7_is_served_as_gbk_unless_told_otherwise(forum):
    for options, charset in (({"skin": "d7"}, "gbk"), ({"skin": "d7", "charset": "utf-8"}, "utf-8")):
        server = start_server(forum, clock=lambda: NOW, **options)
        try:
            with urllib.request.urlopen(server.url + "index.php", timeout=10) as response:
                assert response.headers["Content-Type"] == f"text/html; charset={charset}"
                text = response.read().decode("gb18030" if charset == "gbk" else charset)
        finally:
            server.stop()
        assert f'content="text/html; charset={charset}"' in text


def test_custom_skin_hides_its_labels_in_one_author_line(forum):
    thread = long_thread(forum)
    sel = page(forum, f"forum.php?mod=viewthread&tid={thread.thread_id}", skin="custom")
    assert sel.css('meta[name="generator"]::attr(content)').get() != "Discuz! X3.5"
    assert "Powered by" not in sel.css("#ft").get() and "Discuz!" not in sel.css("title::text").get()
    assert not sel.css('div[id^="post_"] td.pls')
    floors = []
    for post in first_page_posts(forum, thread):
        line = sel.css(f"#post_{post.post_id} table#pid{post.post_id} div.authi.firstauthi")
        author = line.css('a[href^="space-uid-"]')
        assert author.css("em.display_none::text").get() == "作者："
        assert author.xpath("text()").get() == post.author
        assert line.css(f"em#authorposton{post.post_id} > em.display_none::text").get() == "时间："
        floors.append(sel.css(f"#postnum{post.post_id}::text").get())
    assert floors[:6] == ["楼主", "沙发#", "板凳#", "地板#", "#5", "#6"]


def test_x25_puts_the_author_beside_the_time(forum):
    thread = long_thread(forum)
    sel = page(forum, f"forum.php?mod=viewthread&tid={thread.thread_id}", skin="x25")
    assert sel.css('meta[name="generator"]::attr(content)').get() == "Discuz! X2.5"
    assert not sel.css("table.plhin")
    for post in first_page_posts(forum, thread):
        table = sel.css(f"#post_{post.post_id} > table#pid{post.post_id}")
        assert table.css("div.authi > a.xi2::text").get() == post.author
        assert table.css(f"div.authi > em#authorposton{post.post_id}::text").get().startswith("发表于 ")
        assert not table.css("td.pls a.xw1")


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


def test_every_look_shows_the_same_posts(forum):
    thread = long_thread(forum)
    expected = [p.author for p in first_page_posts(forum, thread)]
    authors = {
        "x35": "div.authi a.xw1::text", "x25": "div.authi a.xi2::text", "d7": "td.postauthor cite a::text",
        "custom": "div.firstauthi a[href^='space-uid-']::text",
    }
    for skin, css in authors.items():
        path = f"forum.php?mod=viewthread&tid={thread.thread_id}"
        assert page(forum, path, skin=skin).css(css).getall() == expected, skin


def test_cli_serves_a_skin_until_sigterm():
    process = subprocess.Popen([sys.executable, "-m", "forum_harvest", "sample-forum", "serve", "--skin", "d7",
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


def test_touch_template_for_mobile_urls(forum):
    thread = long_thread(forum)
    sel = page(forum, f"forum.php?mod=viewthread&tid={thread.thread_id}&page=3&mobile=2")
    raw = render(forum, f"/forum.php?mod=viewthread&tid={thread.thread_id}&mobile=2", BASE, NOW)
    assert raw.startswith('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html>')
    assert not sel.css("table") and sel.css("div.postlist > h2::text").get().strip() == thread.title
    posts = forum.thread_posts(thread.thread_id)[20:]
    for post in posts:
        block = sel.css(f"div.plc#pid{post.post_id}")
        assert block.css("ul.authi li.grey b > a.blue::text").get() == post.author
        assert block.css("ul.authi li.grey > em::text").get() == str(post.floor)
        assert block.css("div.message") and not block.css('[id^="postmessage_"]')
    relative = [t.strip() for t in sel.css("li.grey.rela::text").getall()]
    assert any("小时前" in t or "分钟前" in t for t in relative) and not sel.css("li.grey.rela span[title]")
    assert all("mobile=" in href for href in sel.css('a[href*=".php"]::attr(href)').getall())
    listing = page(forum, "forum.php?mod=forumdisplay&fid=2&mobile=2", skin="touch")
    rows = listing.css("div.threadlist > ul > li")
    sticky = [t.thread_id for t in forum.threads if t.forum_id == 2 and t.sticky]
    assert rows and not any(f"tid={tid}&" in listing.get() for tid in sticky)
    assert rows[0].css("span.by::text").get() and listing.css("div.pg a.nxt::text").get() == "下一页"
    index = page(forum, "forum.php", skin="touch")
    assert index.css("div.sub_forum li a::attr(href)").re(r"fid=(\d+)") == ["2", "3", "6", "7", "8"]


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


@pytest.mark.parametrize("skin", ["x35", "x25", "d7", "custom", "touch"])
@pytest.mark.parametrize("lang, clock12", [("zh_cn", False), ("zh_tw", True), ("en", False)])
def test_every_look_shows_every_post_once(forum, skin, lang, clock12):
    """All the readable posts, each on one thread page, whatever the look (``pid{N}`` ids
    survive every family)."""
    seen: list[int] = []
    for thread in forum.threads:
        if not thread.readable:
            continue
        for number in range(1, thread.page_count + 1):
            sel = page(forum, f"forum.php?mod=viewthread&tid={thread.thread_id}&page={number}",
                       skin=skin, lang=lang, clock12=clock12)
            seen += [int(i) for i in sel.css('[id^="pid"]::attr(id)').re(r"^pid(\d+)$")]
    readable = {t.thread_id for t in forum.threads if t.readable}
    assert sorted(seen) == sorted(p.post_id for p in forum.posts if p.thread_id in readable)


def test_d7_archiver_leaves_out_paid_threads_and_banned_text(forum):
    paid = next(p for p in forum.posts if p.paid)
    assert "您没有权限查看这个话题" in page(forum, f"archiver/?tid-{paid.thread_id}.html", skin="d7").get()
    thread = long_thread(forum)
    bodies = page(forum, f"archiver/?tid-{thread.thread_id}.html", skin="d7").css("div.archiver_postbody")
    banned = [i for i, p in enumerate(forum.thread_posts(thread.thread_id)[:20]) if forum.users[p.author].banned]
    assert banned and all(bodies[i].css("::text").get() == "*** 作者被禁止或删除 内容自动屏蔽 ***" for i in banned)


# sha256 of the x35 pages below as the sample forum rendered them before skins existed.
X35_DIGEST = "b963149928783783dee633a913690195a41a0658592e1d9b1b8f9c488b83c92f"


def test_x35_pages_are_byte_identical_to_the_pre_skin_forum(forum):
    """Skins, language packs and clocks are additions: the default look renders exactly what
    it did before them. Changing the X3.5 pages on purpose means updating ``X35_DIGEST``."""
    paths = ["/forum.php", "/forum.php?gid=5", "/portal.php", "/archiver/", "/forum.php?mod=viewthread&tid=9999"]
    paths += [f"/forum.php?mod=forumdisplay&fid={f.forum_id}&page={p}"
              for f in forum.forums for p in range(1, forum.forum_page_count(f.forum_id) + 1)]
    paths += [f"/archiver/?fid-{f.forum_id}.html" for f in forum.forums]
    paths += [f"{prefix}{t.thread_id}{suffix}{p}" for t in forum.threads for p in range(1, t.page_count + 1)
              for prefix, suffix in (("/forum.php?mod=viewthread&tid=", "&page="), ("/archiver/?tid-", ".html&page="))]
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path}\n{render(forum, path, 'http://127.0.0.1:8090/', NOW)}\n".encode())
    assert digest.hexdigest() == X35_DIGEST


def test_a_mirror_copy_points_nowhere_back_at_the_site(forum):
    thread = long_thread(forum)
    served = render(forum, f"/forum.php?mod=viewthread&tid={thread.thread_id}", BASE, NOW, skin="custom")
    saved = saved_by_mirror(served, BASE)
    sel = Selector(text=saved)
    assert BASE not in saved and sel.css("base::attr(href)").get() == "./" and "SITEURL" not in saved
    assert sel.css('a[href^="javascript:;"]') and not sel.css('a[href^="home.php"]')
    assert len(sel.css('[id^="postmessage_"]')) == len(first_page_posts(forum, thread))
