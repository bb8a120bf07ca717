"""Install Discuz! 7.2 or 6.0 from its source into a throwaway copy, without a person.

The copy is ported (``port7``); its installer is driven as its pages drive themselves. 7.2's
(``install/index.php``, the UCenter-included edition: ``DZUCFULL``): one POST of the
database and admin form to step 2 (``db_init``: UCenter's tables, ``install/discuz.sql``,
the admin), then ``method=ext_info``, which writes ``forumdata/install.lock``. 6.0's
(``install.php``, no UCenter): the database form (``action=config``), the admin form
(``action=admin``), then the ``action=install`` page they redirect to. The scenario's settings
and boards are then stored as the admin panel stores them (``cdb_settings``, ``cdb_forums``,
``cdb_forumfields``) and the caches dropped: Discuz rebuilds every missing cache on the next
request (``include/common.inc.php``: ``updatecache()``).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.real_discuz.http_client import Browser
from tests.real_discuz.install import _raise_on_error, _visible_text
from tests.real_discuz.servers import DB_PASSWORD, DB_USER, MariaDB
from tests.real_discuz7 import edition, port7

DB_NAME = "discuz"
TABLE_PREFIX = "cdb_"
ADMIN = ("admin", "admin-pw-72", "admin@example.test")
FORUM_ID = 2  # the installer's one board (默认版块)
MEMBERS_FORUM_ID = 3  # made here: only members may view it

# 3 posts a thread page and 3 threads a list page (so threads and the list have pages); no
# wait between two posts of a member.
SETTINGS = {"postperpage": "3", "topicperpage": "3", "floodctrl": "0"}


def source_tree(source: Path) -> Path:
    """The ``upload/`` directory of a Discuz! 6/7 checkout (or the directory itself)."""
    for candidate in (source / "upload", source):
        if (candidate / "install").is_dir() and (candidate / "viewthread.php").is_file():
            return candidate
    raise RuntimeError(f"{source} holds no Discuz! 6/7 upload/ tree (viewthread.php, install/)")


def copy_tree(source: Path, docroot: Path, charset: str = "utf-8") -> dict:
    """Copy ``upload/`` to ``docroot``, make the ``charset`` edition of it and port it;
    returns what was done."""
    shutil.copytree(source_tree(source), docroot, symlinks=True)
    (docroot / "forumdata" / "install.lock").unlink(missing_ok=True)
    made = edition.make_edition(docroot, charset)
    return {**port7.port(docroot), "edition": {"charset": charset, **made}}


def run_installer(docroot: Path, base_url: str, db: MariaDB, charset: str = "utf-8") -> None:
    db.sql(f"CREATE DATABASE IF NOT EXISTS {DB_NAME} CHARACTER SET {edition.CHARSETS[charset]};")
    if (docroot / "install.php").is_file():
        _install_6(base_url, db)
    else:
        _install_7(base_url, db)
    if not db.sql(f"SELECT uid FROM {TABLE_PREFIX}members WHERE uid=1;", DB_NAME).strip():
        raise RuntimeError("the installer finished but created no admin member")


def _install_6(base_url: str, db: MariaDB) -> None:
    browser = Browser()
    installer = f"{base_url}/install.php"
    username, password, email = ADMIN
    page = browser.post(installer, {
        "action": "config", "saveconfig": "1", "dbhost": db.host, "dbuser": DB_USER,
        "dbpw": DB_PASSWORD, "dbname": DB_NAME, "adminemail": email,
        "tablepre": TABLE_PREFIX}).text
    if "action=admin" not in page:
        raise RuntimeError("the installer did not accept the database form: "
                           + _visible_text(page)[-600:])
    page = browser.post(installer, {"action": "admin", "submit": "1", "username": username,
                                    "email": email, "password1": password,
                                    "password2": password}).text
    found = re.search(r"install\.php\?(action=install&[^'\"]+)", page)
    if not found:
        raise RuntimeError("the installer did not accept the admin form: "
                           + _visible_text(page)[-600:])
    _raise_on_error("install", browser.get(f"{installer}?{found.group(1)}", timeout=600).text)


def _install_7(base_url: str, db: MariaDB) -> None:
    browser = Browser()
    installer = f"{base_url}/install/index.php"
    username, password, email = ADMIN
    page = browser.post(f"{installer}?step=2", {
        "dbinfo[dbhost]": db.host, "dbinfo[dbname]": DB_NAME, "dbinfo[dbuser]": DB_USER,
        "dbinfo[dbpw]": DB_PASSWORD, "dbinfo[tablepre]": TABLE_PREFIX,
        "dbinfo[adminemail]": email, "dbinfo[forceinstall]": "1",
        "admininfo[username]": username, "admininfo[password]": password,
        "admininfo[password2]": password, "admininfo[email]": email,
    }, timeout=600).text
    if "method=ext_info" not in page:
        raise RuntimeError("the installer did not accept the database form: "
                           + _visible_text(page)[-600:])
    _raise_on_error("ext_info", browser.get(f"{installer}?method=ext_info&skip=1").text)


def configure(docroot: Path, db: MariaDB, base_url: str, local: Callable[[str], str] = str,
              settings: dict[str, str] = SETTINGS) -> None:
    """``settings``, and board 3 (会员专区, in the edition's characters: ``local``) beside board
    2, whose ``viewperm`` lists every group but guests (7), as the board's permission form
    stores it (tab-separated ids)."""
    updates = "".join(f"UPDATE {TABLE_PREFIX}settings SET value='{value}' "
                      f"WHERE variable='{name}';" for name, value in settings.items())
    members = "\t" + "\t".join(str(g) for g in range(1, 16) if g != 7) + "\t"
    fid, copy_of = MEMBERS_FORUM_ID, FORUM_ID
    db.sql(f"""{updates}
        CREATE TEMPORARY TABLE f AS SELECT * FROM {TABLE_PREFIX}forums WHERE fid={copy_of};
        UPDATE f SET fid={fid}, name='{local("会员专区")}', displayorder=2, threads=0, posts=0,
            lastpost='';
        INSERT INTO {TABLE_PREFIX}forums SELECT * FROM f;
        CREATE TEMPORARY TABLE ff AS SELECT * FROM {TABLE_PREFIX}forumfields WHERE fid={copy_of};
        UPDATE ff SET fid={fid}, description='{local("只有会员才能浏览")}', viewperm='{members}';
        INSERT INTO {TABLE_PREFIX}forumfields SELECT * FROM ff;
        """, DB_NAME)
    rebuild_caches(docroot, base_url)


def rebuild_caches(docroot: Path, base_url: str) -> None:
    """Remove the setting, board and compiled-template caches and request the index once:
    Discuz rebuilds what is missing (``updatecache()``, what the admin panel's 更新缓存
    runs) and answers "Caches successfully created, please refresh"."""
    for folder in ("cache", "templates"):
        for path in (docroot / "forumdata" / folder).glob("*.php"):
            path.unlink()
    answer = Browser().get(f"{base_url}/index.php").text
    if "Caches successfully created" not in answer:
        raise RuntimeError(f"the caches were not rebuilt: {_visible_text(answer)[:300]}")
