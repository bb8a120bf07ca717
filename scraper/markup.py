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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

from lxml import etree
from parsel import Selector, SelectorList

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# ``<!DOCTYPE html [ <!ENTITY …> ]>``: the internal subset can hold '>' inside its entities.
_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.I | re.S)
_UNCLOSED_COMMENT = re.compile(r"<!--(?!.*?-->)", re.S)
_TOO_DEEP = "Excessive depth"

# What a skin hides: the classes display_none and hidden (labels a skin hides with its own
# CSS class, ``<em class="display_none">作者：</em>``, are markup but not what a reader sees),
# the ``hidden`` attribute, and inline ``display:none`` or ``visibility:hidden``.
_HIDING_CLASSES = frozenset({"display_none", "hidden"})
_CLASS_SEPARATORS = re.compile(r"[ \t\r\n]+")
_NEVER_SHOWN = frozenset({"script", "style"})


def hidden(element: etree._Element) -> bool:
    """Whether a skin hides this element itself (its ancestors aside)."""
    if element.get("hidden") is not None:
        return True
    classes = element.get("class")
    if classes and not _HIDING_CLASSES.isdisjoint(_CLASS_SEPARATORS.split(classes)):
        return True
    style = (element.get("style") or "").replace(" ", "")
    return "display:none" in style or "visibility:hidden" in style


def shown(element: etree._Element, within: etree._Element | None = None) -> bool:
    """Neither the element nor an ancestor of it below ``within`` is a script, a style or hidden."""
    node = element
    while node is not None and node is not within:
        if node.tag in _NEVER_SHOWN or hidden(node):
            return False
        node = node.getparent()
    return True


def scope(container: etree._Element) -> etree._Element | None:
    """``container`` (a post, a thread row) as ``visible_text``'s ``within``, checked once; None
    when it is hidden itself (its texts are then checked up to the root, and come out empty)."""
    return container if shown(container) else None


@cache
def xpath(expression: str) -> etree.XPath:
    """``expression`` compiled once: readers evaluate the same few dozen XPaths on every page,
    straight on lxml elements (parsel's per-call setup cost more than most evaluations)."""
    return etree.XPath(expression, smart_strings=False)


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


@dataclass(frozen=True)
class ParsedPage:
    """A page (its URL and text, what the engine readers take of a response) with the tree
    ``parse`` made of it: a reader handed one takes the tree instead of parsing the text again
    (``clean --mode html`` parses a page to find its engine, then reads it)."""

    url: str
    text: str
    tree: Selector


def parse(html: str) -> Selector:
    """The page's tree; a page nested deeper than the parser allows is parsed again with its
    deepest tags dropped (``depth_capped``), so nothing after them is lost."""
    html = without_prolog(html) or "<html></html>"
    parser = _html_parser()
    root = etree.fromstring(html, parser)
    if any(_TOO_DEEP in entry.message for entry in parser.error_log):
        root = etree.fromstring(depth_capped(html), _html_parser())
    if root is None:
        root = etree.fromstring("<html></html>", etree.HTMLParser())
    return Selector(root=root, type="html")


def drop_keeping_tail(element: etree._Element) -> None:
    """Remove an element and what it holds; the text after it stays where it was."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _html_parser() -> etree.HTMLParser:
    """A fresh parser (its error log is the page's): plain lxml elements, not ``lxml.html``'s,
    which run a Python class lookup for every element a reader visits."""
    return etree.HTMLParser(recover=True, huge_tree=True)


def visible_text(nodes: Selector | SelectorList | etree._Element | Iterable[etree._Element],
                 within: etree._Element | None = None) -> str:
    """Visible text of a node (or of every node of a list), whitespace and NBSP collapsed.
    ``within``: an ancestor of the nodes the caller knows is shown (the post being read): their
    ancestors are checked up to it only, not up to the page's root."""
    if isinstance(nodes, (Selector, etree._Element, str)):
        nodes = [nodes]
    texts: list[str] = []
    for node in nodes:
        root = node.root if isinstance(node, Selector) else node
        if not isinstance(root, etree._Element):
            texts.append(str(root))
        elif isinstance(root.tag, str) and shown(root, within):
            _shown_texts(root, texts)
    return " ".join(" ".join(texts).replace("\u00a0", " ").split())


def _shown_texts(element: etree._Element, texts: list[str]) -> None:
    """The texts of a shown element, in document order, without what it hides."""
    if element.text:
        texts.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _NEVER_SHOWN and not hidden(child):
            _shown_texts(child, texts)
        if child.tail:
            texts.append(child.tail)


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
