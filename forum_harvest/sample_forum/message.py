"""A post's message as Discuz prints it (inside ``td.t_f``) and as the archiver prints it.

Mirrors the engine's order of work: BBCode to HTML with newlines kept, then the anti-copy
jammer at every newline, then ``nl2br``, then attachment widgets (``ignore_js_op``) in place
of their tags. Jammer junk is seeded per post, so a page is byte-for-byte reproducible.
"""

from __future__ import annotations

import base64
import random
import string
from html import escape

from forum_harvest.sample_forum.access import PRICE, hide_block
from forum_harvest.sample_forum.clock import DEFAULT, TimeStyle, ymd_hm
from forum_harvest.sample_forum.injection import with_site_name
from forum_harvest.sample_forum.model import Attachment, Image, Inline, Line, Link, Post

def locked(times: TimeStyle = DEFAULT) -> str:
    """What replaces a banned author's message."""
    return f'<div class="locked">{times.words.banned_notice}</div>'


# Ways sites hide the junk; each starts or ends with the newline it stands for. Some also
# leave zero-width characters or NBSP indentation (layout) around it.
JAMMER_FORMS = (
    '\n<span style="display:none">{}</span>',
    '\n<span style="DISPLAY : none">{}</span>',
    '\n<font style="visibility:hidden">{}</font>',
    '\n<span hidden>{}</span>',
    '\n\u200b<span style="display: none;">{}</span>\ufeff',
    '\n&nbsp;&nbsp;<font class="jammer">{}</font>',
)


def jammer(rng: random.Random) -> str:
    """Discuz's ``jammer()``: junk of printable ASCII, hidden by CSS class or inline style."""
    junk = "".join(chr(rng.randint(32, 59)) + " " + chr(rng.randint(63, 126)) for _ in range(rng.randint(5, 15)))
    junk = junk.replace("  ", "&nbsp;&nbsp;")
    if rng.random() < 0.5:
        return f'<font class="jammer">{junk}</font>\n'
    return rng.choice(JAMMER_FORMS).format(junk)


def attachment_token(attachment: Attachment, thread_id: int) -> str:
    raw = f"{attachment.aid}|{attachment.path[-12:-4]}|{int(attachment.uploaded_at.timestamp())}|0|{thread_id}"
    return base64.b64encode(raw.encode()).decode().replace("=", "%3D")


def image_widget(a: Attachment, thread_id: int) -> str:
    token = attachment_token(a, thread_id)
    return f"""<ignore_js_op>

<img id="aimg_{a.aid}" aid="{a.aid}" src="static/image/common/none.gif" zoomfile="{a.path}" file="{a.path}" class="zoom" onclick="zoom(this, this.src, 0, 0, 0)" width="600" inpost="1" onmouseover="showMenu({{'ctrlid':this.id,'pos':'12'}})" />

<div class="tip tip_4 aimg_tip" id="aimg_{a.aid}_menu" style="position: absolute; display: none" disautofocus="true">
<div class="xs0">
<p><strong>{escape(a.filename)}</strong> <em class="xg1">({a.size_kb} KB, 下载次数: {a.downloads})</em></p>
<p>
<a href="forum.php?mod=attachment&amp;aid={token}&amp;nothumb=yes" target="_blank">下载附件</a>
<a href="javascript:;" onclick="showWindow(this.id, this.getAttribute('url'), 'get', 0);" id="savephoto_{a.aid}" url="home.php?mod=spacecp&amp;ac=album&amp;op=saveforumphoto&amp;aid={a.aid}&amp;handlekey=savephoto_{a.aid}">保存到相册</a>
</p>
<p class="xg1 y">{ymd_hm(a.uploaded_at)} 上传</p>
</div>
<div class="tip_horn"></div>
</div>

</ignore_js_op>"""


def file_widget(a: Attachment, thread_id: int) -> str:
    token = attachment_token(a, thread_id)
    return f"""<ignore_js_op>

<dl class="tattl">
<dt>
<img src="static/image/filetype/common.gif" border="0" class="vm" alt="" />
</dt>
<dd>
<p class="attnm">
<a href="forum.php?mod=attachment&amp;aid={token}" onmouseover="showMenu({{'ctrlid':this.id,'pos':'12'}})" id="aid{a.aid}" target="_blank">{escape(a.filename)}</a>

<div class="tip tip_4" id="aid{a.aid}_menu" style="display: none" disautofocus="true">
<div class="tip_c">
<p class="y">{ymd_hm(a.uploaded_at)} 上传</p>
<p>下载次数: {a.downloads}</p>
<div class="tip_horn"></div>
</div>
</div>
</p>
<p>{a.size_kb} KB, 下载次数: {a.downloads}</p>

<p>
</p>

</dd>
</dl>

</ignore_js_op>"""


def pattl(post: Post) -> str:
    """Attachments not placed in the text, listed under the message as Discuz does."""
    if not post.attachments_below:
        return ""
    items = []
    for a in post.attachments_below:
        widget = image_widget(a, post.thread_id) if a.is_image else file_widget(a, post.thread_id)
        items.append(widget.replace('inpost="1" ', ""))
    return '<div class="pattl">\n' + "\n".join(items) + "\n</div>\n"


