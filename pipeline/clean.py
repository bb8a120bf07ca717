"""Turn one post's raw HTML fragment into the author's plain text.

Pure functions over the small ``body_html`` fragment a page object read (never the whole
page). Removed: anti-copy jammer (``font.jammer`` and anything hidden by inline style or the
``hidden`` attribute), scripts, attachment widgets and tips, the edit notice (kept as
``edited_at``/``edited_by``) and quotes (kept as ``quotes``). Line breaks come from ``<br>``
and block elements; inside a line nothing is trimmed or rewritten except NBSP -> space and
the removal of zero-width characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from pipeline.times import parse_discuz_time

BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "tr", "table", "tbody", "blockquote", "pre", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "center", "section", "article", "td", "th",
})
DROP_TAGS = ["script", "style", "noscript", "ignore_js_op", "iframe", "object", "embed", "form"]
# Attachment lists, image tips, hidden-content notices and rating blocks around a message.
DROP_SELECTORS = (
    "div.pattl, dl.tattl, div.tattl, div.t_attach, div.aimg_tip, div.tip, p.attach_tip, "
    "span.attach_tip, div.locked, div.rate, dl.rate, div.cm, div.a_pr, div.a_pt"
)
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em|%)?\s*(?:;|$)", re.I
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")
_SOURCE_SPACE = re.compile(r"[ \t\r\n\f]+")
_QUOTE_HEADER = re.compile(r"^(?P<author>.+?)\s+(?:发表于|發表於|posted on)\s+(?P<time>.+?)\s*$", re.I)
_QUOTE_TIME = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}|前|昨天|刚刚")
_EDIT_NOTICE = re.compile(r"本帖最后由\s*(?P<author>.+?)\s*于\s*(?P<time>.+?)\s*编辑")
_ATTACHMENT_LINE = re.compile(
    r"^(?:下载附件.*|保存到相册.*|.*\(\s*[\d.]+\s*(?:Bytes|KB|MB|GB)\s*,\s*下载次数\s*:\s*\d+\s*\)"
    r"|\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*上传)$",
    re.I,
)
_BBCODE = re.compile(
    r"\[attach\]\d+\[/attach\]|\[/?(?:b|i|u|s|p|color|size|font|align|url|img|quote|code|hide|"
    r"media|flash|table|tr|td|list|\*|float|indent|backcolor|email|free)(?:=[^\]\n]*)?\]",
    re.I,
)
_SOFT = "\x00"  # block boundary: a line break unless already at the start of a line


@dataclass
class CleanPost:
    body: str
    quotes: list[dict] = field(default_factory=list)
    edited_at: datetime | None = None
    edited_by: str | None = None
    images: list[str] = field(default_factory=list)
    jammer_removed: int = 0


def _is_hidden(tag: Tag) -> bool:
    return tag.has_attr("hidden") or bool(_HIDDEN_STYLE.search(tag.get("style") or ""))


def _remove_jammer(soup: BeautifulSoup) -> int:
    """Drop jammer fonts and hidden elements; return how many nodes went."""
    doomed = [tag for tag in soup.find_all(True) if _is_hidden(tag) or
              (tag.name == "font" and "jammer" in (tag.get("class") or []))]
    removed = 0
    for tag in doomed:  # document order: a jammer inside a removed one is not counted again
        if not tag.decomposed:
            tag.decompose()
            removed += 1
    return removed


def _image_urls(soup: BeautifulSoup) -> list[str]:
    """Content images: attachment URLs (``zoomfile``/``file``) or ``src`` outside the
    template's own ``static/image`` folder (smilies, icons, placeholders)."""
    found: list[str] = []
    for img in soup.find_all("img"):
        url = img.get("zoomfile") or img.get("file") or img.get("src") or ""
        if url and not img.has_attr("smilieid") and "static/image/" not in url and url not in found:
            found.append(url)
    return found


