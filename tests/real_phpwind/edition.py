"""phpwind's GBK edition, made from the UTF-8 tree as the two editions differ (8.7, 9.1).

phpwind shipped one package per encoding from one code base (docs/engines/phpwind.md, "8.x in
GBK"): the code tests ``$db_charset`` wherever the charset matters (``require/common.php``
``substrs``, ``global.php``'s 强制编码 header, ``ckquestion.php``, ``require/imgfunc.php``…), and
the installer takes the charset from its language pack, ``lang/install_lang.php``'s
``'db_charset'`` (``install.php``: ``pw_config.db_charset``, ``data/sql_config.php``'s
``$charset`` without its ``-``, the database's and every table's ``DEFAULT CHARSET``). What
is left to differ is the bytes of the files: every text file (PHP, templates, language
packs, the installer's SQL, scripts, styles) in the edition's encoding.

So ``make`` re-encodes each text file of a copy that is UTF-8 with non-ASCII text and sets
the charset where the version keeps it (``CHARSET_SETTINGS``). 8.7's tree has no character
GBK lacks: one stops it. 9.x's GBK release dropped them (the "©" of its files' headers: of
the 2337 files a 9.x GBK release lists in ``conf/md5sum``, 519 have the md5 of 9.1.0's
UTF-8 file re-encoded with it dropped, 193 re-encoded as they are; docs/engines/phpwind.md),
and so does ``make`` there, with a leading byte-order mark. Files that are not UTF-8 (the
IP and Big5/GB tables, a few files already in GBK) and ASCII ones are the same in both
editions and stay as they are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edition:
    """``name``: the language pack's ``db_charset``; ``codec``: Python's codec for its files."""

    name: str
    codec: str


EDITIONS = {"utf-8": Edition("utf-8", "utf-8"), "gbk": Edition("gbk", "gbk")}
TEXT_SUFFIXES = (".php", ".htm", ".html", ".js", ".css", ".txt", ".xml", ".sql", ".lang")


@dataclass(frozen=True)
class CharsetSetting:
    """Where a version names its charset (``utf-8`` in the UTF-8 edition), and what becomes
    of a character GBK lacks (``strict``: stop; ``ignore``: dropped)."""

    path: Path
    pattern: re.Pattern[str]
    unencodable: str


CHARSET_SETTINGS = {
    "8": CharsetSetting(Path("lang/install_lang.php"), re.compile(r"('db_charset'\s*=>\s*')utf-8(')"), "strict"),
    "9": CharsetSetting(Path("conf/application/default.php"), re.compile(r"('charset'\s*=>\s*')utf-8(')"), "ignore"),
}


def make(tree: Path, edition: Edition, setting: CharsetSetting) -> dict[str, int]:
    """Turn the UTF-8 edition at ``tree`` into ``edition`` in place; how many files of each
    suffix were re-encoded (nothing for UTF-8)."""
    recoded: Counter[str] = Counter()
    if edition.codec == "utf-8":
        return {}
    for path in sorted(tree.rglob("*")):
        if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        if data.isascii():
            continue
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
        if path.relative_to(tree) == setting.path:
            text, found = setting.pattern.subn(rf"\g<1>{edition.name}\g<2>", text)
            if found != 1:
                raise RuntimeError(f"{setting.path}: no charset 'utf-8' to set")
        path.write_bytes(text.encode(edition.codec, setting.unencodable))
        recoded[path.suffix.lower()] += 1
    return dict(recoded)
