"""Install Discuz! X3.5 (or X3.4, ported to PHP 8.2 by ``port34``) from a source tree into a
throwaway copy, without a person.

The installer (``install/index.php``) is driven the way its own page drives itself: one POST
of the database and admin form to step 3 with ``install_ucenter=yes`` (UCenter in the same
database), then the three requests its JavaScript would make (``do_db_init``,
``do_db_data_init``, ``misc.php?mod=initsys``) and ``ext_info``, which writes the lock file.
Settings the scenario needs are then written to ``pre_common_setting`` and every cache is
rebuilt with Discuz's own ``updatecache()`` (deleting ``pre_common_syscache`` rows alone leaves
a half-built setting cache that breaks ``member.php``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from tests.real_discuz import edition as editions
from tests.real_discuz import port34
from tests.real_discuz.http_client import BROWSER_UA, Browser
from tests.real_discuz.servers import DB_PASSWORD, DB_USER, MariaDB

DB_NAME = "discuz"
TABLE_PREFIX = "pre_"
ADMIN = ("admin", "admin-pw-1", "admin@example.test")
FORUM_ID = 2  # the one forum a fresh install has ("默认版块")

# What the scenario changes: 3 posts per page (issue 24's forum), and no captcha, posting
# flood control or newbie waiting time, which would stop scripted users.
SETTINGS = {
    "postperpage": "3",
    "seccodestatus": "0",
    "floodctrl": "0",
    "newbiespan": "0",
}

UPDATECACHE_PHP = """<?php
// forum-harvest test harness (not part of Discuz!): rebuild every cache, as the admin
// panel's "update cache" does, after the harness changed settings in SQL.
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/harness_updatecache.php';
require __DIR__.'/source/class/class_core.php';
$discuz = C::app();
$discuz->init_cron = false;
$discuz->init_session = false;
$discuz->init();
require_once libfile('function/cache');
updatecache();
echo "caches rebuilt\\n";
"""


@dataclass(frozen=True)
class Installed:
    docroot: Path
    version: str


def source_tree(discuz_source: Path) -> Path:
    """The ``upload/`` directory of a Discuz! checkout (or the directory itself if it is one)."""
    for candidate in (discuz_source / "upload", discuz_source):
        if (candidate / "install" / "index.php").is_file() and (candidate / "forum.php").is_file():
            return candidate
    raise RuntimeError(f"DISCUZ_SOURCE={discuz_source} holds no Discuz! upload/ tree "
                       "(install/index.php and forum.php)")


def copy_tree(discuz_source: Path, docroot: Path,
              edition: editions.Edition = editions.EDITIONS["utf-8"]) -> str:
    """Copy ``upload/`` to ``docroot`` in ``edition``'s charset; returns the version the tree
    declares."""
    upload = source_tree(discuz_source)
    shutil.copytree(upload, docroot, symlinks=True)
    (docroot / "data" / "install.lock").unlink(missing_ok=True)
    editions.make(docroot, edition)
    version = re.search(r"define\('DISCUZ_VERSION', '([^']+)'\)",
                        (docroot / "source" / "discuz_version.php").read_text("latin-1"))
    version = version.group(1) if version else "unknown"
    if version in port34.VERSIONS:
        port34.port(docroot, version)
    return version


def php_ini(version: str) -> dict[str, str] | None:
    """The PHP settings a ported version runs with (``port34``); None: PHP's own."""
    return port34.PHP_INI if version in port34.VERSIONS else None


def run_installer(base_url: str, db: MariaDB,
                  edition: editions.Edition = editions.EDITIONS["utf-8"]) -> None:
    browser = Browser(BROWSER_UA, edition.codec)
    installer = f"{base_url}/install/index.php"
    username, password, email = ADMIN
    form = {
        "dbinfo[dbhost]": db.host, "dbinfo[dbname]": DB_NAME, "dbinfo[dbuser]": DB_USER,
        "dbinfo[dbpw]": DB_PASSWORD, "dbinfo[tablepre]": TABLE_PREFIX,
        "dbinfo[adminemail]": email,
        "admininfo[username]": username, "admininfo[password]": password,
        "admininfo[password2]": password, "admininfo[email]": email,
    }
    # Created first: older installers' check_db() runs SHOW TABLES FROM it, which PHP 8.1+'s
    # mysqli turns into an uncaught exception when the database does not exist.
    db.sql(f"CREATE DATABASE IF NOT EXISTS {DB_NAME} CHARACTER SET {edition.db};")
    page = browser.post(f"{installer}?step=3&install_ucenter=yes", form, timeout=600).text
    found = re.search(r"method=do_db_init&allinfo=([^'\"&]+)", page)
    if found:  # X3.5: the page's script asks for each part
        allinfo = urllib.parse.unquote(found.group(1))
        for method in ("do_db_init", "do_db_data_init"):
            answer = browser.get(f"{installer}?" + urllib.parse.urlencode(
                {"method": method, "allinfo": allinfo}), timeout=600).text
            _raise_on_error(method, answer)
    elif "mod=initsys" in page:  # X3.4 and older: the form's answer ran the SQL itself
        _raise_on_error("db_init", page)
    else:
        raise RuntimeError("the installer did not accept the database form: "
                           + _visible_text(page)[-600:])
    _raise_on_error("initsys", browser.get(f"{base_url}/misc.php?mod=initsys", timeout=600).text)
    browser.get(f"{installer}?method=ext_info")
    if not db.sql(f"SELECT uid FROM {TABLE_PREFIX}common_member WHERE uid=1;", DB_NAME).strip():
        raise RuntimeError("the installer finished but created no admin member")


def apply_settings(docroot: Path, db: MariaDB, settings: dict[str, str] = SETTINGS,
                   ini: dict[str, str] | None = None) -> None:
    statements = "".join(
        f"UPDATE {TABLE_PREFIX}common_setting SET svalue='{value}' WHERE skey='{key}';"
        for key, value in settings.items())
    db.sql(statements, DB_NAME)
    rebuild_caches(docroot, ini)


def rebuild_caches(docroot: Path, ini: dict[str, str] | None = None) -> None:
    """``ini``: the PHP settings the site runs with (``php_ini``)."""
    helper = docroot / "harness_updatecache.php"
    helper.write_text(UPDATECACHE_PHP, "utf-8")
    options = [arg for key, value in (ini or {}).items() for arg in ("-d", f"{key}={value}")]
    done = subprocess.run(["php", *options, "-d", "display_errors=stderr", str(helper)], cwd=docroot,
                          capture_output=True, text=True, timeout=300)
    if "caches rebuilt" not in done.stdout:
        raise RuntimeError(f"updatecache() failed: {done.stdout[-800:]} {done.stderr[-800:]}")


def _raise_on_error(step: str, answer: str) -> None:
    for marker in ("Discuz! Database Error", "Discuz! System Error", "Fatal error",
                   "Access Denied"):
        if marker in answer:
            raise RuntimeError(f"installer step {step} failed: {_visible_text(answer)[:800]}")


def _visible_text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(
        r"(?s)<(script|style)\b.*?</\1>", " ", page))).strip()
