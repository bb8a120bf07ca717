"""Edit notices in every form the engine prints them (``i.pstatus``, literal ``[i=s] … [/i]``,
archiver text, BBCode off, Traditional and English packs) set ``edited_at``/``edited_by`` and
leave the body, in HTML mode, archiver mode and text mode; a sentence in a language we do not
know stays. Hidden-content notices leave the body and set ``content_hidden``."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.clean import clean_post_html
from scraper.engines.discuz.wording import HIDDEN_NOTICE, edit_notice, split_edit_line
from pipeline.post_cleaning import CleaningContext
from pipeline.text_mode import clean_thread_text

FETCHED = datetime.fromisoformat("2025-06-01T12:00:00+08:00")
MARCH_1_10H = datetime(2025, 3, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
UNKNOWN = "بۇ يازمىنى admin تەھرىرلىگەن 2025-3-1 10:00"  # "last edited by admin at …", not ours

NOTICES = [
    ("本帖最后由 某某 于 2025-3-1 10:00 编辑", "某某"),
    ("本帖最後由 某某 於 2025-3-1 10:00 編輯", "某某"),
    ("This post was last edited by John Smith at 2025-3-1 10:00", "John Smith"),
    ("This post was last edited by admin on 2025-3-1 10:00 AM", "admin"),
    ("本帖最后由 于小明 于 2025-3-1 10:00 编辑", "于小明"),
    ("本帖最后由 王于 于 2025-03-01 10:00:00 编辑", "王于"),
]


@pytest.mark.parametrize(("notice", "editor"), NOTICES)
@pytest.mark.parametrize(
    ("form", "archiver"),
    [
        ('<i class="pstatus"> {} </i><br />\n<br />\n正文第一行<br />\n第二行', False),
        ("[i=s] {} [/i]<br />\n<br />\n正文第一行<br />\n第二行", False),
        ("[i=s]{}[/i]<br /><br />正文第一行<br />第二行", False),
        ("[i=s] {} [/i]正文第一行<br />\n第二行", False),
        ("[ {} ]<br />\n<br />\n正文第一行<br />\n第二行", False),
        ("[i=s] {} [/i]<br />\n<br />\n正文第一行<br />\n第二行", True),
        (" {} <br />\n<br />\n正文第一行<br />\n第二行", True),
        ("&nbsp; {}&nbsp;<br />\n正文第一行<br />\n第二行", True),
    ],
)
def test_an_edit_notice_in_any_form_sets_the_fields_and_leaves_the_body(notice, editor, form, archiver) -> None:
    post = clean_post_html(form.format(notice), fetched_at=FETCHED, archiver=archiver)
    assert (post.body, post.edited_by) == ("正文第一行\n第二行", editor)
    assert post.edited_at in (MARCH_1_10H, MARCH_1_10H.replace(hour=2))


def test_the_12_hour_edit_time_is_read() -> None:
    post = clean_post_html("[i=s]This post was last edited by a b at 2014-3-18 09:36 PM[/i]<br />x",
                           fetched_at=FETCHED)
    assert (post.body, post.edited_by, post.edited_at) == ("x", "a b", datetime(2014, 3, 18, 13, 36, tzinfo=UTC))


@pytest.mark.parametrize("archiver", [False, True])
@pytest.mark.parametrize(
    "html",
    [
        f"正文<br />\n{UNKNOWN}",
        "我说：本帖最后由谁编辑都行<br />\n正文",
        "This post was last edited by nobody knows when<br />\n正文",
        "[i=s] 这不是编辑说明 [/i]<br />\n正文",
    ],
)
def test_an_unknown_sentence_is_left_alone(html: str, archiver: bool) -> None:
    post = clean_post_html(html, fetched_at=FETCHED, archiver=archiver)
    assert (post.edited_at, post.edited_by) == (None, None)
    assert len(post.body.split("\n")) == 2


def test_a_notice_inside_a_sentence_is_not_taken() -> None:
    assert split_edit_line("他说 本帖最后由 某某 于 2025-3-1 10:00 编辑 过") == (
        None, "他说 本帖最后由 某某 于 2025-3-1 10:00 编辑 过")
    assert edit_notice("前文 This post was last edited by x at 2025-3-1 10:00")["author"] == "x"


TEXT_THREAD = """老秘网's Archiver

