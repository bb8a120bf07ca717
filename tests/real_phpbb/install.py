"""Install phpBB 3.1+ from a source tree into a throwaway copy, without a person.

3.2+: phpBB's own command-line installer (``install/phpbbcli.php install CONFIG.yml``); 3.1,
which has none: its web installer, step by step (``web_install``). Either is given a SQLite
database (PHP's ``sqlite3`` module), so the harness needs no database server and reads the
board's tables with Python's ``sqlite3``. Then, with phpBB's console (``bin/phpbbcli.php``):
the settings the scenario needs (``config:set``), and the members: ``user:add`` (3.2+), else
the board's registration form. The ``install/`` directory is removed afterwards, as phpBB asks
before a board opens.

A source tree is a release package's root, or a checkout's ``phpBB/`` directory with its
composer ``vendor/`` in place (3.1+ does not run without it).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.real_phpbb.front_end import register
from tests.real_phpbb.web_install import web_install

ADMIN = ("admin", "admin-pw-1", "admin@example.test")
MEMBERS = [("alice", "alice-pw-12345"), ("bob", "bob-pw-12345"), ("carol", "carol-pw-12345")]
FORUM_ID = 2  # "Your first forum", the one forum a fresh install has

# 3 posts and 3 topics a page, so the seed's topics and their posts span several pages; no
# flood interval, MX check or "newly registered" approval, which would stop scripted members.
SETTINGS = {
    "posts_per_page": "3",
    "topics_per_page": "3",
    "flood_interval": "0",
    "email_check_mx": "0",
    "new_member_post_limit": "0",
}

# A zone with summer time, for the pages that show times in another zone than UTC.
BOARD_ZONE = "Europe/Berlin"

# One of the date formats phpBB offers whose |…| part turns into "Today", "Yesterday" and, in the
# last hour, "N minutes ago" (language/en/common.php, ``datetime``).
RELATIVE_DATE_FORMAT = "|D M d, Y|, g:i a"

# Block style only: 3.2's Symfony Yaml 2.8 reads no flow mapping that spans lines.
INSTALL_CONFIG = """installer:
    admin:
        name: {admin}
        password: {password}
        email: {email}
    board:
        lang: en
        name: Harvest Test Board
        description: A board for forum-harvest
    database:
        dbms: sqlite3
        dbhost: {database}
        dbport: ~
        dbuser: ~
        dbpasswd: ~
        dbname: ~
        table_prefix: phpbb_
    email:
        enabled: false
        smtp_delivery: ~
        smtp_host: ~
        smtp_port: ~
        smtp_auth: ~
        smtp_user: ~
        smtp_pass: ~
    server:
        cookie_secure: false
        server_protocol: http://
        force_server_vars: false
        server_name: 127.0.0.1
        server_port: 80
        script_path: /
    extensions: []
"""


@dataclass(frozen=True)
class Installed:
    docroot: Path
    database: Path
    version: str


def source_tree(phpbb_source: Path) -> Path:
    """The board's root in ``phpbb_source``: itself, or its ``phpBB/`` (a git checkout)."""
    for candidate in (phpbb_source, phpbb_source / "phpBB"):
        if (candidate / "viewtopic.php").is_file() and (candidate / "includes").is_dir():
            if not (candidate / "vendor" / "autoload.php").is_file():
                raise RuntimeError(f"{candidate} has no vendor/: phpBB 3.1+ needs its composer "
                                   "dependencies (a release package has them)")
            return candidate
    raise RuntimeError(f"PHPBB_SOURCE={phpbb_source} holds no phpBB tree (viewtopic.php)")


def board_copy(phpbb_source: Path, workdir: Path) -> tuple[Path, Path]:
    """The throwaway board (a copy of the source tree) and the path its SQLite file will have."""
    docroot, database = workdir / "board", workdir / "data" / "board.sqlite3"
    shutil.copytree(source_tree(phpbb_source), docroot, symlinks=True)
    database.parent.mkdir(parents=True)
    database.touch()  # 3.1's and 3.2's installers want the SQLite file there and writable
    return docroot, database


def install(docroot: Path, database: Path, base_url: str) -> Installed:
    """Install the copy, served at ``base_url``; then the settings and the members."""
    by_cli = (docroot / "install" / "phpbbcli.php").is_file()
    if by_cli:
        _cli_install(docroot, database)
    else:
        web_install(base_url, database, ADMIN)
    shutil.rmtree(docroot / "install")
    # 3.1's registration form asks for a CAPTCHA and an activation unless told not to
    settings = SETTINGS if by_cli else dict(SETTINGS, enable_confirm="0", require_activation="0")
    for key, value in settings.items():
        console(docroot, "config:set", key, value)
    console(docroot, "cache:purge")
    for username, member_password in MEMBERS:
        if by_cli:
            answer = console(docroot, "user:add", f"--username={username}",
                             f"--password={member_password}", f"--email={username}@example.test")
            if "Successfully added" not in answer:
                raise RuntimeError(f"user:add {username} failed: {answer[-600:]}")
        else:
            register(base_url, username, member_password)
    constants = (docroot / "includes" / "constants.php").read_text("utf-8", "replace")
    version = re.search(r"define\('PHPBB_VERSION', '([^']+)'\)", constants)
    return Installed(docroot, database, version.group(1) if version else "unknown")


def _cli_install(docroot: Path, database: Path) -> None:
    config = database.parent.parent / "install-config.yml"
    name, password, email = ADMIN
    config.write_text(INSTALL_CONFIG.format(admin=name, password=password, email=email,
                                            database=database), "utf-8")
    done = _php(docroot, "install/phpbbcli.php", "install", str(config), timeout=600)
    if "The installer has finished successfully" not in done:
        raise RuntimeError(f"phpBB's installer failed: {done[-1500:]}")


def console(docroot: Path, *arguments: str) -> str:
    """``bin/phpbbcli.php``; SHELL_INTERACTIVE lets ``user:add`` take its options (without a
    terminal Symfony's console skips the command's ``interact()``, which reads them)."""
    return _php(docroot, "bin/phpbbcli.php", *arguments, "--no-ansi", env={"SHELL_INTERACTIVE": "1"})


def _php(docroot: Path, *arguments: str, timeout: float = 120, env: dict | None = None) -> str:
    done = subprocess.run(["php", "-d", "display_errors=stderr", *arguments], cwd=docroot,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
                          env=dict(os.environ, **(env or {})))
    return done.stdout + done.stderr


def close_to_guests(installed: Installed, forum_id: int) -> None:
    """Take the forum's permissions from the Guests group, as the ACP's "No access" does,
    then purge phpBB's caches (permissions are cached per user). Written to
    ``phpbb_acl_groups`` directly: the ACP's permission forms are not part of what is tested."""
    connection = sqlite3.connect(installed.database)
    try:
        with connection:
            guests = connection.execute("SELECT group_id FROM phpbb_groups WHERE group_name = 'GUESTS'").fetchone()[0]
            connection.execute("DELETE FROM phpbb_acl_groups WHERE group_id = ? AND forum_id = ?", (guests, forum_id))
            connection.execute("UPDATE phpbb_users SET user_permissions = '', user_perm_from = 0")
    finally:
        connection.close()
    console(installed.docroot, "cache:purge")
