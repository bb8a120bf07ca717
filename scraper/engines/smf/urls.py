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

Pages are addressed by offset, so the page number of a URL is reckoned with the site's page
sizes, and kept exact in ``PageRef.start``. A site's sizes are learned into the crawl's
``SiteFacts`` from the pagers read (``learn_page_size``: the offset page 2's link names is the
page size); before that, SMF's defaults (15 messages, 20 topics) are assumed.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

from scraper.engines.base import PageRef
from scraper.engines.post_links import fragment_post
from scraper.engines.site_facts import SiteFacts

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


def page_size(url: str, kind: str, facts: SiteFacts | None) -> int:
    default = MESSAGES_PER_PAGE if kind == "thread" else TOPICS_PER_PAGE
    return (facts.size(site_root(url), kind) if facts else None) or default


def learn_page_size(page_two_url: str, facts: SiteFacts) -> None:
    """The site's page size, from the link to page 2 of a topic or board."""
    ref = classify(page_two_url)
    if ref and ref.kind in ("thread", "forum"):
        facts.learn_size(site_root(page_two_url), ref.kind, ref.start)


def classify(url: str, facts: SiteFacts | None = None) -> PageRef | None:
    """The page a URL names; an offset's page number at the page size ``facts`` hold."""
    params, script = _parameters(url)
    if not script.endswith("index.php") and not urlsplit(url).path.endswith("/"):
        return None
    if "topic" in params:
        return _topic(params, url, facts)
    if "board" in params:
        found = _ITEM.fullmatch(params["board"])
        if not found or params.get("action") or params.get("sort"):
            return None
        start = int(found["rest"]) if found["rest"] and found["rest"].isdigit() else 0
        return PageRef("forum", forum_id=int(found["id"]),
                       page=start // page_size(url, "forum", facts) + 1, start=start)
    if "msg" in params and params["msg"].isdigit() and not params.get("action"):
        return PageRef("post", post_id=int(params["msg"]))
    if params.get("action", "") in _ACTIONS_OF_THE_INDEX and not set(params) - {
            "action", "PHPSESSID"}:
        return PageRef("index")
    return None


def _topic(params: dict[str, str], url: str, facts: SiteFacts | None) -> PageRef | None:
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
    return PageRef("thread", thread_id=topic, page=start // page_size(url, "thread", facts) + 1,
                   start=start)


def linked_message(url: str) -> int | None:
    """The message a link names: ``topic=N.msgK`` (1.1's last-post link, a member's in 2.x)
    or a guest's ``topic=N.M#msgK``; ``topic=N.0#new`` (a topic without replies) names none."""
    ref = classify(url)
    if ref is not None and ref.kind == "post" and ref.post_id:
        return ref.post_id
    return fragment_post(url, "msg")


def site_root(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path.split("index.php")[0]
    path = path[: path.rfind("/") + 1] or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def page_url(site: str, kind: str, item_id: int, page: int = 1, start: int | None = None, *,
             facts: SiteFacts | None = None) -> str:
    """``index.php?topic=N.M`` / ``index.php?board=N.M``; M from ``start`` when given, else
    from ``page`` with the page size ``facts`` hold."""
    root = site_root(site)
    if kind in ("thread", "forum"):
        offset = start if start is not None else (page - 1) * page_size(root, kind, facts)
        return f"{root}index.php?{'topic' if kind == 'thread' else 'board'}={item_id}.{offset}"
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
