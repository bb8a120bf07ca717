r"""Make the GBK or Big5 edition of Discuz! 6/7 from the UTF-8 source, as Comsenz's builds
differ from one another: the same files with every text file (PHP, templates, language
packs, the install SQL, scripts, styles) in the other encoding, and ``$charset`` of
``config.inc.php`` naming it. The installer then creates the tables in the matching
database charset (``DBCHARSET``: ``gbk``, ``big5``) and passes both to UCenter.

GBK: the text as it is (a character GBK lacks becomes an HTML character reference,
``&#NNNN;``, what a browser shows as the same character). Big5: through Discuz's own table
(``include/tables/gb-big5.table``, read by ``include/chinese.class.php`` ``GB2312toBIG5``),
which gives each simplified character its traditional Big5 one (许 → 許); a character
outside GB2312 becomes a reference. A Big5 character whose second byte is 0x5C (``\``: 許,
功) would end a PHP string it stands in, so in ``.php`` files that byte is doubled (``\\``
in a PHP string is one ``\``). Binary files (images, fonts) and files that are not UTF-8 are
left alone."""

from __future__ import annotations

import re
from pathlib import Path

TEXT_SUFFIXES = {".php", ".htm", ".html", ".sql", ".js", ".css", ".xml", ".txt"}
BIG5_TABLE = Path("include/tables/gb-big5.table")
CHARSETS = {"utf-8": "utf8", "gbk": "gbk", "big5": "big5"}  # page charset -> dbcharset


def make_edition(docroot: Path, charset: str) -> dict[str, int]:
    """Convert ``docroot`` (a UTF-8 tree) in place to ``charset``; returns counts."""
    counts = {"converted": 0, "not utf-8, left": 0, "characters as references": 0}
    if charset == "utf-8":
        return counts
    table = (docroot / BIG5_TABLE).read_bytes() if charset == "big5" else b""  # 6.0 has no such table
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
        encoded = (big5(text, table, path.suffix == ".php") if charset == "big5"
                   else text.encode(charset, errors="xmlcharrefreplace"))
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


def _gb2312_big5(char: str, table: bytes) -> bytes | None:
    """Discuz's Big5 bytes of a GB2312 character (``GB2312toBIG5``), else None."""
    try:
        high, low = char.encode("gb2312")
    except (UnicodeEncodeError, ValueError):
        return None
    offset = (high - 160) * 510 + (low - 1) * 2
    return table[offset:offset + 2]


def big5(text: str, table: bytes, in_php: bool = False) -> bytes:
    """``text`` in Big5 by Discuz's table; ``in_php``: a 0x5C second byte doubled."""
    out = bytearray()
    for char in text:
        if char.isascii():
            out += char.encode()
            continue
        pair = _gb2312_big5(char, table)
        if pair is None:
            out += f"&#{ord(char)};".encode()
            continue
        out += pair + (b"\\" if in_php and pair[1:] == b"\\" else b"")
    return bytes(out)


def localizer(docroot: Path, charset: str):
    """What a member of the ``charset`` edition types for a text of the scenario: for Big5
    the same words in traditional characters (Discuz's table), else the text itself."""
    if charset != "big5":
        return lambda text: text
    table = (docroot / BIG5_TABLE).read_bytes()

    def traditional(text: str) -> str:
        return "".join(pair.decode("big5") if (pair := _gb2312_big5(char, table)) and not char.isascii()
                       else char for char in text)
    return traditional
