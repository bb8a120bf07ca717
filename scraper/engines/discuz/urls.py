"""Classify Discuz! URLs and build canonical ones.

A thread or thread list is reachable under several URL forms (dynamic ``forum.php``, old
``viewthread.php``, rewritten ``thread-T-P-1.html``, archiver ``archiver/?tid-T.html``), with
noise parameters (``extra``, ``from``…) that never change which page is served.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

NOISE_PARAMS = frozenset({"extra", "from", "highlight", "ordertype", "mobile", "fromuid", "_dsign"})

_REWRITTEN_THREAD = re.compile(r"^thread-(\d+)-(\d+)-(\d+)\.html$")
_REWRITTEN_FORUM = re.compile(r"^forum-(\d+)-(\d+)\.html$")
# ``tid-T.html``, ``tid-T-P.html`` and 6.x/7.x's ``tid-T-page-P.html``.
_ARCHIVER_ITEM = re.compile(r"^(tid|fid)-(\d+)(?:-(?:page-)?(\d+))?\.html$")
_STATIC_SUFFIX = re.compile(r"\.(?:css|js|png|jpe?g|gif|svg|ico|webp|bmp|zip|rar|7z|pdf|txt|xml|swf)$", re.I)


@dataclass(frozen=True)
class PageRef:
    """What a URL points at. ``kind`` is one of index, category, forum, thread,
    archiver_index, archiver_forum, archiver_thread, post_redirect."""

    kind: str
    forum_id: int | None = None
    thread_id: int | None = None
    page: int = 1
    category_id: int | None = None
    post_id: int | None = None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _page(value: str | None) -> int:
    number = _int(value)
    return number if number and number > 0 else 1


def _split(url: str):
    """urlsplit after undoing ``&amp;`` that bad templates leave in hrefs."""
    return urlsplit(url.strip().replace("&amp;", "&"))


def _archiver(query: list[tuple[str, str]], leaf: str) -> PageRef:
    params = dict(query)
    candidates = [leaf] + [key for key, _ in query]
    for candidate in candidates:
        match = _ARCHIVER_ITEM.match(candidate)
        if match:
            kind, number, page = match.groups()
            page_number = _page(params.get("page") or page)
            if kind == "tid":
                return PageRef("archiver_thread", thread_id=int(number), page=page_number)
            return PageRef("archiver_forum", forum_id=int(number), page=page_number)
    return PageRef("archiver_index")


def _dynamic(script: str, params: dict[str, str]) -> PageRef | None:
    mod = params.get("mod", "")
    if script == "viewthread.php" or mod == "viewthread":
        tid = _int(params.get("tid"))
        if tid is None or params.get("action") or params.get("authorid"):
            return None  # printable view, author filter: not the thread's own pages
        return PageRef("thread", thread_id=tid, page=_page(params.get("page")))
    if script == "forumdisplay.php" or mod == "forumdisplay":
        fid = _int(params.get("fid"))
        return PageRef("forum", forum_id=fid, page=_page(params.get("page"))) if fid else None
    if script == "redirect.php" or mod == "redirect":
        tid, pid = _int(params.get("ptid")), _int(params.get("pid"))
        if params.get("goto") == "findpost" and tid and pid:
            return PageRef("post_redirect", thread_id=tid, post_id=pid)
        return None
    if mod in ("", "index"):
        gid = _int(params.get("gid"))
        return PageRef("category", category_id=gid) if gid else PageRef("index")
    return None


def classify(url: str) -> PageRef | None:
    """Return what a Discuz! page URL shows, or None when it is not a forum page."""
    parts = _split(url)
    if parts.scheme not in ("http", "https", ""):
        return None
    segments = parts.path.split("/")
    leaf = segments[-1]
    query = parse_qsl(parts.query, keep_blank_values=True)
    if "archiver" in segments[:-1] or leaf == "archiver":
        return _archiver(query, leaf if "archiver" in segments[:-1] else "")
    if match := _REWRITTEN_THREAD.match(leaf):
        return PageRef("thread", thread_id=int(match[1]), page=_page(match[2]))
    if match := _REWRITTEN_FORUM.match(leaf):
        return PageRef("forum", forum_id=int(match[1]), page=_page(match[2]))
    if leaf in ("forum.php", "viewthread.php", "forumdisplay.php", "redirect.php"):
        return _dynamic(leaf, dict(query))
    if leaf in ("index.php", "forum.html"):
        gid = _int(dict(query).get("gid"))
        return PageRef("category", category_id=gid) if gid else None if query else PageRef("index")
    return None


def position_redirect(asked: str, location: str) -> bool:
    """X3.4's one-time redirect of a thread page whose window misses a position (a moderator's
    delete): ``forum_viewthread.php`` marks the thread (``forum_threaddisablepos``) and sends
    any page of it to ``forum.php?mod=viewthread&tid=T``, its first page; the page asked for
    is served from then on. (X3.5 redirects to the page itself, ``&page=N`` kept.)"""
    before, after = classify(asked), classify(location)
    return (before is not None and after is not None and before.kind == after.kind == "thread"
            and before.thread_id == after.thread_id and before.page > 1 and after.page == 1)


def site_root(url: str) -> str:
    """The folder holding forum.php and archiver/, e.g. ``http://host:8080/bbs/``."""
    parts = _split(url)
    path = parts.path or "/"
    if "/archiver/" in path or path.endswith("/archiver"):
        path = path[: path.rindex("/archiver") + 1]
    elif not path.endswith("/"):
        head, _, leaf = path.rpartition("/")
        path = head + "/" if "." in leaf or _STATIC_SUFFIX.search(leaf) else path + "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


