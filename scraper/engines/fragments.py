"""Small lxml operations the engine readers share: a page's tree, an element's inner HTML and
text, and rewriting an engine's quote box into the one shape the cleaner reads
(``<blockquote data-quote-author data-quote-time>``, base.py's quote rule)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from lxml import etree, html as lxml_html
from parsel import Selector

from scraper import markup
from scraper.engines.base import ForumLink, PageRef, RawPost

_POST_NUMBER = re.compile(r"#\s*(\d+)")


def page_tree(response: Any) -> Selector:
    """The parsed page of a Scrapy response (or anything with ``text``), parsed as Discuz's
    pages are (``scraper.markup.parse``: a page nested deeper than lxml allows loses only its
    deepest tags); a ``markup.ParsedPage``'s own tree, parsed already."""
    if isinstance(response, markup.ParsedPage):
        return response.tree
    return markup.parse(response.text)


def inner_html(element: etree._Element | None) -> str:
    """An element's children as HTML (its own tag left out), tail text excluded."""
    if element is None:
        return ""
    parts = [escape(element.text, quote=False)] if element.text else []
    parts += [etree.tostring(child, encoding="unicode", method="html", with_tail=True) for child in element]
    return "".join(parts)


def outer_html(elements: Sequence[etree._Element]) -> str | None:
    """The elements as HTML, their own tags kept, tails left out; None for none (an engine's
    attachment list below the message: ``RawPost.attachments_html``)."""
    return "".join(etree.tostring(element, encoding="unicode", method="html", with_tail=False)
                   for element in elements) or None


def text_of(element: etree._Element | None) -> str:
    """Whitespace-collapsed text of an element ('' for None)."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def first(element: etree._Element, expression: str) -> etree._Element | None:
    found = element.xpath(expression)
    return found[0] if found else None


def drop(element: etree._Element) -> None:
    """Remove an element, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def replace_with_quote(box: etree._Element, content: etree._Element | None,
                       author: str | None, shown_time: str | None = None) -> None:
    """Put ``<blockquote data-quote-author=… data-quote-time=…>`` holding ``content``'s
    children where the engine's quote ``box`` was; its header line is left behind."""
    quote = etree.Element("blockquote")
    if author:
        quote.set("data-quote-author", author)
    if shown_time:
        quote.set("data-quote-time", shown_time)
    if content is not None:
        body = lxml_html.fragment_fromstring(inner_html(content) or " ", create_parent="div")
        quote.text = body.text
        for child in list(body):
            quote.append(child)
    quote.tail = box.tail
    box.getparent().replace(box, quote)


def post_number(text: str | None) -> int | None:
    """The position a post counter prints (``#12``)."""
    match = _POST_NUMBER.search(text or "")
    return int(match.group(1)) if match else None


def number(text: str | None) -> int | None:
    """An integer printed with thousands separators (``3,882``), None when none is printed."""
    digits = re.sub(r"[,.\s\u00a0']", "", text or "")
    return int(digits) if digits.isdigit() else None


Layout = tuple[str, Callable[[etree._Element], RawPost]]


def read_layouts(root: etree._Element, layouts: Sequence[Layout]) -> list[RawPost]:
    """The posts of a page in the first layout (post XPath, reader) that finds any, page order."""
    for expression, read in layouts:
        nodes = root.xpath(expression)
        if nodes:
            return [read(node) for node in nodes]
    return []


def take_stand_ins(message: etree._Element | None, notice: re.Pattern[str]) -> bool:
    """Drop the stand-ins for content a guest may not see (an engine's ``Wording.hidden``
    wording, with the boxes holding nothing else): whether there were any."""
    if message is None:
        return False
    stand_ins = [element for element in message.iter(etree.Element)  # elements only: a comment has no text_of
                 if not len(element) and notice.search(text_of(element))]
    for element in stand_ins:
        box = element
        while (parent := box.getparent()) is not message and len(parent) == 1 and not (parent.text or "").strip():
            box = parent
        drop(box)
    return bool(stand_ins)


def rewritten_message(body: Selector, quote_boxes: str, rewrite_quote: Callable[[etree._Element], None],
                      dropped: str) -> str:
    """A message node's inner HTML once each quote box (XPath ``quote_boxes``) is rewritten by
    ``rewrite_quote`` and what ``dropped`` finds (code boxes' titles) is gone."""
    tree = lxml_html.fragment_fromstring(body.get(), create_parent=False)
    for box in tree.xpath(quote_boxes):
        rewrite_quote(box)
    for element in tree.xpath(dropped):
        element.drop_tree()
    return inner_html(tree).strip()


def message_html(message: etree._Element | None, rewrite_quotes: Callable[[etree._Element], None]) -> str:
    """A message's inner HTML after its engine's quote boxes became base.py's blockquotes."""
    if message is None:
        return ""
    rewrite_quotes(message)
    return inner_html(message).strip()


# Where an index puts a forum's link: its category's name and its parent forum's id.
Placement = Callable[[etree._Element], tuple[str | None, int | None]]


def forum_links(anchors: list[etree._Element], classify: Callable[[str], PageRef | None],
                place: Placement | None = None) -> list[ForumLink]:
    """One link per forum among ``anchors``, in page order (an index lists a forum and its
    last-post line with the same target), placed by ``place`` where the engine knows how."""
    links: dict[int, ForumLink] = {}
    for anchor in anchors:
        ref = classify(anchor.get("href") or "")
        if ref and ref.kind == "forum" and ref.forum_id is not None and ref.forum_id not in links:
            category, parent = place(anchor) if place is not None else (None, None)
            links[ref.forum_id] = ForumLink(ref.forum_id, text_of(anchor), anchor.get("href"), category, parent)
    return list(links.values())
