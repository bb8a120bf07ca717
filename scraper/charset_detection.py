"""Which charset a page's bytes are really in, given the charsets the page declares.

Pure (no Scrapy): the downloader middleware (``scraper.charset``) and ``forum-harvest clean``
(``pipeline.charset``) both decide with it. Discuz sites are UTF-8 or GBK per installation,
and some declare one while sending the other. Every step decodes strictly (a step that
would produce U+FFFD is skipped); the order of trust:

1. a byte-order mark (when the bytes after it are valid in its charset);
2. UTF-8, when the bytes are valid UTF-8 and not plain ASCII: text in another charset is
   practically never valid UTF-8, whatever the page declares;
3. the declared charsets (HTTP header, then ``<meta>``), except Western single-byte ones
   that only the header names;
4. GB18030 (the superset of GBK/GB2312): Discuz sites are Chinese;
5. a Western single-byte charset (ISO-8859-1, windows-1252, ASCII) that only the HTTP header
   names: usually a web server's default, not the page's own; any byte sequence is valid in
   most of them, so they come last. One the page's own ``<meta>`` names is its template's
   (SMF 1.1's English boards: ISO-8859-1) and is step 3's: German or French text in it
   ("Grüße", "naïve") is often valid GB18030 too;
   a page of ASCII bytes alone is in the first charset declared (every one reads it alike:
   nothing to correct);
6. the candidate with the fewest broken byte sequences, if at most one per
   ``BYTES_PER_TOLERATED_BREAK`` bytes: a site's own damaged character (a browser shows a
   U+FFFD there too), not a wrong charset;

otherwise :class:`UndecodableBytes`. No statistical detector follows GB18030: it decodes
nearly any double-byte stream (Big5, EUC-KR too), so a detector would seldom be asked, and
its guesses for what is left are single-byte codecs that would store mojibake.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass

from w3lib.encoding import read_bom

# Names Discuz pages use for GBK; GB18030 decodes all of them (and what GBK sites also emit).
_CHINESE_ALIASES = {"gbk", "gb2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "euc-cn", "euc_cn"}
_WESTERN_SINGLE_BYTE = {"ascii", "latin-1", "iso8859-1", "cp1252"}
# Labels a browser reads as windows-1252 (the Encoding standard): ISO-8859-1 pages written by
# Western forums hold windows-1252's € and curly quotes in 0x80-0x9F, where ISO-8859-1 has
# control codes.
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819",
                        "ibm819", "csisolatin1", "iso-ir-100", "us-ascii", "ascii", "windows-1252",
                        "x-cp1252", "cp1252"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_HEADER_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
# A page may have one broken byte sequence per this many bytes and still be read in the
# charset that decodes all the rest (e.g. a UTF-8 emoji cut in half by a database column).
BYTES_PER_TOLERATED_BREAK = 4096


class UndecodableBytes(ValueError):
    """No charset reads these bytes without damage; the message says what was tried."""


@dataclass(frozen=True)
class CharsetReading:
    codec: str  # a Python codec name (``utf-8``, ``gb18030``...)
    declared: str | None  # the codec the page declared first, if any
    broken: int = 0  # byte sequences the codec cannot read (each becomes U+FFFD)

    @property
    def corrected(self) -> bool:
        """The page declared a charset, and it was not the one its bytes are in."""
        return self.declared is not None and self.declared != self.codec


def codec_name(name: str | None) -> str | None:
    """The Python codec for a charset label (GBK and its relatives -> gb18030); None if unknown."""
    if not name:
        return None
    name = name.strip().lower()
    if name in _CHINESE_ALIASES:
        return "gb18030"
    if name in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag near the start of the page names."""
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii") if match else None


def header_charset(content_type: bytes | str | None) -> str | None:
    """The charset a Content-Type header value names."""
    if isinstance(content_type, str):
        content_type = content_type.encode("latin-1", errors="replace")
    match = _HEADER_CHARSET.search(content_type or b"")
    return match[1].decode("ascii") if match else None


def read_charset(data: bytes, declared: Iterable[str | None] = ()) -> CharsetReading:
    """The charset ``data`` is in; ``declared`` lists the page's declarations, most trusted first."""
    named = [codec for codec in (codec_name(name) for name in declared) if codec]
    first = named[0] if named else None
    bom_codec, bom = read_bom(data)
    if bom_codec and bom and _decodes(data[len(bom):], bom_codec):
        return CharsetReading(codec_name(bom_codec) or bom_codec, first)
    if data.isascii():
        return CharsetReading(next((c for c in named if _reads_ascii(c)), "utf-8"), first)
    if _decodes(data, "utf-8"):
        return CharsetReading("utf-8", first)
    own = codec_name(meta_charset(data))  # the page's own declaration, not a server's default
    western = [codec for codec in named if codec in _WESTERN_SINGLE_BYTE and codec != own]
    candidates = list(dict.fromkeys([*[c for c in named if c not in western], "gb18030", *western]))
    for codec in candidates:
        if _decodes(data, codec):
            return CharsetReading(codec, first)
    tolerated = 1 + len(data) // BYTES_PER_TOLERATED_BREAK
    breaks = {codec: _broken_sequences(data, codec, tolerated)
              for codec in dict.fromkeys([*named, "utf-8", "gb18030"])}
    codec = min(breaks, key=breaks.__getitem__)
    if breaks[codec] <= tolerated:
        return CharsetReading(codec, first, breaks[codec])
    said = f" nor the declared {', '.join(dict.fromkeys(named))}" if named else ""
    raise UndecodableBytes(f"bytes are neither UTF-8 nor GBK/GB18030 text{said}")


def _reads_ascii(codec: str) -> bool:
    """Whether ``codec`` reads ASCII bytes as ASCII (UTF-16 and UTF-32 do not)."""
    try:
        return b"<html>".decode(codec) == "<html>"
    except UnicodeDecodeError:
        return False


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _broken_sequences(data: bytes, codec: str, limit: int) -> int:
    """How many byte sequences ``codec`` cannot read in ``data``, counting up to ``limit + 1``."""
    broken = 0
    while broken <= limit:
        try:
            data.decode(codec)
            return broken
        except UnicodeDecodeError as error:
            broken += 1
            data = data[error.end:]
    return broken
