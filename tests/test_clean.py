"""Cleaning one post's HTML: jammer, hidden nodes, widgets, quotes, edit notice, whitespace."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import clean_post_html, clean_signature_html

FETCHED = datetime(2025, 6, 1, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


def clean(html: str, archiver: bool = False):
    return clean_post_html(html, fetched_at=FETCHED, tz="Asia/Shanghai", archiver=archiver)


@pytest.mark.parametrize(
    "jammer",
    [
        '<font class="jammer">6 y\' N4 Z4 {4 ~9 @</font>',
        '<span style="display:none">) e\' s9 N1 D9</span>',
        '<span style="DISPLAY : none">zz</span>',
        '<font style="color:#fff; display: none;">. From example bbs</font>',
        '<span style="visibility:hidden">x1</span>',
        '<em hidden>x2</em>',
        '<span style="font-size:0px">x3</span>',
        '<div style="display:none"><font class="jammer">nested</font>x4</div>',
    ],
)
def test_jammer_variants_removed_and_counted(jammer: str) -> None:
    result = clean(f"第一行{jammer}<br />\n第二行{jammer}")
    assert result.body == "第一行\n第二行"
    assert result.jammer_removed == 2


def test_visible_styles_are_kept() -> None:
    html = '<span style="font-size:0.8em">小字</span><font style="display:inline">行内</font>'
    assert clean(html).body == "小字行内"


def test_widgets_removed_images_become_placeholders_with_urls_kept() -> None:
    html = """图如下：<br />
<ignore_js_op><img id="aimg_1" aid="1" src="static/image/common/none.gif"
 zoomfile="data/attachment/forum/a.jpg" file="data/attachment/forum/a.jpg" />
