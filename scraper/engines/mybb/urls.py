"""MyBB 1.8's URL forms (``inc/init.php`` defines both sets of ``*_URL`` constants; the SEO set
is used when ``seourls`` is ``yes``, or ``auto`` and the server sets ``SEO_SUPPORT``, which
MyBB's ``htaccess.txt`` does with its RewriteRules). Both forms can be met on one site.

- thread: ``showthread.php?tid=N[&page=M]``, ``thread-N.html``, ``thread-N-page-M.html``
- a post: ``showthread.php?pid=P``, ``showthread.php?tid=N&pid=P``, ``post-P.html``,
  ``thread-N-post-P.html``; ``showthread.php?tid=N&action=lastpost|newpost`` and
  ``thread-N-lastpost.html`` redirect to a post (kind ``post``, no post id)
- forum: ``forumdisplay.php?fid=N[&page=M]``, ``forum-N.html``, ``forum-N-page-M.html``
- index: ``index.php`` or the directory itself
The Lite archive (``archive/index.php/thread-N.html``) prints another layout: not classified.

The Google SEO plugin (github.com/frostschutz/MyBB-Google-SEO, its default scheme and the
rules of its ``htaccess.example.txt``, case-insensitive) names a forum ``Forum-NAME`` and a
thread ``Thread-NAME``, with no id; MyBB's own ``page``, ``pid`` and ``action`` parameters
follow (``Forum-NAME?page=2``, ``Thread-NAME?pid=5``). Such a URL classifies with no forum or
thread id (the page itself names it) and is its own canonical URL; except a name the plugin
made unique with its default uniquifier ``{url}{separator}{separator}{id}`` (``Forum-Coding--71``:
punctuation runs become one separator, so two only come from it), which names the id.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.engines.base import PageRef

_SEO = (
    (re.compile(r"thread-(\d+)(?:-page-(\d+))?\.html"), "thread"),
    (re.compile(r"thread-(\d+)-post-(\d+)\.html"), "thread-post"),
    (re.compile(r"thread-(\d+)-(?:lastpost|newpost)\.html"), "thread-jump"),
    (re.compile(r"post-(\d+)\.html"), "post"),
    (re.compile(r"forum-(\d+)(?:-page-(\d+))?\.html"), "forum"),
)
_GOOGLE_SEO = re.compile(r"(forum|thread)-[^./]+?(?:--(\d+))?", re.IGNORECASE)
# Parameters that name the page; every other one (sort order, highlight, my_post_key, sid)
# is dropped by canonicalize.
_JUMPS = {"lastpost", "newpost"}


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _page(value: str | None) -> int:
    number = _number(value)
    return number if number and number > 0 else 1


def classify(url: str) -> PageRef | None:
    parts = urlsplit(url)
    path = parts.path
    if "/archive/" in path:
        return None
    name = path.rsplit("/", 1)[-1]
    query = dict(parse_qsl(parts.query))
    if name == "showthread.php":
        return _showthread(query)
    if name == "forumdisplay.php":
        fid = _number(query.get("fid"))
        return PageRef("forum", forum_id=fid, page=_page(query.get("page"))) if fid else None
    if name in ("", "index.php"):
        return PageRef("index")
    for pattern, kind in _SEO:
        found = pattern.fullmatch(name)
        if not found:
            continue
        first, second = int(found.group(1)), found.groups()[1] if len(found.groups()) > 1 else None
        if kind == "thread":
            return PageRef("thread", thread_id=first, page=_page(second))
        if kind == "thread-post":
            return PageRef("post", thread_id=first, post_id=int(second))
        if kind == "thread-jump":
            return PageRef("post", thread_id=first)
        if kind == "post":
            return PageRef("post", post_id=first)
        return PageRef("forum", forum_id=first, page=_page(second))
    google_seo = _GOOGLE_SEO.fullmatch(name)
    if google_seo is None:
        return None
    unique = _number(google_seo.group(2))
    if google_seo.group(1).lower() == "forum":
        return PageRef("forum", forum_id=unique, page=_page(query.get("page")))
    return _showthread(query | ({"tid": str(unique)} if unique else {}), by_name=True)


def _showthread(query: dict[str, str], by_name: bool = False) -> PageRef | None:
    """``showthread.php``'s query; ``by_name``: a Google SEO thread URL, whose name stands
    for the ``tid``."""
    tid, pid = _number(query.get("tid")), _number(query.get("pid"))
    if pid:
        return PageRef("post", thread_id=tid, post_id=pid)
    if not tid and not by_name:
        return None
    if query.get("action") in _JUMPS:
        return PageRef("post", thread_id=tid)
    if query.get("action"):
        return None  # nextnewest, nextoldest: another thread, named only after a redirect
    return PageRef("thread", thread_id=tid, page=_page(query.get("page")))


def site_root(url: str) -> str:
    """The directory holding MyBB's scripts (the archive's parent), with a trailing slash."""
    parts = urlsplit(url)
    path = parts.path
    if "/archive/" in path:
        path = path[: path.index("/archive/") + 1]
    else:
        path = path[: path.rfind("/") + 1] or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def page_url(site: str, kind: str, item_id: int, page: int = 1) -> str:
    """The plain form, which every install answers (the SEO form needs rewriting)."""
    root = site_root(site)
    if kind == "thread":
        query = {"tid": item_id} | ({"page": page} if page > 1 else {})
        return f"{root}showthread.php?{urlencode(query)}"
    if kind == "forum":
        query = {"fid": item_id} | ({"page": page} if page > 1 else {})
        return f"{root}forumdisplay.php?{urlencode(query)}"
    if kind == "post":
        return f"{root}showthread.php?pid={item_id}"
    raise ValueError(f"no MyBB URL for kind {kind!r}")


def canonicalize(url: str) -> str:
    """One spelling per page: any form of a thread, forum or post page becomes its plain
    canonical URL (fragment, ``sid``, sort and highlight parameters dropped)."""
    ref = classify(url)
    root = site_root(url)
    if ref is None:
        parts = urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "sid"]
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
    if ref.kind == "index":
        return root + "index.php"
    if not (ref.forum_id or ref.thread_id or ref.post_id):
        return _named(url, ref)
    if ref.kind == "post":
        if ref.post_id:
            return page_url(root, "post", ref.post_id)
        return f"{root}showthread.php?{urlencode({'tid': ref.thread_id, 'action': 'lastpost'})}"
    item = ref.thread_id if ref.kind == "thread" else ref.forum_id
    return page_url(root, ref.kind, item, ref.page)


def _named(url: str, ref: PageRef) -> str:
    """A page its URL names by a Google SEO name: that path, with only the page number or
    the jump it asks for."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    kept = {"page": ref.page} if ref.page > 1 else {}
    if query.get("action") in _JUMPS:
        kept = {"action": query["action"]}
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), ""))
