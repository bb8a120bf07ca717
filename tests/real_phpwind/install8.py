"""Install phpwind 8.7 (github.com/yuwenlan/phpwind) into a throwaway copy, without a person.

That repository is a deployed site, not the release package: its ``install.php`` is gone,
while its installer's data (``lang/install_wind.sql``, ``lang/install_lang.php``) and, in its
history (commit 1cf8152), the ``data/`` directory a finished install wrote are kept. So the
installer's steps are done here, reconstructed from what it reads and what it left behind
(install.php itself could not be followed):

- the tables and default rows of ``install_wind.sql``, each ``{#key}`` replaced by the
  language pack's text (``install_lang.php``), ``TYPE=MyISAM``/``HEAP`` (MySQL 4) read as
  ``ENGINE=``, a row inserted twice kept once (the first), MySQL 5.0's permissive
  ``sql_mode`` (rows leave out NOT NULL columns without defaults);
- the founder (``admin``) in ``pw_members``/``pw_memberdata``/``pw_memberinfo``, group 3
  (管理员), and in ``data/sql_config.php``'s ``$manager``;
- ``db_bbsurl``, ``db_hash``, ``db_siteid``, ``db_sitehash`` in ``pw_config``, and
  ``db_loadavg`` 0 (the default 3 turns on the anti-flood check when the machine's load
  average passes 3, and then every other page is "Forbidden, Please Refresh");
- the caches in ``data/`` rebuilt by phpwind's own ``updatecache()`` (``admin/cache.php``,
  what the admin panel's 更新缓存 runs), started from the deployed ``data/``.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import subprocess
from pathlib import Path

from tests.real_discuz.servers import DB_PASSWORD, DB_USER, MariaDB
from tests.real_phpwind import edition, port8
from tests.real_phpwind.edition import CHARSET_SETTINGS, EDITIONS, Edition

DB_NAME = "phpwind8"
ADMIN = ("admin", "Admin-pw-87", "admin@example.test")
DEPLOYED_DATA_COMMIT = "1cf8152"

SQL_CONFIG = """<?php
// Written by forum-harvest's harness as phpwind 8.7's installer writes it.
$dbhost = '{host}';
$dbuser = '{user}';
$dbpw = '{password}';
$dbname = '{name}';
$database = 'mysqli';
$PW = 'pw_';
$pconnect = '0';
$charset = '{charset}';
$manager = array('{admin}');
$manager_pwd = array('{admin_md5}');
$db_hostweb = '1';
$db_distribute = '';
$attach_url = array();
$slaveConfigs = array();
"""

LANG_DUMP_PHP = """<?php
function readover() {}
$crlf = "\\n";
require $argv[1];
echo json_encode(mb_convert_encoding($lang, 'UTF-8', $argv[2]), JSON_UNESCAPED_UNICODE);
"""

CACHE_PHP = """<?php
// forum-harvest test harness (not part of phpwind): rebuild every cache as the admin
// panel's 更新缓存 does (admin/aboutcache.php: updatecache(), and updatetop() for the
// topped threads), the site config included.
define('SCR', 'admin');
require './global.php';
require './admin/cache.php';
@unlink(D_P.'data/bbscache/config.php');
@unlink(D_P.'data/bbscache/dbreg.php');
updatecache();
require_once R_P.'require/updateforum.php';
updatetop();
echo "caches done\\n";
"""


def copy_tree(source: Path, docroot: Path, made: Edition = EDITIONS["utf-8"]) -> dict[str, int]:
    """The source tree (a checkout of yuwenlan/phpwind: the UTF-8 edition) made into
    ``made`` (``edition``) with its deployed ``data/``, ported; the files re-encoded."""
    if not (source / "read.php").is_file() or not (source / "lang" / "install_wind.sql").is_file():
        raise RuntimeError(f"{source} is not a phpwind 8 tree (read.php, lang/install_wind.sql)")
    original = source
    if made.codec != "utf-8":
        original = docroot.with_name(f"phpwind-{made.name}")
        shutil.copytree(source, original, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    recoded = edition.make(original, made, CHARSET_SETTINGS["8"])
    shutil.copytree(original, docroot, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    if not (docroot / "data" / "bbscache").is_dir():
        archive = subprocess.run(["git", "-C", str(source), "archive", DEPLOYED_DATA_COMMIT, "data"],
                                 capture_output=True, timeout=120, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(docroot)], input=archive, check=True, timeout=120)
        for suffix, count in edition.make(docroot / "data", made, CHARSET_SETTINGS["8"]).items():
            recoded[suffix] = recoded.get(suffix, 0) + count
    for name in ("sql_config.php", "install.lock"):
        (docroot / "data" / name).unlink(missing_ok=True)
    port8.port(docroot, original)
    return recoded


def language_pack(docroot: Path, edition: Edition) -> dict[str, str]:
    helper = docroot / "harness_lang.php"
    helper.write_text(LANG_DUMP_PHP, "utf-8")
    done = subprocess.run(["php", str(helper), str(docroot / "lang" / "install_lang.php"), edition.codec],
                          capture_output=True, text=True, timeout=60, check=True)
    helper.unlink()
    return json.loads(done.stdout)


def install_sql(docroot: Path, lang: dict[str, str], edition: Edition) -> str:
    text = (docroot / "lang" / "install_wind.sql").read_text(edition.codec)
    text = re.sub(r"\{#(\w+)\}", lambda m: lang.get(m.group(1), m.group(0)).replace("'", "\\'"), text)
    text = re.sub(r"\bTYPE\s*=\s*(MyISAM|HEAP)", r"ENGINE=\1", text, flags=re.I)
    # A few rows are inserted twice (pw_config's db_search_type): the first one stays.
    return re.sub(r"^INSERT INTO\b", "INSERT IGNORE INTO", text, flags=re.M)


def install(docroot: Path, db: MariaDB, base_url: str, edition: Edition = EDITIONS["utf-8"]) -> None:
    """As ``install.php`` does: the database and its tables in the language pack's
    ``db_charset`` made a MySQL name (``str_replace('-', '', …)``), which
    ``data/sql_config.php`` names for the connection."""
    lang = language_pack(docroot, edition)
    charset = edition.name.replace("-", "")
    # MySQL 5.0/5.1's default: phpwind's rows leave NOT NULL columns without a default out.
    db.sql("SET GLOBAL sql_mode = '';")
    db.sql(f"CREATE DATABASE {DB_NAME} CHARACTER SET {charset};")
    db.sql("SET SESSION sql_mode = '';\n" + install_sql(docroot, lang, edition), DB_NAME)
    name, password, email = ADMIN
    digest = hashlib.md5(password.encode()).hexdigest()
    db.sql(f"""
        INSERT INTO pw_members (uid, username, password, email, groupid, memberid, regdate,
            yz, userstatus) VALUES (1, '{name}', '{digest}', '{email}', 3, 8, UNIX_TIMESTAMP(),
            1, 0);
        INSERT INTO pw_memberdata (uid, postnum, lastvisit, thisvisit) VALUES (1, 0,
            UNIX_TIMESTAMP(), UNIX_TIMESTAMP());
        INSERT INTO pw_memberinfo (uid) VALUES (1);
        INSERT INTO pw_administrators (uid, username, groupid) VALUES (1, '{name}', 3);
        INSERT INTO pw_bbsinfo (id, newmember, totalmember) VALUES (1, '{name}', 1);
        REPLACE INTO pw_config (db_name, db_value) VALUES ('db_bbsurl', '{base_url}'),
            ('db_hash', '{secrets.token_hex(5)}'), ('db_siteid', '{secrets.token_hex(16)}'),
            ('db_sitehash', '{secrets.token_hex(20)}'), ('db_loadavg', '0');
        """, DB_NAME)
    host = db.host
    (docroot / "data" / "sql_config.php").write_text(SQL_CONFIG.format(
        host=host, user=DB_USER, password=DB_PASSWORD, name=DB_NAME, charset=charset,
        admin=name, admin_md5=digest), "utf-8")
    (docroot / "data" / "install.lock").write_text("LOCKED", "utf-8")
    rebuild_caches(docroot)
    configure(docroot, db)


# The scenario's settings, as the admin panel stores them (pw_config, pw_customfield,
# pw_forums): 4 posts a thread page and 3 threads a list page; an edit an author makes more
# than a minute after posting prints its line; no wait between two posts of a member
# (postpertime, 3 to 10 seconds by group); 现居住地 not required on registration (its
# choices come from pw_areas, which this install leaves empty).
SETTINGS = {"db_readperpage": "4", "db_perpage": "3", "db_postedittime": "1"}
SUB_BOARD, MEMBERS_BOARD = 3, 4
MEMBER_GROUPS = ",3,4,5,8,9,10,11,12,13,14,15,16,17,"  # every group but guests (2), 6, 7


def configure(docroot: Path, db: MariaDB) -> None:
    """Settings and boards: fid 3 a sub-board of the default board (2), fid 4 a board of
    category 1 only members may visit and read."""
    values = ", ".join(f"('{name}', '{value}')" for name, value in SETTINGS.items())
    db.sql(f"""
        REPLACE INTO pw_config (db_name, db_value) VALUES {values};
        UPDATE pw_customfield SET required = 0 WHERE fieldname = 'apartment';
        UPDATE pw_permission SET rvalue = '0' WHERE rkey = 'postpertime';
        INSERT INTO pw_forums (fid, fup, ifsub, childid, type, name, descrip, vieworder,
            allowvisit, allowread, f_type, cms, ifhide, showsub, ifcms, allowhide, allowsell,
            allowtype, allowencode, across, allowhtm, copyctrl, viewsub, password, style,
            logo, dirname, keywords, forumadmin, fupadmin, allowpost, allowrp,
            allowdownload, allowupload, modelid, forumsell, pcid, f_check, t_type)
        SELECT {SUB_BOARD}, 2, 1, 0, 'sub', '子版块', '默认版块的子版块', 1, '', '', f_type, cms,
            ifhide, showsub, ifcms, allowhide, allowsell, allowtype, allowencode, across,
            allowhtm, copyctrl, viewsub, password, style, logo, dirname, keywords,
            forumadmin, fupadmin, allowpost, allowrp, allowdownload, allowupload, modelid,
            forumsell, pcid, f_check, t_type FROM pw_forums WHERE fid = 2
        UNION ALL
        SELECT {MEMBERS_BOARD}, 1, 0, 0, 'forum', '会员专区', '只有会员才能浏览', 2,
            '{MEMBER_GROUPS}', '{MEMBER_GROUPS}', f_type, cms, ifhide, showsub, ifcms,
            allowhide, allowsell, allowtype, allowencode, across, allowhtm, copyctrl,
            viewsub, password, style, logo, dirname, keywords, forumadmin, fupadmin,
            allowpost, allowrp, allowdownload, allowupload, modelid, forumsell, pcid,
            f_check, t_type FROM pw_forums WHERE fid = 2;
        UPDATE pw_forums SET childid = 1 WHERE fid = 2;
        INSERT INTO pw_forumdata (fid, lastpost, aids) VALUES ({SUB_BOARD}, '', ''),
            ({MEMBERS_BOARD}, '', '');
        INSERT INTO pw_forumsextra (fid, creditset, forumset, commend, appinfo)
        SELECT f.fid, e.creditset, e.forumset, e.commend, e.appinfo FROM pw_forumsextra e
            JOIN pw_forums f ON f.fid IN ({SUB_BOARD}, {MEMBERS_BOARD}) WHERE e.fid = 2;
        """, DB_NAME)
    rebuild_caches(docroot)


def rebuild_caches(docroot: Path) -> None:
    helper = docroot / "harness_cache.php"
    helper.write_text(CACHE_PHP, "utf-8")
    options = [arg for key, value in port8.PHP_INI.items() for arg in ("-d", f"{key}={value}")]
    done = subprocess.run(["php", *options, "-d", "display_errors=stderr", str(helper)],
                          cwd=docroot, capture_output=True, text=True, timeout=300)
    helper.unlink()
    if "caches done" not in done.stdout:
        raise RuntimeError(f"updatecache failed: {done.stdout[-800:]} {done.stderr[-1500:]}")
