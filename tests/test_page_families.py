"""Thread-page readers per layout family, on small pages written from each family's template.

Whole crawls of every family run against the sample forum's skins (tests/test_skins_e2e.py);
these pin the reader of each family to the markup facts in docs/engines/discuz.md.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.engines.discuz.times import parse_discuz_time
from scraper.engines.discuz.pages import ThreadPage

FETCHED = datetime(2025, 3, 2, 4, 0, tzinfo=UTC)

D7 = """<html><head><title>标题 - 版块 - 站 - Powered by Discuz!</title></head><body>
<div id="nav"><a href="index.php">站</a> &raquo; <a href="forumdisplay.php?fid=7">版块</a> &raquo; 标题</div>
<div class="pages_btns"><div class="pages"><em>&nbsp;23&nbsp;</em><strong>1</strong>
<a href="viewthread.php?tid=9&amp;extra=page%3D1&amp;page=2">2</a><a href="viewthread.php?tid=9&amp;page=3" class="last">... 3</a>
<a href="viewthread.php?tid=9&amp;page=2" class="next">下一页</a></div></div>
<form method="post" name="modactions"><div class="mainbox viewthread" id="postlist">
<div id="post_101"><table id="pid101" summary="pid101" cellspacing="0" cellpadding="0"><tr>
<td class="postauthor" rowspan="2"><cite><a href="space.php?uid=3" target="_blank">老张</a></cite>
<div class="popupmenu_popup userinfopanel" id="userinfo101" style="display: none;"><dl><dt>注册时间</dt><dd>2008-1-1</dd></dl></div>
<p><em>注册会员</em></p></td>
<td class="postcontent"><div class="postinfo"><strong><a id="postnum101" href="javascript:;">楼主</a></strong>
<em>大</em> <em>中</em> <em>小</em> 发表于 2009-6-10 13:18&nbsp; <a href="viewthread.php?tid=9&amp;authorid=3">只看该作者</a></div>
<div class="defaultpost"><div class="postmessage firstpost"><div id="threadtitle"><h1>标题</h1></div>
<div class="t_msgfontfix"><table cellspacing="0" cellpadding="0"><tr><td class="t_msgfont" id="postmessage_101">第一帖</td></tr></table></div>
</div></div></td></tr><tr><td class="postbottom"><div class="signatures">签名</div></td></tr></table></div>
<div id="post_102"><table id="pid102" summary="pid102" cellspacing="0" cellpadding="0"><tr>
<td class="postauthor" rowspan="2"><cite><a href="space.php?uid=4" target="_blank">小李</a></cite></td>
<td class="postcontent"><div class="postinfo"><strong><a id="postnum102" href="javascript:;"><em>2</em>楼</a></strong>
发表于 2009-6-11 08:05</div>
<div class="defaultpost"><div class="postmessage"><h2>回复 1楼 老张 的话题</h2>
<div class="t_msgfontfix"><table cellspacing="0" cellpadding="0"><tr><td class="t_msgfont" id="postmessage_102">第二帖</td></tr></table></div>
</div></div></td></tr></table></div>
</div></form></body></html>"""

CUSTOM = """<html><head><title>标题</title></head><body>
<div id="pt"><a href="forum-5-1.html">版块</a></div><h1><span id="thread_subject">定制主题</span></h1>
<div id="postlist">
<div id="post_3"><table id="pid3"><tr><td class="plc">
<div class="authi firstauthi"><a href="space-uid-1.html"><em class="display_none">作者：</em>admin</a>
<em id="authorposton3"><em class="display_none">时间：</em>2022-2-12 23:58:16</em>
<a id="postnum3" href="javascript:;">楼主</a></div>
<div class="t_fsz"><table><tr><td class="t_f" id="postmessage_3">正文一</td></tr></table></div></td></tr></table></div>
<div id="post_4"><table id="pid4"><tr><td class="plc">
<div class="authi firstauthi"><a href="space-uid-2.html"><em class="display_none">作者：</em>路人</a>
<em id="authorposton4"><em class="display_none">发表于：</em>2022-2-13 09:36:21 PM</em>
<a id="postnum4" href="javascript:;">沙发#</a></div>
<div class="t_fsz"><table><tr><td class="t_f" id="postmessage_4">正文二</td></tr></table></div></td></tr></table></div>
<div id="post_5"><table id="pid5"><tr><td class="plc">
<div class="authi firstauthi"><a href="space-uid-3.html">第三人</a>
<em id="authorposton5">Posted on <span title="2022-2-14 10:00:00">Yesterday 10:00</span></em>
<a id="postnum5" href="javascript:;">#3</a></div>
<div class="t_fsz"><table><tr><td class="t_f" id="postmessage_5">正文三</td></tr></table></div></td></tr></table></div>
</div></body></html>"""

TOUCH = """<html><head><title>标题</title></head><body>
<div class="header cl"><h2><a href="forum.php?mod=forumdisplay&amp;fid=2">版块</a></h2></div>
<div class="viewthread"><div class="view_tit">手机主题</div>
<div class="plc cl" id="pid21"><div class="avatar"><img src="a.png" /></div>
<div class="display pi pione"><ul class="authi">
<li class="mtit"><span class="y">楼主</span><span class="z"><a href="home.php?mod=space&amp;uid=1">甲</a></span></li>
<li class="mtime"><span class="y"><em>12</em><em>3</em></span>2025-3-1 10:00</li></ul>
<div class="message">手机正文</div></div></div>
<div class="plc cl" id="pid22"><div class="avatar"><img src="a.png" /></div>
<div class="display pi"><ul class="authi">
<li class="mtit"><span class="y">沙发</span><span class="z"><a href="home.php?mod=space&amp;uid=2">乙</a></span></li>
<li class="mtime"><span title="2025-3-1 11:30:00">3&nbsp;小时前</span></li></ul>
<div class="message"><h2><strong>回复标题</strong></h2>第二条</div></div></div>
</div><div class="pg"><strong>1</strong><a href="forum.php?mod=viewthread&amp;tid=8&amp;page=2&amp;mobile=2">2</a></div>
</body></html>"""


def times(page: ThreadPage) -> list[datetime | None]:
    return [parse_discuz_time(p.time_text, p.time_title, FETCHED, "Asia/Shanghai")[0] for p in page.posts]


def local(text: str) -> datetime:
    from zoneinfo import ZoneInfo
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Asia/Shanghai")).astimezone(UTC)


def test_discuz_7_thread_page() -> None:
    page = ThreadPage("http://h/viewthread.php?tid=9", D7)
    assert page.layout.name == "d7"
    assert (page.thread_id, page.forum_id, page.title, page.page, page.page_count) == (9, 7, "标题", 1, 3)
    assert page.next_url == "http://h/viewthread.php?tid=9&page=2"
    assert [(p.post_id, p.floor, p.author) for p in page.posts] == [(101, 1, "老张"), (102, 2, "小李")]
    # The registration date in the hidden user card is not the post time.
    assert times(page) == [local("2009-06-10 13:18"), local("2009-06-11 08:05")]
    assert [p.body_html for p in page.posts] == ["第一帖", "第二帖"]
    assert page.posts[0].signature_html == "签名"


def test_custom_skin_with_hidden_labels() -> None:
    page = ThreadPage("http://h/thread-6-1-1.html", CUSTOM)
    assert page.layout.name == "x"
    assert [(p.floor, p.author) for p in page.posts] == [(1, "admin"), (2, "路人"), (3, "第三人")]
    assert times(page) == [local("2022-02-12 23:58:16"), local("2022-02-13 21:36:21"), local("2022-02-14 10:00:00")]
    assert page.title == "定制主题" and page.forum_id == 5


def test_touch_thread_page() -> None:
    page = ThreadPage("http://h/forum.php?mod=viewthread&tid=8&mobile=2", TOUCH)
    assert page.layout.name == "touch"
    assert (page.title, page.page_count) == ("手机主题", 2)
    assert [(p.post_id, p.floor, p.author) for p in page.posts] == [(21, 1, "甲"), (22, 2, "乙")]
    assert times(page) == [local("2025-03-01 10:00"), local("2025-03-01 11:30:00")]
    assert [p.body_html for p in page.posts] == ["手机正文", "第二条"]


def test_page_saved_by_a_mirror_reads_without_links() -> None:
    """Links rewritten to ``./www.example.net`` and ``<base href="./">``: posts, authors and
    times come from ids and shapes, not from absolute links."""
    mirrored = CUSTOM.replace('href="space-uid-', 'href="./www.example.net/space-uid-').replace(
        "<head>", '<head><base href="./" />')
    page = ThreadPage("", mirrored)
    assert [(p.floor, p.author) for p in page.posts] == [(1, "admin"), (2, "路人"), (3, "第三人")]
    assert times(page) == [local("2022-02-12 23:58:16"), local("2022-02-13 21:36:21"), local("2022-02-14 10:00:00")]


def test_unknown_label_before_the_time() -> None:
    html = CUSTOM.replace('<em class="display_none">时间：</em>', "يوللىغان ۋاقتى  ")
    page = ThreadPage("http://h/thread-6-1-1.html", html)
    assert times(page)[0] == local("2022-02-12 23:58:16")


def post(pid: int, body: str) -> str:
    return (f'<div id="post_{pid}"><table id="pid{pid}"><tr><td class="pls"><div class="authi">'
            f'<a class="xw1" href="home.php?mod=space&uid={pid}">u{pid}</a></div></td><td class="plc">'
            f'<em id="authorposton{pid}">发表于 2025-3-1 10:0{pid}</em>'
            f'<td class="t_f" id="postmessage_{pid}">{body}</td></td></tr></table></div>')


PAGER = ('<div class="pg"><strong>1</strong><a href="forum.php?mod=viewthread&tid=5&page=2">2</a>'
         '<label><span title="共 2 页"> / 2 页</span></label></div>')


@pytest.mark.parametrize("hostile", [
    "<div>" * 10000 + "深" + "</div>" * 10000,  # nesting far past libxml2's limit
    "<script>var x = '", "<!-- never closed", "<textarea>", "<plaintext>", "</div></table></div><table>",
])
def test_hostile_post_never_loses_the_other_posts(hostile: str) -> None:
    html = f'<html><body><div id="postlist">{PAGER}{post(1, "一")}{post(2, hostile)}{post(3, "三")}</div>{PAGER}</body></html>'
    page = ThreadPage("http://h/forum.php?mod=viewthread&tid=5", html)
    assert [(p.post_id, p.author) for p in page.posts] == [(1, "u1"), (2, "u2"), (3, "u3")]
    assert "三" in page.posts[2].body_html and page.page_count == 2


def test_deep_nesting_keeps_the_deep_text() -> None:
    html = f'<html><body><div id="postlist">{post(1, "<div>" * 10000 + "深" + "</div>" * 10000)}</div></body></html>'
    (deep,) = ThreadPage("http://h/forum.php?mod=viewthread&tid=5", html).posts
    assert "深" in deep.body_html


def test_xml_prolog_and_dtd_entities() -> None:
    html = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html [<!ENTITY boom "&#x5927;&#x5927;">]>\n'
            f'<html><body><div id="postlist">{post(1, "一 &boom;")}{post(2, "二")}</div></body></html>')
    page = ThreadPage("http://h/forum.php?mod=viewthread&tid=5", html)
    assert [p.author for p in page.posts] == ["u1", "u2"]


def test_pager_numbers_come_from_links_not_from_swallowed_text() -> None:
    """An unclosed pager swallows the footer: numbers in texts (a user called 2024, the
    footer's timing) are not page counts; links to other threads are not this thread's pages."""
    pager = ('<div class="pg"><strong>1</strong><a href="forum.php?mod=viewthread&tid=5&page=2">2</a>'
             '<div><a href="home.php?mod=space&uid=7">2024</a> Processed in 0.033228 second(s)'
             '<a href="forum.php?mod=viewthread&tid=6&page=900">900</a><strong>77</strong></div>')
    html = f'<html><body><div id="postlist">{post(1, "一")}</div>{pager}</body></html>'
    page = ThreadPage("http://h/forum.php?mod=viewthread&tid=5", html)
    assert page.page_count == 2


def test_posts_per_page_cap() -> None:
    html = '<html><body><div id="postlist">' + "".join(post(i, "x") for i in range(1, 8)) + "</div></body></html>"
    page = ThreadPage("http://h/forum.php?mod=viewthread&tid=5", html, max_posts=5)
    assert len(page.posts) == 5 and page.posts_over_limit == 2


ARCHIVER_FORUM = """<html><head><base href="http://h/archiver/" /></head><body>
<div id="nav"><a href="./">站</a> &rsaquo; <a href="?fid-2.html">公文写作</a></div>
<div id="content"><ul><li><a href="?fid-4.html">讲话稿</a><li><a href="?fid-5.html">总结</a></ul>
<ul type="1"><li><a href="?tid-1.html">区委讲话</a> (3篇回复)<li><a href="?tid-2.html">每日一练</a> (2 replies)</ul>
<div class="page">页: <strong>[1]</strong> <a href="?fid-2.html&amp;page=2">2</a></div></div></body></html>"""


def test_archiver_forum_lists_subforums_then_threads() -> None:
    from scraper.engines.discuz.pages import ArchiverForumPage

    page = ArchiverForumPage("http://h/archiver/?fid-2.html", ARCHIVER_FORUM)
    assert [(f.forum_id, f.name, f.parent_forum_id) for f in page.subforums] == [(4, "讲话稿", 2), (5, "总结", 2)]
    assert [(t.thread_id, t.title) for t in page.threads] == [(1, "区委讲话"), (2, "每日一练")]


def test_archiver_hidden_message_and_empty_post() -> None:
    from scraper.engines.discuz.pages import ArchiverThreadPage

    html = """<html><body><div id="nav"><a href="?fid-2.html">版</a> &rsaquo; 题</div><div id="content">
    <p class="author"><strong>甲</strong> 发表于 2025-3-1 10:00</p><h3>题</h3>看得见<br />**** Hidden Message *****<br />
    <p class="author"><strong>乙</strong> Posted on 2025-3-1 11:00 PM</p><h3></h3>
    <p class="author"><strong>丙</strong> 发表于 2025-3-2 09:00</p><h3></h3>第三<br />
    </div></body></html>"""
    first, second, third = ArchiverThreadPage("http://h/archiver/?tid-1.html", html).posts
    assert (first.content_hidden, "Hidden" in first.body_html, "看得见" in first.body_html) == (True, False, True)
    assert (second.floor, second.author) == (2, "乙")
    assert parse_discuz_time(second.time_text, None, FETCHED, "Asia/Shanghai")[0] == local("2025-03-01 23:00")
    assert third.floor == 3


D7_LIST = """<html><head><title>版块 - 站 - Powered by Discuz!</title></head><body>
<div id="nav"><a href="index.php">站</a> &raquo; <a href="forumdisplay.php?fid=2">版块</a></div>
<div class="pages_btns"><div class="pages"><em>&nbsp;64&nbsp;</em><strong>1</strong>
<a href="forumdisplay.php?fid=2&amp;page=2">2</a><a href="forumdisplay.php?fid=2&amp;page=4" class="last">... 4</a></div></div>
<div class="mainbox threadlist"><table summary="forum_2" id="forum_2" cellspacing="0" cellpadding="0">
<tbody id="stickthread_5"><tr><th class="subject"><span id="thread_5"><a href="viewthread.php?tid=5&amp;extra=page%3D1">置顶帖</a></span></th>
<td class="author"><cite><a href="space.php?uid=1">admin</a></cite><em>2010-10-11</em></td>
<td class="nums"><strong>12</strong> / <em>345</em></td>
<td class="lastpost"><em><a href="redirect.php?tid=5&amp;goto=lastpost#lastpost">2010-10-12 10:00</a></em>
<cite>by <a href="space.php?username=x">x</a></cite></td></tr></tbody>
<tbody id="normalthread_6"><tr><th class="subject new"><span id="thread_6"><a href="viewthread.php?tid=6&amp;extra=page%3D1">普通帖</a></span>
<span class="threadpages"><a href="viewthread.php?tid=6&amp;extra=page%3D1&amp;page=2">2</a></span></th>
<td class="author"><cite><a href="space.php?uid=2">路人</a></cite><em>2010-10-12</em></td>
<td class="nums"><strong>25</strong> / <em>1,024</em></td><td class="lastpost"></td></tr></tbody>
</table></div></body></html>"""


def test_discuz_7_thread_list() -> None:
    from scraper.engines.discuz.pages import ForumPage

    page = ForumPage("http://h/forumdisplay.php?fid=2", D7_LIST)
    assert [(t.thread_id, t.title, t.author, t.replies, t.views, t.sticky) for t in page.threads] == [
        (5, "置顶帖", "admin", 12, 345, True), (6, "普通帖", "路人", 25, 1024, False)]
    assert (page.forum_id, page.name, page.page_count) == (2, "版块", 4)


def test_a_post_with_neither_author_nor_message_is_unreadable() -> None:
    html = ('<html><body><div id="postlist">' + post(1, "一")
            + '<div id="post_2"><table id="pid2"><tr><td class="plc">广告位</td></tr></table></div>'
            + "</div></body></html>")
    first, second = ThreadPage("http://h/forum.php?mod=viewthread&tid=5", html).posts
    assert first.unreadable is None
    assert second.unreadable == "post has neither author nor message"


# Robot templates (IS_ROBOT): what Discuz serves any User-Agent with bot/crawl/spider in it, ours
# included. X2 - X3.5 (and skins built on them) print no floor links; 6.x/7.x keep them; the touch
# template and the archivers change nothing a reader uses. Pages of every family from the sample
# forum (tests/test_robot_mode.py crawls them end to end).
ROBOT_FAMILIES = [
    pytest.param({}, "/forum.php?mod=viewthread&tid={tid}&page={page}", id="x35"),
    pytest.param({"skin": "x25"}, "/forum.php?mod=viewthread&tid={tid}&page={page}", id="x25"),
    pytest.param({"skin": "custom"}, "/forum.php?mod=viewthread&tid={tid}&page={page}", id="custom"),
    pytest.param({"skin": "d7"}, "/viewthread.php?tid={tid}&page={page}", id="d7"),
    pytest.param({"skin": "touch"}, "/forum.php?mod=viewthread&tid={tid}&page={page}&mobile=2", id="touch"),
]
LONG_THREAD = 13  # three pages in the sample forum: 10, 10 and 8 posts


def _robot_and_normal(look: dict, target: str, page: int, posts_per_page: int | None = None
                      ) -> tuple[ThreadPage, ThreadPage]:
    from forum_harvest.sample_forum import SampleForum, render

    forum = SampleForum.build(now=FETCHED)
    url = "http://127.0.0.1" + target.format(tid=LONG_THREAD, page=page)
    return tuple(ThreadPage(url, render(forum, url.removeprefix("http://127.0.0.1"), robot=robot, **look),
                            posts_per_page=posts_per_page) for robot in (True, False))


def _positions(page: ThreadPage) -> list[tuple]:
    return [(post.post_id, post.floor, post.author, post.time_text, post.time_title) for post in page.posts]


@pytest.mark.parametrize("look, target", ROBOT_FAMILIES)
@pytest.mark.parametrize("number", [1, 2])
def test_a_robot_page_before_the_last_reads_like_the_normal_one(look, target, number) -> None:
    """Page 1 starts at floor 1; page 2 of 3 is full, so it tells the page size itself."""
    robot, normal = _robot_and_normal(look, target, number)
    assert _positions(robot) == _positions(normal)
    assert [post.floor for post in robot.posts] == list(range(number * 10 - 9, number * 10 + 1))
    assert robot.unplaced is None and robot.full_page_size == 10


@pytest.mark.parametrize("look, target", ROBOT_FAMILIES)
def test_a_robot_last_page_needs_the_page_size_from_elsewhere(look, target) -> None:
    """The last page alone cannot tell where it starts: placed with the page size the crawl
    learnt elsewhere, else its posts have no floor and the page says why."""
    robot, normal = _robot_and_normal(look, target, 3, posts_per_page=10)
    assert _positions(robot) == _positions(normal)
    assert [post.floor for post in robot.posts] == list(range(21, 29))
    alone, _ = _robot_and_normal(look, target, 3)
    if look.get("skin") in ("d7", "touch"):  # their robot pages keep the floors
        assert _positions(alone) == _positions(normal)
        return
    assert [post.floor for post in alone.posts] == [None] * 8
    assert "shows no floors" in alone.unplaced and alone.full_page_size is None


# Pages of a real Discuz! X3.5 (posts per page 3), robot and browser mode, before and after a
# moderator's delete and later changes (tests/fixtures/discuz-x35-live/README.md).
LIVE = Path(__file__).resolve().parent / "fixtures" / "discuz-x35-live"
LIVE_PAGES = sorted({(page["step"], page["url"]) for page in json.loads((LIVE / "pages.json").read_text())["files"]
                     if page["mode"] == "robot" and "viewthread" in page["url"] and page["status"] == 200})


def _live(step: str, url: str, mode: str, posts_per_page: int | None = None) -> ThreadPage:
    number = url.rsplit("page=", 1)[1]
    html = (LIVE / f"viewthread-tid1-page{number}-{mode}-{step}.html").read_text(encoding="utf-8")
    return ThreadPage("http://127.0.0.1:8080/" + url, html, posts_per_page=posts_per_page)


@pytest.mark.parametrize("step, url", LIVE_PAGES)
def test_real_x35_robot_pages_read_like_its_browser_pages(step, url):
    """Robot pages carry no floor; placed by page and order (the size learnt from page 1) they
    read exactly as the browser's pages, whose floors count the visible posts (a delete
    renumbers them: Discuz cuts pages by counting once a position is missing)."""
    browser = _live(step, url, "browser")
    page_size = _live(step, "forum.php?mod=viewthread&tid=1&page=1", "robot").full_page_size
    robot = _live(step, url, "robot", posts_per_page=page_size)
    assert [post.floor for post in robot.posts] == [post.floor for post in browser.posts]
    assert _positions(robot) == _positions(browser) and robot.unplaced is None
    truth = json.loads((LIVE / "expected.json").read_text())
    visible = sorted((p for p in next(s for s in truth["steps"] if s["step"] == step)["posts"]
                      if p["tid"] == 1 and p["visible"]), key=lambda p: p["position"])
    floor_of = {post["pid"]: number for number, post in enumerate(visible, 1)}
    assert [(post.post_id, post.floor) for post in robot.posts] == [(post.post_id, floor_of[post.post_id])
                                                                    for post in robot.posts]
    alone = _live(step, url, "robot")
    if alone.page < alone.page_count:  # a page before the last tells the page size itself
        assert _positions(alone) == _positions(browser)
    elif alone.page > 1:
        assert {post.floor for post in alone.posts} == {None} and alone.unplaced
