"""Simplified Chinese text in traditional characters, as Discuz's own converter writes it.

A traditional-Chinese forum's members write traditional characters; the harness's texts are
simplified. ``class_chinese.php`` (``GB2312toBIG5``) converts a GB2312 character to Big5
through ``source/include/table/gb-big5.table``, which every Discuz tree carries: the Big5
bytes of GB2312 character (h, l) are the two at ``(h - 160) * 510 + (l - 1) * 2``. Characters
outside GB2312 (ASCII, or already traditional) are kept.
"""

from __future__ import annotations

from pathlib import Path

TABLE = "source/include/table/gb-big5.table"


class Traditional:
    """``Traditional(docroot)(text)``: ``text`` converted with the tree's table."""

    def __init__(self, docroot: Path) -> None:
        self.table = (docroot / TABLE).read_bytes()

    def __call__(self, text: str) -> str:
        return "".join(map(self._char, text))

    def _char(self, char: str) -> str:
        try:
            high, low = char.encode("gb2312")
        except (UnicodeEncodeError, ValueError):  # not in GB2312, or one byte (ASCII)
            return char
        offset = (high - 160) * 510 + (low - 1) * 2
        return self.table[offset:offset + 2].decode("big5")
