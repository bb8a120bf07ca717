"""Bytes of a page or a copied text -> str: Discuz sites are GBK or UTF-8 per installation.

The charset is chosen by ``scraper.charset_detection.read_charset`` (byte-order mark, valid
UTF-8, the declared charset: HTTP header, else ``<meta charset>``, then GB18030), as for
crawled pages. Empty, binary and undecodable input raise ``UnreadableInput`` with a reason a
person can act on.
"""

from __future__ import annotations

import codecs
import re

from scraper.charset_detection import UndecodableBytes, meta_charset, read_charset

_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class UnreadableInput(ValueError):
    """The input is not text this cleaner can read."""


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``; ``declared`` is the charset an HTTP header named, if any."""
    if not data.strip():
        raise UnreadableInput("empty input")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if _BINARY_CONTROL.search(data[:8192]):
        raise UnreadableInput("binary data, not text or HTML")
    try:
        reading = read_charset(data, (declared, meta_charset(data)))
    except UndecodableBytes as error:
        raise UnreadableInput(str(error)) from None
    return data.decode(reading.codec, errors="replace")
