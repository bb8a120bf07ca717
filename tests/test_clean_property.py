"""Property: any text, rendered into Discuz post HTML with random jammer, a quote, an edit
notice and widget chrome, cleans back to exactly the original text (an attachment widget to
its one placeholder)."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.attachment_record import ATTACHMENT_PLACEHOLDER
from pipeline.post_cleaning import CleaningContext, clean_post

FETCHED = datetime(2025, 6, 1, 4, 0, tzinfo=UTC)
WORD = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(codec="ascii", categories=["Lu", "Ll", "Nd", "Po", "Ps", "Pe", "Sm"]),
        st.sampled_from("，。！？：；“”‘’《》、（）…—"),
    ),
    min_size=1, max_size=10,
)
LINE = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
JUNK = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=16).map(escape)
JAMMER = st.sampled_from([
    "", '<font class="jammer">{}</font>', '<span style="display:none">{}</span>',
    '<span style="DISPLAY : none">{}</span>', '<font style="color:#fff;visibility : hidden">{}</font>',
    '<em hidden>{}</em>', '<span hidden="hidden">{}</span>', "\u200b{}\u200d".format(""), "&nbsp;&nbsp;",
])
ATTACHMENT = ('<ignore_js_op><img src="static/image/filetype/zip.gif" /><a href="forum.php?mod=attachment">a.zip</a>'
              '<em class="xg1">(1.2 KB, 下载次数: 3)</em><p class="y">2025-5-30 10:00 上传</p></ignore_js_op>')
CHROME = st.sampled_from([
    "", '<script type="text/javascript">var a = "x";</script>', "<style>.t_f{color:red}</style>", ATTACHMENT,
    '<img src="static/image/smiley/default/smile.gif" smilieid="1" border="0" alt="" />',
    '<div class="a_pr">广告位</div>',
])
ROW = st.tuples(LINE, JAMMER, JUNK, CHROME, st.sampled_from(["br", "p", "div", "li"]))


def render(rows, quote: str | None, edited: bool) -> str:
    html = '<i class="pstatus"> 本帖最后由 甲 于 2025-5-31 09:30 编辑 </i><br />\n<br />\n' if edited else ""
    if quote is not None:
        html += ('<div class="quote"><blockquote><font size="2"><font color="#999999">乙 发表于 2025-5-30 10:00'
                 f'</font></font><br />\n{escape(quote)}</blockquote></div><br />\n')
    items: list[str] = []
    for line, jammer, junk, chrome, wrapper in rows:
        noise = jammer.format(junk) if "{}" in jammer else jammer
        text = f"{escape(line)}{chrome}{noise}"
        if wrapper == "li":
            items.append(f"<li>{text}</li>")
            continue
        if items:
            html += "<ul><br />" + "".join(items) + "</ul>"
            items = []
        html += f"{text}<br />\n" if wrapper == "br" else f"<{wrapper}>{text}</{wrapper}>\n"
    return html + ("<ul><br />" + "".join(items) + "</ul>" if items else "")


@settings(max_examples=300, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=8), st.none() | LINE, st.booleans())
def test_cleaning_returns_the_original_text(rows, quote, edited) -> None:
    html = render(rows, quote, edited)
    cleaned = clean_post(html, time_text=None, time_title=None, signature_html=None, archiver=False,
                         context=CleaningContext(FETCHED, site_names=("老秘网",)))
    shown = [line + (ATTACHMENT_PLACEHOLDER if chrome == ATTACHMENT else "") for line, _, _, chrome, _ in rows]
    assert [line for line in cleaned.body.split("\n") if line] == shown
    assert len(cleaned.attachments) == sum(chrome == ATTACHMENT for *_, chrome, _ in rows)
    assert [quote_["text"] for quote_ in cleaned.quotes] == ([quote] if quote is not None else [])
    assert (cleaned.edited_by is not None) is edited
    assert cleaned.counts.jammer_removed == sum(1 for _, jammer, *_ in rows if "{}" in jammer)
