"""phpwind 9 attachments (``bbs/read_floor.htm``), below the message in ``td.floor_bottom``:

- pictures: ``div.read_attach_pic ul.big_img > li.J_gallery_items``, ``p`` "图片：name",
  ``a[data-big]`` (the picture's URL) around the ``img`` (the small list repeats them);
- files: ``div.read_attach_downattach dd.cc#J_att_N``: ``span.name a`` (the name, its download
  URL ``bbs/attach/download?aid=N``) then ``(12KB)``, ``span.cost`` the download count,
  ``span.time`` the upload time, ``售价`` in ``span.operate`` when it costs credits;

and those placed in the text (``[attachment=N]``, ``PwAttachDisplay::bulidHtml``) in
``span#J_att_N``: a picture ``span.J_attach_img_wrap.single_img`` ("图片：name" in its
``div.img_info``, then the ``img``), a file ``span.file_insert`` (``a.J_post_attachs`` with the
name, ``data-size`` in KB and ``data-hits``; a price as "(出售…" after it).

phpwind 8.7 (``template/wind/read.htm``, ``attachShow::parseAttachs``) prints them below the
message in ``div#read_Att_{pid}``: pictures in ``div.imgList li#att_N`` (the ``img``, and
"图片:name" in a ``span`` of its hover box), files in ``div#att_N``: "附件:", an icon, the
link ``a#fg_N`` (``job.php?action=download&aid=N``) with the name, "(1 K)", "下载次数:N"
(tests/fixtures/phpwind-8.7, thread 2); those placed in the text (``[attachment=N]``,
``require/bbscode.php`` ``parseContent``) in ``span#att_N.f12``: a picture (``parsePicHtml``:
``span#td_attN`` around the ``img``, "图片:name" in ``div#menu_attN``) or a file
(``parseAttachHtml``: an icon, the download link with the name, "(N K) 下载次数:N")."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from pipeline.attachment_record import Attachment, shown_count, shown_size
from pipeline.attachment_readers.widgets import Found, TimeOf, text

_PICTURE_NAME = re.compile(r"^(?:图片|圖片)\s*[:：]\s*(.+?)(?:\s*\[删除\])?$")


def _placed_file(widget: Tag) -> Found | None:
    link = widget.select_one("a.J_post_attachs[href]")
    if link is None:
        return None
    hits = link.get("data-hits", "")
    return [widget], Attachment(
        text(link) or None, link.get("href"), shown_size(f"{link.get('data-size', '')}KB"),
        int(hits) if hits.isdigit() else None, None, needs_credits=link.get("data-price", "0") not in ("", "0")), None


def _picture(item: Tag) -> Found | None:
    picture = item.find("img")
    link = item.find("a", attrs={"data-big": True})
    if picture is None:
        return None
    name = next((match[1] for line in item.select("div.img_info p") if (match := _PICTURE_NAME.match(text(line)))),
                None)
    return [item], Attachment(name, link.get("data-big") if link is not None else picture.get("src")), picture


def _file(row: Tag, time_of: TimeOf) -> Found | None:
    link = row.select_one("span.name a[href]")
    if link is None:
        return None
    count = text(row.select_one("span.cost"))
    return [row], Attachment(
        text(link) or None, link.get("href"), shown_size(text(row.select_one("span.name")).replace(text(link), " ")),
        int(count) if count.isdigit() else shown_count(count), time_of(text(row.select_one("span.time")) or None),
        needs_credits="售价" in text(row.select_one("span.operate")) or link.get("data-cost") == "true"), None


def _picture_8(item: Tag) -> Found | None:
    picture = item.find("img")
    if picture is None:
        return None
    name = next((match[1] for line in item.select("span") if (match := _PICTURE_NAME.match(text(line)))), None)
    return [item], Attachment(name, picture.get("src")), picture


def _file_8(row: Tag, link: Tag | None) -> Found | None:
    """A file's download link in ``row``, "(N K) 下载次数:N" after it."""
    if link is None:
        return None
    after = text(row).split(text(link), 1)[-1]
    return [row], Attachment(text(link) or None, link.get("href"), shown_size(after),
                             shown_count(after)), None


def _placed_8(widget: Tag) -> Found | None:
    picture = widget.select_one("span[id^=td_att] img")
    if picture is None:
        return _file_8(widget, widget.select_one("a[href*='action=download']"))
    name = next((match[1] for line in widget.select("div[id^=menu_att] span")
                 if (match := _PICTURE_NAME.match(text(line)))), None)
    return [widget], Attachment(name, picture.get("src")), picture


def read(soup: BeautifulSoup, time_of: TimeOf) -> list[Found]:
    found = [_placed_file(item) if "file_insert" in item.get("class", []) else _picture(item) for item in soup.select(
        "span.J_attach_img_wrap.single_img, span.file_insert, div.read_attach_pic ul.big_img > li")]
    found += [_file(row, time_of) for row in soup.select("div.read_attach_downattach dd")]
    found += [_picture_8(item) for item in soup.select("div[id^=read_Att_] div.imgList li[id^=att_]")]
    found += [_file_8(row, row.select_one("a[id^=fg_][href]"))
              for row in soup.select("div[id^=read_Att_] > div[id^=att_]")]
    found += [_placed_8(widget) for widget in soup.select("span.f12[id^=att_]")]
    return [widget for widget in found if widget is not None]
