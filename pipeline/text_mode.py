"""Text mode: a thread copied as plain text (typically from an archiver page) -> clean posts.

Shape of such a copy (see ``../shared/fixtures/seed-thread.txt``): optional page chrome
(``X's Archiver``, the ``论坛 › 版块 › 标题`` breadcrumb), then per post a header line
``author 发表于 time`` followed by a blank line, the thread title on the first post, the
message, and page chrome at the end (``页: [1] 2``, ``查看完整版本: 标题``, ``Powered by
Discuz!``). A header followed directly by text (no blank line) is a quote inside a post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline import plain_lines
from scraper.engines.discuz.wording import BANNED_NOTICE, split_edit_line
from pipeline.post_cleaning import CleaningContext, CleaningCounts, without_site_names
from scraper.engines.discuz.times import parse_discuz_time

CHROME_LINE = re.compile(
    r"^(?:页\s*[:：].*|查看完整版本\s*[:：].*|.*Powered by Discuz!.*|.*'s\s+Archiver|返回列表|上一主题|下一主题"
    r"|.*(?:›|&rsaquo;).*|©\s*\d{4}.*|GMT[+-]\d+,.*|Archiver\s*\|.*|只看该作者|电梯直达|回复\s*举报|举报)$",
    re.I,
)
_FULL_VERSION = re.compile(r"^查看完整版本\s*[:：]\s*(?P<title>.+?)\s*$")
_ARCHIVER_HEADER = re.compile(r"^(?P<name>.+?)\s*'s\s+Archiver\s*$", re.I)
_TITLE_MAX = 80


@dataclass
class TextThread:
    title: str | None
    site_name: str | None
    posts: list[dict[str, Any]] = field(default_factory=list)
    counts: CleaningCounts = field(default_factory=CleaningCounts)


def _lines(text: str) -> list[str]:
    text = plain_lines.ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [plain_lines.edge_layout_stripped(line) for line in text.split("\n")]


def _is_post_header(lines: list[str], index: int) -> bool:
    """``author 发表于 time`` with a blank line (or nothing) after it."""
    header = plain_lines.QUOTE_HEADER.match(lines[index])
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(header) and not following.strip()


def _split_posts(lines: list[str]) -> list[tuple[str, list[str]]]:
    posts: list[tuple[str, list[str]]] = []
    for index, line in enumerate(lines):
        if _is_post_header(lines, index):
            posts.append((line, []))
        elif posts:
            posts[-1][1].append(line)
    return posts


def _title(lines: list[str], first_body: list[str]) -> str | None:
    """``查看完整版本: T`` if present, else the first post's first line when it stands alone."""
    for line in lines:
        if match := _FULL_VERSION.match(line):
            return match["title"]
    paragraphs = [line for line in first_body if line]
    first = next((i for i, line in enumerate(first_body) if line), None)
    if first is None or len(paragraphs) < 2 or first + 1 >= len(first_body) or first_body[first + 1]:
        return None
    line = first_body[first]
    if split_edit_line(plain_lines.BBCODE.sub("", line))[0]:
        return None  # an edit notice on top of the message, not the title
    return line if len(line) <= _TITLE_MAX and not line.endswith(("。", "！", "？", ".", "!", "?")) else None


def _drop_title(body: list[str], title: str | None) -> list[str]:
    first = next((i for i, line in enumerate(body) if line), None)
    if title and first is not None and body[first] == title:
        return body[first + 1:]
    return body


def _post(header: str, body: list[str], floor: int, context: CleaningContext, counts: CleaningCounts) -> dict:
    match = plain_lines.QUOTE_HEADER.match(header)
    time_text = match["time"]
    posted_at, precision = parse_discuz_time(time_text, None, context.fetched_at, context.tz)
    counts.times_unparsed += posted_at is None
    body = [plain_lines.BBCODE.sub("", line) for line in body if not CHROME_LINE.match(line)]
    body, hidden = plain_lines.without_hidden_notices(body)
    banned = (not any(body) and not hidden) or any(BANNED_NOTICE.search(line) for line in body)
    notice = plain_lines.take_edit_line(body)
    quotes, body = plain_lines.leading_quote(body, context.fetched_at, context.tz)
    edited_at, edited_by = plain_lines.edited(notice, context.fetched_at, context.tz)
    text = "" if banned else plain_lines.tidy(plain_lines.without_attachment_lines(body))
    return {
        "floor": floor, "author": match["author"], "posted_at_relative": time_text,
        "posted_at": posted_at.isoformat() if posted_at else None, "posted_at_precision": precision,
        "edited_at": edited_at.isoformat() if edited_at else None, "edited_by": edited_by,
        "body": without_site_names(text, context, counts),
        "quotes": [{**quote, "text": without_site_names(quote["text"], context, counts)} for quote in quotes],
        "author_banned": banned, "content_hidden": hidden,
    }


def clean_thread_text(text: str, *, context: CleaningContext) -> TextThread:
    """Clean a copied thread. The site name in an ``X's Archiver`` line joins ``context.site_names``."""
    lines = _lines(text)
    detected = next((m["name"] for line in lines if (m := _ARCHIVER_HEADER.match(line))), None)
    context = context.with_site_name(detected)
    posts = _split_posts(lines)
    if not posts:
        raise ValueError("no post found: expected a line like 'author 发表于 time' followed by a blank line")
    title = _title(lines, posts[0][1])
    thread = TextThread(title, detected)
    for floor, (header, body) in enumerate(posts, start=1):
        body = _drop_title(body, title) if floor == 1 else body
        thread.posts.append(_post(header, body, floor, context, thread.counts))
    return thread
