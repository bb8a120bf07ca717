"""Turn one post's raw HTML fragment into the author's plain text.

Pure functions over the small ``body_html`` fragment a page object read (never the whole
page). Removed: scripts, attachment widgets and tips, rating/comment blocks, ad slots, the
anti-copy jammer (``font.jammer`` and anything hidden by inline style in any spelling or by
the ``hidden`` attribute), the edit notice (kept as ``edited_at``/``edited_by``) and quotes
(kept as ``quotes``). A content image becomes ``image_placeholder`` at its position, its URL
goes to ``images``; another attachment becomes ``attachment_placeholder``, its record goes to
``attachments``. Line breaks come from ``<br>`` and block elements; inside a line nothing
is trimmed or rewritten except NBSP -> space and the removal of zero-width characters.
"""

from __future__ import annotations

import re
import threading
import warnings
from dataclasses import dataclass, field
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag
from bs4.builder import LXMLTreeBuilder

from pipeline import plain_lines
from pipeline.archiver_text import archiver_lines
from pipeline.attachment_readers import AttachmentTaker
from pipeline.attachment_record import ATTACHMENT_PLACEHOLDER, Attachment
from pipeline.attachments import take_attachments
from scraper.engines.discuz.times import parse_discuz_time

# An engine's time reader (``Wording.parse_time``): (text, machine-readable form, fetched_at, tz).
TimeReader = Callable[[str | None, str | None, datetime, str], tuple[datetime | None, str | None]]

IMAGE_PLACEHOLDER = "[图片]"
# A message that is only a URL is a message, not a file name passed by mistake: no warning per post.
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning, module=__name__)
BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "tr", "table", "tbody", "blockquote", "pre", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "center", "section", "article", "td", "th",
})
DROP_TAGS = frozenset({"script", "style", "noscript", "ignore_js_op", "iframe", "object", "embed", "form"})
# Attachment lists, image tips, hidden-content notices, rating, comment and ad blocks, by tag.
DROP_CLASSES = {
    "div": frozenset({"pattl", "tattl", "t_attach", "aimg_tip", "tip", "locked", "rate", "cm",
                      "a_pr", "a_pt", "a_t", "a_p", "a_mu", "a_fl", "a_fr"}),
    "dl": frozenset({"tattl", "rate"}),
    "p": frozenset({"attach_tip"}),
    "span": frozenset({"attach_tip"}),
}
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em|%)?\s*(?:;|$)", re.I
)
_OTHER_SCHEME = re.compile(r"(?!https?:)[a-z][a-z0-9+.-]*:", re.I)  # a scheme, not http(s)
_SOURCE_SPACE = re.compile(r"[ \t\r\n\f]+")
_PREFORMATTED_SPACE = re.compile(r"[ \t\r\f]+")  # inside <pre> a browser keeps the line breaks
_LIST_CONTAINERS = frozenset({"ul", "ol", "dl", "table", "tbody", "tr"})
_SOFT = "\x00"  # block boundary: a line break unless already at the start of a line


class _ReusedParserBuilder(LXMLTreeBuilder):
    """bs4's lxml builder keeping one lxml parser for every fragment it parses: a new parser per
    fragment (bs4's way) costs a third of the parse, lxml inspecting its target each time."""

    _parser = None

    def parser_for(self, encoding: str | None) -> object:
        if self._parser is None:
            self._parser = super().parser_for(encoding)
        return self._parser


_builders = threading.local()  # a builder (and its parser) serves one document at a time


def _soup(html: str) -> BeautifulSoup:
    if not hasattr(_builders, "lxml"):
        _builders.lxml = _ReusedParserBuilder()
    return BeautifulSoup(html, builder=_builders.lxml)


@dataclass
class CleanPost:
    body: str
    quotes: list[dict] = field(default_factory=list)
    edited_at: datetime | None = None
    edited_by: str | None = None
    images: list[str] = field(default_factory=list)
    jammer_removed: int = 0
    content_hidden: bool = False  # the engine's notice for hidden content was in the message
    attachments: list[Attachment] = field(default_factory=list)


def _is_hidden(tag: Tag) -> bool:
    return tag.has_attr("hidden") or bool(_HIDDEN_STYLE.search(tag.get("style") or ""))


