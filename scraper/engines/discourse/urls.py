"""Discourse URL forms → ``PageRef``; canonical URLs (the JSON API's, which the crawl asks for).

Routes (config/routes.rb): a topic is ``t/slug/ID``, ``t/ID``, ``t/slug/ID/N`` (near post
number N), each also as ``.json``; ``?page=M`` pages it by 20 posts (TopicView.chunk_size);
``t/ID/posts.json`` is its first 20 posts. A category is ``c/slug/ID`` (``c/parent/slug/ID``
for a sub-category, ``c/ID``), its list ``…/l/latest``; topic lists count pages from 0
(``/latest.json?page=1`` is the second), so ``PageRef.page`` is the query's page + 1. The
index is the root, ``/latest`` or ``/categories``; ``/p/ID`` is one post. A forum installed
in a folder (``/forum/t/…``) keeps its prefix. A topic's HTML URL is ``post_redirect``: its
page prints no post ids, so the crawl reads the topic's JSON from page 1 instead and every
post is known by its id.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.engines.base import CRAWLER_FORM, PageRef
from scraper.engines.friendly_urls import root_of_route, split_route

POSTS_PER_PAGE = 20
NOISE = frozenset({"u", "_", "track_visit", "forceLoad", "silent"})
_TOPIC = re.compile(r"/t/(?:(?P<slug>[^/]*[^/\d][^/]*)/)?(?P<id>\d+)(?:/(?P<n>\d+))?(?P<posts>/posts)?(?:\.json)?/?$")
_CATEGORY = re.compile(r"/c/(?:[^/]+/)*?(?P<id>\d+)(?:/l/[a-z]+)?(?:\.json)?/?$")
_POST = re.compile(r"/p/(?P<id>\d+)(?:\.json)?/?$")
_INDEX = re.compile(r"/(?:latest|categories)?(?:\.json)?/?$")
_ROUTE_START = re.compile(r"/(?:t|c|p|u|tag|tags|latest|categories)(?:/|\.json|$)")


def _query_page(query: str) -> int:
    value = dict(parse_qsl(query)).get("page", "")
    return int(value) if value.isdigit() else 0


def classify(url: str) -> PageRef | None:
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    if match := _TOPIC.search(path):
        near = int(match.group("n") or 0)
        page = _query_page(parts.query) or (1 + (near - 1) // POSTS_PER_PAGE if near else 1)
        kind = "thread" if path.endswith(".json") else "post_redirect"  # HTML: the crawl reads the JSON
        return PageRef(kind, thread_id=int(match.group("id")), page=page)
    if match := _CATEGORY.search(path):
        return PageRef("forum", forum_id=int(match.group("id")), page=_query_page(parts.query) + 1)
    if match := _POST.search(path):
        return PageRef("post", post_id=int(match.group("id")))
    prefix, _ = split_route(path, _ROUTE_START)
    if _INDEX.fullmatch(path[len(prefix):] or "/"):
        return PageRef("index")
    return None


def site_root(url: str) -> str:
    return root_of_route(url, _ROUTE_START)


def page_url(site: str, kind: str, item_id: int, page: int = 1, form: str = "json") -> str:
    """``t/ID.json?page=M`` (20 posts a page), ``c/ID/l/latest.json?page=M-1``; in the
    crawler form (``CRAWLER_FORM``) the same paths without ``.json``: the HTML Discourse
    serves crawlers."""
    root = site if site.endswith("/") else site + "/"
    suffix = "" if form == CRAWLER_FORM else ".json"
    if kind == "thread":
        return f"{root}t/{item_id}{suffix}" + (f"?page={page}" if page > 1 else "")
    return f"{root}c/{item_id}/l/latest{suffix}" + (f"?page={page - 1}" if page > 1 else "")


def crawler_view_url(url: str) -> str | None:
    """The crawler HTML of a JSON API URL (``t/5.json?page=2`` → ``t/5?page=2``,
    ``categories.json`` → ``categories``), for a site that refuses its API; None for a URL
    that is not the API's."""
    parts = urlsplit(url)
    if not parts.path.endswith(".json"):
        return None
    return urlunsplit(parts._replace(path=parts.path[:-len(".json")]))


def canonicalize(url: str) -> str:
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    kept = sorted((key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key not in NOISE)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, urlencode(kept), ""))
