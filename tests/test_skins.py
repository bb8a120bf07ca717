"""Sample forum skins: each template family's page structure, read back with parsel, and
the same posts under every look."""

from __future__ import annotations

import hashlib
import re
import urllib.request

import pytest
from parsel import Selector

from forum_harvest.sample_forum import SITE_TZ, render, start_server
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.look import Look
from forum_harvest.sample_forum.routes import respond
from forum_harvest.sample_forum.variants import saved_by_mirror
from tests.skin_pages import BASE, NOW, first_page_posts, forum, long_thread, page  # noqa: F401 (fixture)


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
