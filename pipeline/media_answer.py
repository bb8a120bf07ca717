"""What a media URL's answer is: a file to store, or why not (pure, no I/O).

Discuz answers a guest's ``forum.php?mod=attachment&aid=…`` with HTTP 200 and an HTML page:
a login form or "您需要先登录才能继续本操作" (``login_required``), or "no permission"
(``not_allowed``). An HTML page is never a picture or an attachment, so it is never stored;
neither is a type outside ``FORUM_MEDIA_TYPES`` or a file over ``FORUM_MEDIA_MAX_BYTES``.
The other engines answer a guest with HTTP 403 (phpBB's "not authorised", XenForo's login
form) or 200 (MyBB's and vBulletin's no-permission page): a 403 is read like a 200 page.

Only ``failed`` is asked for again by a later crawl: a 404 (a file may be missing for a
while: a host moving its store, a board restoring a backup), any other 4xx but 401/403/410,
a 5xx, an empty body. 410 Gone is final (``not_allowed``): the server says the file is gone
for good, so asking again each crawl would only cost a request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatch

from scraper.refusal import LOGIN_FORM, login_redirect

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Wording of a page that asks to log in first (Discuz's packs, MyBB's and vBulletin's "You are
# not logged in", XenForo's "You must be logged-in to do that."…).
LOGIN_WORDING = re.compile(r"登录|登錄|登入|log\s*in|sign\s*in|logged[\s-]*in|register", re.I)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
# HTML bytes read to tell a login page from a "no permission" one.
HTML_HEAD_BYTES = 64 * 1024


@dataclass(frozen=True)
class MediaAnswer:
    status: str  # stored | too_large | login_required | not_allowed | failed
    reason: str | None = None


def bare_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def type_allowed(content_type: str | None, allowed: Sequence[str]) -> bool:
    """Whether the type matches one of ``allowed`` (``image/*`` style patterns)."""
    bare = bare_type(content_type) or "application/octet-stream"
    return bare not in HTML_TYPES and any(fnmatch(bare, pattern.lower()) for pattern in allowed)


def media_answer(status: int, url: str, content_type: str | None, body: bytes, allowed: Sequence[str],
                 max_bytes: int, message: str | None = None) -> MediaAnswer:
    """``message``: on an HTML answer, what the forum's message box says (its engine's reader)."""
    if status == 401 or login_redirect(url) is not None:
        return MediaAnswer("login_required", f"HTTP {status} at {url}" if status == 401 else f"redirected to {url}")
    if status == 410:
        return MediaAnswer("not_allowed", "HTTP 410 (gone for good)")
    if status == 403:
        page = _html_answer(body, message) if bare_type(content_type) in HTML_TYPES else None
        if page is not None and page.status == "login_required":
            return page
        return MediaAnswer("not_allowed", f"HTTP 403, {page.reason}" if page else "HTTP 403")
    if status >= 400:
        return MediaAnswer("failed", f"HTTP {status}")
    if bare_type(content_type) in HTML_TYPES:
        return _html_answer(body, message)
    if not type_allowed(content_type, allowed):
        return MediaAnswer("not_allowed", f"content type {bare_type(content_type) or 'none'} not in FORUM_MEDIA_TYPES")
    if len(body) > max_bytes:
        return MediaAnswer("too_large", f"{len(body)} bytes, over FORUM_MEDIA_MAX_BYTES={max_bytes}")
    if not body:
        return MediaAnswer("failed", "empty response")
    return MediaAnswer("stored")


def _html_answer(body: bytes, message: str | None) -> MediaAnswer:
    """A forum message asking to log in, or a login form titled so, is ``login_required``;
    any other page ``not_allowed`` (the header of a guest's Discuz page holds a login box and
    "登录" links on every page, so only the message and the title are read)."""
    head = body[:HTML_HEAD_BYTES]
    title = _TITLE.search(head)
    shown = " ".join((title.group(1).decode("utf-8", errors="replace") if title else "").split())[:80]
    said = " ".join((message or "").split())[:120]
    login_form = LOGIN_FORM.search(head.decode("utf-8", errors="replace")) and LOGIN_WORDING.search(shown)
    if (said and LOGIN_WORDING.search(said)) or (not said and login_form):
        return MediaAnswer("login_required", f"the site answered with a login page: {said or shown}")
    return MediaAnswer("not_allowed", f"the site answered with an HTML page: {said or shown or 'untitled'}")
