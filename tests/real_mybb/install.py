"""Install MyBB 1.8 from a source tree into a throwaway copy, without a person.

The installer (``install/index.php``) is driven step by step with the POSTs its own pages
send (``create_tables`` with the database form, ``populate_tables``, ``templates``,
``configuration``, ``adminuser`` with the board form, ``final`` with the admin account).
What the scenario needs is then written to ``mybb_settings``/``mybb_forums`` and MyBB's own
``rebuild_settings()`` and ``$cache->update_*()`` rebuild what it reads.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.real_discuz.http_client import Browser
from tests.real_discuz.servers import DB_PASSWORD, DB_USER, MariaDB, mariadb_instance, php_server

DB_NAME = "mybb"
P = "mybb_"  # table prefix
ADMIN = ("admin", "admin-pw-1", "admin@example.test")
FORUM_ID, SUBFORUM_ID = 2, 3  # a fresh install has category 1 and forum 2; 3 is added

# 3 posts a page and 2 threads a list page, so threads and lists have several pages; no
# captcha, security question, e-mail verification, form timer, flood or merge of
# consecutive posts (all would stop scripted members). ``seourls`` stays ``auto``: the SEO
# server sets SEO_SUPPORT as MyBB's htaccess does, the plain one does not.
SETTINGS = {
    "postsperpage": "3", "threadsperpage": "2", "captchaimage": "0", "securityquestion": "0",
    "regtype": "instant", "regtime": "0", "postfloodcheck": "0", "postfloodsecs": "0",
    "postmergemins": "0",
    "timezoneoffset": "1", "betweenregstime": "0", "maxregsperip": "0",
}

REBUILD_PHP = """<?php
// forum-harvest test harness (not part of MyBB): rebuild what the settings and forum
// tables feed, as the admin panel does after a change.
define('IN_MYBB', 1);
define('NO_ONLINE', 1);
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
require_once __DIR__.'/inc/init.php';
rebuild_settings();
$cache->update_forums();
$cache->update_forumpermissions();
$cache->update_usergroups();
$cache->update_stats();
echo "caches rebuilt\\n";
"""

# What MyBB's htaccess.txt does with mod_rewrite (its RewriteRule lines for forums, threads
# and posts, each ``[L,QSA]``) and ``SetEnv SEO_SUPPORT 1``, for PHP's built-in server: a
# rule is (a PHP regex on the request path, the script and query it stands for with ``$N``).
MYBB_REWRITES = (
    (r"#^/forum-([0-9]+)\.html$#", "forumdisplay.php?fid=$1"),
    (r"#^/forum-([0-9]+)-page-([0-9]+)\.html$#", "forumdisplay.php?fid=$1&page=$2"),
    (r"#^/thread-([0-9]+)\.html$#", "showthread.php?tid=$1"),
    (r"#^/thread-([0-9]+)-page-([0-9]+)\.html$#", "showthread.php?tid=$1&page=$2"),
    (r"#^/thread-([0-9]+)-post-([0-9]+)\.html$#", "showthread.php?tid=$1&pid=$2"),
    (r"#^/thread-([0-9]+)-(lastpost|newpost|nextnewest|nextoldest)\.html$#",
     "showthread.php?tid=$1&action=$2"),
    (r"#^/post-([0-9]+)\.html$#", "showthread.php?pid=$1"),
)

ROUTER_PHP = """<?php
// forum-harvest test harness (not part of MyBB): mod_rewrite for PHP's built-in server.
$_SERVER['SEO_SUPPORT'] = 1;
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$rules = array(
RULES);
$script = null;
foreach($rules as $pattern => $target)
{
    if(preg_match($pattern, $path))
    {
        list($script, $query) = explode('?', preg_replace($pattern, $target, $path), 2);
        parse_str($query, $found);
        foreach($found as $name => $value)
        {
            $_GET[$name] = $_REQUEST[$name] = $value;
        }
        break;
    }
}
if($script === null)
{
    if(!preg_match('#\\.php$#', $path) && $path != '/')
    {
        return false;
    }
    $script = $path == '/' ? 'index.php' : ltrim($path, '/');
}
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/'.$script;
$_SERVER['SCRIPT_FILENAME'] = __DIR__.'/'.$script;
chdir(__DIR__);
require __DIR__.'/'.$script;
"""


def write_router(docroot: Path, rewrites: tuple[tuple[str, str], ...] = MYBB_REWRITES) -> None:
    """``harness_seo_router.php``: the first of the ``rewrites`` matching a path serves it."""
    def php(text: str) -> str:
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    rules = "".join(f"    {php(pattern)} => {php(target)},\n"
                    for pattern, target in rewrites)
    (docroot / "harness_seo_router.php").write_text(ROUTER_PHP.replace("RULES", rules), "utf-8")


def version_of(docroot: Path) -> str:
    core = (docroot / "inc" / "class_core.php").read_text("utf-8")
    found = re.search(r'public \$version = "([^"]+)"', core)
    return found.group(1) if found else "unknown"


def copy_tree(source: Path, docroot: Path) -> str:
    """Copy the tree, give it the config file the installer writes, add the SEO router."""
    if not (source / "showthread.php").is_file() or not (source / "install" / "index.php").is_file():
        raise RuntimeError(f"{source} is not a MyBB tree (showthread.php, install/index.php)")
    shutil.copytree(source, docroot, symlinks=True)
    (docroot / "install" / "lock").unlink(missing_ok=True)
    config = docroot / "inc" / "config.php"
    if not config.exists():
        shutil.copy(docroot / "inc" / "config.default.php", config)
    write_router(docroot)
    return version_of(docroot)


@dataclass(frozen=True)
class Installed:
    docroot: Path
    version: str
    db: MariaDB
    plain: str  # the base URL of the server without rewriting
    seo: str  # the base URL of the server whose router rewrites as MyBB's htaccess does


@contextmanager
def installed(source: Path, work: Path) -> Iterator[Installed]:
    """MyBB copied from ``source`` into ``work``, its database and its two servers, installed
    by its installer and ``configure``d; everything stops when the block ends."""
    docroot = work / "www"
    version = copy_tree(source, docroot)
    with mariadb_instance(work / "db") as db, \
            php_server(docroot, work / "php.log") as plain, \
            php_server(docroot, work / "php-seo.log", router=docroot / "harness_seo_router.php") as seo:
        run_installer(plain, db)
        configure(docroot, db)
        yield Installed(docroot, version, db, plain, seo)


def run_installer(base_url: str, db: MariaDB) -> None:
    db.sql(f"CREATE DATABASE IF NOT EXISTS {DB_NAME} CHARACTER SET utf8mb4;")
    browser = Browser()
    installer = f"{base_url}/install/index.php"
    name, password, email = ADMIN
    engine = "mysqli"
    steps = [
        {"action": "create_tables", "dbengine": engine,
         f"config[{engine}][dbhost]": db.host, f"config[{engine}][dbuser]": DB_USER,
         f"config[{engine}][dbpass]": DB_PASSWORD, f"config[{engine}][dbname]": DB_NAME,
         f"config[{engine}][tableprefix]": P, f"config[{engine}][encoding]": "utf8mb4"},
        {"action": "populate_tables"},
        {"action": "templates"},
        {"action": "configuration"},
        {"action": "adminuser", "bbname": "Harvest Board", "bburl": base_url,
         "websitename": "Harvest", "websiteurl": base_url + "/", "cookiedomain": "",
         "cookiepath": "/", "contactemail": email},
        {"action": "final", "adminuser": name, "adminpass": password, "adminpass2": password,
         "adminemail": email},
    ]
    for form in steps:
        page = browser.post(installer, form, timeout=600).text
        if re.search(r'<div class="error">\s*<h3>|<div class="error">\s*<ul>|Fatal error', page):
            raise RuntimeError(f"installer step {form['action']} failed: {_text(page)[:800]}")
    if not db.sql(f"SELECT uid FROM {P}users WHERE uid=1;", DB_NAME).strip():
        raise RuntimeError("the installer finished but created no admin user")


def configure(docroot: Path, db: MariaDB, settings: dict[str, str] = SETTINGS) -> None:
    """The scenario's settings and a sub-forum of forum 2 (a copy of its row)."""
    add_forum(db, {"name": "'Sub Board'", "description": "'A board inside My Forum'",
                   "pid": str(FORUM_ID), "parentlist": f"'1,{FORUM_ID},{SUBFORUM_ID}'"})
    apply_settings(docroot, db, settings)


