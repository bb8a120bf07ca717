"""NodeBB URL forms → ``PageRef``; canonical URLs (its read API's, which the crawl asks for).

Routes (``src/routes/index.js``, ``src/routes/helpers.js``: every page route is also served
under ``/api`` as the page's JSON): a topic is ``topic/ID``, ``topic/ID/slug``,
``topic/ID/slug/N`` (the page holding its N-th post), ``?page=M``; a category is
``category/ID``, ``category/ID/slug``, ``category/ID/slug/N``, ``?page=M``; ``post/ID`` is one
post (a redirect to its topic page); the index is the root (its home page, the category list
by default) or ``categories``. A forum in a folder (``relative_path``: ``/forum/topic/…``)
keeps its prefix. A slug may hold any letters (``category/6/中文区``), percent-encoded or not.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.engines.base import CRAWLER_FORM, PageRef
from scraper.engines.friendly_urls import root_of_route, split_route

# What a spider's User-Agent is served a page (``src/user/settings.js``, spiderDefaultSettings):
# a guess for the page a ``topic/ID/slug/N`` link names; the page read says the true one.
POSTS_PER_PAGE = 20
NOISE = frozenset({"_"})  # jQuery's cache buster
_ROUTE = r"/(?:api/)?(?P<route>topic|category|post)/(?P<id>\d+)(?:/(?P<slug>[^/?#]*))?(?:/(?P<n>\d+))?/?$"
_PAGE = re.compile(_ROUTE)
_INDEX = re.compile(r"/(?:api/?)?(?:categories/?)?$")
_ROUTE_START = re.compile(r"/(?:api(?:/|$)|topic/|category/|categories(?:/|$)|post/|recent|popular|user/|tags?/)")


def _query_page(query: str) -> int | None:
    value = dict(parse_qsl(query)).get("page", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def site_root(url: str) -> str:
    return root_of_route(url, _ROUTE_START)


def classify(url: str) -> PageRef | None:
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    page = _query_page(parts.query)
    if match := _PAGE.search(path):
        item, near = int(match.group("id")), int(match.group("n") or 0)
        if match.group("route") == "post":
            return PageRef("post", post_id=item)
        if match.group("route") == "category":
            return PageRef("forum", forum_id=item, page=page or 1)
        return PageRef("thread", thread_id=item, page=page or (1 + (near - 1) // POSTS_PER_PAGE if near else 1))
    prefix, _ = split_route(path, _ROUTE_START)
    if _INDEX.fullmatch(path[len(prefix):] or "/"):
        return PageRef("index")
    return None


def page_url(site: str, kind: str, item_id: int, page: int = 1, form: str = "api") -> str:
    """``api/topic/ID?page=M``, ``api/category/ID?page=M``; in the crawler form
    (``CRAWLER_FORM``) the same paths without ``api/``: the HTML pages, which NodeBB redirects
    to their slug URL."""
    root = site if site.endswith("/") else site + "/"
    prefix = "" if form == CRAWLER_FORM else "api/"
    route = "topic" if kind == "thread" else "category"
    return f"{root}{prefix}{route}/{item_id}" + (f"?page={page}" if page > 1 else "")


def crawler_view_url(url: str) -> str | None:
    """The HTML page of a read-API URL (``api/topic/5?page=2`` → ``topic/5?page=2``), for a
    site that refuses its API; None for a URL that is not the API's."""
    parts = urlsplit(url)
    prefix, route = split_route(parts.path, _ROUTE_START)
    if not route.startswith("/api"):
        return None
    return urlunsplit(parts._replace(path=prefix + (route[len("/api"):] or "/")))


def canonicalize(url: str) -> str:
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    kept = sorted((key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key not in NOISE)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, urlencode(kept), ""))
