"""phpBB SEO's "Ultimate SEO URL" extension (``phpbbseo/usu``, 3.2+) on the harness's board:
copied from USU_SOURCE into ``ext/phpbbseo/usu``, enabled with phpBB's console, set up in its
ACP module as an admin does (its settings form, then its server page's "save" that writes the
``.htaccess`` it wants into its cache folder), and served through ``ROUTER_PHP``, which does
for PHP's built-in server what Apache does with that file's ``RewriteRule`` lines.

``MODES``: the settings each capture is made in. The settings form prints its URL-type select
with no option selected, so a browser sends the first, "Simple" (``forumN.html``,
``topicN.html``): what the form gives once "URL rewriting" is turned on and nothing else is
changed. "Advanced" puts the titles in (``title-fN.html``, ``title-tN.html``); the virtual
folder puts a topic in its forum's folder (``forum-fN/topic-tM.html``). "Zero duplicate" on
(off by default) answers phpBB's own URLs with a 301 to the rewritten one (``viewtopic.php?p=10``
to ``topic2-6.html#p10``): checked live (``tests/test_real_phpbb_seo.py``), not captured (the
capture asks phpBB's URLs for a 200). "Remove ids" (Advanced, forum URL cache on) links a forum
by its title alone (``your-first-forum.html``, ``your-first-forum-3.html``; with the virtual
folder ``your-first-forum/``, ``your-first-forum/page3.html``). Beyond "Simple", the
module's forum URL page is sent as it comes (each forum's suggested URL), as the settings page
asks: the forum URLs are cached then, which the index's links take.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

from tests.real_discuz.http_client import BROWSER_UA, Browser
from tests.real_phpbb.acp import AdminPanel
from tests.real_phpbb.front_end import Member
from tests.real_phpbb.install import ADMIN, console

EXTENSION = "phpbbseo/usu"
MODULE = "-phpbbseo-usu-acp-usu"  # the ACP's i= for the extension's module class
MODES = {
    "simple": {"url_rewrite": "1", "modrtype": "1"},
    "advanced": {"url_rewrite": "1", "modrtype": "3"},
    "vfolder": {"url_rewrite": "1", "modrtype": "3", "virtual_folder": "1"},
    "zerodupe": {"url_rewrite": "1", "modrtype": "1", "zero_dupe_on": "1"},
    "remids": {"url_rewrite": "1", "modrtype": "3", "rem_ids": "1"},
    "remids-vfolder": {"url_rewrite": "1", "modrtype": "3", "rem_ids": "1", "virtual_folder": "1"},
}
ROUTER = "harness_seo_router.php"

ROUTER_PHP = r"""<?php
// forum-harvest test harness (not part of phpBB or its extensions): what Apache's mod_rewrite
// does with the RewriteRule lines of the .htaccess phpBB SEO wrote, for PHP's built-in server.
// An existing file is served as is (the file's first rule: RewriteCond -f/-d, then no rewrite).
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$rules = __DIR__ . '/ext/phpbbseo/usu/cache/.htaccess';
if ($path === '/' || is_file(__DIR__ . $path) || !is_file($rules)) {
    return false;
}
foreach (file($rules) as $line) {
    if (!preg_match('/^\s*RewriteRule\s+(\S+)\s+(\S+)(?:\s+\[([^\]]*)\])?/', $line, $rule) || $rule[2] === '-') {
        continue;
    }
    $flags = explode(',', strtoupper($rule[3] ?? ''));
    if (!preg_match('`' . $rule[1] . '`' . (in_array('NC', $flags) ? 'i' : ''), ltrim($path, '/'), $found)) {
        continue;
    }
    $target = preg_replace_callback('/\$(\d)/', fn ($m) => $found[$m[1]] ?? '', $rule[2]);
    if (preg_grep('/^R(=\d+)?$/', $flags)) {
        header('Location: ' . $target, true, 301);
        return true;
    }
    [$script, $query] = array_pad(explode('?', $target, 2), 2, '');
    if (in_array('QSA', $flags) && ($_SERVER['QUERY_STRING'] ?? '') !== '') {
        $query .= ($query === '' ? '' : '&') . $_SERVER['QUERY_STRING'];
    }
    parse_str($query, $_GET);
    $_REQUEST = array_merge($_GET, $_POST);
    $_SERVER['QUERY_STRING'] = $query;
    $_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = $script;
    $_SERVER['SCRIPT_FILENAME'] = __DIR__ . $script;
    chdir(__DIR__);
    require __DIR__ . $script;
    return true;
}
return false;
"""


def add_router(docroot: Path) -> Path:
    """The router script, in the board's root (before its server starts: PHP takes it then)."""
    router = docroot / ROUTER
    router.write_text(ROUTER_PHP, "utf-8")
    return router


def enable(docroot: Path, base_url: str, extension_source: Path, mode: str) -> None:
    """Install the extension from ``extension_source`` and set it up in ``mode`` (``MODES``)."""
    if not (extension_source / "composer.json").is_file():
        raise RuntimeError(f"USU_SOURCE={extension_source} holds no extension (composer.json)")
    shutil.copytree(extension_source, docroot / "ext" / EXTENSION, symlinks=True)
    done = console(docroot, "extension:enable", EXTENSION)
    if "Successfully enabled" not in done:
        raise RuntimeError(f"extension:enable {EXTENSION}: {done[-600:]}")
    # The extension writes absolute links from the board's server settings: the port served on.
    console(docroot, "config:set", "server_port", str(urlsplit(base_url).port))
    console(docroot, "cache:purge")
    panel = AdminPanel(Member(base_url, ADMIN[0], ADMIN[1]))
    panel.admin.login()
    panel.login()
    panel.submit(MODULE, "settings", MODES[mode])
    if MODES[mode]["modrtype"] != "1":  # the forum URLs the module suggests, kept as they are
        panel.submit(MODULE, "forum_url", {})
    panel.submit(MODULE, "server", {"save": "1"})
    if not (docroot / "ext" / EXTENSION / "cache" / ".htaccess").is_file():
        raise RuntimeError("the extension's server page wrote no .htaccess")
    console(docroot, "cache:purge")
    # One request builds the purged cache (phpBB's container), as a board in service has it:
    # the first page after a purge can print the build's PHP warnings.
    Browser(BROWSER_UA).get(f"{base_url}/index.php")
