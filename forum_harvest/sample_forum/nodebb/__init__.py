"""The sample forum as NodeBB serves it to a spider (our crawler's User-Agent): its read API
(``api``) and, for the same paths without ``/api``, its HTML pages (``pages``), which carry
the same answers.

Routes (``src/routes/index.js``, every page also under ``/api``): the root and ``/categories``
(the category list), ``/category/ID``, ``/category/ID/slug`` with ``?page=M``, ``/topic/ID``,
``/topic/ID/slug``, ``/topic/ID/slug/N`` (the page holding post N) with ``?page=M``;
``/robots.txt``; the sample's files (uploads under ``/assets/uploads/files/``). An HTML page
asked without its slug answers 308 to the slug URL (the API answers at any form). A page past
the end, a topic or category that does not exist: 404 (the API's answer, the HTML's plain
``Not Found``); one a guest may not see: 403.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, unquote, urlsplit

from forum_harvest.sample_forum.engine_pages import Query, query_number, static_response, visible_category, visible_topic
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.nodebb import api
from forum_harvest.sample_forum.nodebb import site as n
from forum_harvest.sample_forum.nodebb.pages import api_answer, html_page
from forum_harvest.sample_forum.routes import Response

_PAGE = re.compile(r"/(?P<api>api/)?(?P<route>topic|category)/(?P<id>\d+)(?:/(?P<slug>[^/]*))?(?:/(?P<n>\d+))?/?")
ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /reset/\nDisallow: /compose\n"  # src/controllers/index.js


def _answer(view: View, match: re.Match[str], query: Query) -> tuple[dict, int]:
    """The answer the page asks for and its status: 403 for one a guest may not see, 404 for
    one that does not exist or a page past the end."""
    item, route, site = int(match["id"]), match["route"], view.forum
    page = query_number(query, "page")
    if route == "topic":
        exists, shown = site.thread(item) is not None, visible_topic(site, item)
        near = int(match["n"] or 0)
        page = page or (1 + (near - 1) // n.POSTS_PER_PAGE if near else 1)
        found = api.topic(site, shown, page, view.base_url) if shown else None
    else:
        exists, shown = site.forum(item) is not None, visible_category(site, item)
        found = api.category(site, shown, page or 1) if shown else None
    if found is not None:
        return found, 200
    status = 403 if exists and shown is None else 404
    return api.error(f"/{route}/{item}", status, route), status


def _page(view: View, match: re.Match[str], query: Query, target: str) -> Response:
    found, status = _answer(view, match, query)
    if match["api"]:
        return api_answer(found, status)
    if status == 404:
        return Response(404, "Not Found", "text/plain; charset=utf-8")
    slug = found.get("slug", "")
    if status == 200 and unquote(f"{match['id']}/{match['slug'] or ''}") != slug:
        location = f"{view.base_url}{match['route']}/{quote(slug)}" + (f"?{urlsplit(target).query}" if query else "")
        return Response(308, f"Permanent Redirect. Redirecting to {location}", "text/plain; charset=utf-8",
                        headers={"Location": location})
    return html_page(found, view.forum.site_name, status)


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    if static := static_response(view, target, ROBOTS):
        return static
    parts = urlsplit(target)
    path, query = parts.path, parse_qs(parts.query)
    if path in ("/", "/categories"):
        return html_page(api.categories(view.forum), view.forum.site_name)
    if path in ("/api", "/api/", "/api/categories"):
        return api_answer(api.categories(view.forum))
    if match := _PAGE.fullmatch(path):
        return _page(view, match, query, target)
    if path.startswith("/api/"):
        return api_answer(api.error(path[len("/api"):], 404, "404"), 404)
    return Response(404, "Not Found", "text/plain; charset=utf-8")


__all__ = ["respond"]
