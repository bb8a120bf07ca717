"""Attachments a post shows, read as data and taken out of its message.

Every Discuz family prints an uploaded file as a widget of its own, inside the message or
listed below it (``div.pattl``, 6.x/7.x ``div.postattachlist``):

- X2–X3.5: ``<ignore_js_op>`` holding a picture with its ``div.aimg_tip`` menu (name, ``(size,
  下载次数: N)``, ``T 上传``), a ``dl.tattl`` (``p.attnm a``, ``size, 下载次数: N``), or a
  ``span#attach_N`` with its ``div#attach_N_menu``; the robot template prints an attached
  picture as a bare ``<img alt=name>``;
- 6.x/7.x: ``span#attach_N > a > strong`` (name) followed by the size as bare text ``(28.02
  KB)`` and a hidden ``div.t_attach#attach_N_menu`` (下载次数, the upload time), a picture with
  its ``div.t_attach#aimg_N_menu``, and ``dl.t_attachlist`` in the list below the message;
- the touch template: ``div.attach`` boxes (``p.attnm``), pictures as plain ``img``.

A widget becomes one record (``pipeline.attachment_record.Attachment``) and, in the message,
one placeholder: a picture's widget is left to ``pipeline.clean`` (``[图片]``, its URL in
``images``), any other file becomes ``placeholder``. Other engines' widgets:
``pipeline.attachment_readers``. What the page does not show stays None. Labels are matched in
the Simplified, Traditional and English packs; sizes, counts and times by their shape.
"""

from __future__ import annotations

import re
from datetime import datetime

from bs4 import BeautifulSoup, NavigableString, Tag

from pipeline import plain_lines
from pipeline.attachment_record import Attachment, shown_count, shown_size, take_widget
from scraper.engines.discuz.times import contains_time, parse_discuz_time

_CREDITS = re.compile(r"售价|售價|下载积分|下載積分|price|credits", re.I)
_READ_PERMISSION = re.compile(r"阅读权限|閱讀權限|read\s*perm", re.I)
_DOWNLOAD_WORDS = re.compile(r"^(?:下载附件|下載附件|下载|下載|download(?: attachment)?|保存到相册|保存到相簿)$", re.I)
_LEADING_SIZE = re.compile(r"^\s*\(\s*\d+(?:\.\d+)?\s*(?:Bytes|KB|MB|GB|TB|K|M|G|B)\s*\)", re.I)
_ID_NUMBER = re.compile(r"^(?:aid|attach_|aimg_)(\d+)(?:_menu)?$")
_ATTACHMENT_HREF = re.compile(r"(?:mod=attachment|attachment\.php|action=attachpay)", re.I)
_LIST_CLASSES = frozenset({"tattl", "t_attachlist"})


def _classes(tag: Tag) -> set[str]:
    return set(tag.get("class") or ())


def _attachment_number(tag: Tag) -> str | None:
    match = _ID_NUMBER.match(tag.get("id") or "")
    return match[1] if match else None


def _is_list_widget(tag: Tag) -> bool:
    return (tag.name == "dl" and bool(_classes(tag) & _LIST_CLASSES)) or (
        tag.name == "div" and "attach" in _classes(tag) and bool(tag.find("p", class_="attnm")))


Widget = tuple[list, Tag | None]  # a widget's nodes, and its picture (None for a file)


def _hidden_handle(span: Tag) -> bool:
    return "none" in (span.get("style") or "").replace(" ", "").lower()


def _span_widget(by_id: dict[str, Tag], span: Tag, number: str) -> Widget:
    """``span#attach_N``: a file link (6.x/7.x print its size as text after it), or, hidden,
    a 6.x/7.x picture's handle; with its menu and picture, wherever they are."""
    nodes: list = [span]
    after = span.next_sibling
    if isinstance(after, NavigableString) and _LEADING_SIZE.match(after):
        nodes.append(after)
    menu = by_id.get(f"attach_{number}_menu") or by_id.get(f"aimg_{number}_menu")
    nodes += [menu] if menu is not None else []
    picture = _image(by_id.get(f"aimg_{number}"))
    if picture is None and _hidden_handle(span):
        picture = span.find_next_sibling("img")
    return nodes, picture


def _image(tag: Tag | None) -> Tag | None:
    return tag if tag is not None and tag.name == "img" else None


def _is_widget_start(tag: Tag) -> bool:
    return tag.name == "ignore_js_op" or _is_list_widget(tag) or (
        tag.name == "span" and _attachment_number(tag) is not None)


def _starts_widget(node: object) -> bool:
    """Whether a widget starts at or inside ``node``."""
    return isinstance(node, Tag) and (_is_widget_start(node) or any(map(_is_widget_start, node.find_all(True))))


def _ends_entry(node: object) -> bool:
    return isinstance(node, Tag) and (node.name == "br" or _starts_widget(node))


