"""A NodeBB topic page as base.py's ThreadView, from its answer (``src/controllers/topics.js``:
``/api/topic/ID?page=M``, or the same object inside the HTML page): ``tid``, ``cid``,
``titleRaw``, ``postcount``, ``posts`` (this page's, each with its ``index``),
``pagination.currentPage`` and ``pageCount``. Times are ISO in UTC: ``page_timezone`` is UTC.

A page with no topic says why: a topic that does not exist is 404 (the API's
``{"title": "[[global:404.title]]"}``, a plain ``Not Found`` to a spider's HTML request), one a
guest may not read is 403 to a spider (``"[[global:403.title]]"``) and, to a browser's guest,
401 from the API (``status.code`` ``not-authorised``) or a redirect to the login page
(``helpers.notAllowed``).
"""

from __future__ import annotations

from typing import Any

from scraper.engines.json_answers import number
from scraper.engines.nodebb import urls
from scraper.engines.nodebb.payload import answer, fields, text
from scraper.engines.nodebb.posts import read_posts
from scraper.engines.views import ThreadPageView

NOT_READ = "neither a NodeBB API answer nor a NodeBB page"
# The answer's ``title`` key or ``status.code`` → (what NodeBB says, in its en-GB pack, and its kind).
ERRORS = {"[[global:404.title]]": ("Not Found", "deleted"),
          "[[global:403.title]]": ("Access Denied", "forbidden"),
          "not-authorised": ("A valid login session was not found. Please log in and try again.", "login_required")}
STATUS_KINDS = {404: "deleted", 410: "deleted", 403: "forbidden", 401: "login_required"}


def why_not_read(response: Any, found: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """The message and its kind for a page that holds no topic or list; (None, None) for an error
    status NodeBB did not answer itself (not the engine's answer: a gap)."""
    status = found.get("status") if found else None
    key = (found or {}).get("title") if not isinstance(status, dict) else status.get("code")
    if key in ERRORS:
        return ERRORS[key]
    code = getattr(response, "status", 200)
    if code in STATUS_KINDS and response.text.strip() == "Not Found":
        return "Not Found", STATUS_KINDS[code]
    return (None, None) if code >= 400 else (NOT_READ, "message")


def pages_of(found: dict[str, Any], url_page: int) -> tuple[int, int]:
    """(this page, the page count) from an answer's ``pagination``."""
    pagination = fields(found.get("pagination"))
    return number(pagination.get("currentPage")) or url_page, number(pagination.get("pageCount")) or 1


def thread_page(response: Any) -> ThreadPageView:
    ref = urls.classify(response.url)
    found = answer(response)
    if found is None or not isinstance(found.get("posts"), list) or number(found.get("tid")) is None:
        message, kind = why_not_read(response, found)
        return ThreadPageView(thread_id=ref.thread_id if ref else None, forum_id=None, title=None,
                              page=ref.page if ref else 1, page_count=1, replies=None, posts=[],
                              message=message, message_kind=kind, ref=ref)
    page, count = pages_of(found, ref.page if ref else 1)
    posts_count = number(found.get("postcount"))
    return ThreadPageView(
        thread_id=number(found.get("tid")), forum_id=number(found.get("cid")),
        title=found.get("titleRaw") or text(found.get("title")), page=page, page_count=count,
        replies=posts_count - 1 if posts_count else None, posts=read_posts(found),
        message=None, message_kind=None, ref=ref, page_timezone="UTC")
