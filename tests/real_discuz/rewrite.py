"""Discuz! X's URL rewriting (全局 → SEO设置 → URL 静态化) turned on, and its rules served.

Settings: what the admin form saves with every rule's box ticked and the text fields left as
shown (``admincp_setting.php``, ``operation == 'seo'``: ``rewritestatus`` the ticked keys,
``rewriterule`` each field, an empty one replaced by ``rewritedata()``'s ``rulesearch``), and
``rewritecompatible`` on. Discuz stores both arrays serialized (``dunserialize`` on read).

Serving: the rules the admin page prints for the site's own root (``admincp_checktools.php``,
``operation == 'rewrite'``: ``{apache2}`` / ``{nginx}``, made from ``rewritedata()``'s
``rulesearch``, ``rulevars`` and ``rulereplace``) as the PHP built-in server's router script
(``write_router``, which Discuz! 7's harness gives its own rules): the first rule whose
pattern matches the path sends the request to its script with the rule's query and the
request's own (Apache's ``&%1``, nginx's arguments); any other request is served as PHP's
server serves it.
"""

from __future__ import annotations

import json
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
# site root; forum_archiver's live under archiver/ (its ``$rulepath``). ``%1`` is the request's
# own query (``RewriteCond %{QUERY_STRING} ^(.*)$``).
X_RULES = (
    (r"^/topic-(.+)\.html$", "portal.php?mod=topic&topic=$1&%1"),
    (r"^/article-([0-9]+)-([0-9]+)\.html$", "portal.php?mod=view&aid=$1&page=$2&%1"),
    (r"^/forum-(\w+)-([0-9]+)\.html$", "forum.php?mod=forumdisplay&fid=$1&page=$2&%1"),
    (r"^/thread-([0-9]+)-([0-9]+)-([0-9]+)\.html$", "forum.php?mod=viewthread&tid=$1&extra=page%3D$3&page=$2&%1"),
    (r"^/group-([0-9]+)-([0-9]+)\.html$", "forum.php?mod=group&fid=$1&page=$2&%1"),
    (r"^/space-(username|uid)-(.+)\.html$", "home.php?mod=space&$1=$2&%1"),
    (r"^/blog-([0-9]+)-([0-9]+)\.html$", "home.php?mod=space&uid=$1&do=blog&id=$2&%1"),
    (r"^/archiver/(fid|tid)-([0-9]+)\.html$", "archiver/index.php?action=$1&value=$2&%1"),
    (r"^/([a-z]+[a-z0-9_]*)-([a-z0-9_\-]+)\.html$", "plugin.php?id=$1:$2&%1"),
)

# The router: the first rule whose pattern matches the path sends the request to its script
# with the rule's query; the request's own goes where an Apache rule says (``%1``), else after
# it when there is one (nginx).
ROUTER_PHP = r"""<?php
// forum-harvest test harness (not part of Discuz!): the rewrite rules Discuz's admin page or
// manual gives for Apache and nginx, as PHP's built-in server's router script.
function harness_rewrite() {
    $rules = json_decode(file_get_contents(__DIR__.'/harness_rewrite_rules.json'), true);
    $path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
    foreach($rules as $rule) {
        if(!preg_match($rule[0], $path)) {
            continue;
        }
        $own = isset($_SERVER['QUERY_STRING']) ? $_SERVER['QUERY_STRING'] : '';
        $target = preg_replace($rule[0], $rule[1], $path);
        if(strpos($rule[1], '%1') !== false) {
            $target = str_replace('%1', $own, $target);
        } elseif($own !== '') {
            $target .= '&'.$own;
        }
        list($script, $query) = explode('?', $target, 2);
        $_SERVER['QUERY_STRING'] = $query;
        parse_str($query, $_GET);
        $_REQUEST = array_merge($_GET, $_POST);
        $_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/'.$script;
        $_SERVER['SCRIPT_FILENAME'] = __DIR__.'/'.$script;
        return true;
    }
    return false;
}
// The router's own variables stay out of the script's globals (Discuz 6/7 read globals).
if(!harness_rewrite()) {
    return false;
}
// PHP's server logs no status line for a request its router answered: this writes one in
// the server's own format (``[200]: GET /path``), which crawl.py reads from the log.
register_shutdown_function(function($method, $uri) {
    file_put_contents('php://stderr', '['.http_response_code().']: '.$method.' '.$uri."\n");
}, $_SERVER['REQUEST_METHOD'], $_SERVER['REQUEST_URI']);
chdir(dirname($_SERVER['SCRIPT_FILENAME']));
// PHP's server runs a router without auto_prepend_file: the script gets it here.
if(ini_get('auto_prepend_file')) {
    require_once ini_get('auto_prepend_file');
}
require $_SERVER['SCRIPT_FILENAME'];
return true;
"""
ROUTER_NAME = "harness_rewrite_router.php"
RULES_NAME = "harness_rewrite_rules.json"


def settings() -> dict[str, str]:
    """``pre_common_setting`` rows as the SEO form saves them with every rule ticked."""
    return {"rewritestatus": php_serialize(list(RULES)), "rewriterule": php_serialize(RULES),
            "rewritecompatible": "1"}


def write_router(docroot: Path, rules: tuple[tuple[str, str], ...] = X_RULES) -> Path:
    """``rules``: (PCRE pattern of the path, ``script?query`` with ``$N``), first match wins;
    written beside the router, which reads them."""
    (docroot / RULES_NAME).write_text(json.dumps([[f"#{pattern}#", target] for pattern, target in rules]), "utf-8")
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
