"""Page objects on real Discuz! X3.5 pages, checked against the forum's own database.

Bodies are compared after cleaning, with whitespace normalised: the expected text puts
spaces around link text and blank lines between paragraphs, neither of which the page
carries, so ``squash`` removes all whitespace and ``paragraphs`` compares the non-blank
lines (each squashed) to check that the paragraph structure is the same.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from pipeline.clean import clean_post_html
from scraper.engines.discuz.times import parse_discuz_time
from tests.conftest import FIXTURES
from scraper.engines.discuz.pages import ArchiverForumPage, ArchiverThreadPage, DiscuzPage, ForumPage, IndexPage, ThreadPage

X35 = FIXTURES / "discuz-x35"
EXPECTED = {case["file"]: case for case in json.loads((X35 / "expected.json").read_text(encoding="utf-8"))}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def paragraphs(text: str) -> list[str]:
    return [squash(line) for line in text.split("\n") if line.strip()]


def load(name: str) -> tuple[dict, str, datetime]:
    case = EXPECTED[name]
    html = (X35 / name).read_text(encoding="utf-8")
    return case, html, datetime.fromisoformat(case["fetched_at"])


def check_posts(posts, expected: list[dict], fetched_at: datetime, tz: str, archiver: bool) -> None:
    assert [post.floor for post in posts] == [post["floor"] for post in expected]
    for post, truth in zip(posts, expected, strict=True):
        assert post.author == truth["author"], post.floor
        assert post.author_banned is truth["author_banned"], post.floor
        posted_at, _ = parse_discuz_time(post.time_text, post.time_title, fetched_at, tz)
        assert posted_at == datetime.fromisoformat(truth["posted_at"].replace("Z", "+00:00")), post.floor
        cleaned = clean_post_html(post.body_html, fetched_at=fetched_at, tz=tz, archiver=archiver,
                                  image_placeholder="")  # expected.json bodies carry no placeholder
        assert squash(cleaned.body) == squash(truth["body"]), post.floor
        assert paragraphs(cleaned.body) == paragraphs(truth["body"]), post.floor
        assert [quote["text"] for quote in cleaned.quotes] == truth["quotes"], post.floor


def test_forumdisplay_threads() -> None:
    case, html, _ = load("forumdisplay-fid2-page1.html")
    page = ForumPage(case["url"], html)
    truth = {thread["thread_id"]: thread for thread in case["threads"]}
    assert len(page.threads) == 10
    for row in page.threads:
        assert truth[row.thread_id] == {
            "thread_id": row.thread_id, "title": row.title, "author": row.author,
            "replies": row.replies, "sticky": row.sticky,
        }
    assert page.page_count == 3
    assert page.next_url == "http://127.0.0.1:8090/forum.php?mod=forumdisplay&fid=2&page=2"
    assert sorted(page.pagination.page_urls) == [2, 3]
    assert (page.forum_id, page.name) == (2, "公文写作")
    assert [(f.forum_id, f.name, f.parent_forum_id) for f in page.subforums] == [(4, "讲话稿", 2)]
    assert page.message is None and page.is_discuz


def test_viewthread_page2_posts() -> None:
    case, html, fetched_at = load("viewthread-tid2-page2.html")
    page = ThreadPage(case["url"], html)
    assert (page.thread_id, page.title, page.forum_id) == (2, "每日一练：公文写作常见错误汇总", 2)
    assert (page.page, page.page_count) == (2, 3)
    assert (page.site_name, page.site_root) == ("老秘网", "http://127.0.0.1:8090/")
    assert [post.post_id for post in page.posts] == list(range(15, 25))
    check_posts(page.posts, case["posts"], fetched_at, case["site_timezone"], archiver=False)
    signatures = {post.floor: post.signature_html for post in page.posts if post.signature_html}
    assert set(signatures) == {11, 13, 16, 18}


def test_archiver_thread_posts() -> None:
    case, html, fetched_at = load("archiver-tid1.html")
    page = ArchiverThreadPage(case["url"], html)
    assert (page.thread_id, page.forum_id, page.page, page.page_count) == (1, 2, 1, 1)
    assert page.title == "区委组织部部长在2025年度作风建设教育读书班上的讲话"
    assert (page.site_name, page.site_root) == ("老秘网", "http://127.0.0.1:8090/")
    check_posts(page.posts, case["posts"], fetched_at, case["site_timezone"], archiver=True)


def test_archiver_floor_offset_continues_numbering() -> None:
    case, html, _ = load("archiver-tid1.html")
    page = ArchiverThreadPage("http://127.0.0.1:8090/archiver/?tid-1.html&page=2", html, floor_offset=20)
    assert [post.floor for post in page.posts] == [21, 22, 23, 24]


INDEX_HTML = """<html><head><title>论坛 - 示例站 - Powered by Discuz!</title>
<base href="http://h/bbs/" /></head><body>
<div id="hd"><a href="forum.php?mod=forumdisplay&fid=99">导航里的版块</a></div>
<div id="ct"><div class="fl bm">
 <div class="bm bmw flg cl"><div class="bm_h cl"><h2><a href="forum.php?gid=1">写作园地</a></h2></div>
  <div id="category_1" class="bm_c"><table class="fl_tb"><tr>
   <td class="fl_icn"><a href="forum.php?mod=forumdisplay&fid=2"><img src="x.png"></a></td>
   <td><h2><a href="forum.php?mod=forumdisplay&amp;fid=2">公文写作</a><em> (81)</em></h2>
    <p class="xg2">写公文</p>
    <p>子版块: <a href="forum.php?mod=forumdisplay&fid=4">讲话稿</a>, <a href="forum-5-1.html">总结</a></p>
    <p>版主: <span><a href="home.php?mod=space&uid=1">admin</a></span></p></td>
   <td class="fl_by"><a href="forum.php?mod=redirect&tid=34&goto=lastpost#lastpost">最后</a></td>
  </tr><tr>
   <td><h2><a href="forum.php?mod=forumdisplay&fid=3">文学</a></h2></td>
  </tr></table></div></div>
 <div class="bm bmw flg cl"><div class="bm_h cl"><h2><a href="forum.php?gid=6">站务</a></h2></div>
  <div class="bm_c"><table class="fl_tb"><tr><td class="fl_g"><dl><dt><a href="forum-7-1.html">意见建议</a></dt>
   <dd><a href="forum.php?mod=viewthread&tid=3">一个主题</a></dd></dl></td></tr></table></div></div>
</div></div>
<div id="ft">Powered by <a href="http://www.discuz.net">Discuz!</a></div></body></html>"""


def test_index_forums_categories_and_subforums() -> None:
    page = IndexPage("http://h/bbs/forum.php", INDEX_HTML)
    assert [(f.forum_id, f.name, f.category, f.parent_forum_id) for f in page.forums] == [
        (2, "公文写作", "写作园地", None),
        (4, "讲话稿", "写作园地", 2),
        (5, "总结", "写作园地", 2),
        (3, "文学", "写作园地", None),
        (7, "意见建议", "站务", None),
    ]
    assert page.forums[0].url == "http://h/bbs/forum.php?mod=forumdisplay&fid=2"
    assert (page.site_name, page.site_root, page.is_discuz) == ("示例站", "http://h/bbs/", True)


# The header of jining.com's portal home page (X3.2, Common Crawl 2018-03, GitHub
# silverfoxy/JSCryptoMinerStudy pagesource/jining.com), cut down: forums and categories linked
# from a board strip outside #nv, on a page that shows no forum list.
PORTAL_HTML = """<html><head><base href="http://www.jining.com/" /></head>
<body id="nv_portal" class="pg_index"><div id="nv"><ul class="wp">
<li id="mn_forum_2"><a href="http://www.jining.com/forum.php" title="BBS">社区<span>BBS</span></a></li></ul></div>
<div class="wapper level0"><div class="global_head_board"><div class="portal">
<a class="plate_nav_l" href="portal.php">门户</a><div class="plate_nav_r">
<a href="/forum.php?gid=320" target="_blank">母婴</a><a href="/forum-120-1.html" target="_blank">旅游</a></div></div>
<div class="community"><a class="plate_nav_l" href="forum.php" target="_blank">社区</a>
<div class="plate_nav_r"><a href="/forum-124-1.html" target="_blank">茶座</a>
<a href="/forum.php?gid=303" target="_blank">装修家居</a><a href="/forum-38-1.html" target="_blank">交友</a></div></div>
</div></div></body></html>"""


def test_a_portal_page_lists_no_forums() -> None:
    """Its forum links are not the forum list: the crawl goes on to forum.php for that."""
    page = IndexPage("http://www.jining.com/", PORTAL_HTML)
    assert page.forums == []
    assert page.site_root == "http://www.jining.com/"


def test_site_root_is_on_the_host_the_page_was_asked_from() -> None:
    """Discuz writes ``<base href>`` from the request's host: a page saved from one host and
    served from another keeps the first; its forums are on the second, in the base's folder."""
    page = IndexPage("http://127.0.0.1:8080/bbs/forum.php", INDEX_HTML)
    assert page.site_root == "http://127.0.0.1:8080/bbs/"
    assert page.forums[0].url == "http://h/bbs/forum.php?mod=forumdisplay&fid=2"  # as linked


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ('<div id="messagetext" class="alert_error"><p>抱歉，指定的主题不存在或已被删除或正在被审核</p>'
         '<script>setTimeout("x", 1)</script><p class="alert_btnleft"><a href="#">[返回]</a></p></div>',
         "抱歉，指定的主题不存在或已被删除或正在被审核"),
        ('<div id="messagetext" class="alert_info"><p>您需要先登录才能继续本操作</p></div>',
         "您需要先登录才能继续本操作"),
        ('<div class="alert_error">抱歉，您没有权限访问该版块</div>', "抱歉，您没有权限访问该版块"),
        ('<div id="postlist"><div class="locked">本帖隐藏的内容</div></div>', None),
    ],
)
def test_message_pages(html: str, message: str | None) -> None:
    assert DiscuzPage("http://h/forum.php?mod=viewthread&tid=9", f"<html><body>{html}</body></html>").message == message