def _list_widget(tag: Tag) -> Widget:
    """A list entry; a 6.x/7.x robot picture's ``dl`` is never closed, so the parser puts the
    rest of the message in it: the entry ends at the first line break or next widget, and the
    ``dl`` becomes a ``div`` (its line breaks are the message's again; bs4's ``unwrap`` costs
    a walk of the siblings per child)."""
    nodes: list = []
    for child in tag.children:
        if _ends_entry(child):
            tag.name = "div"
            return nodes, _picture(nodes)
        nodes.append(child)
    return [tag], _picture([tag])


def _widgets(soup: BeautifulSoup) -> list[Widget]:
    """Every widget, in document order: an ``ignore_js_op``; a list entry outside one; a
    ``span#attach_N``; a 6.x/7.x picture menu ``div.t_attach#aimg_N_menu``."""
    widgets: list[Widget] = []
    taken: set[int] = set()
    by_id = {tag["id"]: tag for tag in soup.find_all(id=True)}  # one walk, not one per widget
    for tag in soup.find_all(True):
        if id(tag) in taken:
            continue
        number = _attachment_number(tag)
        if tag.name == "ignore_js_op":
            widget: Widget = ([tag], _picture([tag]))
        elif _is_list_widget(tag):
            widget = _list_widget(tag)
        elif tag.name == "span" and number and tag.get("id", "").startswith("attach_"):
            widget = _span_widget(by_id, tag, number)
        elif tag.name == "div" and number and "t_attach" in _classes(tag):
            widget = ([tag], _image(by_id.get(f"aimg_{number}")))
        else:
            continue
        widgets.append(widget)
        for node in widget[0]:
            taken.add(id(node))
            if isinstance(node, Tag):
                taken.update(id(inner) for inner in node.descendants)
    return widgets


def _texts(nodes: list) -> list[str]:
    out: list[str] = []
    for node in nodes:
        pieces = [str(node)] if isinstance(node, NavigableString) else node.find_all(string=True)
        out.extend(" ".join(str(piece).replace("\u00a0", " ").split()) for piece in pieces)
    return [text for text in out if text]


def _links(nodes: list) -> list[Tag]:
    found = []
    for node in nodes:
        if isinstance(node, Tag):
            found.extend(link for link in ([node] if node.name == "a" else []) + node.find_all("a", href=True)
                         if _ATTACHMENT_HREF.search(link.get("href", "")))
    return found


def _picture(nodes: list) -> Tag | None:
    for node in nodes:
        if isinstance(node, Tag):
            for img in ([node] if node.name == "img" else node.find_all("img")):
                src = img.get("zoomfile") or img.get("file") or img.get("src") or ""
                if src and not plain_lines.NOT_A_PICTURE.search(src) and not img.has_attr("smilieid"):
                    return img
    return None


def _name(links: list[Tag], nodes: list, picture: Tag | None) -> str | None:
    for link in links:
        text = link.get_text(" ", strip=True)
        if text and not _DOWNLOAD_WORDS.match(text):
            return text
    for node in nodes:
        strong = node.find("strong") if isinstance(node, Tag) else None
        if strong and (text := strong.get_text(" ", strip=True)) and not _DOWNLOAD_WORDS.match(text):
            return text
    for link in links:
        if title := (link.get("title") or "").strip():
            return title
    if picture is not None:
        return (picture.get("alt") or picture.get("title") or "").strip() or None
    return None


def _uploaded(texts: list[str], name: str | None, fetched_at: datetime, tz: str) -> str | None:
    for text in texts:
        if text != name and contains_time(text):
            moment, _ = parse_discuz_time(text, None, fetched_at, tz)
            return moment.isoformat() if moment else None
    return None


def _read(nodes: list, picture: Tag | None, fetched_at: datetime, tz: str) -> Attachment | None:
    """The record of one widget; None when it shows no attachment at all (an
    ``ignore_js_op`` holding only template pictures)."""
    links = _links(nodes)
    if not links and picture is None:
        return None
    texts = _texts(nodes)
    joined = " ".join(texts)
    name = _name(links, nodes, picture)
    named = [link for link in links if link.get_text(" ", strip=True) == name]
    url = (named or links)[0].get("href") if links else (picture.get("src") if picture is not None else None)
    attachment = Attachment(
        name=name,
        url=url,
        size=shown_size(joined.replace(name or "\x00", " ")),
        downloads=shown_count(joined),
        uploaded_at=_uploaded(texts, name, fetched_at, tz),
        needs_login=bool(_READ_PERMISSION.search(joined)) or any("mod=logging" in link.get("href", "") for link in links),
        needs_credits=bool(_CREDITS.search(joined)) or any("attachpay" in link.get("href", "") for link in links),
    )
    return attachment


def take_attachments(soup: BeautifulSoup, placeholder: str, fetched_at: datetime, tz: str) -> list[Attachment]:
    """Read every attachment widget of ``soup`` and take it out: a picture's widget keeps only
    the picture (``pipeline.clean`` makes it the picture placeholder), a file's becomes
    ``placeholder`` where it stood."""
    found: list[Attachment] = []
    for nodes, picture in _widgets(soup):
        attachment = _read(nodes, picture, fetched_at, tz)
        if attachment is None:
            continue
        found.append(attachment)
        take_widget(nodes, picture, placeholder)
    return found
