"""vBulletin URL forms → ``PageRef``; canonical URLs.

3.x/4.x: ``showthread.php?t=N&page=M``, ``showthread.php?p=N#postN``, ``showpost.php?p=N``,
friendly ``showthread.php?N-slug/pageM`` and ``showthread.php/N-slug/pageM``, rewritten
``/threads/N-slug/pageM``; lists ``forumdisplay.php?f=N&page=M``, ``forumdisplay.php?N-slug``,
``/forums/N-slug``; the index ``index.php``/``forum.php``. 5.x: a thread is a node,
``/forum/section/N-title/pageM`` or ``/node/N``. vBSEO (a 3.x/4.x add-on) names a thread
``/forum-slug/N-thread-slug.html``, its page M ``…-M.html``, a post ``…-postP.html`` (the links
of drwindows.de's pages, tests/fixtures/vbulletin-4-de). Session ids (``s=``) are dropped.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.engines.base import PageRef

NOISE = frozenset({"s", "sid", "highlight", "viewfull", "goto", "styleid", "langid", "daysprune",
                   "order", "sort", "pp"})
_SLUG = re.compile(r"^(?P<id>\d+)(?:-[^/]*)?(?:/page(?P<page>\d+))?/?$")
_SCRIPTS = ("showthread.php", "showpost.php", "forumdisplay.php", "index.php", "forum.php")
_VB5_THREAD = re.compile(r"/(?P<id>\d+)-[^/]+(?:/page(?P<page>\d+))?/?$")
_NODE = re.compile(r"/node/(?P<id>\d+)(?:/page(?P<page>\d+))?/?$")
_REWRITTEN = re.compile(r"/(?P<kind>threads|forums)/(?P<rest>\d+.*)$")
# vBSEO: page 1 has no suffix, page M ends "-M"; "-postP" names a post; "-next-thread",
# "-prev-thread" and "-print" are no page of this thread. A title ending in a number ("…-windows-7")
# reads as a page number: the page's own "Page 7 of 10" then names the page (pages.py).
_VBSEO = re.compile(r"/(?P<id>\d+)-[^/]*?(?:-(?P<page>\d+)|-post(?P<post>\d+)|-(?P<other>next-thread|prev-thread|print))?"
                    r"\.html$")
_NOT_THREADS = ("/members/", "/blogs/", "/attachments/", "/groups/", "/albums/")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _page(value: str | None) -> int:
    number = _int(value)
    return number if number and number > 0 else 1


def _split_script(path: str) -> tuple[str, str, str]:
    """(directory, script, friendly tail) of ``/dir/showthread.php/9687-slug/page2``."""
    path = path if path.startswith("/") else "/" + path  # a relative href: forumdisplay.php?f=5
    for script in _SCRIPTS:
        at = path.find("/" + script)
        if at >= 0:
            return path[:at + 1], script, path[at + 1 + len(script):].lstrip("/")
    return path, "", ""


def _friendly(query: str, tail: str) -> re.Match | None:
    """``?9687-slug/page2`` (a query with no ``=`` before its first ``&``) or a path tail."""
    head = query.split("&", 1)[0]
    return _SLUG.match(head if head and "=" not in head else tail)


def _script_ref(script: str, params: dict[str, str], slug: re.Match | None) -> PageRef | None:
    page = _page(params.get("page") or (slug.group("page") if slug else None))
    if script == "showpost.php" or (script == "showthread.php" and _int(params.get("p"))):
        return PageRef("post", post_id=_int(params.get("p")) or _int(params.get("postid")))
    if script == "showthread.php":
        thread = _int(params.get("t")) or _int(params.get("threadid")) or (_int(slug.group("id")) if slug else None)
        return PageRef("thread", thread_id=thread, page=page) if thread else None
    if script == "forumdisplay.php":
        forum = _int(params.get("f")) or _int(params.get("forumid")) or (_int(slug.group("id")) if slug else None)
        return PageRef("forum", forum_id=forum, page=page) if forum else None
    return PageRef("index")


def classify(url: str) -> PageRef | None:
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    _, script, tail = _split_script(parts.path)
    if script:
        return _script_ref(script, params, _friendly(parts.query, tail))
    rewritten = _REWRITTEN.search(parts.path)
    if rewritten:
        slug = _SLUG.match(rewritten.group("rest"))
        if slug:
            kind = "thread" if rewritten.group("kind") == "threads" else "forum"
            number, page = int(slug.group("id")), _page(slug.group("page"))
            return PageRef(kind, thread_id=number, page=page) if kind == "thread" else PageRef(kind, forum_id=number, page=page)
    vbseo = _VBSEO.search(parts.path)
    if vbseo and not any(root in parts.path for root in _NOT_THREADS):
        if vbseo.group("other"):
            return None
        thread = int(vbseo.group("id"))
        if vbseo.group("post"):
            return PageRef("post", thread_id=thread, post_id=int(vbseo.group("post")))
        return PageRef("thread", thread_id=thread, page=_page(vbseo.group("page")))
    for pattern in (_NODE, _VB5_THREAD):
        match = pattern.search(parts.path)
        if match:
            return PageRef("thread", thread_id=int(match.group("id")), page=_page(match.group("page")))
    return None


def site_root(url: str) -> str:
    parts = urlsplit(url)
    directory, script, _ = _split_script(parts.path)
    if not script:
        for marker in ("/threads/", "/forums/", "/forum/", "/node/"):
            if marker in parts.path:
                directory = parts.path[:parts.path.index(marker) + 1]
                break
        else:
            directory = parts.path[:parts.path.rfind("/") + 1]
    return urlunsplit((parts.scheme, parts.netloc, directory, "", ""))


def page_url(site: str, kind: str, item_id: int, page: int = 1) -> str:
    """The 3.x/4.x script URL (5.x answers these with a redirect to the node's page)."""
    root = site if site.endswith("/") else site + "/"
    key, script = ("t", "showthread.php") if kind == "thread" else ("f", "forumdisplay.php")
    query = f"{key}={item_id}" + (f"&page={page}" if page > 1 else "")
    return f"{root}{script}?{query}"


def canonicalize(url: str) -> str:
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    head = parts.query.split("&", 1)[0]
    friendly = head if head and "=" not in head else ""
    kept = sorted((key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
                  if key.lower() not in NOISE and key != friendly and (key, value) != ("page", "1"))
    query = "&".join(part for part in (friendly, urlencode(kept)) if part)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, query, ""))
