"""Rules over plain text lines, shared by HTML mode (after the markup is gone) and text mode.

A line is kept exactly as written except for what these rules name: zero-width characters,
attachment-widget lines (下载附件, sizes, upload times), archiver BBCode leftovers, the edit
notice (``本帖最后由 X 于 T 编辑`` in any pack ``scraper.engines.discuz.wording`` knows, plain or as literal
``[i=s] … [/i]``; returned as fields) and an archiver-style leading quote.
"""

from __future__ import annotations

import re
from datetime import datetime

from scraper.engines.discuz.wording import HIDDEN_NOTICE, edit_notice, split_edit_line
from scraper.engines.discuz.times import contains_time, parse_discuz_time

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# ``X 发表于 T``: an archiver post header, and a quote's first line (X1.5–X3.5, every pack;
# ``發表于`` where a Big5 pack was made with Discuz's own GB→Big5 table, which keeps 于).
# Names and times are short (bounded: linear time on a hostile line). The touch template puts
# its heading on the same line: ``引用: X 发表于 T``.
QUOTE_HEADER = re.compile(
    r"^(?:(?:引用|Quote)\s*[:：]\s*)?(?P<author>.{1,40}?)\s+(?:[发發]表[于於]|posted on)\s+(?P<time>.{1,60}?)\s*$", re.I
)
# Other quote first lines: ``原帖由 X 于 T 发表`` (6.x/7.x) and ``Posted by X at T`` (English packs).
_OTHER_QUOTE_HEADERS = (
    re.compile(r"^原帖由\s*(?P<author>.{1,40}?)\s*[于於]\s*(?P<time>.{1,60}?)\s*[发發]表\s*$"),
    re.compile(r"^Posted by\s+(?P<author>.{1,40}?)\s+at\s+(?P<time>.{1,60}?)\s*$", re.I),
)
_QUOTE_HEADING = re.compile(r"^(?:引用|Quote)\s*[:：]?$", re.I)  # 6.x/7.x ``<h5>引用:</h5>``
# Pictures that are template, not content: smilies, file-type icons, the lazy-load
# placeholder, the quote's "back to the post" arrow.
NOT_A_PICTURE = re.compile(r"/smiley/|/filetype/|/attachicons/|static/image/common/none\.gif|/common/back\.gif", re.I)
ATTACHMENT_LINE = re.compile(
    r"^(?:下载附件.*|保存到相册.*|.*\(\s*[\d.]+\s*(?:Bytes|KB|MB|GB)\s*,\s*下载次数\s*:\s*\d+\s*\)"
    r"|[\d.]+\s*(?:Bytes|KB|MB|GB)\s*,\s*下载次数\s*:\s*\d+|下载次数\s*:\s*\d+"
    r"|\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*上传)$",
    re.I,
)
BBCODE = re.compile(
    r"\[attach\]\d+\[/attach\]|\[/?(?:b|i|u|s|p|color|size|font|align|url|img|quote|code|hide|"
    r"media|flash|table|tr|td|list|\*|float|indent|backcolor|email|free)(?:=[^\]\n]*)?\]",
    re.I,
)
_LAYOUT_SPACE = " \u00a0\u3000\t"


def edge_layout_stripped(line: str) -> str:
    """Spaces and NBSP at a line's edges are indentation (layout); inside, NBSP is a space."""
    return line.strip(" \u00a0\t").replace("\u00a0", " ")


def without_attachment_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if not ATTACHMENT_LINE.match(line.strip(_LAYOUT_SPACE))]


def tidy(lines: list[str]) -> str:
    """Join lines; runs of blank lines become one, none at either end."""
    kept: list[str] = []
    for line in (line if line.strip() else "" for line in lines):
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")


def quote_header(line: str) -> re.Match | None:
    """The ``author`` and ``time`` of a quote's first line, in any form we know."""
    for pattern in (QUOTE_HEADER, *_OTHER_QUOTE_HEADERS):
        if match := pattern.match(line):
            return match
    return None


def quote_record(lines: list[str], fetched_at: datetime, tz: str) -> dict:
    """``{author, posted_at, text}`` from a quote's lines, the first being ``X 发表于 T``
    (after a ``引用:`` heading, if any); else the last: 7.x's quote button puts the quoted
    text first and ``X 发表于 T`` in grey after it (``include/newreply.inc.php``)."""
    lines = [line for line in lines if line]
    if lines and _QUOTE_HEADING.match(lines[0]):
        lines = lines[1:]
    author = posted_at = None
    header = quote_header(lines[0]) if lines else None
    if header:
        lines = lines[1:]
    elif len(lines) > 1 and (header := quote_header(lines[-1])):
        lines = lines[:-1]
    if header:
        author = header["author"]
        moment, _ = parse_discuz_time(header["time"], None, fetched_at, tz)
        posted_at = moment.isoformat() if moment else None
    return {"author": author, "posted_at": posted_at, "text": "\n".join(lines)}


def leading_quote(lines: list[str], fetched_at: datetime, tz: str) -> tuple[list[dict], list[str]]:
    """Archiver text: a quote is ``X 发表于 T``, the quoted lines, then a blank line."""
    first = next((i for i, line in enumerate(lines) if line), None)
    header = quote_header(lines[first]) if first is not None else None
    if not header or not contains_time(header["time"]):
        return [], lines
    end = next((i for i in range(first + 1, len(lines)) if not lines[i]), len(lines))
    if end == len(lines):
        return [], lines  # no blank line after it: an ordinary sentence, not a quote
    return [quote_record(lines[first:end], fetched_at, tz)], lines[end:]


def without_hidden_notices(lines: list[str]) -> tuple[list[str], bool]:
    """The lines without the notices standing in for hidden content (``**** Hidden Message
    *****``…; a line left empty goes), and whether there was one (``content_hidden``)."""
    kept: list[str] = []
    found = False
    for line in lines:
        if HIDDEN_NOTICE.search(line):
            found = True
            line = edge_layout_stripped(HIDDEN_NOTICE.sub("", line))
            if not line:
                continue
        kept.append(line)
    return kept, found


def take_edit_line(lines: list[str]) -> str | None:
    """Take the edit notice out of the lines when it is text (archiver, copies, a literal
    ``[i=s] … [/i]``): its line is blanked, or keeps what follows the literal. Returns the first."""
    notice = None
    for i, line in enumerate(lines):
        found, rest = split_edit_line(line.strip(_LAYOUT_SPACE))
        if found:
            notice = notice or found
            lines[i] = rest.strip(_LAYOUT_SPACE)
    return notice


def edited(notice: str | None, fetched_at: datetime, tz: str) -> tuple[datetime | None, str | None]:
    """``(edited_at, editor)`` from an edit notice's text."""
    match = edit_notice(notice) if notice else None
    if not match:
        return None, None
    return parse_discuz_time(match["time"], None, fetched_at, tz)[0], match["author"]
