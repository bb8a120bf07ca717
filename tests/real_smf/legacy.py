"""SMF 1.1 (its release package: ``install.php`` and ``install_1-1.sql`` next to
``index.php``) installed on PHP 8 without a person.

SMF 1.1 was written for PHP 4 and 5. Nothing of it is changed by hand, and no template. The
harness's copy gets three mechanical changes, made by ``make_runnable``:
- ``$string{0}`` offsets (a parse error since PHP 8) become ``$string[0]``, and
- ``preg_replace(`` becomes ``fh_preg_replace(get_defined_vars(), `` (the ``/e`` modifier,
  gone since PHP 7, run as PHP 5 ran it), both by ``php5/rewrite.php`` in every PHP file
  outside ``Themes/``;
- ``install_1-1.sql``'s ``timestamp(14)`` (MySQL 4's display width, refused by MariaDB)
  becomes ``timestamp``.
PHP loads ``php5/compat.php`` before every script (``auto_prepend_file``): ``mysql_*`` over
mysqli, ``each()``, ``create_function()``, the magic-quotes functions (off), and
``fh_preg_replace``. The installer is driven with the POSTs its pages send: ``step=1``
(database and forum settings), ``step=2`` (admin account).

Its ``step=1`` box "Use UTF-8 as default character set" (``utf8``) decides the forum's charset:
ticked, UTF-8 (``global_character_set``, ``db_character_set`` and ``SET NAMES utf8``);
unticked, the English language pack's ``lang_character_set``, ISO-8859-1, on latin1 tables
over a latin1 connection (what ext/mysql used when nothing said otherwise), as most 1.1 boards
ran. ``CHARSETS`` names both, with the codec a browser reads and sends such pages in.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.real_discuz.http_client import Browser
from tests.real_discuz.servers import DB_PASSWORD, DB_USER, MariaDB
from tests.real_smf.install import ADMIN, BOARD, CHILD_BOARD, DB_NAME, P, apply_settings, post_steps

PHP5 = Path(__file__).parent / "php5"
MEMBERS_BOARD = 3  # a board guests may not read (memberGroups without -1)
# As tests/real_smf/install.py's SETTINGS, in 1.1's words: its image check on registration
# is ``disable_visual_verification``. Its installer sets ``default_timezone`` from PHP's
# date.timezone (TIMEZONE).
SETTINGS = {
    "defaultMaxMessages": "3", "defaultMaxTopics": "2", "disable_visual_verification": "1",
    "spamWaitTime": "0", "edit_wait_time": "0", "queryless_urls": "1",
    "disableHostnameLookup": "1",  # else it runs `host` on every visitor's IP
}
TIMEZONE = "America/New_York"
# The forum's charset -> the codec a browser uses for its pages and forms (the Encoding
# standard reads the label ISO-8859-1 as windows-1252).
CHARSETS = {"UTF-8": "utf-8", "ISO-8859-1": "cp1252"}

SETUP_PHP = """<?php
// forum-harvest test harness (not part of SMF): change settings with SMF 1.1's
// updateSettings() (which also drops its cached copy).
require __DIR__.'/SSI.php';
$settings_to_change = json_decode($argv[1], true);
if ($settings_to_change) updateSettings($settings_to_change);
echo "settings done\\n";
"""


def is_legacy(version: str) -> bool:
    return version.startswith("1.")


def php_ini(sessions: Path) -> dict[str, str]:
    """PHP's sessions in files under ``sessions``: 1.1's database sessions (the installer's
    "dbsession" box, left off) read a new session as null, which PHP 8 refuses."""
    sessions.mkdir(parents=True, exist_ok=True)
    return {"auto_prepend_file": str(PHP5 / "compat.php"), "date.timezone": TIMEZONE,
            "session.save_path": str(sessions),
            # PHP 5.3's default: htmlspecialchars() without a charset (1.1.13 calls it so, e.g.
            # on the poster's name it stores with a message) reads ISO-8859-1; PHP 8's
            # default, UTF-8, turns an ISO-8859-1 forum's "Zoë" into "Zo\ufffd".
            "default_charset": "ISO-8859-1"}


def make_runnable(docroot: Path, sql: str) -> None:
    """The copy's mechanical changes (the module's docstring)."""
    sources = [str(path) for path in docroot.rglob("*.php") if "Themes" not in path.relative_to(docroot).parts]
    done = subprocess.run(["php", str(PHP5 / "rewrite.php"), *sources], capture_output=True, text=True,
                          timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"rewrite.php failed: {done.stdout[-800:]} {done.stderr[-800:]}")
    schema = docroot / sql
    schema.write_text(schema.read_text("latin-1").replace("timestamp(14)", "timestamp"), "latin-1")


def run_installer(base_url: str, db: MariaDB, charset: str) -> None:
    """``charset``: one of ``CHARSETS`` (the module's docstring)."""
    utf8 = charset == "UTF-8"
    db.sql(f"CREATE DATABASE IF NOT EXISTS {DB_NAME} CHARACTER SET {'utf8mb4' if utf8 else 'latin1'};")
    browser = Browser(charset=CHARSETS[charset])
    installer = f"{base_url}/install.php"
    name, password, email = ADMIN
    browser.get(installer)
    steps = [
        {"mbname": "Harvest SMF", "boardurl": base_url, **({"utf8": "on"} if utf8 else {}),
         "db_server": db.host, "db_user": DB_USER, "db_passwd": DB_PASSWORD, "db_name": DB_NAME,
         "db_prefix": P},
        {"username": name, "password1": password, "password2": password, "email": email,
         "password3": DB_PASSWORD},
    ]
    post_steps(browser, db, f"{installer}?step=", steps, "error_message")


def configure(docroot: Path, db: MariaDB, sql: str, ini: dict[str, str]) -> None:
    """The installer removed; board 2, a child of board 1 open to guests and members; board 3,
    for members only (``memberGroups`` 0 and 2, no -1: a guest is asked to log in);
    guests may download attachments; the scenario's settings."""
    for name in ("install.php", sql):
        (docroot / name).unlink()
    db.sql(f"""INSERT INTO {P}boards (ID_CAT, childLevel, ID_PARENT, boardOrder, memberGroups, name,
        description) VALUES
        (1, 1, {BOARD}, 2, '-1,0,2', 'Sub Board', 'A board inside General Discussion'),
        (1, 0, 0, 3, '0,2', 'Members Only', 'Guests may not read this board');""", DB_NAME)
    if db.sql(f"SELECT MAX(ID_BOARD) FROM {P}boards;", DB_NAME).strip() != str(MEMBERS_BOARD):
        raise RuntimeError(f"boards {CHILD_BOARD} and {MEMBERS_BOARD} were not made")
    db.sql(f"INSERT IGNORE INTO {P}board_permissions (ID_GROUP, ID_BOARD, permission) "
           "VALUES (-1, 0, 'view_attachments');", DB_NAME)
    apply_settings(docroot, SETTINGS, ini, SETUP_PHP)


def close_to_guests(docroot: Path, ini: dict[str, str]) -> None:
    """The admin panel's "Allow guests to browse the forum" unticked (``allow_guestAccess``):
    every page then asks a guest to log in."""
    apply_settings(docroot, {"allow_guestAccess": "0"}, ini, SETUP_PHP)


# 1.1's names for the columns that 2.x renamed (MariaDB's column names ignore case: ID_MSG is
# id_msg).
RENAMED = {"child_level": "childLevel", "num_topics": "numTopics", "num_posts": "numPosts",
           "poster_name": "posterName", "poster_time": "posterTime", "modified_time": "modifiedTime",
           "modified_name": "modifiedName", "num_replies": "numReplies", "num_views": "numViews",
           "is_sticky": "isSticky", "member_name": "memberName", "real_name": "realName",
           "attachment_type": "attachmentType", "member_groups": "memberGroups", "board_order": "boardOrder"}


def sql_names(text: str) -> str:
    """SQL written with 2.x's column names, in 1.1's."""
    return re.sub(r"\b(" + "|".join(RENAMED) + r")\b", lambda m: RENAMED[m.group(1)], text)


def json_rows(db: MariaDB, columns: str, source: str, database: str) -> list[dict]:
    """``MariaDB.json_rows`` with 2.x's names, in SQL and in the rows."""
    named = []
    for column in columns.split(","):
        expression, _, alias = column.strip().partition(" AS ")
        named.append(f"{sql_names(expression)} AS {alias or expression.split('.')[-1]}")
    return db.json_rows(", ".join(named), sql_names(source), database)
