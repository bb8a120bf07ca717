"""The table styles: subsilver2 (phpBB 3.0) and subSilver (2.0), as a guest receives them.

subsilver2 (checked on a real 3.0.14, ``tests/fixtures/phpbb-30-subsilver2``): a post is a
``table.tablebg`` whose first row holds ``<a name="pN">`` and ``b.postauthor`` and the line
``<b>Posted:</b> TIME``; the next row's ``div.postbody`` is the message, a second
``div.postbody`` the signature (after a ``_________________`` line); the edit notice is a
``span.gensmall`` ("Last edited by …"), with the reason in the next row's ``span.genmed``.

subSilver (2.0.23, ``tests/fixtures/phpbb-20-subsilver``): every post of a page is a row of one
``table.forumline``: ``span.name`` (``<a name="N">`` and ``<b>author</b>``),
``span.postdetails`` ("Posted: TIME  Post subject: …"), then the message cell: ``span.postbody``
closed before each quote or code table and opened again after it, the signature after a
``_________________`` line in the last one, the edit notice in ``span.gensmall``.
Topic lists: a row per topic with ``a.topictitle`` (both), the starter's and last poster's
profile links, replies and views in ``td`` cells (``p.topicdetails`` in subsilver2,
``span.postdetails`` in 2.0), sticky and announcement rows by their "Sticky:" /
"Announcement:" label.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from lxml import etree

from scraper.engines.base import RawPost, ThreadRow
from scraper.engines.fragments import outer_html
from scraper.engines.phpbb import urls
from scraper.engines.phpbb.markup import message_html
from scraper.engines.phpbb.pages import Page, has_class, number, text_of

_POSTED = re.compile(r"Posted:\s*(.+?)(?:\s+Post subject:.*)?$", re.I | re.S)
# subsilver2's attachment table after the message: "Attachments:" in its td.row3 header.
_ATTACHMENT_TABLE = f"following-sibling::table[{has_class('tablebg')}][.//td[{has_class('row3')}]][1]"
_SIGNATURE_RULE = re.compile(r"^\s*(?:<br\s*/?>\s*)*_{5,}\s*(?:<br\s*/?>\s*)*")  # subsilver2's second postbody
_PROFILE = "contains(@href, 'mode=viewprofile')"


def _anchor_id(name: str | None) -> int | None:
    """``pN`` (3.0) or ``N`` (2.0)."""
    return urls.int_param((name or "").removeprefix("p"))


def _message_cell(first_body: etree._Element) -> etree._Element:
    """2.0 closes its ``span.postbody`` before a quote or code table and opens another after
    it: the message is the cell holding them, without the edit notice's ``span.gensmall``."""
    cell = copy.deepcopy(first_body.getparent())
    for notice in cell.xpath("./span[contains(@class, 'gensmall')]"):
        cell.remove(notice)
    return cell


_RULE = re.compile(r"\s*_{5,}\s*")


def _split_signature(cell: etree._Element) -> tuple[str, str | None]:
    """2.0 prints the signature in the message's last ``span.postbody``, after a
    ``_________________`` line: what follows the line is the signature, the line and the
    ``<br>`` before it go."""
    for span in reversed(cell.xpath(f".//span[{has_class('postbody')}]")):
        holders = [(span, "text")] + [(child, "tail") for child in span]
        for node, where in holders:
            value = getattr(node, where) or ""
            found = _RULE.search(value)
            if not found:
                continue
            signature = etree.Element("div")
            signature.text = value[found.end():]
            setattr(node, where, value[:found.start()])
            after = list(span) if where == "text" else list(node.itersiblings())
            for moved in after:
                signature.append(moved)
            if where == "tail" and node.tag == "br" and not (node.tail or "").strip():
                node.getparent().remove(node)  # the <br> before the line
            while len(signature) and signature[0].tag == "br" and not (signature.text or "").strip():
                first = signature[0]
                signature.text = (signature.text or "") + (first.tail or "")
                signature.remove(first)
            return message_html(cell), message_html(signature) or None
    return message_html(cell), None