def _is_jammer(tag: Tag) -> bool:
    return _is_hidden(tag) or (tag.name == "font" and "jammer" in (tag.get("class") or []))


def _is_chrome(tag: Tag) -> bool:
    classes = DROP_CLASSES.get(tag.name)
    if tag.name == "span" and (tag.get("id") or "").startswith("attach_"):
        return True  # 6.x/7.x inline attachment: file name and size (its menu is a div.t_attach)
    return tag.name in DROP_TAGS or bool(classes and classes.intersection(tag.get("class") or ()))


@dataclass
class _Swept:
    jammer_removed: int = 0
    edit_notices: list[Tag] = field(default_factory=list)
    quotes: list[Tag] = field(default_factory=list)


def _sweep(soup: BeautifulSoup) -> _Swept:
    """One walk in document order: drop widgets and chrome (template, not counted) and jammer
    (counted; one inside a removed node is not counted again); collect edit notices and the
    outermost quotes. A walk, not ``find_all``: it never enters a removed node, so it never asks
    bs4 whether a node was decomposed (a search of the node's subtree on every tag)."""
    swept = _Swept()
    _sweep_children(soup, swept, take_quotes=True)
    return swept


def _sweep_children(node: Tag, swept: _Swept, take_quotes: bool) -> None:
    for child in list(node.contents):  # a copy: children are removed during the walk
        if not isinstance(child, Tag):
            continue
        classes = child.get("class") or ()
        if _is_chrome(child):
            child.decompose()
        elif _is_jammer(child):
            child.decompose()
            swept.jammer_removed += 1
        elif child.name == "i" and "pstatus" in classes:
            swept.edit_notices.append(child)  # removed before the quotes: none is taken inside it
            _sweep_children(child, swept, take_quotes=False)
        elif child.name == "blockquote" or (child.name == "div" and "quote" in classes):
            if take_quotes:
                swept.quotes.append(child)
            _sweep_children(child, swept, take_quotes=False)
        else:
            _sweep_children(child, swept, take_quotes)


def _content_image_url(img: Tag) -> str | None:
    """An attachment URL (``zoomfile``/``file``) or ``src``; None for template pictures
    (``plain_lines.NOT_A_PICTURE``)."""
    url = (img.get("zoomfile") or img.get("file") or img.get("src") or "").strip()
    if not url or img.has_attr("smilieid") or plain_lines.NOT_A_PICTURE.search(url):
        return None
    return url


def _mark_images(soup: BeautifulSoup, placeholder: str) -> list[str]:
    """Put ``placeholder`` where each visible content image (or its whole widget) was; its URL
    is kept when it is a web address (``data:``, ``file:``, ``javascript:`` sources are not)."""
    found: list[str] = []
    for img in soup.find_all("img"):
        url = _content_image_url(img)
        if url is None or img.decomposed or any(_is_jammer(parent) for parent in img.parents):
            continue
        if _OTHER_SCHEME.match(url) is None and url not in found:
            found.append(url)
        widget = img.find_parent("ignore_js_op") or img
        widget.replace_with(NavigableString(placeholder))
    return found


def _drop_leading_newline(pre: Tag) -> None:
    """A line break right after ``<pre>`` is not content (HTML's parsing rule, which lxml does
    not apply): a browser shows none (IP.Board 3.x prints every code box so)."""
    first = next(iter(pre.children), None)
    if isinstance(first, NavigableString) and not isinstance(first, Comment) and first.startswith(("\n", "\r\n")):
        first.replace_with(NavigableString(first.removeprefix("\r").removeprefix("\n")))


def _pieces(node: Tag, out: list[str], preformatted: bool = False) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            space = _PREFORMATTED_SPACE if preformatted else _SOURCE_SPACE
            out.append(space.sub(" ", plain_lines.ZERO_WIDTH.sub("", str(child))))
        elif child.name == "br":
            if node.name not in _LIST_CONTAINERS:  # a <br> between list items is layout
                out.append("\n")
        elif child.name in BLOCK_TAGS:
            out.append(_SOFT)
            if child.name == "pre":
                _drop_leading_newline(child)
            _pieces(child, out, preformatted or child.name == "pre")
            out.append(_SOFT)
        elif child.name != "img":
            _pieces(child, out, preformatted)