甲 发表于 2025-5-1 10:00

{title}[i=s] {notice} [/i]

正文第一行
第二行

乙 發表於 2025-5-2 11:00

**** Hidden Message *****

丙 发表于 2025-5-3 12:00

看这里 **** Hidden Message ***** 结束
"""


@pytest.mark.parametrize("title", ["", "标题一行\n\n"])
@pytest.mark.parametrize(("notice", "editor"), NOTICES[:4])
def test_text_mode_takes_edit_and_hidden_notices(notice: str, editor: str, title: str) -> None:
    thread = clean_thread_text(TEXT_THREAD.format(notice=notice, title=title), context=CleaningContext(FETCHED))
    assert thread.title == (title.strip() or None)
    first, second, third = thread.posts
    assert (first["body"], first["edited_by"], first["edited_at"]) == (
        "正文第一行\n第二行", editor, MARCH_1_10H.isoformat())
    assert (second["body"], second["content_hidden"], second["author_banned"]) == ("", True, False)
    assert (third["body"], third["content_hidden"]) == ("看这里  结束", True)
    assert first["content_hidden"] is False


@pytest.mark.parametrize(
    "text",
    [
        "**** Hidden Message *****", "<b>**** Hidden Message *****</b>", "本帖隐藏的内容需要回复才可以浏览",
        "游客，如果您要查看本帖隐藏内容请回复", "本主题需向作者支付 2 金钱 才能浏览", "本帖隱藏的內容需要回復才可以瀏覽",
        "如果您要查看本帖隱藏內容請回覆", "**** 本内容被作者隐藏 ****", "**** 本內容購買後可見 ****",
        "**** This content is hidden by the author ****",
    ],
)
def test_hidden_notices_in_every_known_wording(text: str) -> None:
    assert HIDDEN_NOTICE.search(text)
    post = clean_post_html(f"前<br />\n{text}<br />\n后", fetched_at=FETCHED, archiver=True)
    assert (post.body, post.content_hidden) == ("前\n后", True)


def test_hidden_message_stars_in_a_sentence_are_not_a_notice() -> None:
    post = clean_post_html("**** 注意 *****<br />\nHidden Message", fetched_at=FETCHED, archiver=True)
    assert (post.body, post.content_hidden) == ("**** 注意 *****\nHidden Message", False)


@pytest.mark.parametrize(
    "placeholder",
    ["**** 作者被禁止或删除 内容自动屏蔽 ****", "**** 作者被禁止或刪除 內容自動屏蔽 ****", "**** 该帖被屏蔽 ****",
     "**** 該帖被屏蔽 ****", "**** Author banned or removed Content automatically blocked ****",
     "**** This post is blocked ****"],
)
def test_text_mode_reads_a_banned_placeholder_in_every_pack(placeholder: str) -> None:
    text = f"甲 发表于 2025-5-1 10:00\n\n正文\n\n乙 发表于 2025-5-2 11:00\n\n{placeholder}\n"
    first, second = clean_thread_text(text, context=CleaningContext(FETCHED)).posts
    assert (first["author_banned"], first["body"]) == (False, "正文")
    assert (second["author_banned"], second["body"]) == (True, "")



def test_hostile_lines_cost_linear_time() -> None:
    """A line of 30,000 于 took minutes with unbounded names (quadratic); bounded, it is instant."""
    code = (
        "from datetime import datetime\n"
        "from pipeline.clean import clean_post_html\n"
        "from pipeline.plain_lines import quote_header\n"
        "junk = '于1' * 30000\n"
        "post = clean_post_html(f'本帖最后由 {junk}<br />原帖由 {junk}<br />x 发表于 ' * 3, fetched_at=datetime(2025, 1, 1),"
        " archiver=True)\n"
        "assert post.edited_by is None and quote_header('原帖由 ' + junk) is None\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False,
                            cwd=Path(__file__).resolve().parents[1])
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr
