"""Archiver bodies as Discuz's archivermessage() renders them (escaped text + ``<br />``; BBCode
kept by 6.x/7.x, stripped by X1.5–X3.5): pictures become the placeholder with their URLs in
``images``, table cells become lines as in HTML mode, ``[hide]`` notices leave the body, an
empty message is an empty body. And ``images`` only ever keeps http(s) URLs."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from pipeline.clean import IMAGE_PLACEHOLDER, clean_post_html
from pipeline.cleaning_stage import CleanPostPipeline
from pipeline.post_cleaning import storable_image_url, storable_images
from scraper.items import PostItem, ThreadItem, ThreadPageItem

FETCHED = datetime.fromisoformat("2025-06-01T12:00:00+08:00")
SITE = "http://bbs.example.com/"


def archived(html: str):
    return clean_post_html(html, fetched_at=FETCHED, archiver=True)


@pytest.mark.parametrize(
    ("html", "body", "images"),
    [
        # X3: [img] stripped by the engine, the URL left bare on its line or inside a sentence
        ("看图<br />\nhttp://img.example.com/a/b.JPG<br />\n完", "看图\n[图片]\n完", ["http://img.example.com/a/b.JPG"]),
        ("如图 https://x.cn/p.png?w=300 所示。", "如图 [图片] 所示。", ["https://x.cn/p.png?w=300"]),
        ("两张：http://x.cn/1.gif，http://x.cn/2.webp。", "两张：[图片]，[图片]。", ["http://x.cn/1.gif", "http://x.cn/2.webp"]),
        # 6.x/7.x: the BBCode stays as typed
        ("[img]http://x.cn/c.png[/img]<br />\n[img=300,200]data/attachment/forum/d.gif[/img]",
         "[图片]\n[图片]", ["http://x.cn/c.png", "data/attachment/forum/d.gif"]),
        ("[img] http://x.cn/c.png [/img] 和 [img]http://x.cn/c.png[/img]", "[图片] 和 [图片]", ["http://x.cn/c.png"]),
        # an <img> some archivers print
        ('前<br />\n<img src="http://x.cn/e.jpg" /><br />\n后', "前\n[图片]\n后", ["http://x.cn/e.jpg"]),
        # links are not pictures
        ("见 http://x.cn/page.html 和 http://x.cn/a.jpg.html", "见 http://x.cn/page.html 和 http://x.cn/a.jpg.html", []),
        ("[url=http://x.cn/a.png]链接[/url]", "链接", []),
    ],
)
def test_pictures_become_the_placeholder_with_their_urls(html: str, body: str, images: list[str]) -> None:
    post = archived(html)
    assert (post.body, post.images) == (body, images)
    assert post.body.count(IMAGE_PLACEHOLDER) >= len(post.images)


@pytest.mark.filterwarnings("ignore::bs4.MarkupResemblesLocatorWarning")  # pytest resets the module's filter
def test_html_mode_leaves_bare_urls_alone() -> None:
    post = clean_post_html("http://img.example.com/a.jpg", fetched_at=FETCHED)
    assert (post.body, post.images) == ("http://img.example.com/a.jpg", [])


def test_a_message_that_is_only_a_url_warns_nothing_in_a_crawl() -> None:
    code = ("import warnings; warnings.simplefilter('error'); from datetime import datetime; "
            "from pipeline.clean import clean_post_html; "
            "print(clean_post_html('http://img.example.com/a.jpg', fetched_at=datetime(2025, 1, 1)).body)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
                            cwd=Path(__file__).resolve().parents[1])
    assert (result.returncode, result.stdout, result.stderr) == (0, "http://img.example.com/a.jpg\n", "")


@pytest.mark.parametrize(
    ("html", "body"),
    [
        ("[table][tr][td]甲[/td][td]乙[/td][/tr]<br />\n[tr][td]丙[/td][td]丁[/td][/tr][/table]<br />\n后文",
         "甲\n乙\n丙\n丁\n后文"),
        ("[table=98%,#fff]<br />\n[tr][td=2,1] 合并 [/td][/tr]<br />\n[tr][td]a[/td][td]b[/td][/tr]<br />\n[/table]",
         "合并\na\nb"),
        ("前文<br />\n<br />\n[table][tr][th]名称[/th][th]数量[/th][/tr][/table]", "前文\n\n名称\n数量"),
        ("<table><tr><td>甲</td><td>乙</td></tr></table>", "甲\n乙"),
    ],
)
def test_table_cells_are_lines_as_in_html_mode(html: str, body: str) -> None:
    assert archived(html).body == body


def test_html_mode_splits_the_same_table_the_same_way() -> None:
    html = "<table><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td><td>丁</td></tr></table>后文"
    assert clean_post_html(html, fetched_at=FETCHED).body == "甲\n乙\n丙\n丁\n后文"
    assert archived("[table][tr][td]甲[/td][td]乙[/td][/tr][tr][td]丙[/td][td]丁[/td][/tr][/table]<br />后文").body \
        == "甲\n乙\n丙\n丁\n后文"


@pytest.mark.parametrize(
    ("html", "body"),
    [
        ("<b>**** Hidden Message *****</b>", ""),
        ("回复可见：<br />\n<b>**** Hidden Message *****</b><br />\n谢谢", "回复可见：\n谢谢"),
        ("前面<b>**** Hidden Message *****</b>后面", "前面后面"),
    ],
)
def test_the_hide_notice_leaves_the_body_and_is_reported(html: str, body: str) -> None:
    post = archived(html)
    assert (post.body, post.content_hidden) == (body, True)


@pytest.mark.parametrize("html", ["", "   ", "<br />\n<br />", "&nbsp;", "[b][/b]"])
def test_an_empty_message_is_an_empty_body(html: str) -> None:
    post = archived(html)
    assert (post.body, post.images, post.quotes, post.content_hidden) == ("", [], [], False)


def test_smilies_and_the_rest_of_the_text_stay_as_printed() -> None:
    post = archived("好 {:28:}&nbsp; &nbsp;真好<br />\n[b]粗[/b] [color=red]红[/color]")
    assert post.body == "好 {:28:}   真好\n粗 红"


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("data/attachment/forum/a.jpg", "http://bbs.example.com/data/attachment/forum/a.jpg"),
        ("/static/b.png", "http://bbs.example.com/static/b.png"),
        ("https://cdn.example.org/c.gif", "https://cdn.example.org/c.gif"),
        ("//cdn.example.org/d.gif", "http://cdn.example.org/d.gif"),
        ("  http://x.cn/e.jpg\n", "http://x.cn/e.jpg"),
        ("file:///C:/Users/me/a.jpg", None),
        ("file:///etc/passwd", None),
        ("data:image/png;base64,iVBORw0KGgo=", None),
        ("javascript:alert(1)", None),
        ("JavaScript:void(0)", None),
        ("about:blank", None),
        ("ftp://x.cn/a.jpg", None),
        ("#", None),
        ("", None),
        ("http://", None),
        ("./", None),
    ],
)
def test_only_http_urls_are_kept(src: str, expected: str | None) -> None:
    assert storable_image_url(SITE, src) == expected


def test_storable_images_keep_order_once_each() -> None:
    assert storable_images(SITE, ["b.jpg", "file:///a.jpg", "/b.jpg", "http://x.cn/c.png"]) == [
        "http://bbs.example.com/b.jpg", "http://x.cn/c.png"]


def test_html_mode_keeps_the_placeholder_of_a_non_web_picture_but_not_its_url() -> None:
    html = ('<img src="data:image/png;base64,xx"><img src="file:///C:/a.jpg">'
            '<img src="javascript:alert(1)"><img src="data/attachment/forum/a.jpg">')
    post = clean_post_html(html, fetched_at=FETCHED)
    assert (post.body, post.images) == (IMAGE_PLACEHOLDER * 4, ["data/attachment/forum/a.jpg"])


def test_the_cleaning_stage_stores_http_images_hidden_flags_and_counts_times() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    stage = CleanPostPipeline(crawler.stats, [], "injected")
    items = [
        PostItem(SITE, 1, 1, SITE + "archiver/?tid-1.html", FETCHED, from_archiver=True, time_text="发表于 很久以前",
                 body_html='<img src="file:///C:/x.jpg"><img src="data/attachment/forum/a.jpg"><br />'
                           "http://img.example.com/b.png<br />\n<b>**** Hidden Message *****</b>"),
        PostItem(SITE, 1, 2, SITE + "archiver/?tid-1.html", FETCHED, from_archiver=True, body_html="正文"),
        PostItem(SITE, 1, 3, SITE + "archiver/?tid-1.html", FETCHED, from_archiver=True,
                 time_text="يوللىغان ۋاقتى  2012-12-17 17:43:32", body_html="正文"),
    ]
    stage.process_item(ThreadPageItem(ThreadItem(SITE, 1, "题"), items))  # one item per thread page
    first, second, third = items
    assert first.images == ["http://bbs.example.com/data/attachment/forum/a.jpg", "http://img.example.com/b.png"]
    assert (first.body, first.content_hidden, first.posted_at) == ("[图片][图片]\n[图片]", True, None)
    assert (second.content_hidden, second.posted_at) == (False, None)
    assert third.posted_at.isoformat() == "2012-12-17T09:43:32+00:00"
    assert crawler.stats.get_value("clean/times_unparsed") == 1
    assert crawler.stats.get_value("clean/times_missing") == 1


QUOTED = {"author": "江南", "posted_at": "2010-10-07T00:36:00+00:00", "text": "引的话\n第二行"}


@pytest.mark.parametrize(
    ("html", "archiver"),
    [
        # 6.x/7.x thread page: an 引用: heading, 原帖由 X 于 T 发表 and the back.gif arrow
        ('<div class="quote"><h5>引用:</h5><blockquote>原帖由 <i>江南</i> 于 2010-10-7 08:36 发表 '
         '<a href="redirect.php?goto=findpost&amp;pid=1"><img src="images/common/back.gif" border="0"></a><br />'
         "引的话<br />第二行</blockquote></div><br />我的回复", False),
        ('<div class="quote"><h5>引用:</h5><blockquote>原帖由 <i>江南</i> 於 2010-10-7 08:36 發表<br />'
         "引的话<br />第二行</blockquote></div>我的回复", False),
        # English pack
        ('<div class="quote"><blockquote>Posted by 江南 at 2010-10-7 08:36<br />引的话<br />第二行</blockquote></div>'
         "我的回复", False),
        # 6.x/7.x archiver: the quote's BBCode as typed
        ("[quote]原帖由 [i]江南[/i] 于 2010-10-7 08:36 发表 [url=http://x.cn/redirect.php?goto=findpost&amp;pid=1]"
         "[img]http://x.cn/images/common/back.gif[/img][/url]<br />\n引的话<br />\n第二行[/quote]<br />\n我的回复", True),
        # X archiver: the header as text, then a blank line
        ("江南 发表于 2010-10-7 08:36<br />\n引的话<br />\n第二行<br />\n<br />\n我的回复", True),
    ],
)
def test_quotes_of_every_family(html: str, archiver: bool) -> None:
    post = clean_post_html(html, fetched_at=FETCHED, archiver=archiver)
    assert (post.body, post.quotes, post.images) == ("我的回复", [QUOTED], [])


def test_relative_picture_path_alone_on_its_line_is_a_picture() -> None:
    """X3.5's archiver drops ``[img]`` around a relative URL, leaving the bare path."""
    from datetime import datetime

    from pipeline.clean import clean_post_html

    cleaned = clean_post_html("截图如下：<br />\nstatic/image/common/logo.png<br />\n见 a/b 路径", fetched_at=datetime(2025, 3, 1),
                              archiver=True)
    assert cleaned.body.split("\n") == ["截图如下：", "[图片]", "见 a/b 路径"]
    assert cleaned.images == ["static/image/common/logo.png"]
