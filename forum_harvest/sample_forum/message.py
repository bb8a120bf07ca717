"""A post's message as Discuz prints it (inside ``td.t_f``) and as the archiver prints it.

Mirrors the engine's order of work: BBCode to HTML with newlines kept, then the anti-copy
jammer at every newline, then ``nl2br``, then attachment widgets in place of their tags (the
template's ``Markup``). Jammer junk is seeded per post, so a page is byte-for-byte reproducible.
"""

from __future__ import annotations

import random
from html import escape

from forum_harvest.sample_forum.access import PRICE, hide_block
from forum_harvest.sample_forum.clock import DEFAULT, TimeStyle
from forum_harvest.sample_forum.injection import with_site_name
from forum_harvest.sample_forum.model import Attachment, Image, Inline, Line, Link, Post
from forum_harvest.sample_forum.widgets import X_MARKUP, Markup

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


def _inline(part: Inline, rng: random.Random, widgets: list[Attachment], markup: Markup) -> str:
    if isinstance(part, str):
        return escape(part, quote=False)
    if isinstance(part, Link):
        return f'<a href="{escape(part.href)}" target="_blank">{escape(part.text, quote=False)}</a>'
    if isinstance(part, Image):
        return markup.image(part, rng)
    widgets.append(part)
    return f"\x00{len(widgets) - 1}\x00"


def _lines(lines: tuple[Line, ...], rng: random.Random, widgets: list[Attachment], markup: Markup) -> str:
    out: list[str] = []
    in_list = False
    for line in lines:
        text = "".join(_inline(part, rng, widgets, markup) for part in line.parts)
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


def body_html(post: Post, jammed: bool, seed: int, site_name: str, prefix: str = "", suffix: str = "",
              markup: Markup = X_MARKUP, times: TimeStyle = DEFAULT) -> str:
    """``prefix`` (edit notice, quote), the lines of ``post`` and ``suffix`` as Discuz prints
    them: jammer at every newline, ``nl2br``, pictures and attachments in ``markup``."""
    rng = random.Random(f"{seed}:{post.post_id}")
    widgets: list[Attachment] = []
    source = prefix + _lines(with_site_name(post, site_name, seed), rng, widgets, markup) + suffix
    if jammed:
        pieces = source.split("\n")
        junk = (lambda: markup.jammer(rng, site_name)) if markup.jammer else (lambda: jammer(rng))
        source = "".join(piece + junk() for piece in pieces[:-1]) + pieces[-1]
    html = source.replace("\n", "<br />\n")
    for index, attachment in enumerate(widgets):
        html = html.replace(f"\x00{index}\x00", markup.attachment(attachment, post.thread_id, times))
    return html


def message_html(post: Post, jammed: bool, seed: int, site_name: str = "", times: TimeStyle = DEFAULT,
                 markup: Markup = X_MARKUP) -> str:
    """The inner HTML of ``td.t_f#postmessage_{pid}``; ``site_name`` is injected into some posts."""
    prefix = ""
    if post.edit:
        prefix += f'<i class="pstatus"> {edit_notice(post, times)} </i>\n\n'
    if post.quote:
        q = post.quote
        header = times.words.quote_header.format(author=escape(q.author), time=times.ymd_hm(q.posted_at))
        prefix += (f'<div class="quote"><blockquote><font size="2"><font color="#999999">{header}</font></font>\n'
                   f'{escape(q.text, quote=False)}</blockquote></div>\n')
    html = body_html(post, jammed, seed, site_name, prefix, markup=markup, times=times)
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
