"""Install phpwind 9.1.0 as ported to PHP 8.2 by github.com/0ui0/phpwind9ForPhp8 (commit
83fcc410, the port tests/fixtures/phpwind-9.1 was made with) into a throwaway copy, through
its own installer (``install.php``: ``a=database`` with the form's fields, ``a=table``,
``a=data``, ``a=finish``), as that fixture's README tells it was done by hand.

The installer takes the charset from the application's (``conf/application/default.php``
``'charset'``, ``edition.CHARSET_SETTINGS["9"]``): ``IndexController::databaseAction`` makes
``gbk`` of it for ``CREATE DATABASE … DEFAULT CHARACTER SET`` and ``conf/database.php``.
Wind sends redirects as ``HTTP/1.x 302``: the server prepends ``status_line.php``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.real_discuz.http_client import Browser
from tests.real_discuz.servers import DB_PASSWORD, DB_USER, MariaDB
from tests.real_phpwind import edition
from tests.real_phpwind.edition import Edition

PORT_COMMIT = "83fcc410"
DB_NAME = "phpwind"  # tests/real_phpwind/capture.py reads it
ADMIN = ("admin", "admin12345", "admin@example.test")
PHP_INI = {"auto_prepend_file": str(Path(__file__).with_name("status_line.php"))}


def copy_tree(source: Path, docroot: Path, made: Edition) -> dict[str, int]:
    """``git archive`` of the port's commit, made into ``made``; the directories the
    installer writes (``data/``, ``data/tmp``, ``attachment``)."""
    docroot.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(source), "archive", PORT_COMMIT], capture_output=True,
                             timeout=300, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(docroot)], input=archive, check=True, timeout=300)
    for folder in ("data/tmp", "data/cache", "data/compile", "data/log", "attachment"):
        (docroot / folder).mkdir(parents=True, exist_ok=True)
    return edition.make(docroot, made, edition.CHARSET_SETTINGS["9"])


def install(base: str, db: MariaDB, charset: str) -> None:
    """The installer's steps as a browser takes them; ``charset``: the codec pages are read in."""
    browser = Browser(charset=charset)
    name, password, email = ADMIN
    browser.get(f"{base}/install.php")
    said = browser.post(f"{base}/install.php?a=database", {
        "dbhost": db.host, "dbuser": DB_USER, "dbpw": DB_PASSWORD, "dbname": DB_NAME, "dbprefix": "pw_",
        "manager": name, "manager_pwd": password, "manager_ckpwd": password, "manager_email": email,
        "engine": "MyISAM"}).text
    if "success" not in said and "index/table" not in said and "a=table" not in said:
        raise RuntimeError(f"install.php?a=database: {said[:600]}")
    for step in ("table", "data", "finish"):
        browser.get(f"{base}/install.php?a={step}")
    if not db.sql(f"SELECT COUNT(*) FROM {DB_NAME}.pw_user;").strip().isdigit():
        raise RuntimeError("the installer wrote no pw_user")
