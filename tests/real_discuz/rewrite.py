"""Discuz! X's URL rewriting (全局 → SEO设置 → URL 静态化) turned on, and its rules served.

Settings: what the admin form saves with every rule's box ticked and the text fields left as
shown (``admincp_setting.php``, ``operation == 'seo'``: ``rewritestatus`` the ticked keys,
``rewriterule`` each field, an empty one replaced by ``rewritedata()``'s ``rulesearch``), and
``rewritecompatible`` on. Discuz stores both arrays serialized (``dunserialize`` on read).

Serving: the rules the admin page prints for the site's own root (``admincp_checktools.php``,
``operation == 'rewrite'``: ``{apache2}`` / ``{nginx}``, made from ``rewritedata()``'s
``rulesearch``, ``rulevars`` and ``rulereplace``) as the PHP built-in server's router script:
the first rule whose pattern matches the path sends the request to its script with the
rule's query and then the request's own (Apache's ``&%1``); any other request is served as
PHP's server serves it.
"""

from __future__ import annotations

from pathlib import Path

# rewritedata()'s rulesearch, in its order: what the form's text fields show and save.
RULES = {
    "portal_topic": "topic-{name}.html",
    "portal_article": "article-{id}-{page}.html",
    "forum_forumdisplay": "forum-{fid}-{page}.html",
    "forum_viewthread": "thread-{tid}-{page}-{prevpage}.html",
    "group_group": "group-{fid}-{page}.html",
    "home_space": "space-{user}-{value}.html",
    "home_blog": "blog-{uid}-{blogid}.html",
    "forum_archiver": "{action}-{value}.html",
    "plugin": "{pluginid}-{module}.html",
}

# The admin page's {apache2} rules for these RULES (pattern -> script?query), anchored at the
# site root; forum_archiver's live under archiver/ (its ``$rulepath``).
ROUTER_PHP = r"""<?php
// forum-harvest test harness (not part of Discuz!): Discuz! X's rewrite rules, as its admin
// page (admin.php?action=checktools&operation=rewrite) prints them for Apache and nginx.
$rules = array(
    '#^/topic-(.+)\.html$#' => 'portal.php?mod=topic&topic=$1',
    '#^/article-([0-9]+)-([0-9]+)\.html$#' => 'portal.php?mod=view&aid=$1&page=$2',
    '#^/forum-(\w+)-([0-9]+)\.html$#' => 'forum.php?mod=forumdisplay&fid=$1&page=$2',
    '#^/thread-([0-9]+)-([0-9]+)-([0-9]+)\.html$#' => 'forum.php?mod=viewthread&tid=$1&extra=page%3D$3&page=$2',
    '#^/group-([0-9]+)-([0-9]+)\.html$#' => 'forum.php?mod=group&fid=$1&page=$2',
    '#^/space-(username|uid)-(.+)\.html$#' => 'home.php?mod=space&$1=$2',
    '#^/blog-([0-9]+)-([0-9]+)\.html$#' => 'home.php?mod=space&uid=$1&do=blog&id=$2',
    '#^/archiver/(fid|tid)-([0-9]+)\.html$#' => 'archiver/index.php?action=$1&value=$2',
    '#^/([a-z]+[a-z0-9_]*)-([a-z0-9_\-]+)\.html$#' => 'plugin.php?id=$1:$2',
);
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
foreach($rules as $pattern => $target) {
    if(!preg_match($pattern, $path)) {
        continue;
    }
    list($script, $query) = explode('?', preg_replace($pattern, $target, $path), 2);
    $query .= '&'.(isset($_SERVER['QUERY_STRING']) ? $_SERVER['QUERY_STRING'] : '');
    $_SERVER['QUERY_STRING'] = $query;
    parse_str($query, $_GET);
    $_REQUEST = array_merge($_GET, $_POST);
    $_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/'.$script;
    $_SERVER['SCRIPT_FILENAME'] = __DIR__.'/'.$script;
    chdir(dirname($_SERVER['SCRIPT_FILENAME']));
    require $_SERVER['SCRIPT_FILENAME'];
    return true;
}
return false;
"""
ROUTER_NAME = "harness_rewrite_router.php"


def settings() -> dict[str, str]:
    """``pre_common_setting`` rows as the SEO form saves them with every rule ticked."""
    return {"rewritestatus": php_serialize(list(RULES)), "rewriterule": php_serialize(RULES),
            "rewritecompatible": "1"}


def write_router(docroot: Path) -> Path:
    router = docroot / ROUTER_NAME
    router.write_text(ROUTER_PHP, "utf-8")
    return router


def php_serialize(value: list[str] | dict[str, str]) -> str:
    """PHP's ``serialize()`` of a list or a dict of ASCII strings."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    body = "".join(_key(key) + f's:{len(item)}:"{item}";' for key, item in items)
    return f"a:{len(value)}:{{{body}}}"


def _key(key: int | str) -> str:
    return f"i:{key};" if isinstance(key, int) else f's:{len(key)}:"{key}";'


def thread_path(tid: int, page: int) -> str:
    """A thread page as a robot's pages link it (``{prevpage}`` is 1 for robots:
    ``rewriteoutput()``), the form the capture uses for both User-Agents."""
    return f"thread-{tid}-{page}-1.html"


def forum_path(fid: int, page: int) -> str:
    return f"forum-{fid}-{page}.html"


def archiver_path(kind: str, item: int, page: int) -> str:
    """``kind`` fid or tid; a later page as ``rewriteoutput('forum_archiver')`` adds it."""
    return f"archiver/{kind}-{item}.html" + (f"?page={page}" if page > 1 else "")