def posts(page: Page, offset: int) -> list[RawPost]:
    found: list[RawPost] = []
    for anchor in page.xpath("//a[@name][not(@href)][ancestor::table]"):
        post_id = _anchor_id(anchor.get("name"))
        if post_id is None:
            continue
        subsilver2 = anchor.get("name", "").startswith("p")
        author = page.first_of((f".//b[{has_class('postauthor')}]", f"ancestor::span[{has_class('name')}]//b",
                                "following-sibling::b[1]"), anchor)
        header = page.first("ancestor::tr[1]", anchor)
        rows = [header] if header is not None else []
        for row in page.xpath("following-sibling::tr", header) if header is not None else []:
            if row.xpath(".//a[@name][not(@href)]"):  # the next post (2.0 puts every post in one table)
                break
            rows.append(row)
        details = next((node for row in rows for node in row.xpath(
            ".//*[(self::td or self::span) and (contains(@class, 'gensmall') or contains(@class, 'postdetails'))]"
            "[contains(., 'Posted:')]")), None)
        posted = _POSTED.search(text_of(details)) if details is not None else None
        bodies = [node for row in rows for node in row.xpath(f".//*[self::div or self::span][{has_class('postbody')}]")]
        signature_html = attachments_html = None
        if subsilver2:
            body_html = message_html(bodies[0]) if bodies else ""
            if len(bodies) > 1:
                signature_html = _SIGNATURE_RULE.sub("", message_html(bodies[1])) or None
            attachments_html = outer_html(page.xpath(_ATTACHMENT_TABLE, bodies[0])) if bodies else None
        else:
            body_html, signature_html = _split_signature(_message_cell(bodies[0])) if bodies else ("", None)
        notice = next((node for row in rows for node in row.xpath(
            ".//span[contains(@class, 'gensmall')][starts-with(normalize-space(), 'Last edited by')]")), None)
        edit_notice = text_of(notice) or None if notice is not None else None
        if edit_notice:
            reason = page.first("ancestor::tr[1]/following-sibling::tr[1]//span[contains(@class, 'genmed')]", notice)
            if reason is not None and text_of(reason):
                edit_notice += f" Reason: {text_of(reason)}"
        found.append(RawPost(
            post_id=post_id, floor=offset + len(found) + 1,
            author=text_of(author) or None if author is not None else None, author_banned=False,
            time_text=posted.group(1).strip() if posted else None, time_title=None,
            body_html=body_html, signature_html=signature_html, attachments_html=attachments_html,
            unreadable=None if bodies or author is not None else "no author and no message in the post's table",
            edit_notice=edit_notice))
    return found


def topic_rows(page: Page) -> list[ThreadRow]:
    rows: list[ThreadRow] = []
    seen: set[int] = set()
    for link in page.xpath(f"//a[{has_class('topictitle')}][contains(@href, 'viewtopic.php')]"):
        thread_id = page.param(link.get("href"), "t")
        row = page.first("ancestor::tr[1]", link)
        if thread_id is None or thread_id in seen or row is None:
            continue
        seen.add(thread_id)
        cells = row.xpath("./td")
        title_cell = page.first("ancestor::td[1]", link)
        index = cells.index(title_cell) if title_cell in cells else 0
        after = cells[index + 1:]
        profiles = [page.first(f".//a[{_PROFILE}]", cell) for cell in after]
        author_cell = next((cell for cell, profile in zip(after, profiles) if profile is not None), None)
        numbers = [number(text_of(cell)) for cell in after if re.fullmatch(r"[\d,.\s]+", text_of(cell) or "x")]
        last = after[-1] if after else None
        last_poster = page.first_of((f".//a[{_PROFILE}]", f".//*[{has_class('username-coloured')}]"), last) \
            if last is not None else None
        label = text_of(title_cell) if title_cell is not None else ""
        rows.append(ThreadRow(
            thread_id=thread_id, title=text_of(link),
            author=text_of(page.first(f".//a[{_PROFILE}]", author_cell)) or None if author_cell is not None else None,
            replies=numbers[0] if numbers else None, views=numbers[1] if len(numbers) > 1 else None,
            sticky=bool(re.match(r"(?:Sticky|Announcement|Global Announcement)\s*:", label))
            or bool(row.xpath(".//img[contains(@src, 'sticky') or contains(@src, 'announce')]")),
            url=page.absolute(link.get("href")),
            last_post_text=_last_post_time(last), last_poster=text_of(last_poster) or None if last_poster is not None else None,
            last_post_id=page.linked_post(last)))
    return rows


def _last_post_time(cell: Any) -> str | None:
    """The last-post cell's first line: the time (before the poster's name)."""
    if cell is None:
        return None
    first = " ".join("".join(cell.xpath(".//text()[1]") or []).split())
    for line in cell.xpath(".//text()"):
        line = " ".join(line.split())
        if re.search(r"\d{1,2}:\d{2}", line):
            return line
    return first or None
