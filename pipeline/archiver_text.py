"""Rules for the text of an archiver message, after its markup became lines.

The archiver prints the raw message, HTML-escaped, with ``nl2br``: 6.x/7.x keep the BBCode
as typed (``[img]url[/img]``, ``[table][tr][td]…``), X1.5–X3.5 remove every ``[tag]`` so a
picture is left as its bare URL and table cells run together (nothing marks where a cell
ended; only the remnants of 6.x/7.x can be split). Here, as in HTML mode:

- a table row or cell remnant (``[tr]``, ``[td]``, ``[/td]``…) ends a line, as a ``<td>`` does,
  and a ``[/quote]`` ends the quote with a blank line (``plain_lines.leading_quote``);
- a picture (an ``[img]`` remnant, a bare http(s) URL whose path ends in an image
  extension, or a relative path to an image alone on its line) becomes the placeholder at its position, its URL goes to ``images``;
- a 6.x/7.x ``[attach]N[/attach]`` becomes the attachment placeholder, and a record with only
  its URL (``attachment.php?aid=N``: the archiver shows no name, and not whether it is a picture);
- the other BBCode remnants go (``plain_lines.BBCODE``), links' URLs with them.
"""

from __future__ import annotations

import re

from pipeline import plain_lines
from pipeline.attachment_record import Attachment

_TABLE_TAG = re.compile(r"\[/?(?:table|tr|td|th)(?:=[^\]\n]*)?\]", re.I)
_IMG_TAG = re.compile(r"\[img(?:=[^\]\n]*)?\]\s*(?P<url>[^\[\]\s]+?)\s*\[/img\]", re.I)
_IMAGE_URL = re.compile(
    r"https?://[^\s<>\"'\[\]]+?\.(?:jpe?g|png|gif|webp|bmp)(?:[?#][^\s<>\"'\[\]]*)?"
    r"(?=$|[\s\[\]<>\"'，。！？、；：）)(,;!])",
    re.I,
)
# A relative picture path alone on its line (``[img]static/…/x.png[/img]`` with the tags gone).
_IMAGE_PATH_LINE = re.compile(r"^\s*(?P<url>(?:\./)?[\w%.-]+(?:/[\w%.-]+)+\.(?:jpe?g|png|gif|webp|bmp))\s*$", re.I)
_ATTACH_TAG = re.compile(r"\[attach\]\s*(\d+)\s*\[/attach\]", re.I)
_QUOTE_END = re.compile(r"\[/quote\]", re.I)
_CELL_END = "\x00"


def _split_cells(lines: list[str]) -> list[str]:
    """Table remnants end a line, without making blank lines out of the cell boundaries; a
    quote's end is a blank line, as the X archivers print it after a quote."""
    out: list[str] = []
    for line in lines:
        if _QUOTE_END.search(line):
            before, _, after = line.partition(_QUOTE_END.search(line)[0])
            out.extend(_split_cells([before]) + [""] + _split_cells([after]))
        elif _TABLE_TAG.search(line):
            cells = _TABLE_TAG.sub(_CELL_END, line).split(_CELL_END)
            out.extend(plain_lines.edge_layout_stripped(cell) for cell in cells if cell.strip())
        else:
            out.append(line)
    return out


def _pictures(line: str, placeholder: str, images: list[str]) -> str:
    """``[img]`` remnants, then (the other BBCode gone, so a ``[url=…]`` is no picture) bare URLs."""
    def keep(url: str) -> str:
        if plain_lines.NOT_A_PICTURE.search(url):
            return ""  # a smiley or the quote's arrow: template, not a picture
        if url not in images:
            images.append(url)
        return placeholder

    line = plain_lines.BBCODE.sub("", _IMG_TAG.sub(lambda match: keep(match["url"]), line))
    if path := _IMAGE_PATH_LINE.match(line):
        return keep(path["url"])
    return _IMAGE_URL.sub(lambda match: keep(match[0]), line)


def _attachments(line: str, placeholder: str, found: list[Attachment]) -> str:
    def keep(match: re.Match) -> str:
        found.append(Attachment(name=None, url=f"attachment.php?aid={match[1]}"))
        return placeholder

    return _ATTACH_TAG.sub(keep, line)


def archiver_lines(lines: list[str], placeholder: str, images: list[str],
                   attachment_placeholder: str, attachments: list[Attachment]) -> list[str]:
    """The message lines with table remnants split, pictures marked (their URLs appended to
    ``images``), attachments marked (appended to ``attachments``) and the remaining BBCode removed."""
    return [_pictures(_attachments(line, attachment_placeholder, attachments), placeholder, images)
            for line in _split_cells(lines)]
