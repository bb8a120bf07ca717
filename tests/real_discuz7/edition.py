"""Make the GBK or Big5 edition of Discuz! 6/7 from the UTF-8 source, as Comsenz's builds
differ from one another: the same files with every text file (PHP, templates, language
packs, the install SQL, scripts, styles) in the other encoding, and ``$charset`` of
``config.inc.php`` naming it. The installer then creates the tables in the matching
database charset (``DBCHARSET``: ``gbk``, ``big5``) and passes both to UCenter.

The text is converted as it is (simplified Chinese): a character Big5 lacks becomes an HTML
character reference (``&#20307;``), what a browser shows as the same character. Binary files
(images, fonts) and files that are not UTF-8 are left alone."""

from __future__ import annotations

import re
from pathlib import Path

TEXT_SUFFIXES = {".php", ".htm", ".html", ".sql", ".js", ".css", ".xml", ".txt"}
CHARSETS = {"utf-8": "utf8", "gbk": "gbk", "big5": "big5"}  # page charset -> dbcharset


def make_edition(docroot: Path, charset: str) -> dict[str, int]:
    """Convert ``docroot`` (a UTF-8 tree) in place to ``charset``; returns counts."""
    counts = {"converted": 0, "not utf-8, left": 0, "characters as references": 0}
    if charset == "utf-8":
        return counts
    for path in sorted(docroot.rglob("*")):
        if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            counts["not utf-8, left"] += 1
            continue
        if text.isascii():
            continue
        encoded = text.encode(charset, errors="xmlcharrefreplace")
        counts["characters as references"] += encoded.count(b"&#") - data.count(b"&#")
        path.write_bytes(encoded)
        counts["converted"] += 1
    config = docroot / "config.inc.php"
    text = config.read_bytes().decode("latin-1")
    text, found = re.subn(r"\$charset = 'utf-8';", f"$charset = '{charset}';", text)
    if found != 1:
        raise RuntimeError("config.inc.php: no $charset = 'utf-8'; line to change")
    config.write_bytes(text.encode("latin-1"))
    return counts
