"""What a post's stored BBCode says, as the plain text a reader should end with: for the
real-engine tests (MyBB and SMF store messages as BBCode). Quotes leave the body (their
author and text kept), markup tags go, an image becomes a placeholder, a list item a line.
Also the character F1 the captured pages are measured by."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

IMAGE = "[image]"
_OPEN_QUOTE = re.compile(r"\[quote(?P<args>[^\]]*)\]", re.I)
_EPOCH = re.compile(r"\b(?:dateline|date)='?(\d+)")
_CLOSE_QUOTE = re.compile(r"\[/quote\]", re.I)
_AUTHOR = re.compile(r"""^=\s*(?:"(?P<a>[^"]*)"|'(?P<b>[^']*)'|(?P<c>[^\s\]]+))|author=(?P<d>.+?)(?=\s+(?:link|date)=|$)""")


@dataclass(frozen=True)
class Quote:
    author: str | None
    text: str
    epoch: int | None = None  # MyBB's dateline='N', SMF's date=N: when the quoted post was made


def plain(bbcode: str) -> str:
    """Tags removed; ``[img]`` → IMAGE, ``[*]`` → a new line; SMF's stored ``<br>`` → a new
    line and its entities decoded."""
    text = html.unescape(re.sub(r"(?i)<br\s*/?>", "\n", bbcode))
    text = re.sub(r"(?is)\[img[^\]]*\].*?\[/img\]", IMAGE, text)
    text = re.sub(r"(?i)\[\*\]", "\n", text)
    text = re.sub(r"(?i)\[/?(?:b|i|u|s|color|size|font|url|email|code|php|list|center|left|right"
                  r"|align|hr|sub|sup|tt|pre|quote|table|tr|td|li|ul|ol)(?:[=\s][^\]]*)?\]", "",
                  text)
    return text


def split_quotes(bbcode: str) -> tuple[str, list[Quote]]:
    """(body without its outermost quotes, those quotes) of a message."""
    body, quotes, depth, start, opened = [], [], 0, 0, None
    position = 0
    for found in sorted([*_OPEN_QUOTE.finditer(bbcode), *_CLOSE_QUOTE.finditer(bbcode)],
                        key=lambda m: m.start()):
        if found.re is _OPEN_QUOTE:
            if depth == 0:
                body.append(bbcode[position:found.start()])
                start, opened = found.end(), found
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                epoch = _EPOCH.search(opened.group("args"))
                quotes.append(Quote(_author(opened.group("args")), plain(bbcode[start:found.start()]),
                                    int(epoch.group(1)) if epoch else None))
                position = found.end()
    body.append(bbcode[position:])
    return plain("".join(body)), quotes


def _author(args: str) -> str | None:
    found = _AUTHOR.search(args.strip())
    if not found:
        return None
    return next(value for value in found.groups() if value is not None).strip() or None


def char_f1(expected: str, got: str) -> float:
    """F1 of the two texts' characters (as multisets), whitespace ignored."""
    want = Counter(c for c in expected if not c.isspace())
    have = Counter(c for c in got if not c.isspace())
    if not want and not have:
        return 1.0
    common = sum((want & have).values())
    if not common:
        return 0.0
    precision, recall = common / sum(have.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)
