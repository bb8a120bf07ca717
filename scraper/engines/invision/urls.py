"""Invision Community URL forms → ``PageRef``; canonical URLs.

Friendly URLs (4.x ``forums/data/furl.json``, 3.x ``furlTemplates.php``; see
docs/engines/invision.md): ``topic/N-slug/`` and ``forum/N-slug/``, a page as ``page/M/``
(4.x ``seoPagination``) or ``page-M`` (3.x), under the forums app's own top level
(``/forums/topic/N-slug/``) when it is not the default app. Without rewriting the route is
the query: ``index.php?/topic/N-slug/page/2/``. Plain URLs: 4.x
``index.php?app=forums&module=forums&controller=topic&id=N&page=M`` (``controller=forums``
for a forum), 3.x ``index.php?showtopic=N&page=M`` / ``showforum=N`` with ``st=K`` (an
offset; friendly: ``topic/N-slug/page__st__K``). One post: ``?do=findComment&comment=P`` on its
topic (4.x), 3.x ``view=findpost&p=P`` (friendly: ``page__view__findpost__p__P``). Session ids and
sort options are dropped.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.engines.base import PageRef
from scraper.engines.friendly_urls import root_before
from scraper.engines.site_facts import SiteFacts

NOISE = frozenset({"s", "csrfKey", "sortby", "sortdirection", "_fromLogin", "_fromLogout", "tab", "hl"})
# 3.x pages by offset (``st=40``): a page is named with the site's page size once a pager of the
# site was read (``learn_page_size``, into the crawl's ``SiteFacts``), with this one (3.x's stock
# 20 posts) until then; the page read says the true one (``ThreadView.page``).
ASSUMED_PAGE_SIZE = 20
# 3.x's friendly route parameters after the slug: ``page__st__40``, ``page__view__findpost__p__P``.
_ROUTE = re.compile(r"(?:^|/)(?P<kind>topic|forum)/(?P<id>\d+)-[^/?#]*"
                    r"(?:/page[/-](?P<page>\d+)|/page__(?P<params>[^/?#]+))?/?")
_ROUTE_PARAMS = re.compile(r"(?:^|__)([a-z][a-z_]*?)__(.+?)(?=__[a-z]|$)")
_INDEX = re.compile(r"^/?(?:[^/.]+/)?(?:index\.php)?$")
_PLAIN_KINDS = {"topic": "thread", "forums": "forum"}
# The URL form of a 3.x site (``pages.url_form``): its plain script URLs.
BOARD3_FORM = "board3"


def _route(parts) -> tuple[str, str]:
    """(path before the route, the route) of a friendly path or an ``index.php?/route`` query."""
    if parts.path.endswith("index.php") and parts.query.startswith("/"):
        return parts.path[:-len("index.php")], parts.query.split("&", 1)[0]
    path = parts.path if parts.path.startswith("/") or parts.netloc else "/" + parts.path
    match = _ROUTE.search(path)
    return (path[:match.start() + 1], path[match.start() + 1:]) if match else (path, "")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def page_size(url: str, kind: str, facts: SiteFacts | None) -> int | None:
    """Posts (``kind`` "thread") or topics ("forum") a page on the site of ``url``, when one of
    its pagers was read."""
    return facts.size(site_root(url), kind) if facts else None


def learn_page_size(url: str, kind: str, size: int | None, facts: SiteFacts) -> None:
    """The page size a 3.x pager of the site of ``url`` states (its page jump's
    ``ipb.global.registerPageJump(…, { stKey: 'st', perPage: N, … })``)."""
    facts.learn_size(site_root(url), kind, size)


def _page(url: str, kind: str, query: dict[str, str], facts: SiteFacts | None,
          fallback: int = 1) -> tuple[int, int | None]:
    """(page, start): ``page=M`` or an ``st=K`` offset."""
    start = _int(query.get("st"))
    if start is not None:
        return start // (page_size(url, kind, facts) or ASSUMED_PAGE_SIZE) + 1, start
    return _int(query.get("page")) or fallback, None


def _friendly(url: str, route: str, query: dict[str, str], facts: SiteFacts | None) -> PageRef | None:
    match = _ROUTE.search(route)
    if not match:
        return None
    number = int(match.group("id"))
    kind = "thread" if match.group("kind") == "topic" else "forum"
    query = dict(_ROUTE_PARAMS.findall(match.group("params") or ""), **query)
    if kind == "thread" and query.get("do") == "findComment" and _int(query.get("comment")):
        return PageRef("post", thread_id=number, post_id=int(query["comment"]))
    if kind == "thread" and query.get("view") == "findpost" and _int(query.get("p")):
        return PageRef("post", thread_id=number, post_id=int(query["p"]))
    page, start = _page(url, kind, query, facts, _int(match.group("page")) or 1)
    return PageRef(kind, **{f"{kind}_id": number}, page=page, start=start)


def _plain(url: str, query: dict[str, str], facts: SiteFacts | None) -> PageRef | None:
    """4.x ``app=forums&controller=…&id=`` and 3.x ``showtopic=``/``showforum=``/findpost."""
    if query.get("app") == "forums" and query.get("controller") in _PLAIN_KINDS and _int(query.get("id")):
        kind, number = _PLAIN_KINDS[query["controller"]], int(query["id"])
        if kind == "thread" and query.get("do") == "findComment" and _int(query.get("comment")):
            return PageRef("post", thread_id=number, post_id=int(query["comment"]))
        page, start = _page(url, kind, query, facts)
        return PageRef(kind, **{f"{kind}_id": number}, page=page, start=start)
    for kind, script in (("thread", "showtopic"), ("forum", "showforum")):
        if _int(query.get(script)):
            page, start = _page(url, kind, query, facts)
            return PageRef(kind, **{f"{kind}_id": int(query[script])}, page=page, start=start)
    post = query.get("pid") or query.get("p")
    if (query.get("view") == "findpost" or query.get("section") == "findpost") and _int(post):
        return PageRef("post", thread_id=_int(query.get("t") or query.get("showtopic")), post_id=int(post))
    return None


def classify(url: str, facts: SiteFacts | None = None) -> PageRef | None:
    """The page a URL names; an ``st=K`` offset's page number at the page size ``facts`` hold."""
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    query = dict(parse_qsl(parts.query.split("&", 1)[1] if parts.query.startswith("/") and "&" in parts.query
                           else parts.query, keep_blank_values=True))
    _, route = _route(parts)
    if route:
        return _friendly(url, route, query, facts)
    plain = _plain(url, query, facts)
    if plain is not None:
        return plain
    if _INDEX.match(parts.path) and (not parts.query or query.get("act") == "idx"
                                     or (query.get("app") == "forums" and query.get("controller") == "index")):
        return PageRef("index")
    return None