def add_forum(db: MariaDB, overrides: dict[str, str]) -> None:
    """A new forum row: forum 2's, with ``overrides`` (column -> SQL value) and the next fid."""
    columns = [line.split("\t")[0] for line in db.sql(
        f"SHOW COLUMNS FROM {P}forums;", DB_NAME).splitlines()]
    kept = [c for c in columns if c != "fid"]
    values = [overrides.get(c) or c for c in kept]
    db.sql(f"INSERT INTO {P}forums ({','.join(kept)}) SELECT {','.join(values)} "
           f"FROM {P}forums WHERE fid={FORUM_ID};", DB_NAME)


def edit_templates(db: MariaDB, titles: tuple[str, ...], old: str, new: str = "") -> None:
    """Replace ``old`` by ``new`` in the master templates ``titles``, as a theme edit does."""
    def quoted(text: str) -> str:
        return text.replace("\\", "\\\\").replace("'", "''")
    names = ", ".join(f"'{title}'" for title in titles)
    db.sql(f"UPDATE {P}templates SET template=REPLACE(template, '{quoted(old)}', '{quoted(new)}') "
           f"WHERE title IN ({names});", DB_NAME)


def apply_settings(docroot: Path, db: MariaDB, settings: dict[str, str]) -> None:
    db.sql("".join(f"UPDATE {P}settings SET value='{value}' WHERE name='{key}';"
                   for key, value in settings.items()), DB_NAME)
    rebuild_caches(docroot)


def rebuild_caches(docroot: Path) -> None:
    run_php(docroot, "harness_rebuild.php", REBUILD_PHP, "caches rebuilt")


def run_php(docroot: Path, name: str, code: str, done_line: str) -> None:
    """Write the helper script ``name`` into the board and run it with PHP's CLI; it must
    print ``done_line``."""
    helper = docroot / name
    helper.write_text(code, "utf-8")
    done = subprocess.run(["php", "-d", "display_errors=stderr", str(helper)], cwd=docroot,
                          capture_output=True, text=True, timeout=300)
    if done_line not in done.stdout:
        raise RuntimeError(f"{name} failed: {done.stdout[-800:]} {done.stderr[-800:]}")


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(
        r"(?s)<(script|style)\b.*?</\1>", " ", page))).strip()
