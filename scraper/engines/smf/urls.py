"""SMF's URL forms (1.1, 2.0 and 2.1 alike). Everything goes through ``index.php``; its query
is split on ``;`` as well as ``&`` (``Sources/QueryString.php``, ``cleanRequest``):

- topic: ``index.php?topic=N.M`` (M = the offset of the page's first message), ``topic=N.msgK``
  (the page holding message K: a post link), ``topic=N.new`` (first unread: a jump),
  ``topic=N.0;all`` (every message on one page: not a page of the usual size, skipped);
- board: ``index.php?board=N.M`` (M = the offset of the page's first topic);
- a message: ``index.php?msg=K`` (SMF answers with a redirect to ``topic=N.msgK#msgK``);
- queryless (``queryless_urls`` on an Apache, lighttpd or LiteSpeed server):
  ``index.php/topic,N.M.html``, ``index.php/board,N.M.html``, ``index.php/topic,N.msgK.html``;
  further parameters become path parts (``topic,2.0/prev_next,prev.html``);
- the index: ``index.php``, ``index.php?action=forum``, the directory itself.
A guest without a cookie gets ``PHPSESSID=…`` in every link (before the rest of the query,
or after ``.html?`` in queryless links): ``canonicalize`` drops it.

Pages are addressed by offset, so the page number of a URL is reckoned with SMF's default
page sizes (15 messages, 20 topics) and kept exact in ``PageRef.start``.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

from scraper.engines.base import PageRef

MESSAGES_PER_PAGE = 15  # defaultMaxMessages
TOPICS_PER_PAGE = 20  # defaultMaxTopics
_ITEM = re.compile(r"(?P<id>\d+)(?:\.(?P<rest>[0-9a-z]+))?")
_ACTIONS_OF_THE_INDEX = {"", "forum"}


def _parameters(url: str) -> tuple[dict[str, str], str]:
    """The request's parameters (query, and queryless path parts) and the path up to and
    including ``index.php``."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    params: dict[str, str] = {}
    script, _, tail = path.partition("index.php")
    for piece in re.split(r"[&;]", parts.query):
        key, _, value = piece.partition("=")
        if key:
            params.setdefault(key, value)
    if tail.startswith("/"):
        tail = re.sub(r"\.html?$", "", tail[1:])
        for piece in tail.split("/"):
            key, _, value = piece.partition(",")
            if key:
                params.setdefault(key, value)
    return params, script + ("index.php" if "index.php" in path else "")


def classify(url: str) -> PageRef | None:
    params, script = _parameters(url)
    if not script.endswith("index.php") and not urlsplit(url).path.endswith("/"):
        return None
    if "topic" in params:
        return _topic(params)
    if "board" in params:
        found = _ITEM.fullmatch(params["board"])
        if not found or params.get("action") or params.get("sort"):
            return None
        start = int(found["rest"]) if found["rest"] and found["rest"].isdigit() else 0
        return PageRef("forum", forum_id=int(found["id"]), page=start // TOPICS_PER_PAGE + 1,
                       start=start)
    if "msg" in params and params["msg"].isdigit() and not params.get("action"):
        return PageRef("post", post_id=int(params["msg"]))
    if params.get("action", "") in _ACTIONS_OF_THE_INDEX and not set(params) - {
            "action", "PHPSESSID"}:
        return PageRef("index")
    return None


def _topic(params: dict[str, str]) -> PageRef | None:
    found = _ITEM.fullmatch(params["topic"])
    if not found or params.get("action") or "all" in params or "prev_next" in params:
        return None
    topic, rest = int(found["id"]), found["rest"] or "0"
    if rest.startswith("msg") and rest[3:].isdigit():
        return PageRef("post", thread_id=topic, post_id=int(rest[3:]))
    if rest in ("new", "from"):
        return PageRef("post", thread_id=topic)
    if not rest.isdigit():
        return None
    start = int(rest)
    return PageRef("thread", thread_id=topic, page=start // MESSAGES_PER_PAGE + 1, start=start)


def site_root(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path.split("index.php")[0]
    path = path[: path.rfind("/") + 1] or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def page_url(site: str, kind: str, item_id: int, page: int = 1, start: int | None = None) -> str:
    """``index.php?topic=N.M`` / ``index.php?board=N.M``; M from ``start`` when given, else
    from ``page`` with SMF's default page size."""
    root = site_root(site)
    if kind == "thread":
        offset = start if start is not None else (page - 1) * MESSAGES_PER_PAGE
        return f"{root}index.php?topic={item_id}.{offset}"
    if kind == "forum":
        offset = start if start is not None else (page - 1) * TOPICS_PER_PAGE
        return f"{root}index.php?board={item_id}.{offset}"
    if kind == "post":
        return f"{root}index.php?msg={item_id}"
    raise ValueError(f"no SMF URL for kind {kind!r}")


def canonicalize(url: str) -> str:
    """One spelling per page: queryless or not, any parameter order, ``PHPSESSID`` and the
    fragment dropped; other URLs keep everything but the session id."""
    ref = classify(url)
    root = site_root(url)
    if ref is None:
        parts = urlsplit(url)
        query = ";".join(p for p in re.split(r"[&;]", parts.query)
                         if p and not p.startswith("PHPSESSID="))
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
    if ref.kind == "index":
        return root + "index.php"
    if ref.kind == "post":
        if ref.post_id and ref.thread_id:
            return f"{root}index.php?topic={ref.thread_id}.msg{ref.post_id}"
        if ref.post_id:
            return page_url(root, "post", ref.post_id)
        return f"{root}index.php?topic={ref.thread_id}.new"
    item = ref.thread_id if ref.kind == "thread" else ref.forum_id
    return page_url(root, ref.kind, item, ref.page, ref.start)
