"""Bytes of a page or a copied text -> str: Discuz sites are GBK or UTF-8 per installation.

Order of trust: a byte-order mark, the declared charset (HTTP header, else ``<meta charset>``),
then UTF-8, then GB18030 (a superset of GBK/GB2312, which GBK sites also emit). Empty,
binary and undecodable input raise ``UnreadableInput`` with a reason a person can act on.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_CHINESE_ALIASES = {"gbk", "gb2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "euc-cn"}
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class UnreadableInput(ValueError):
    """The input is not text this cleaner can read."""


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name in _CHINESE_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii") if match else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``; ``declared`` is the charset an HTTP header named, if any."""
    if not data.strip():
        raise UnreadableInput("empty input")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if len(_BINARY_CONTROL.findall(data[:8192])) > 0:
        raise UnreadableInput("binary data, not text or HTML")
    candidates = [_codec(declared), _codec(declared_charset(data)), "utf-8", "gb18030"]
    for codec in dict.fromkeys(c for c in candidates if c):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise UnreadableInput("bytes are neither UTF-8 nor GBK/GB18030 text")