def _pieces(node: Tag, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            out.append(_SOURCE_SPACE.sub(" ", _ZERO_WIDTH.sub("", str(child))))
        elif child.name == "br":
            out.append("\n")
        elif child.name in BLOCK_TAGS:
            out.append(_SOFT)
            _pieces(child, out)
            out.append(_SOFT)
        elif child.name != "img":
            _pieces(child, out)


def _lines(node: Tag) -> list[str]:
    """Text lines of a node: source whitespace collapsed as a browser would, NBSP kept as a space."""
    pieces: list[str] = []
    _pieces(node, pieces)
    text = ""
    for piece in pieces:
        if piece == _SOFT:
            if text and not text.endswith("\n"):
                text += "\n"
        elif piece.strip(" ") or (text and not text.endswith("\n")):
            text += piece  # source whitespace at the start of a line is not text
    lines = [line.strip(" ").replace("\u00a0", " ") for line in text.split("\n")]
    return [line if line.strip() else "" for line in lines]


def _tidy(lines: list[str]) -> str:
    """Join lines; runs of blank lines become one, none at either end."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")


def _quote(lines: list[str], fetched_at: datetime, tz: str) -> dict:
    lines = [line for line in lines if line]
    author = posted_at = None
    if lines and (header := _QUOTE_HEADER.match(lines[0])):
        author = header["author"]
        moment, _ = parse_discuz_time(header["time"], None, fetched_at, tz)
        posted_at = moment.isoformat() if moment else None
        lines = lines[1:]
    return {"author": author, "posted_at": posted_at, "text": "\n".join(lines)}


def _take_quotes(soup: BeautifulSoup, fetched_at: datetime, tz: str) -> list[dict]:
    quotes = []
    for node in soup.select("div.quote, blockquote"):
        if node.decomposed or node.find_parent(["blockquote"]) or node.find_parent("div", class_="quote"):
            continue
        quotes.append(_quote(_lines(node), fetched_at, tz))
        node.decompose()
    return quotes


def _leading_quote(lines: list[str], fetched_at: datetime, tz: str) -> tuple[list[dict], list[str]]:
    """Archiver text: a quote is ``X 发表于 T``, the quoted lines, then a blank line."""
    first = next((i for i, line in enumerate(lines) if line), None)
    header = _QUOTE_HEADER.match(lines[first]) if first is not None else None
    if not header or not _QUOTE_TIME.search(header["time"]):
        return [], lines
    end = next((i for i in range(first + 1, len(lines)) if not lines[i]), len(lines))
    if end == len(lines):
        return [], lines  # no blank line after it: an ordinary sentence, not a quote
    return [_quote(lines[first:end], fetched_at, tz)], lines[end:]


def _edit_notice(soup: BeautifulSoup) -> str | None:
    """Remove the ``i.pstatus`` edit notice (``本帖最后由 X 于 T 编辑``); return its text."""
    notice = None
    for tag in soup.select("i.pstatus"):
        notice = notice or tag.get_text(" ", strip=True)
        tag.decompose()
    return notice


def _edit_line(lines: list[str]) -> str | None:
    """The same notice as a plain text line (archiver, customised templates): blank it."""
    notice = None
    for i, line in enumerate(lines):
        if _EDIT_NOTICE.fullmatch(line.strip()):
            notice = notice or line
            lines[i] = ""
    return notice


def _edited(notice: str | None, fetched_at: datetime, tz: str) -> tuple[datetime | None, str | None]:
    match = _EDIT_NOTICE.search(_SOURCE_SPACE.sub(" ", notice.replace("\u00a0", " "))) if notice else None
    if not match:
        return None, None
    return parse_discuz_time(match["time"], None, fetched_at, tz)[0], match["author"]


def clean_post_html(body_html: str, *, fetched_at: datetime, tz: str = "Asia/Shanghai",
                    archiver: bool = False) -> CleanPost:
    """Clean one post's message HTML (viewthread ``td.t_f`` content or an archiver body)."""
    soup = BeautifulSoup(body_html or "", "lxml")
    jammer = _remove_jammer(soup)
    images = _image_urls(soup)
    for tag in soup.find_all(DROP_TAGS) + soup.select(DROP_SELECTORS):
        if not tag.decomposed:
            tag.decompose()
    notice = _edit_notice(soup)
    quotes = [] if archiver else _take_quotes(soup, fetched_at, tz)
    lines = _lines(soup)
    if archiver:
        lines = [_BBCODE.sub("", line) for line in lines]
    line_notice = _edit_line(lines)
    notice = notice or line_notice
    if archiver:
        quotes, lines = _leading_quote(lines, fetched_at, tz)
    edited_at, edited_by = _edited(notice, fetched_at, tz)
    lines = [line for line in lines if not _ATTACHMENT_LINE.match(line)]
    return CleanPost(_tidy(lines), quotes, edited_at, edited_by, images, jammer)


def clean_signature_html(html: str | None) -> str | None:
    """Plain text of a signature block, None when nothing is left."""
    if not html:
        return None
    soup = BeautifulSoup(html, "lxml")
    _remove_jammer(soup)
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    return _tidy(_lines(soup)) or None