def _lines(node: Tag) -> list[str]:
    """Text lines of a node: source whitespace collapsed as a browser would."""
    pieces: list[str] = []
    _pieces(node, pieces)
    text = ""
    for piece in pieces:
        if piece == _SOFT:
            if text and not text.endswith("\n"):
                text += "\n"
        elif piece.strip(" ") or (text and not text.endswith("\n")):
            # Source whitespace at the start of a line is not text; across nodes it collapses.
            text += piece[1:] if piece.startswith(" ") and text.endswith(" ") else piece
    return [plain_lines.edge_layout_stripped(line) for line in text.split("\n")]


def _quote_record(node: Tag, fetched_at: datetime, tz: str, parse_time: TimeReader) -> dict:
    """A quote whose reader named its author (``data-quote-author``, and ``data-quote-time``:
    every engine but Discuz, scraper.engines.base), else Discuz's ``X 发表于 T`` first line."""
    if not node.has_attr("data-quote-author"):
        return plain_lines.quote_record(_lines(node), fetched_at, tz)
    shown = node.get("data-quote-time")
    moment = parse_time(shown, None, fetched_at, tz)[0] if shown else None
    return {"author": node["data-quote-author"] or None, "posted_at": moment.isoformat() if moment else None,
            "text": "\n".join(line for line in _lines(node) if line)}


def _take_quotes(nodes: list[Tag], fetched_at: datetime, tz: str, parse_time: TimeReader) -> list[dict]:
    """Quote records of the outermost quote nodes, which leave the body."""
    quotes = [_quote_record(node, fetched_at, tz, parse_time) for node in nodes]
    for node in nodes:
        node.decompose()
    return quotes


def _take_edit_notice(nodes: list[Tag]) -> str | None:
    """Remove the ``i.pstatus`` edit notices (``本帖最后由 X 于 T 编辑``); return the first's text."""
    texts = [node.get_text(" ", strip=True) for node in nodes]
    for node in nodes:
        node.decompose()
    return texts[0] if texts else None


def clean_post_html(body_html: str, *, fetched_at: datetime, tz: str = "Asia/Shanghai",
                    archiver: bool = False, image_placeholder: str = IMAGE_PLACEHOLDER,
                    parse_time: TimeReader = parse_discuz_time,
                    attachment_placeholder: str = ATTACHMENT_PLACEHOLDER,
                    take_attachment_widgets: AttachmentTaker = take_attachments) -> CleanPost:
    """Clean one post's message HTML (viewthread ``td.t_f`` content or an archiver body, whose
    text follows ``pipeline.archiver_text``; another engine's message as its reader hands it).
    An empty message is an empty body. ``parse_time``: the engine's, for quotes' times.
    Attachment widgets become records and one placeholder each: ``take_attachment_widgets``,
    the engine's (``pipeline.attachment_readers.attachment_taker``; Discuz's by default)."""
    soup = _soup(body_html or "")
    attachments = take_attachment_widgets(soup, attachment_placeholder, fetched_at, tz)
    images = _mark_images(soup, image_placeholder)
    swept = _sweep(soup)
    notice = _take_edit_notice(swept.edit_notices)
    quotes = [] if archiver else _take_quotes(swept.quotes, fetched_at, tz, parse_time)
    lines, hidden = plain_lines.without_hidden_notices(_lines(soup))
    if archiver:
        lines = archiver_lines(lines, image_placeholder, images, attachment_placeholder, attachments)
    notice = notice or plain_lines.take_edit_line(lines)
    if archiver:
        quotes, lines = plain_lines.leading_quote(lines, fetched_at, tz)
    edited_at, edited_by = plain_lines.edited(notice, fetched_at, tz)
    body = plain_lines.tidy(plain_lines.without_attachment_lines(lines))
    return CleanPost(body, quotes, edited_at, edited_by, images, swept.jammer_removed, hidden, attachments)


@lru_cache(maxsize=4096)
def clean_signature_html(html: str | None) -> str | None:
    """Plain text of a signature block, None when nothing is left (cached: a member's
    signature repeats under every post)."""
    if not html:
        return None
    soup = _soup(html)
    _sweep(soup)
    return plain_lines.tidy(_lines(soup)) or None
