"""A phpBB message as the engine contract wants it (``scraper.engines.base``): every quote a
``<blockquote>`` whose author and time, when the engine names them, are in
``data-quote-author``/``data-quote-time`` with the "X wrote:" header line dropped; and no
template chrome inside the message (a code box's "Code: Select all" line).

The quote and code shapes, as the styles print them:
- prosilver 3.2+: ``<blockquote cite="…#p2"><div><cite><a …>alice</a> wrote: <a data-post-id>↑</a>
  <span class="responsive-hide">TIME</span></cite>…</div></blockquote>``; 3.1:
  ``<blockquote><div><cite>alice wrote:</cite>…``; 3.0 prosilver the same; an unnamed quote is
  ``<blockquote class="uncited">``. Code: ``div.codebox > p`` (3.1+), ``dl.codebox > dt`` (3.0).
- subsilver2 (3.0): ``div.quotetitle`` ("alice wrote:") then ``div.quotecontent``; code
  ``div.codetitle`` then ``div.codecontent``.
- subSilver (2.0): a table whose first row says ``<b>alice wrote:</b>`` and whose ``td.quote``
  holds the quote; code the same with ``td.code``.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from scraper.engines.fragments import drop, inner_html

# "wrote:" as the English pack prints it (QUOTE + "wrote"); in other packs the author is the
# cite's profile link (3.1+) or the header without its last word.
_WROTE = re.compile(r"\s*wrote\s*:?\s*$", re.I)
_HIDE = "contains(concat(' ', @class, ' '), ' responsive-hide ')"
_TRAILING_WORD = re.compile(r"\s+\S+\s*:\s*$")


def _classes(node: etree._Element) -> set[str]:
    return set((node.get("class") or "").split())


def _text(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


def _author_from_header(header: str) -> str | None:
    header = " ".join(header.split())
    if not header:
        return None
    author = _WROTE.sub("", header)
    if author == header:
        author = _TRAILING_WORD.sub("", header) if header.endswith(":") else header
    return author.strip().strip('"') or None


def _set_quote(quote: etree._Element, author: str | None, time: str | None) -> None:
    if author:
        quote.set("data-quote-author", author)
    if time:
        quote.set("data-quote-time", time)


def _prosilver_quote(quote: etree._Element) -> None:
    cite = next(iter(quote.xpath("./cite | ./div/cite")), None)
    if cite is None:
        return
    time_node = next(iter(cite.xpath(f".//*[{_HIDE}]")), None)
    time = _text(time_node) if time_node is not None else None
    links = [a for a in cite.xpath("./a") if not a.get("data-post-id")]
    if links:  # 3.1+: the quoted member's profile link
        author = _text(links[0])
    else:  # "alice wrote:" as text (3.0, or a guest or deleted member), without the ↑ link and the time
        skipped = {node for node in cite.xpath(f"./a[@data-post-id] | ./*[{_HIDE}]")}
        header = (cite.text or "") + "".join(
            ("" if child in skipped else "".join(child.itertext())) + (child.tail or "") for child in cite)
        author = _author_from_header(header)
    _set_quote(quote, author, time)
    drop(cite)


def _subsilver2_quotes(root: etree._Element) -> None:
    for title in root.xpath(".//div[contains(concat(' ', @class, ' '), ' quotetitle ')]"):
        content = title.getnext()
        if content is None or "quotecontent" not in _classes(content):
            continue
        quote = etree.Element("blockquote")
        _set_quote(quote, _author_from_header(_text(title)), None)
        content.addprevious(quote)
        quote.append(content)
        drop(title)


def _subsilver_table_quotes(root: etree._Element) -> None:
    """2.0: ``<table><tr><td><span><b>X wrote:</b></span></td></tr><tr><td class="quote">…``."""
    for cell in root.xpath(".//td[@class='quote']"):
        table = next(iter(cell.xpath("ancestor::table[1]")), None)
        if table is None:
            continue
        header = table.xpath(".//tr[1]/td[1]")
        quote = etree.Element("blockquote")
        _set_quote(quote, _author_from_header(_text(header[0])) if header and header[0] is not cell else None, None)
        quote.text = cell.text
        for child in list(cell):
            quote.append(child)
        quote.tail = table.tail
        table.getparent().replace(table, quote)


def _drop_code_titles(root: etree._Element) -> None:
    for node in root.xpath(
            ".//div[contains(concat(' ', @class, ' '), ' codebox ')]/p"
            " | .//dl[contains(concat(' ', @class, ' '), ' codebox ')]/dt"
            " | .//div[contains(concat(' ', @class, ' '), ' codetitle ')]"):
        drop(node)
    for cell in root.xpath(".//td[@class='code']"):  # 2.0: the code table's "Code:" row goes
        table = next(iter(cell.xpath("ancestor::table[1]")), None)
        if table is not None:
            pre = etree.Element("pre")
            pre.text = "".join(cell.itertext())
            pre.tail = table.tail
            table.getparent().replace(table, pre)


def message_html(content: etree._Element) -> str:
    """The message's inner HTML, quotes and code boxes in the contract's form."""
    root = copy.deepcopy(content)
    root.tail = None
    for quote in root.iter("blockquote"):
        _prosilver_quote(quote)
    _subsilver2_quotes(root)
    _subsilver_table_quotes(root)
    _drop_code_titles(root)
    return inner_html(root)
