"""phpwind's URL forms, 8.x and 9.x (``docs/engines/phpwind.md``):

- thread: 8.x ``read.php?tid=N&page=K`` (``fpage``, ``toread`` and others are noise), its
  static form ``read-htm-tid-N-page-K.html`` (``read-htm-tid-N-fpage-0-toread--page-K.html``),
  the archive ``simple/?tN.html`` / ``simple/index.php?tN_K.html``; 9.x ``read.php?tid=N&fid=M&page=K``,
  the front controller's ``index.php?m=bbs&c=read&tid=N&page=K`` (``m`` defaults to bbs) and
  the rewrite rule ``read-{tid}-{page}`` (``/read-N-K.html``, ``/read-N.html``). ``page=e``
  is "the last page", a jump, not a page;
- post: 9.x ``index.php?c=read&a=jump&pid=N`` (a redirect to the post's page);
- thread list: ``thread.php?fid=N&page=K``, ``thread-htm-fid-N-page-K.html``,
  ``simple/?fN_K.html``, ``index.php?m=bbs&c=thread&fid=N&page=K``, ``/thread-N-K.html``;
- index: ``index.php`` (9.x: the newest threads), ``index.php?m=bbs&c=forumlist``,
  ``index.php?c=cate&fid=N`` (a category's boards), ``simple/``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.engines.base import PageRef
from scraper.engines.site_facts import SiteFacts

_STATIC = re.compile(r"(?P<script>read|thread)-htm-(?P<rest>[\w-]+?)\.html?$")
_REWRITE = re.compile(r"(?P<script>read|thread)-(?P<id>\d+)(?:-(?P<page>\d+))?(?:\.html?)?$")
_SIMPLE = re.compile(r"(?P<kind>[tf])(?P<id>\d+)(?:_(?P<page>\d+))?(?:\.html?)?$")
_INDEX_CONTROLLERS = {"", "index", "forum", "forumlist", "cate"}
# The scripts a site serves its thread lists by: 8.x ``thread.php`` (and its static and
# archive forms), 9.x (which has no thread.php) ``index.php?c=thread``, the default.
THREAD_PHP, FRONT_CONTROLLER = "thread.php", "index.php"


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _static_params(rest: str) -> dict[str, str]:
    """``tid-5-fpage-0-toread--page-2`` → {tid: 5, fpage: 0, toread: '', page: 2}."""
    pieces = rest.split("-")
    return {pieces[i]: pieces[i + 1] if i + 1 < len(pieces) else ""
            for i in range(0, len(pieces), 2)}


def _ref(script: str, params: dict[str, str]) -> PageRef | None:
    page_text = params.get("page", "")
    if page_text and not page_text.isdigit():
        return None  # page=e: the last page, whatever it is
    page = max(1, int(page_text)) if page_text else 1
    if script == "read" and (tid := _number(params.get("tid"))):
        return PageRef("thread", thread_id=tid, forum_id=_number(params.get("fid")), page=page)
    if script == "thread" and (fid := _number(params.get("fid"))):
        return PageRef("forum", forum_id=fid, page=page)
    return None


def _front_controller(params: dict[str, str]) -> PageRef | None:
    """9.x ``index.php?m=…&c=…&a=…``."""
    module, controller, action = (params.get(key, "") for key in ("m", "c", "a"))
    if module not in ("", "bbs"):
        return None
    if controller == "read" and action == "jump":
        pid = _number(params.get("pid"))
        return PageRef("post", post_id=pid) if pid else None
    if controller in ("read", "thread") and action in ("", "run"):
        return _ref(controller, params)
    if controller in _INDEX_CONTROLLERS and action in ("", "run"):
        return PageRef("index")
    return None


def _archive(url: str) -> bool:
    """A page of the ``simple/`` archive."""
    path = urlsplit(url).path
    return path.endswith("/simple/") or path.rsplit("/", 1)[-1] == "index.php" and "/simple/" in path


def list_script(url: str) -> str | None:
    """The script a URL shows its site serves thread lists by (``THREAD_PHP``: 8.x's
    ``thread.php``, its static ``thread-htm-…`` form, a page of the ``simple/`` archive;
    ``FRONT_CONTROLLER``: 9.x's ``index.php?c=thread``); None for a URL that shows neither."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    if _archive(url) or name == "thread.php" or _STATIC.match(name):
        return THREAD_PHP
    ref = _front_controller(dict(parse_qsl(urlsplit(url).query))) if name in ("", "index.php") else None
    return FRONT_CONTROLLER if ref and ref.kind == "forum" else None


def classify(url: str) -> PageRef | None:
    parts = urlsplit(url)
    name = parts.path.rsplit("/", 1)[-1]
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    if _archive(url):
        found = _SIMPLE.match(parts.query)
        if not found:
            return PageRef("index") if not parts.query else None
        script = "read" if found["kind"] == "t" else "thread"
        key = "tid" if script == "read" else "fid"
        return _ref(script, {key: found["id"], "page": found["page"] or ""})
    if name in ("read.php", "thread.php"):
        return _ref(name.removesuffix(".php"), params)
    if found := _STATIC.match(name):
        return _ref(found["script"], _static_params(found["rest"]))
    if found := _REWRITE.match(name):
        key = "tid" if found["script"] == "read" else "fid"
        return _ref(found["script"], {key: found["id"], "page": found["page"] or ""})
    if name in ("", "index.php"):
        return _front_controller(params)
    return None


def site_root(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path
    if "/simple/" in path:
        path = path[: path.index("/simple/") + 1]
    else:
        path = path[: path.rfind("/") + 1]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def learn_list_script(url: str, facts: SiteFacts) -> None:
    """The script the site of ``url`` serves thread lists by, when the URL shows it: the last
    seen counts."""
    if script := list_script(url):
        facts.scripts[(site_root(url), "forum")] = script


def page_url(site: str, kind: str, item_id: int, page: int = 1, *, facts: SiteFacts | None = None) -> str:
    """8.x and 9.x alike answer ``read.php?tid=`` (9.x keeps read.php as an entry to its front
    controller); a thread list is ``thread.php?fid=`` on a site ``facts`` saw using it, else
    9.x's ``index.php?c=thread&fid=``."""
    root = site if site.endswith("/") else site + "/"
    script = facts.scripts.get((root, "forum")) if facts else None
    return _page_url(root, kind, item_id, page, script)


def _page_url(root: str, kind: str, item_id: int, page: int, script: str | None) -> str:
    paging = {"page": page} if page > 1 else {}
    if kind == "thread":
        return f"{root}read.php?{urlencode({'tid': item_id, **paging})}"
    if script == THREAD_PHP:
        return f"{root}thread.php?{urlencode({'fid': item_id, **paging})}"
    return f"{root}index.php?{urlencode({'c': 'thread', 'fid': item_id, **paging})}"


def canonicalize(url: str) -> str:
    """A thread or list page's URL in its script's plain form (a list in the script the URL
    shows: ``thread.php`` or ``index.php?c=thread``)."""
    ref = classify(url)
    if ref is None or ref.kind not in ("thread", "forum"):
        return url.split("#", 1)[0]
    item = ref.thread_id if ref.kind == "thread" else ref.forum_id
    return _page_url(site_root(url), ref.kind, item, ref.page, list_script(url))
