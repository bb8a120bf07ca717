"""The sample forum as Discourse serves it to a guest: its JSON API (``api``) and, for the same
URLs without ``.json``, the HTML it serves crawlers (``crawler``).

Routes (config/routes.rb): the root and ``/latest`` (the latest topics), ``/categories``,
``/c/slug/ID``, ``/c/parent/slug/ID``, ``/c/ID`` and ``…/l/latest`` (a category's topics,
``?page=K`` from 0), ``/t/slug/ID``, ``/t/ID``, ``/t/slug/ID/N`` (the page holding post N) with
``?page=M``, each also as ``.json``; ``/robots.txt``; the sample's files. A topic's HTML URL
without its slug answers 301 to the one with it (the JSON answers at any form). A page past a
topic's end, a topic or category guests may not see, anything else: 404 or 403 (the JSON
error object, or the "Oops!" page).

``respond_html_only``: a site whose API is closed to guests (every ``*.json`` answers 403 with
Discourse's error object) while its HTML is served: ``sample-forum serve --engine
discourse-html``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from forum_harvest.sample_forum.discourse import api, crawler
from forum_harvest.sample_forum.discourse import site as d
from forum_harvest.sample_forum.engine_pages import Query, query_number, static_response, visible_category, visible_topic
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.routes import Response

_TOPIC = re.compile(r"/t/(?:(?P<slug>[^/]*[^/\d][^/]*)/)?(?P<id>\d+)(?:/(?P<near>\d+))?(?P<json>\.json)?/?")
_CATEGORY = re.compile(r"/c/(?:[^/]+/)*?(?P<id>\d+)(?:/l/latest)?(?P<json>\.json)?/?")
DISALLOWED = ("/admin/", "/auth/", "/email/", "/session", "/search")  # a few of Discourse's robots.txt rules
ROBOTS = "User-agent: *\n" + "".join(f"Disallow: {path}\n" for path in DISALLOWED)


def _not_shown(view: View, gone: bool, as_json: bool) -> Response:
    """A page that does not exist (404) or that a guest may not see (403), in the form asked."""
    if as_json:
        return api.error(404, api.NOT_FOUND) if gone else api.error(403, api.INVALID_ACCESS)
    return crawler.oops(view, 404 if gone else 403)


def _topic(view: View, match: re.Match[str], query: Query) -> Response:
    as_json = bool(match["json"])
    thread = visible_topic(view.forum, int(match["id"]))
    if thread is None:
        return _not_shown(view, view.forum.thread(int(match["id"])) is None, as_json)
    near = int(match["near"] or 0)
    page = query_number(query, "page") or (1 + (near - 1) // d.POSTS_PER_PAGE if near else 1)
    if as_json:
        return api.topic(view.forum, thread, page, view.base_url)
    if match["slug"] != d.TOPIC_SLUG:
        location = f"{view.base_url}{d.topic_path(thread.thread_id)}" + (f"?page={page}" if page > 1 else "")
        return Response(301, "", headers={"Location": location})
    return crawler.topic_page(view, thread, page)


def _category(view: View, match: re.Match[str], query: Query) -> Response:
    category = visible_category(view.forum, int(match["id"]))
    if category is None:
        return _not_shown(view, view.forum.forum(int(match["id"])) is None, bool(match["json"]))
    page = (query_number(query, "page") or 0) + 1
    topics = d.listed_topics(view.forum, category)
    more = f"/{d.category_path(category)}/l/latest{match['json'] or ''}?page={page}"
    if match["json"]:
        return api.topic_list(view.forum, topics, page, more)
    return crawler.topic_list(view, category, topics, page, more)


def _latest(view: View, as_json: bool, query: Query) -> Response:
    page = (query_number(query, "page") or 0) + 1
    topics = d.latest_topics(view.forum)
    more = f"/latest{'.json' if as_json else ''}?page={page}"
    if as_json:
        return api.topic_list(view.forum, topics, page, more)
    return crawler.topic_list(view, None, topics, page, more)


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    if static := static_response(view, target, ROBOTS):
        return static
    parts = urlsplit(target)
    path, query = parts.path, parse_qs(parts.query)
    if path in ("/", "/latest", "/latest.json"):
        return _latest(view, path.endswith(".json"), query)
    if path in ("/categories", "/categories.json"):
        return api.categories(view.forum) if path.endswith(".json") else crawler.categories(view)
    if match := _TOPIC.fullmatch(path):
        return _topic(view, match, query)
    if match := _CATEGORY.fullmatch(path):
        return _category(view, match, query)
    return api.error(404, api.NOT_FOUND) if path.endswith(".json") else crawler.oops(view, 404)


def respond_html_only(view: View, target: str) -> Response:
    """As ``respond``, but every ``*.json`` is refused: the API closed to guests."""
    if urlsplit(target).path.endswith(".json"):
        return api.error(403, api.INVALID_ACCESS)
    return respond(view, target)


__all__ = ["respond", "respond_html_only"]