<div class="tip tip_4 aimg_tip" id="aimg_1_menu" style="display:none"><div class="xs0">
<p><strong>a.jpg</strong> <em class="xg1">(45.2 KB, 下载次数: 3)</em></p>
<p><a href="forum.php?mod=attachment&aid=1">下载附件</a> <a href="javascript:;">保存到相册</a></p>
<p class="xg1 y">2025-5-30 10:00 上传</p></div></div></ignore_js_op>
<script type="text/javascript">aimgcount[1] = ['1'];</script><style>.x{}</style>
<img src="static/image/smiley/default/smile.gif" smilieid="1" />结束<img src="http://img.example.com/b.png" />
<div class="pattl"><dl class="tattl"><dd>附件.zip (1.2 MB, 下载次数: 9)</dd></dl></div>"""
    result = clean(html)
    assert result.body == "图如下：\n[图片] 结束[图片]"
    assert clean_post_html(html, fetched_at=FETCHED, image_placeholder="").body == "图如下：\n结束"
    assert result.images == ["data/attachment/forum/a.jpg", "http://img.example.com/b.png"]


def test_attachment_tip_lines_outside_widgets_dropped() -> None:
    html = "正文<br />a.jpg (45.2 KB, 下载次数: 3)<br />下载附件<br />2025-5-30 10:00 上传<br />保存到相册"
    assert clean(html).body == "正文"


def test_quote_x3_and_x2_formats() -> None:
    x3 = ('<div class="quote"><blockquote><font size="2"><font color="#999999">笔耕不辍 发表于 2025-5-30 10:00'
          '</font></font><font class="jammer">% o</font><br />\n欢迎大家补充。</blockquote></div><br />\n回复正文')
    result = clean(x3)
    assert result.body == "回复正文"
    assert result.quotes == [
        {"author": "笔耕不辍", "posted_at": "2025-05-30T02:00:00+00:00", "text": "欢迎大家补充。"}
    ]
    x2 = ('<div class="quote"><blockquote><font size="2"><a href="forum.php?mod=redirect&goto=findpost&pid=3&ptid=1">'
          '<font color="#999999">lee 发表于 昨天&nbsp;08:15</font></a></font><br />第一行<br />第二行'
          "</blockquote></div>好")
    result = clean(x2)
    assert result.body == "好"
    assert result.quotes == [{"author": "lee", "posted_at": "2025-05-31T00:15:00+00:00", "text": "第一行\n第二行"}]


def test_quote_without_header_and_code_block_kept() -> None:
    result = clean('<blockquote>只是引用</blockquote>代码：<div class="blockcode"><ol><li>a = 1<li>b = 2</ol></div>')
    assert result.quotes == [{"author": None, "posted_at": None, "text": "只是引用"}]
    assert result.body == "代码：\na = 1\nb = 2"


def test_edit_notice_becomes_fields() -> None:
    html = '<i class="pstatus"> 本帖最后由 释然 于 2025-5-31 09:30 编辑 </i><br />\n<br />\n正文'
    result = clean(html)
    assert result.body == "正文"
    assert (result.edited_by, result.edited_at) == ("释然", datetime(2025, 5, 31, 1, 30, tzinfo=UTC))


def test_nbsp_zero_width_and_inner_spacing() -> None:
    html = "A\u00a0B&nbsp;&nbsp;C<br />\u200b零\u200c宽\u200d字\ufeff符<br />  全角　空格  "
    assert clean(html).body == "A B  C\n零宽字符\n全角　空格"


def test_lists_paragraphs_tables_and_blank_lines() -> None:
    html = ("<p>段一</p><p>段二</p><ul><li>甲</li><li>乙</li></ul><table><tr><td>格1</td></tr><tr><td>格2</td></tr>"
            "</table><br /><br /><br /><br /><div>尾<a href='http://x'>链接</a>。</div><br />")
    assert clean(html).body == "段一\n段二\n甲\n乙\n格1\n格2\n\n尾链接。"


def test_unclosed_list_items_of_discuz_lists() -> None:
    html = ('<ul><br />\n<span style="display:none">x</span><li>先看格式<br />\n'
            "<li>再看内容<br />\n<li>最后看标点<br />\n</ul>")
    assert clean(html).body == "先看格式\n再看内容\n最后看标点"


def test_hidden_content_notice_dropped() -> None:
    assert clean('公开<div class="locked">游客，如果您要查看本帖隐藏内容请<a>回复</a></div>').body == "公开"


def test_archiver_quote_and_edit_notice() -> None:
    html = ("本帖最后由 晨曦 于 2025-5-31 09:30 编辑<br />\n<br />\n释然 发表于 2025-6-1 00:00<br />\n"
            "今天,我们在这里<br />\n第二行<br />\n<br />\n开头很有气势。<br />\n[b]加粗[/b] [attach]12[/attach]")
    result = clean(html, archiver=True)
    assert result.body == "开头很有气势。\n加粗 [附件]"
    assert [(a.name, a.url) for a in result.attachments] == [(None, "attachment.php?aid=12")]
    assert result.quotes == [
        {"author": "释然", "posted_at": "2025-05-31T16:00:00+00:00", "text": "今天,我们在这里\n第二行"}
    ]
    assert result.edited_by == "晨曦"


def test_archiver_sentence_like_a_header_is_not_a_quote() -> None:
    result = clean("他 发表于 报纸上的文章很好<br />\n<br />\n结论", archiver=True)
    assert result.quotes == []
    assert result.body == "他 发表于 报纸上的文章很好\n\n结论"


def test_signature() -> None:
    assert clean_signature_html("<b>宁静致远</b>，淡泊明志。") == "宁静致远，淡泊明志。"
    assert clean_signature_html('<span style="display:none">x</span>') is None
    assert clean_signature_html(None) is None


def test_empty_body() -> None:
    result = clean("")
    assert (result.body, result.quotes, result.images, result.jammer_removed) == ("", [], [], 0)


WORD = st.text(
    alphabet=st.characters(codec="utf-8", categories=["Lo", "Lu", "Ll", "Nd", "Po"], max_codepoint=0x9FFF),
    min_size=1, max_size=8,
)
LINE = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
JAMMER = st.sampled_from([
    '<font class="jammer">{}</font>', '<span style="display:none">{}</span>',
    '<span style="DISPLAY: NONE">{}</span>', "",
])
JUNK = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=0, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(LINE, JAMMER, JUNK, st.booleans()), min_size=1, max_size=8))
def test_property_lines_survive_random_jammer(rows) -> None:
    html = ""
    for line, jammer, junk, as_paragraph in rows:
        noise = jammer.format(escape(junk))
        html += f"<p>{escape(line)}{noise}</p>\n" if as_paragraph else f"{escape(line)}{noise}<br />\n"
    result = clean(html)
    assert result.body == "\n".join(line for line, *_ in rows)
    assert result.jammer_removed == sum(1 for _, jammer, _, _ in rows if jammer)


def test_line_breaks_inside_pre_are_kept_as_a_browser_shows_them() -> None:
    body = clean("<p>Build:</p><pre><code>cd android &amp;&amp;\n./gradlew  assembleRelease</code></pre><p>done\nhere</p>").body
    assert body == "Build:\ncd android &&\n./gradlew assembleRelease\ndone here"


def test_the_line_break_right_after_pre_is_not_a_line() -> None:
    body = clean("<p>Link:</p><pre class='prettyprint'>\nhttp&#58;//example.org/a\n</pre>after").body
    assert body == "Link:\nhttp://example.org/a\nafter"
