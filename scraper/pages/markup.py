"""Turning a page's HTML into trees that hostile markup cannot break.

A page is parsed whole once. libxml2 stops building the tree where nesting gets too deep
(thousands of unclosed tags in one post), so every element after that point — the other
posts, the pager — would be lost. Post containers are also found in the raw text
(``post_starts``); when the tree holds fewer of them than the text does, each post is parsed
again on its own (``fragments``), so one hostile post costs only itself.

Also here: what the parser must never see (an XML declaration, a DTD with an internal
subset and its entities: lxml's HTML parser refuses an encoding declaration in a ``str`` and
an entity definition is text no browser shows) and which text of a node a reader sees
(``visible_text``: no script, no style, nothing a skin hides by class or style).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import lxml.html
from lxml import etree
from parsel import Selector, SelectorList

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# ``<!DOCTYPE html [ <!ENTITY …> ]>``: the internal subset can hold '>' inside its entities.
_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.I | re.S)
_UNCLOSED_COMMENT = re.compile(r"<!--(?!.*?-->)", re.S)
_TOO_DEEP = "Excessive depth"

_HIDDEN = (
    "contains(concat(' ', normalize-space(@class), ' '), ' display_none ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' hidden ')"
    " or @hidden"
    " or contains(translate(@style, ' ', ''), 'display:none')"
    " or contains(translate(@style, ' ', ''), 'visibility:hidden')"
)
# Labels a skin hides with its own CSS class (``<em class="display_none">作者：</em>``) are
# part of the markup but not of what a reader sees.
_VISIBLE_TEXTS = etree.XPath(
    f".//text()[not(ancestor::script or ancestor::style)][not(ancestor::*[{_HIDDEN}])]",
    smart_strings=False,
)
HIDDEN_NODE = f"self::*[{_HIDDEN}]"


def without_prolog(html: str) -> str:
    """The page without an XML declaration or a DOCTYPE (with its internal subset), and with
    a comment that is never closed turned into text's end (a browser would hide the rest of
    the page; a crawler would rather lose nothing but the comment's own line)."""
    html = _XML_DECLARATION.sub("", html, count=1)
    head = html[:4096]
    if "<!" in head:
        html = _DOCTYPE.sub("", head, count=1) + html[4096:] if _DOCTYPE.search(head) else html
    match = _UNCLOSED_COMMENT.search(html)
    if match:
        html = html[: match.start()] + html[match.end():]
    return html


def parse(html: str) -> Selector:
    """The page's tree; a page nested deeper than the parser allows is parsed again with its
    deepest tags dropped (``depth_capped``), so nothing after them is lost."""
    html = without_prolog(html) or "<html></html>"
    parser = lxml.html.HTMLParser(recover=True, huge_tree=True)
    root = etree.fromstring(html, parser)
    if any(_TOO_DEEP in entry.message for entry in parser.error_log):
        root = etree.fromstring(depth_capped(html), lxml.html.HTMLParser(recover=True, huge_tree=True))
    if root is None:
        root = etree.fromstring("<html></html>", lxml.html.HTMLParser())
    return Selector(root=root, type="html")


def visible_text(node: Selector | SelectorList) -> str:
    """Visible text of a node (or of every node of a list), whitespace and NBSP collapsed."""
    selectors = [node] if isinstance(node, Selector) else node
    texts = [text for selector in selectors if not _is_hidden(selector) for text in _texts(selector.root)]
    return " ".join(" ".join(texts).replace("\u00a0", " ").split())


def _texts(root: object) -> list[str]:
    return _VISIBLE_TEXTS(root) if isinstance(root, etree._Element) else [str(root)]


def _is_hidden(selector: Selector) -> bool:
    root = selector.root
    return isinstance(root, etree._Element) and bool(selector.xpath(HIDDEN_NODE))


def post_starts(html: str, pattern: re.Pattern[str]) -> list[int]:
    """Offsets in the raw page where a post container opens."""
    return [match.start() for match in pattern.finditer(html)]


def fragments(html: str, starts: list[int]) -> list[Selector]:
    """Each post's markup, from its opening tag to the next post's, parsed on its own."""
    ends = [*starts[1:], len(html)]
    return [parse(html[start:end]) for start, end in zip(starts, ends, strict=True)]


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
# Far below libxml2's limit (2048 with XML_PARSE_HUGE), far above any real page (~40).
MAX_DEPTH = 256


class _DepthCapper(HTMLParser):
    """Re-emits markup unchanged except tags nested deeper than ``MAX_DEPTH``, which are
    dropped while their text stays: the tree keeps every character and every later post."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, kept)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _VOID:
            self.out.append(self.get_starttag_text() or "")
            return
        kept = len(self.open) < MAX_DEPTH
        self.open.append((tag, kept))
        if kept:
            self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                kept = self.open[index][1]
                del self.open[index:]
                if kept:
                    self.out.append(f"</{tag}>")
                return

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")


def depth_capped(html: str) -> str:
    capper = _DepthCapper()
    capper.feed(html)
    capper.close()
    return "".join(capper.out)
