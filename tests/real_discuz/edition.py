"""A Discuz! X tree in another charset, made the way Discuz made its SC_GBK builds.

Discuz's source (the DiscuzX Git) is its simplified-Chinese UTF-8 edition. Its X3.4 SC_GBK
release (``discuz_X3.4_sc_gbk``, 20190206) is the DiscuzX tree of that day (master@f6253217)
with every text file converted from UTF-8 to GBK byte for byte and the charset named in
four files: ``install/include/install_var.php`` and ``uc_server/install/var.inc.php``
(``INSTALL_LANG``, ``CHARSET``, ``DBCHARSET``), ``config/config_global_default.php``
(``$_config['db'][1]['dbcharset']``, ``$_config['output']['charset']``) and
``config/config_ucenter_default.php`` (``UC_DBCHARSET``, ``UC_CHARSET``). ``make`` does the
same to a copy: X3.5 is published in UTF-8 only (its installer lists SC_UTF8 and TC_UTF8),
but its code still runs in GBK and Big5 (``currentlang()``, ``diconv``). Big5 is made from a
TC_UTF8 tree (``DISCUZ_SOURCE``), with two more steps Big5 needs (``_encode_escaped``,
``connect_in``); the fixtures' READMEs say what each changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".php", ".htm", ".html", ".js", ".css", ".xml", ".sql", ".txt"}
# Read as bytes, where a backslash escapes: PHP's strings, and SQL sent with Discuz's
# ``SET character_set_client=binary`` (install_mysqli.php, db_driver_mysqli.php).
ESCAPING_SUFFIXES = {".php", ".sql"}


@dataclass(frozen=True)
class Edition:
    """``codec``: Python's name of the charset; ``name``: Discuz's (``CHARSET``);
    ``db``: MariaDB's (``DBCHARSET``); ``lang``: ``INSTALL_LANG``; ``traditional``: its
    members write traditional characters (``chinese.Traditional``); ``connection``: the
    charset the installed site connects in, when not ``db`` (``connect_in``)."""

    codec: str
    name: str
    db: str
    lang: str
    traditional: bool = False
    connection: str | None = None

    @property
    def converted(self) -> bool:
        return self.codec != "utf-8"


EDITIONS = {
    "utf-8": Edition("utf-8", "utf-8", "utf8mb4", "SC_UTF8"),
    "gbk": Edition("gbk", "gbk", "gbk", "SC_GBK"),
    "big5": Edition("big5", "big5", "big5", "TC_BIG5", traditional=True, connection="binary"),
}


def make(docroot: Path, edition: Edition) -> int:
    """Convert the copy at ``docroot`` in place; returns how many files were re-encoded. A tree
    published in the edition (the X3.4 SC_GBK package) is installed as it is."""
    if not edition.converted or declared_charset(docroot) == edition.name:
        return 0
    _name_the_charset(docroot, edition)
    count = 0
    for path in docroot.rglob("*"):
        if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        if data.isascii():
            continue
        text = data.decode("utf-8")
        path.write_bytes(_encode_escaped(text, edition.codec)
                         if path.suffix.lower() in ESCAPING_SUFFIXES else _encode(text, edition.codec))
        count += 1
    return count


def declared_charset(docroot: Path) -> str | None:
    """The ``CHARSET`` the tree's installer names (``install/include/install_var.php``)."""
    found = re.search(r"define\('CHARSET', '([^']*)'\)",
                      (docroot / "install/include/install_var.php").read_text("latin-1"))
    return found.group(1) if found else None


def _encode(text: str, codec: str) -> bytes:
    """A character the charset lacks becomes a decimal reference (``&#20013;``), as a browser
    sends it in a form: none in X3.5 SC for GBK; a few stray simplified ones in the TC tree."""
    return text.encode(codec, "xmlcharrefreplace")


def _encode_escaped(text: str, codec: str) -> bytes:
    """PHP and MariaDB (with a binary client charset) read bytes: a Big5 character whose
    second byte is ``\\`` (0x5C: 功, 許, 閱, 擺…) before a quote ends a string early (14 PHP
    files of the TC tree did not compile; the installer's SQL stopped at 淘專輯被訂閱). Such a
    character gets a second ``\\``, which a PHP or SQL string reads as one. (No GBK character
    of the SC tree ends in 0x5C.)"""

    def escaped(char: str) -> bytes:
        encoded = _encode(char, codec)
        return encoded + b"\\" if len(encoded) == 2 and encoded.endswith(b"\\") else encoded

    return b"".join(map(escaped, text))


def connect_in(docroot: Path, edition: Edition) -> None:
    """After the installer: the site's connection charset (``config/config_global.php``).

    X3.5's driver (``db_driver_mysqli.php``) calls ``set_charset($dbcharset)`` and then
    ``SET character_set_client=binary``: with big5, PHP's escaping leaves the 0x5C second byte
    of 功, 許, 閱… alone, as a Big5 character, and the server, reading bytes, takes it for an
    escape and drops it. The settings cache lost the 閱 of 請閱讀以下內容 and no page
    rendered. With ``binary`` every 0x5C byte is escaped, and the bytes reach the big5
    tables as they are."""
    if edition.connection:
        _replace(docroot / "config/config_global.php", {
            r"(\$_config\['db'\]\[1\]\['dbcharset'\]\s*=\s*)'[^']*'": rf"\g<1>'{edition.connection}'"})


def _name_the_charset(docroot: Path, edition: Edition) -> None:
    defines = {"INSTALL_LANG": edition.lang, "CHARSET": edition.name, "DBCHARSET": edition.db}
    for name in ("install/include/install_var.php", "uc_server/install/var.inc.php"):
        _replace(docroot / name, {rf"define\('{key}', '[^']*'\)": f"define('{key}', '{value}')"
                                  for key, value in defines.items()})
    _replace(docroot / "config/config_global_default.php", {
        r"(\$_config\['db'\]\[1\]\['dbcharset'\]\s*=\s*)'[^']*'": rf"\g<1>'{edition.db}'",
        r"(\$_config\['output'\]\['charset'\]\s*=\s*)'[^']*'": rf"\g<1>'{edition.name}'"})
    _replace(docroot / "config/config_ucenter_default.php", {
        r"define\('UC_DBCHARSET', '[^']*'\)": f"define('UC_DBCHARSET', '{edition.db}')",
        r"define\('UC_CHARSET', '[^']*'\)": f"define('UC_CHARSET', '{edition.name}')"})


def _replace(path: Path, rules: dict[str, str]) -> None:
    """Each rule must apply exactly once: a tree that names its charset elsewhere stops here.
    Read as bytes (latin-1): the file may be UTF-8 or already in the edition's charset."""
    text = path.read_text("latin-1")
    for pattern, replacement in rules.items():
        text, count = re.subn(pattern, replacement, text)
        if count != 1:
            raise RuntimeError(f"{path}: {pattern} matched {count} times, expected once")
    path.write_text(text, "latin-1")
