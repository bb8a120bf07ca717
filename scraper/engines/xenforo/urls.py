"""XenForo URL forms → ``PageRef``; canonical URLs.

Routes (1.x and 2.x alike): ``threads/slug.N/page-M``, ``threads/N/``, ``threads/slug.N/post-P``
and ``posts/P/`` (one post), 1.x ``goto/post?id=P``, ``forums/slug.N/page-M``,
``categories/slug.N/``; the index is the root, ``forums/`` or ``index.php``. Without friendly
URLs the route is the query: ``index.php?threads/slug.N/page-2``. ``s=`` session ids and
display options are dropped.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from scraper.engines.base import PageRef
from scraper.engines.friendly_urls import root_before

NOISE = frozenset({"s", "_xfToken", "order", "direction", "prefix_id", "_xfResponseType", "_xfNoRedirect"})
_ROUTE = re.compile(
    r"(?:^|/)(?P<route>threads|posts|forums|categories|goto/post)/?(?:(?:[^/?]*\.)?(?P<id>\d+))?/?"
    r"(?:(?:page-(?P<page>\d+))|(?:post-(?P<post>\d+)))?/?$")

# The root of a forum installed at the top or in one directory (``/community/``), or its index.php.
_INDEX = re.compile(r"^/?(?:[^/.]+/)?(?:index\.php)?$")


def _route(parts) -> tuple[str, str]:
    """(prefix before the route, route) of a friendly path or an ``index.php?route`` query."""
    head = parts.query.split("&", 1)[0]
    if parts.path.endswith("index.php") and head and "=" not in head:
        return parts.path, head
    path = parts.path if parts.path.startswith("/") or parts.netloc else "/" + parts.path  # a relative href
    for marker in ("threads/", "posts/", "forums/", "categories/", "goto/"):
        at = path.find("/" + marker)
        if at >= 0:
            return path[:at + 1], path[at + 1:]
    return path, ""


def classify(url: str) -> PageRef | None:
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    _, route = _route(parts)
    match = _ROUTE.search(route)
    if not match:
        return PageRef("index") if not route and _INDEX.match(parts.path) else None
    kind, number = match.group("route"), match.group("id")
    page = int(match.group("page") or 1)
    if kind == "goto/post":
        post = dict(parse_qsl(parts.query)).get("id", "")
        return PageRef("post", post_id=int(post)) if post.isdigit() else None
    if number is None:
        return PageRef("index") if kind == "forums" else None
    if kind == "posts":
        return PageRef("post", post_id=int(number))
    if kind == "threads":
        if match.group("post"):
            return PageRef("post", thread_id=int(number), post_id=int(match.group("post")))
        return PageRef("thread", thread_id=int(number), page=page)
    return PageRef("forum", forum_id=int(number), page=page)


def site_root(url: str) -> str:
    return root_before(url, _route(urlsplit(url))[0])


def install_root(url: str, board_links: list[str]) -> str:
    """XenForo's own root for a page at ``url``: where the first board link's route starts, on
    the page's host; the page's own root when none has a route (a board at a route filter's URL).
    They differ where the page is served outside the directory XenForo runs in:
    soloarquitectura.com's front page is its root, ``/``, for a XenForo in ``/foros/``
    (tests/fixtures/xenforo-2-es-soloarquitectura-index)."""
    host = urlsplit(url).netloc
    for link in board_links:
        absolute = urljoin(url, link)
        parts = urlsplit(absolute)
        prefix, route = _route(parts)
        if parts.netloc == host and route:
            return root_before(absolute, prefix)
    return site_root(url)


def page_url(site: str, kind: str, item_id: int, page: int = 1) -> str:
    """``threads/N/page-M`` (XenForo redirects a slugless route to its slugged one)."""
    root = site if site.endswith("/") else site + "/"
    route = "threads" if kind == "thread" else "forums"
    return f"{root}{route}/{item_id}/" + (f"page-{page}" if page > 1 else "")


def canonicalize(url: str) -> str:
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    head = parts.query.split("&", 1)[0]
    route = head if head and "=" not in head else ""
    kept = sorted((key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
                  if key not in NOISE and key != route)
    query = "&".join(part for part in (route, urlencode(kept)) if part)
    path = re.sub(r"/page-1/?$", "/", parts.path)
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, query, ""))