def site_root(url: str) -> str:
    return root_before(url, _route(urlsplit(url))[0])


# The forums app's own top level under the site (4.x, when another app is the default one:
# ``/forums/``; ``index.php?/forums/`` without friendly URLs).
_FORUMS_APP = ("forums/", "index.php?/forums/")


def forums_app_url(site: str, hrefs: list[str]) -> str | None:
    """The forums app's top level of ``site``, when one of ``hrefs`` names it (as a page of
    another app links it: lime-technology.com's Pages front page, "Community > Forums"); None
    when none does."""
    root = site if site.endswith("/") else site + "/"
    base = urlsplit(root).path
    for href in hrefs:
        parts = urlsplit(href.strip())
        if not parts.path.startswith(base):
            continue
        named = parts.path[len(base):] + (f"?{parts.query}" if parts.query else "")
        if named in _FORUMS_APP:
            return root + named
    return None


def page_url(site: str, kind: str, item_id: int, page: int = 1, form: str = "dynamic", *,
             facts: SiteFacts | None = None) -> str:
    """``topic/N--/page/M/``: the slug of an untitled item (``-``); Invision answers any slug
    with a redirect to the right one (the route's ``verify``). ``BOARD3_FORM``: 3.x's plain
    ``index.php?showtopic=N`` (``showforum``), friendly URLs or not (3.x reads no ``page/M/``);
    a later page by its offset, ``&st=K``, as the site's own page jump asks it, once a pager of
    the site gave the page size (3.0–3.1 read only ``st``); ``&page=M`` (3.2+) until then."""
    root = site if site.endswith("/") else site + "/"
    if form == BOARD3_FORM:
        script = "showtopic" if kind == "thread" else "showforum"
        size = page_size(root, kind, facts)
        later = (f"&st={(page - 1) * size}" if size else f"&page={page}") if page > 1 else ""
        return f"{root}index.php?{script}={item_id}{later}"
    route = "topic" if kind == "thread" else "forum"
    return f"{root}{route}/{item_id}--/" + (f"page/{page}/" if page > 1 else "")


def canonicalize(url: str) -> str:
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    route = parts.query.split("&", 1)[0] if parts.query.startswith("/") else ""
    rest = parts.query[len(route):].lstrip("&")
    kept = sorted((key, value) for key, value in parse_qsl(rest, keep_blank_values=True) if key not in NOISE)
    query = "&".join(part for part in (route, urlencode(kept)) if part)
    path = re.sub(r"/page/1/?$", "/", parts.path)
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, query, ""))