def test_thread_page_without_floor_numbers_counts_from_order() -> None:
    html = """<html><body><div id="pt"><a href="forum-3-1.html">版</a></div>
    <h1><span id="thread_subject">标题</span></h1>
    <div id="post_7"><table><tr><td class="pls">
      <div class="authi"><a class="xw1" href="home.php?mod=space&uid=1">甲</a></div></td>
      <td class="plc"><a id="postnum7">楼主</a><em id="authorposton7">发表于 2025-3-1 10:00</em>
      <td class="t_f" id="postmessage_7">正文</td></td></tr></table></div>
    <div id="post_8"><table><tr><td class="plc"><div class="authi">匿名</div>
      <em>发表于 <span title="2025-3-1 11:00">3 小时前</span></em>
      <div class="pcb"><div class="locked">提示: <em>该帖被管理员或版主屏蔽</em></div></div></td></tr></table></div>
    </body></html>"""
    page = ThreadPage("http://h/thread-5-1-1.html", html)
    assert (page.thread_id, page.forum_id, page.title) == (5, 3, "标题")
    first, second = page.posts
    assert (first.floor, first.author, first.time_text, first.author_banned) == (
        1, "甲", "发表于 2025-3-1 10:00", False)
    # A post blocked by a moderator: its text is hidden, its author is not banned.
    assert (second.floor, second.author, second.time_title, second.author_banned, second.content_hidden,
            second.body_html) == (2, "匿名", "2025-3-1 11:00", False, True, "")


def test_an_author_line_a_reader_does_not_know_is_no_author() -> None:
    """Under a template the readers do not know, neither the time line nor a separator is
    taken for the author's name: the post has no author, which run health counts."""
    html = """<html><body><div id="post_7"><table><tr>
      <td class="pls"><div class="pi"><div class="authi"><span class="uname" title="甲"></span></div></div></td>
      <td class="plc"><div class="authi"><em class="when">发表于 2025-3-1 10:00</em> | <a href="#">只看该作者</a></div>
      <td class="t_f" id="postmessage_7">正文</td></td></tr></table></div>
    <div id="post_8"><table><tr><td class="plc"><div class="authi"><span class="pipe">|</span>
      <a href="#">只看该作者</a></div><td class="t_f" id="postmessage_8">正文</td></td></tr></table></div>
    </body></html>"""
    assert [post.author for post in ThreadPage("http://h/thread-5-1-1.html", html).posts] == [None, None]


def test_archiver_forum_thread_links() -> None:
    html = """<html><head><base href="http://h/archiver/" /></head><body>
    <div id="nav"><a href="./">论坛</a> &rsaquo; 公文写作</div>
    <div id="content"><ul>
      <li><a href="?tid-1.html">区委讲话</a> (3篇回复)</li>
      <li><a href="?tid-2.html">每日一练</a></li>
    </ul><div class="page">页: <strong>[1]</strong> <a href="?fid-2.html&amp;page=2">2</a></div></div>
    </body></html>"""
    page = ArchiverForumPage("http://h/archiver/?fid-2.html", html)
    rows = [(row.thread_id, row.title, row.replies) for row in page.threads]
    assert rows == [(1, "区委讲话", 3), (2, "每日一练", None)]
    assert (page.forum_id, page.name, page.page_count) == (2, "公文写作", 2)
    assert page.next_url == "http://h/archiver/?fid-2.html&page=2"


def test_post_text_that_looks_like_markup_stays_text() -> None:
    """The body fragment keeps the page's escaping: ``&lt;b&gt;`` written by the author is
    text, not a tag for the cleaner to drop."""
    html = """<html><body><div id="postlist"><div id="post_3"><table><tr><td class="plc">
      <td class="t_f" id="postmessage_3">if a&lt;b&gt;c &amp;&amp; d<br />x<font class="jammer">junk</font> &lt;y</td>
    </td></tr></table></div></div></body></html>"""
    (post,) = ThreadPage("http://h/thread-5-1-1.html", html).posts
    cleaned = clean_post_html(post.body_html, fetched_at=datetime(2025, 3, 1))
    assert (cleaned.body, cleaned.jammer_removed) == ("if a<b>c && d\nx <y", 1)
