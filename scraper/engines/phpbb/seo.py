"""The rewritten URLs of phpBB SEO's "Ultimate SEO URL" (a 3.0 mod, a 3.1+ extension), which
many boards run: each read into the parameters phpBB's own URL for the page carries.

- forum: ``forum-title-f12.html`` (or ``forum-f12.html``, no title), ``forum12.html`` (its
  "simple" mode), ``forum-title-f12/`` (a virtual folder); a later page of it
  ``…-f12-25.html``, ``forum12-25.html``, ``…-f12/page25.html`` (``start`` 25);
- topic: ``topic-title-t34.html``, ``topic34.html``, paged ``…-t34-20.html`` (and inside a
  forum's virtual folder, which names the forum too);
- post: ``post567.html`` (``#p567``).

Seen on bizlog.ru's 3.0 index (``forum77.html``, ``post252169.html``, ``topic17985.html``:
tests/fixtures/phpbb-30-seo-index) and centralclubs.com's (``forum-f198.html``,
``topic-t599-456.html``, ``topic108361.html``). The delimiter ``-`` and the ``page``/``.html``
of a folder's pages are the mod's defaults (``seo_delim_start``, ``seo_static_pagination``,
``seo_ext_pagination``, printed in each page's script).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# (pattern of a path's last segment, the parameter its first group is); a second group: start.
_PAGES = (
    (re.compile(r"^post(\d+)\.html$"), "p"),
    (re.compile(r"(?:^|-)t(\d+)(?:-(\d+))?\.html$"), "t"),
    (re.compile(r"^topic(\d+)(?:-(\d+))?\.html$"), "t"),
    (re.compile(r"(?:^|-)f(\d+)(?:-(\d+))?\.html$"), "f"),
    (re.compile(r"^forum(\d+)(?:-(\d+))?\.html$"), "f"),
)
_FOLDER = re.compile(r"(?:^|-)f(\d+)$")
_FOLDER_PAGE = re.compile(r"^page(\d+)\.html$")


def params(url: str) -> dict[str, str]:
    """The parameters (``f``, ``t``, ``p``, ``start``) a rewritten URL stands for; {} for any
    other URL (phpBB's own scripts among them)."""
    *folders, last = urlsplit(url).path.split("/")
    folder = _FOLDER.search(folders[-1]) if folders else None
    found = {"f": folder.group(1)} if folder else {}
    for pattern, key in _PAGES:
        match = pattern.search(last)
        if match:
            found[key] = match.group(1)
            if match.lastindex == 2:
                found["start"] = match.group(2)
            return found
    page = _FOLDER_PAGE.match(last)
    if folder and (not last or page):
        return found | ({"start": page.group(1)} if page else {})
    return {}


def board_path(path: str) -> str:
    """``path`` without a forum's virtual folder (``/board/forum-title-f12/`` → ``/board/``)."""
    parts = path.split("/")
    if len(parts) > 2 and _FOLDER.search(parts[-2]):
        return "/".join(parts[:-2]) + "/"
    return path


def first_page(url: str) -> str:
    """A later list page's URL (``your-first-forum-3.html``, ``your-first-forum/page3.html``)
    without its offset: the list's first page, whose URL ``offset_beside`` extends."""
    scheme, netloc, path, _, _ = urlsplit(url)
    path = re.sub(r"(?:-\d+(?=\.[a-z]+$)|(?<=/)page\d+\.html$)", "", path)
    return f"{scheme}://{netloc}{path}"


def offset_beside(url: str, own: str) -> int | None:
    """The offset a later page of a list names when its URL is the list's own with the offset put
    in (``your-first-forum.html`` → ``your-first-forum-3.html``; in a folder ``your-first-forum/``
    → ``your-first-forum/page3.html``): how phpBB SEO pages a forum whose URL carries no id (its
    "remove ids" setting). 0 for the list's own URL, None for any other."""
    path, own_path = urlsplit(url).path, urlsplit(own).path
    if path == own_path:
        return 0
    if own_path.endswith("/"):
        found = re.fullmatch(re.escape(own_path) + r"page(\d+)\.html", path)
    else:
        stem, dot, suffix = own_path.rpartition(".")
        found = re.fullmatch(re.escape(stem) + r"-(\d+)" + re.escape(dot + suffix), path) if dot else None
    return int(found.group(1)) if found else None
