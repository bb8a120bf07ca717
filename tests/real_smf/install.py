"""Install SMF 2.1 from a source tree (the git layout: the installer and its files in
``other/``), or SMF 2.0 from its release package (the installer next to ``index.php``), into
a throwaway copy, without a person.

The installer (``install.php``) is driven with the POSTs its pages send: ``step=1`` (writable
check), ``step=2`` (database), ``step=3`` (forum settings), ``step=4`` (population),
``step=5`` (admin account). Settings are then changed with SMF's own ``updateSettings()``
(through ``SSI.php``), and a child board is added to board 1 in ``smf_boards``.

SMF 2.0 on PHP 8.2: its installer probes ``www.simplemachines.org`` on every page unless the
query has ``xml``, and when the probe fails (no network) ``fclose(false)`` is a fatal
``TypeError`` on PHP 8: every installer URL here carries ``xml`` (no request leaves the
machine). Its ``mysqli_connect`` takes no ``host:port``: the port is PHP's
``mysqli.default_port`` (``php_ini``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.real_discuz.http_client import Browser
from tests.real_discuz.servers import DB_PASSWORD, DB_USER, MariaDB

DB_NAME = "smf"
P = "smf_"
ADMIN = ("admin", "Admin-pw-91", "admin@example.test")
BOARD, CHILD_BOARD = 1, 2  # a fresh install has board 1 ("General Discussion") in category 1


@dataclass(frozen=True)
class Series:
    """What differs between SMF 2.1's git layout and the 2.0 and 1.1 release packages."""

    version: str
    installer_dir: str  # where install.php and its SQL are: "other" (2.1) or the top (2.0)
    sql: str
    installer_query: str  # before ``step=N``
    board_permissions_view: bool  # 2.1.4 reads who may see a board from this table
    registration_action: str  # "signup" (2.1) or "register" (2.0)
    edit_reasons: bool  # 2.1's messages have ``modified_reason``

    @property
    def installer_files(self) -> tuple[str, ...]:
        return ("install.php", "Settings.php", "Settings_bak.php", self.sql)


def series(docroot: Path) -> Series:
    index = (docroot / "index.php").read_text("utf-8", "replace")
    found = re.search(r"define\('SMF_VERSION', '([^']+)'\)", index) or \
        re.search(r"\$forum_version = 'SMF ([^']+)';", index)
    version = found.group(1) if found else "unknown"
    if version.startswith("1."):
        return Series(version, "", "install_1-1.sql", "", False, "register", False)
    if version.startswith("2.0"):
        return Series(version, "", "install_2-0_mysql.sql", "xml&", False, "register", False)
    return Series(version, "other", "install_2-1_mysql.sql", "", True, "signup", True)

# 3 posts a page, 2 topics a list page; no captcha on registration or posts, no wait between
# posts, an edit shows its "Last Edit" line at once (``edit_wait_time``), guests see times
# in New York's zone (-05:00 in December), links queryless where the server is "Apache".
SETTINGS = {
    "defaultMaxMessages": "3", "defaultMaxTopics": "2", "reg_verification": "0",
    "posts_require_captcha": "0", "spamWaitTime": "0", "edit_wait_time": "0",
    "default_timezone": "America/New_York", "queryless_urls": "1",
}

SETUP_PHP = """<?php
// forum-harvest test harness (not part of SMF): change settings with SMF's updateSettings()
// and empty its cache, as the admin panel does.
require __DIR__.'/SSI.php';
$settings_to_change = json_decode($argv[1], true);
if ($settings_to_change) updateSettings($settings_to_change);
clean_cache();
echo "settings done\\n";
"""

# What Apache gives SMF: its output buffer writes queryless links (index.php/topic,1.0.html)
# only when SERVER_SOFTWARE names Apache, lighttpd or LiteSpeed (Sources/QueryString.php,
# ob_sessrewrite); PHP's built-in server names itself otherwise.
APACHE_ROUTER_PHP = """<?php
// forum-harvest test harness (not part of SMF): PHP's built-in server presented as Apache.
$_SERVER['SERVER_SOFTWARE'] = 'Apache (forum-harvest harness)';
// The built-in server does not prepend auto_prepend_file (SMF 1.1's compat.php) to a router.
if (ini_get('auto_prepend_file') && !function_exists('fh_preg_replace'))
    require ini_get('auto_prepend_file');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path != '/' && strpos($path, '/index.php') !== 0)
    return false;
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = __DIR__.'/index.php';
chdir(__DIR__);
require __DIR__.'/index.php';
"""


def copy_tree(source: Path, docroot: Path) -> Series:
    if not (source / "SSI.php").is_file() or not ((source / "other" / "install.php").is_file()
                                                   or (source / "install.php").is_file()):
        raise RuntimeError(f"{source} is not an SMF tree (SSI.php, other/install.php or install.php)")
    shutil.copytree(source, docroot, symlinks=True)
    found = series(docroot)
    if found.installer_dir:
        for name in found.installer_files:
            shutil.copy(docroot / found.installer_dir / name, docroot / name)
    (docroot / "harness_apache_router.php").write_text(APACHE_ROUTER_PHP, "utf-8")
    return found


