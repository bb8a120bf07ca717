"""A Discuz! X tree in another charset, made the way Discuz made its SC_GBK builds.

Discuz's source (the DiscuzX Git) is its simplified-Chinese UTF-8 edition. Its X3.4 SC_GBK
release (``discuz_X3.4_sc_gbk``, 20190206) is the DiscuzX tree of that day (master@f6253217)
with every text file converted from UTF-8 to GBK byte for byte and the charset named in
four files: ``install/include/install_var.php`` and ``uc_server/install/var.inc.php``
(``INSTALL_LANG``, ``CHARSET``, ``DBCHARSET``), ``config/config_global_default.php``
(``$_config['db'][1]['dbcharset']``, ``$_config['output']['charset']``) and
``config/config_ucenter_default.php`` (``UC_DBCHARSET``, ``UC_CHARSET``). ``make`` does the
same to a copy: X3.5 is published in UTF-8 only (its installer lists SC_UTF8 and TC_UTF8),
but its code still runs in GBK (``currentlang()``, ``diconv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".php", ".htm", ".html", ".js", ".css", ".xml", ".sql", ".txt"}


@dataclass(frozen=True)
class Edition:
    """``codec``: Python's name of the charset; ``name``: Discuz's (``CHARSET``);
    ``db``: MariaDB's (``DBCHARSET``); ``lang``: ``INSTALL_LANG``."""

    codec: str
    name: str
    db: str
    lang: str

    @property
    def converted(self) -> bool:
        return self.codec != "utf-8"


EDITIONS = {
    "utf-8": Edition("utf-8", "utf-8", "utf8mb4", "SC_UTF8"),
    "gbk": Edition("gbk", "gbk", "gbk", "SC_GBK"),
}


def make(docroot: Path, edition: Edition) -> int:
    """Convert the copy at ``docroot`` in place; returns how many files were re-encoded."""
    if not edition.converted:
        return 0
    _name_the_charset(docroot, edition)
    count = 0
    for path in docroot.rglob("*"):
        if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        if data.isascii():
            continue
        path.write_bytes(data.decode("utf-8").encode(edition.codec))
        count += 1
    return count


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
    """Each rule must apply exactly once: a tree that names its charset elsewhere stops here."""
    text = path.read_text("utf-8")
    for pattern, replacement in rules.items():
        text, count = re.subn(pattern, replacement, text)
        if count != 1:
            raise RuntimeError(f"{path}: {pattern} matched {count} times, expected once")
    path.write_text(text, "utf-8")
