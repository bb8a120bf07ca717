"""Google SEO (github.com/frostschutz/MyBB-Google-SEO) on the harness's MyBB, as its admin
would set it up: the plugin and PluginLibrary copied in, installed and activated through
the plugin API the Admin CP calls, "Enable Google SEO URL" switched on (every other setting
at its default), the plugin's edits to ``inc/functions.php`` applied (its "apply" link),
and the rewrite rules of its ``htaccess.example.txt`` in the router.

Sources come from ``$MYBB_GOOGLE_SEO_SOURCE`` and ``$MYBB_PLUGINLIBRARY_SOURCE`` (trees
outside the repo); nothing of theirs is kept here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import quote

from tests.real_discuz.servers import MariaDB
from tests.real_mybb.capture import UrlForm, plain_form, seo_form
from tests.real_mybb.install import DB_NAME, MYBB_REWRITES, P, edit_templates, run_php, write_router

SOURCE_ENV = "MYBB_GOOGLE_SEO_SOURCE"
LIBRARY_ENV = "MYBB_PLUGINLIBRARY_SOURCE"

# htaccess.example.txt's "Google SEO URL" rules ([L,QSA,NC]), ahead of MyBB's own.
GOOGLE_SEO_REWRITES = (
    (r"#^/Forum-([^./]+)$#i", "forumdisplay.php?google_seo_forum=$1"),
    (r"#^/Thread-([^./]+)$#i", "showthread.php?google_seo_thread=$1"),
    (r"#^/Announcement-([^./]+)$#i", "announcements.php?google_seo_announcement=$1"),
    (r"#^/User-([^./]+)$#i", "member.php?action=profile&google_seo_user=$1"),
)

# The plugin's own idtype numbers (``GOOGLE_SEO_FORUM``, ``GOOGLE_SEO_THREAD``).
FORUM, THREAD = 3, 4

ACTIVATE_PHP = """<?php
// forum-harvest test harness (not part of MyBB or Google SEO): what the Admin CP's plugin
// page does on "Install & Activate", then the settings and the plugin's core edits.
define('IN_MYBB', 1);
define('IN_ADMINCP', 1);
define('NO_ONLINE', 1);
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
require_once __DIR__.'/inc/init.php';
$lang->set_path(MYBB_ROOT.'inc/languages');
$lang->set_language('english', 'admin');
require_once MYBB_ROOT.'inc/plugins/google_seo.php';
if(!google_seo_is_installed())
{
    google_seo_install();
}
google_seo_activate();
$active = $cache->read('plugins');
$active['active']['google_seo'] = 'google_seo';
$cache->update('plugins', $active);
$db->update_query('settings', array('value' => '1'), "name='google_seo_url'");
rebuild_settings();
if(google_seo_plugin_apply(true) !== true)
{
    exit("core edits failed\\n");
}
echo "google seo active\\n";
"""


def sources() -> tuple[Path, Path] | None:
    """The plugin's and PluginLibrary's trees when both variables are set, else None."""
    plugin, library = os.environ.get(SOURCE_ENV), os.environ.get(LIBRARY_ENV)
    if not plugin and not library:
        return None
    if not plugin or not library:
        raise RuntimeError(f"Google SEO needs both ${SOURCE_ENV} and ${LIBRARY_ENV}")
    return Path(plugin), Path(library)


def install(docroot: Path, plugin: Path, library: Path) -> str:
    """Copy both trees' ``inc/`` in, activate, switch URLs on; returns the plugin's version."""
    for tree in (plugin, library):
        shutil.copytree(tree / "inc", docroot / "inc", dirs_exist_ok=True)
    write_router(docroot, GOOGLE_SEO_REWRITES + MYBB_REWRITES)
    run_php(docroot, "harness_google_seo.php", ACTIVATE_PHP, "google seo active")
    info = (plugin / "inc" / "plugins" / "google_seo" / "plugin.php").read_text("utf-8")
    found = next((line for line in info.splitlines() if '"version"' in line), "")
    return found.split("=>")[-1].strip(' ",') or "unknown"


def url_forms(docroot: Path, plain: str, seo: str, db: MariaDB) -> tuple[list[UrlForm], str | None]:
    """The URL forms to capture and the plugin's version: with its sources (``sources``) the
    plugin is installed now and its form goes beside the plain one, else MyBB's own SEO form
    does (version None)."""
    plugin = sources()
    if not plugin:
        return [plain_form(plain), seo_form(seo)], None
    version = install(docroot, *plugin)
    return [plain_form(plain), url_form(seo, db)], version


def truth(db: MariaDB, version: str) -> dict:
    """The plugin's version and the names it gave forums and threads (``slugs``)."""
    return {"version": version, **{kind: slugs(db, idtype) for kind, idtype in
                                   (("forums", FORUM), ("threads", THREAD))}}


def slugs(db: MariaDB, idtype: int) -> dict[int, str]:
    """id -> the URL part the plugin gave it (``mybb_google_seo``, active rows)."""
    rows = db.json_rows("id, url", f"{P}google_seo WHERE idtype={idtype} AND active=1", DB_NAME)
    return {row["id"]: row["url"] for row in rows}


def url_form(base: str, db: MariaDB) -> UrlForm:
    """Google SEO's links: ``Forum-NAME``, ``Thread-NAME``, ``?page=N``, ``?pid=N``; each name
    read from the plugin's table when asked (it names a forum or thread when it first
    writes a link to it)."""
    def name(idtype: int, key: int) -> str:
        return quote(slugs(db, idtype)[key], safe="-")

    def paged(path: str, page: int) -> str:
        return path + (f"?page={page}" if page > 1 else "")

    return UrlForm("googleseo", base,
                   lambda fid, page: paged(f"Forum-{name(FORUM, fid)}", page),
                   lambda tid, page: paged(f"Thread-{name(THREAD, tid)}", page),
                   lambda tid, pid: f"Thread-{name(THREAD, tid)}?pid={pid}")


# A theme that prints no id on its forum rows (sinister.ly's, a real Google SEO site, keeps
# them on sub-forum icons only): the rows' status icon loses ``id="mark_read_{fid}"``.
ROW_ICON_ID = " id=\"mark_read_{$forum['fid']}\""


def drop_row_ids(db: MariaDB) -> None:
    """Edit the master templates ``forumbit_depth2_forum`` and ``_cat`` as such a theme does."""
    edit_templates(db, ("forumbit_depth2_forum", "forumbit_depth2_cat"), ROW_ICON_ID)