def _root(site: str) -> str:
    return site if site.endswith("/") else site + "/"


# How each URL form spells a forum-list page and a thread page: {n} is the page number,
# {page} the "&page=N" a dynamic or archiver URL carries after page 1 (none on page 1), {query_page}
# the "?page=N" the rewritten archiver's carries.
URL_FORMS: dict[str, dict[str, str]] = {
    "dynamic": {
        "forum": "forum.php?mod=forumdisplay&fid={id}{page}",
        "thread": "forum.php?mod=viewthread&tid={id}{page}",
    },
    "rewritten": {"forum": "forum-{id}-{n}.html", "thread": "thread-{id}-{n}-1.html"},
    # Discuz! 7.x and earlier: one script per page kind, no forum.php.
    "legacy": {"forum": "forumdisplay.php?fid={id}{page}", "thread": "viewthread.php?tid={id}{page}"},
    "archiver": {"forum": "archiver/?fid-{id}.html{page}", "thread": "archiver/?tid-{id}.html{page}"},
    # URL rewriting on (rewriteoutput('forum_archiver')): the item in the path, not the query.
    "archiver_rewritten": {"forum": "archiver/fid-{id}.html{query_page}",
                           "thread": "archiver/tid-{id}.html{query_page}"},
}


def page_url(site: str, kind: str, item_id: int, page: int = 1, form: str = "dynamic") -> str:
    """URL of page ``page`` of forum or thread ``item_id`` (``kind``) in a URL form."""
    later = page > 1
    return _root(site) + URL_FORMS[form][kind].format(id=item_id, page=f"&page={page}" if later else "", n=page,
                                                      query_page=f"?page={page}" if later else "")


def url_form(url: str) -> str:
    """The URL form a forum, thread or archiver URL is written in."""
    ref = classify(url)
    leaf = urlsplit(url).path.rsplit("/", 1)[-1]
    if ref is not None and ref.kind.startswith("archiver"):
        return "archiver_rewritten" if _ARCHIVER_ITEM.match(leaf) else "archiver"
    if _REWRITTEN_FORUM.match(leaf) or _REWRITTEN_THREAD.match(leaf):
        return "rewritten"
    if leaf in ("viewthread.php", "forumdisplay.php"):
        return "legacy"
    return "dynamic"


def is_archiver(form: str) -> bool:
    """The form is one of the archiver's (its pages have no floors and no post ids)."""
    return form.startswith("archiver")


def thread_url(site: str, thread_id: int, page: int = 1) -> str:
    return page_url(site, "thread", thread_id, page)


def forum_url(site: str, forum_id: int, page: int = 1) -> str:
    return page_url(site, "forum", forum_id, page)


def without_noise(url: str) -> str:
    """The URL to request: noise parameters (``extra``, ``mobile``...) and ``&amp;`` gone,
    the rest in the site's own order, which its robots.txt rules are written against."""
    parts = _split(url)
    # Each kept parameter as the site spelled it: a bare route (the archiver's ``?tid-5.html``,
    # XenForo's ``?threads/slug.5/``) is not a key to encode.
    kept = [piece for piece in parts.query.split("&")
            if piece and unquote_plus(piece.partition("=")[0]).lower() not in NOISE_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))


def canonicalize(url: str) -> str:
    """One string per page: ``&amp;`` undone, noise parameters and ``page=1`` dropped,
    parameters sorted, fragment dropped, host lower-cased."""
    parts = _split(url)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in NOISE_PARAMS and not (key == "page" and value == "1")
    ]
    path = parts.path
    leaf = path.rsplit("/", 1)[-1]
    if match := _REWRITTEN_THREAD.match(leaf):
        # The last number is the list page the link came from: it does not change the page.
        path = path[: len(path) - len(leaf)] + f"thread-{match[1]}-{match[2]}-1.html"
    # Archiver queries are bare keys (``?tid-1.html``): keep them first and without ``=``.
    bare = [key for key, value in query if not value and _ARCHIVER_ITEM.match(key)]
    rest = sorted((key, value) for key, value in query if key not in bare)
    query_string = "&".join(bare + ([urlencode(rest)] if rest else []))
    rebuilt = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    canonical = canonicalize_url(rebuilt)
    return f"{canonical}?{query_string}" if query_string else canonical