def _inline(part: Inline, rng: random.Random, widgets: list[Attachment]) -> str:
    if isinstance(part, str):
        return escape(part, quote=False)
    if isinstance(part, Link):
        return f'<a href="{escape(part.href)}" target="_blank">{escape(part.text, quote=False)}</a>'
    if isinstance(part, Image):
        aimg = "".join(rng.choices(string.ascii_letters, k=5))
        return (f'<img id="aimg_{aimg}" onclick="zoom(this, this.src, 0, 0, 0)" class="zoom" src="{part.src}" '
                'onmouseover="img_onmouseoverfunc(this)" onload="thumbImg(this)" border="0" alt="" />')
    widgets.append(part)
    return f"\x00{len(widgets) - 1}\x00"


def _lines(lines: tuple[Line, ...], rng: random.Random, widgets: list[Attachment]) -> str:
    out: list[str] = []
    in_list = False
    for line in lines:
        text = "".join(_inline(part, rng, widgets) for part in line.parts)
        if line.list_item and not in_list:
            out.append("<ul>\n<li>" + text)
        elif line.list_item:
            out.append("\n<li>" + text)
        elif in_list:
            out.append("\n</ul>" + text)
        else:
            out.append(("\n" if out else "") + text)
        in_list = line.list_item
    return "".join(out) + ("\n</ul>" if in_list else "")


def edit_notice(post: Post, times: TimeStyle = DEFAULT) -> str:
    """``本帖最后由 X 于 T 编辑`` in the pack's words (escaped), or "" for an unedited post."""
    if not post.edit:
        return ""
    return times.words.edit_notice.format(editor=escape(post.edit.editor), time=times.ymd_hm(post.edit.edited_at))


def body_html(post: Post, jammed: bool, seed: int, site_name: str, prefix: str) -> str:
    """``prefix`` (edit notice, quote) and the lines of ``post`` as Discuz prints them: jammer
    at every newline, ``nl2br``, attachment widgets in place."""
    rng = random.Random(f"{seed}:{post.post_id}")
    widgets: list[Attachment] = []
    source = prefix + _lines(with_site_name(post, site_name, seed), rng, widgets)
    if jammed:
        pieces = source.split("\n")
        source = "".join(piece + jammer(rng) for piece in pieces[:-1]) + pieces[-1]
    html = source.replace("\n", "<br />\n")
    for index, attachment in enumerate(widgets):
        widget = image_widget if attachment.is_image else file_widget
        html = html.replace(f"\x00{index}\x00", widget(attachment, post.thread_id))
    return html


def message_html(post: Post, jammed: bool, seed: int, site_name: str = "", times: TimeStyle = DEFAULT) -> str:
    """The inner HTML of ``td.t_f#postmessage_{pid}``; ``site_name`` is injected into some posts."""
    prefix = ""
    if post.edit:
        prefix += f'<i class="pstatus"> {edit_notice(post, times)} </i>\n\n'
    if post.quote:
        q = post.quote
        header = times.words.quote_header.format(author=escape(q.author), time=times.ymd_hm(q.posted_at))
        prefix += (f'<div class="quote"><blockquote><font size="2"><font color="#999999">{header}</font></font>\n'
                   f'{escape(q.text, quote=False)}</blockquote></div>\n')
    html = body_html(post, jammed, seed, site_name, prefix)
    return html + (hide_block(times.words) if post.hidden_lines else "")


HIDDEN_MESSAGE = "<b>**** Hidden Message *****</b>"  # the X archiver's stand-in for a [hide] block


def _archiver_line(line: Line, picture_urls: bool) -> str:
    if not picture_urls:
        return line.words
    return "".join(p.src if isinstance(p, Image) else p if isinstance(p, str) else p.text
                   for p in line.parts if not isinstance(p, Attachment))


def archiver_message(post: Post, site_name: str = "", seed: int = 0, times: TimeStyle = DEFAULT,
                     real: bool = False) -> str:
    """Archiver text: BBCode stripped (edit notice and quote header stay as plain text), the
    same site-name injection as the thread page. The simplified archiver drops pictures and
    shows the hide notice; the ``real`` X archiver leaves ``[img]`` URLs bare (attachments
    vanish) and prints ``**** Hidden Message *****`` for a ``[hide]`` block."""
    words = times.words
    text = ""
    if post.edit:
        text += f" {words.edit_notice.format(editor=post.edit.editor, time=times.ymd_hm(post.edit.edited_at))} \n\n"
    if post.quote:
        header = words.quote_header.format(author=post.quote.author, time=times.ymd_hm(post.quote.posted_at))
        text += f"{header}\n{post.quote.text}\n\n"
    if post.paid:
        return escape(words.paid_notice.format(price=PRICE), quote=False)
    text += "\n".join(_archiver_line(line, real) for line in with_site_name(post, site_name, seed))
    if post.hidden_lines:
        text += "\n" + ("\x00" if real else words.hide_notice)
    return escape(text, quote=False).replace("\n", "<br />\n").replace("\x00", HIDDEN_MESSAGE)