def php_ini(db: MariaDB) -> dict[str, str]:
    """What PHP needs to reach the database at ``db.host`` (2.0 passes no port)."""
    return {"mysqli.default_port": db.host.split(":")[1]}


def run_installer(base_url: str, db: MariaDB, release: Series) -> None:
    db.sql(f"CREATE DATABASE IF NOT EXISTS {DB_NAME} CHARACTER SET utf8mb4;")
    browser = Browser()
    installer = f"{base_url}/install.php?{release.installer_query}"
    host, port = db.host.split(":")
    name, password, email = ADMIN
    browser.get(installer)
    steps = [
        {},
        {"db_type": "mysql", "db_server": host, "db_port": port, "db_user": DB_USER,
         "db_passwd": DB_PASSWORD, "db_name": DB_NAME, "db_prefix": P},
        # utf8: 2.0 asks (2.1 is UTF-8 only)
        {"mbname": "Harvest SMF", "boardurl": base_url, "reg_mode": "0", "dbsession": "on", "utf8": "1"},
        {"pop_done": "1"},
        # password3: 2.0 asks for the database's password again
        {"username": name, "password1": password, "password2": password, "email": email,
         "server_email": "noreply@example.test", "password3": DB_PASSWORD},
    ]
    post_steps(browser, db, f"{installer}step=", steps, "errorbox")


def post_steps(browser: Browser, db: MariaDB, step_url: str, steps: list[dict[str, str]],
               error_box: str) -> None:
    """POST each of the installer's forms to ``step_url`` + its number (from 1); its error box
    (``div.ERROR_BOX``) or a PHP fatal error stops the install."""
    for number, form in enumerate(steps, start=1):
        page = browser.post(f"{step_url}{number}", form | {"contbutt": "Continue"}, timeout=600).text
        error = re.search(rf'(?s)<div class="{error_box}">(.*?)</div>', page)
        if error or "Fatal error" in page:
            raise RuntimeError(f"installer step {number} failed: "
                               f"{re.sub(r'<[^>]+>', ' ', error.group(1) if error else page)[:600]}")
    if not db.sql(f"SELECT id_member FROM {P}members WHERE id_member=1;", DB_NAME).strip():
        raise RuntimeError("the installer finished but created no admin member")


def configure(docroot: Path, db: MariaDB, release: Series) -> None:
    """The installer removed (SMF warns on every page while it is there), the scenario's
    settings, and board 2, a child of board 1 open to guests and members: its row and, on
    2.1, the rows of ``board_permissions_view`` that 2.1.4's ``query_see_board`` reads (what
    ``modifyBoard()`` writes; without them the board is missing from every list)."""
    for name in ("install.php", release.sql):
        (docroot / name).unlink()
    add_board(db, release, CHILD_BOARD, BOARD, 2, "Sub Board", "A board inside General Discussion")
    # Guests may download attachments (the default gives them to members only): the pages a
    # guest is served list them.
    db.sql(f"INSERT INTO {P}board_permissions (id_group, id_profile, permission, add_deny) "
           "VALUES (-1, 1, 'view_attachments', 1);", DB_NAME)
    apply_settings(docroot, SETTINGS, php_ini(db))


def add_board(db: MariaDB, release: Series, board: int, parent: int, order: int, name: str,
              description: str, redirect: str = "") -> None:
    """Board ``board`` in category 1, open to guests and members, a child of ``parent`` (0: none),
    sending its visitors to ``redirect`` if given (2.x's redirect board): its row and, on 2.1,
    its ``board_permissions_view`` rows."""
    db.sql(f"""INSERT INTO {P}boards (id_board, id_cat, child_level, id_parent, board_order,
        member_groups, id_profile, name, description, redirect)
        VALUES ({board}, 1, {1 if parent else 0}, {parent}, {order}, '-1,0,2', 1, '{name}',
        '{description}', '{redirect}');""", DB_NAME)
    if release.board_permissions_view:
        db.sql(f"""INSERT INTO {P}board_permissions_view (id_group, id_board, deny)
            VALUES (-1, {board}, 0), (0, {board}, 0), (2, {board}, 0);""", DB_NAME)


def apply_settings(docroot: Path, settings: dict[str, str], ini: dict[str, str], script: str = SETUP_PHP) -> None:
    helper = docroot / "harness_settings.php"
    helper.write_text(script, "utf-8")
    options = [arg for name, value in ini.items() for arg in ("-d", f"{name}={value}")]
    done = subprocess.run(["php", "-d", "display_errors=stderr", *options, str(helper),
                           json.dumps(settings)], cwd=docroot, capture_output=True, text=True,
                          timeout=300)
    if "settings done" not in done.stdout:
        raise RuntimeError(f"updateSettings failed: {done.stdout[-800:]} {done.stderr[-800:]}")
