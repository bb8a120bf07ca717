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

_STATIC = re.compile(r"(?P<script>read|thread)-htm-(?P<rest>[\w-]+?)\.html?$")
_REWRITE = re.compile(r"(?P<script>read|thread)-(?P<id>\d+)(?:-(?P<page>\d+))?(?:\.html?)?$")
_SIMPLE = re.compile(r"(?P<kind>[tf])(?P<id>\d+)(?:_(?P<page>\d+))?(?:\.html?)?$")
_INDEX_CONTROLLERS = {"", "index", "forum", "forumlist", "cate"}
# site root -> the script its thread lists are served by, as last seen in a URL classified:
# 8.x ``thread.php``, 9.x (which has no thread.php) ``index.php?c=thread``, the default.
_LIST_SCRIPTS: dict[str, str] = {}


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


def classify(url: str) -> PageRef | None:
    parts = urlsplit(url)
    name = parts.path.rsplit("/", 1)[-1]
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    if parts.path.endswith("/simple/") or name == "index.php" and "/simple/" in parts.path:
        _LIST_SCRIPTS[site_root(url)] = "thread.php"
        found = _SIMPLE.match(parts.query)
        if not found:
            return PageRef("index") if not parts.query else None
        script = "read" if found["kind"] == "t" else "thread"
        key = "tid" if script == "read" else "fid"
        return _ref(script, {key: found["id"], "page": found["page"] or ""})
    if name in ("read.php", "thread.php"):
        if name == "thread.php":
            _LIST_SCRIPTS[site_root(url)] = "thread.php"
        return _ref(name.removesuffix(".php"), params)
    if found := _STATIC.match(name):
        _LIST_SCRIPTS[site_root(url)] = "thread.php"
        return _ref(found["script"], _static_params(found["rest"]))
    if found := _REWRITE.match(name):
        key = "tid" if found["script"] == "read" else "fid"
        return _ref(found["script"], {key: found["id"], "page": found["page"] or ""})
    if name in ("", "index.php"):
        ref = _front_controller(params)
        if ref and ref.kind == "forum":
            _LIST_SCRIPTS[site_root(url)] = "index.php"
        return ref
    return None


def site_root(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path
    if "/simple/" in path:
        path = path[: path.index("/simple/") + 1]
    else:
        path = path[: path.rfind("/") + 1]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def page_url(site: str, kind: str, item_id: int, page: int = 1) -> str:
    """8.x and 9.x alike answer ``read.php?tid=`` (9.x keeps read.php as an entry to its front
    controller); a thread list is ``thread.php?fid=`` on a site seen using it, else 9.x's
    ``index.php?c=thread&fid=``."""
    root = site if site.endswith("/") else site + "/"
    paging = {"page": page} if page > 1 else {}
    if kind == "thread":
        return f"{root}read.php?{urlencode({'tid': item_id, **paging})}"
    if _LIST_SCRIPTS.get(root) == "thread.php":
        return f"{root}thread.php?{urlencode({'fid': item_id, **paging})}"
    return f"{root}index.php?{urlencode({'c': 'thread', 'fid': item_id, **paging})}"


def canonicalize(url: str) -> str:
    ref = classify(url)
    if ref is None or ref.kind not in ("thread", "forum"):
        return url.split("#", 1)[0]
    item = ref.thread_id if ref.kind == "thread" else ref.forum_id
    return page_url(site_root(url), ref.kind, item, ref.page)
