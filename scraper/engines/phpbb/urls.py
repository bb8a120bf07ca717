"""phpBB's URL forms (2.0 to 3.3), each read into one ``PageRef`` and written back canonically.

- index: ``index.php`` (or the board's directory itself);
- forum: ``viewforum.php?f=N`` with ``&start=M`` (an offset in topics, not a page number);
- thread: ``viewtopic.php?t=N`` with ``&start=K`` (an offset in posts), ``f=`` optional;
- post: ``viewtopic.php?p=N#pN`` (3.x) or ``viewtopic.php?p=N#N`` (2.0), ``t``/``f`` optional.

Noise dropped from every spelling: the guest's ``sid=`` (a session id on every link a guest
without cookies is given), search highlights (``hilit``, 2.0's ``highlight``) and the sort
parameters at their defaults (3.x ``st=0&sk=t&sd=a``, 2.0 ``postdays=0&postorder=asc``,
``topicdays=0``). ``view=print|next|previous|unread`` pages are other pages than the topic's
own: no ``PageRef``. SEO-rewritten URLs (``/topic123.html``, ``/forum-title-f12.html``) come from phpBB SEO's
mod, not phpBB: ``seo`` reads them into the parameters phpBB's own URL would carry.

``start`` is an offset, kept exact in ``PageRef.start``: its page number needs the board's page
size, which the readers learn into the crawl's ``SiteFacts`` from the pagination links of the
pages they read (page k's link names ``start`` (k - 1) x size). Until then phpBB's install
defaults are assumed (3.x: 10 posts, 25 topics a page).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from scraper.engines.base import PageRef
from scraper.engines.phpbb import seo
from scraper.engines.phpbb.linked import FORM
from scraper.engines.site_facts import SiteFacts

SCRIPTS = {"index.php": "index", "viewforum.php": "forum", "viewtopic.php": "thread"}
DEFAULT_SIZES = {"forum": 25, "thread": 10}  # phpBB 3.x's topics_per_page, posts_per_page
NOISE = frozenset({"sid", "hilit", "highlight", "e"})
DEFAULTS = {"st": "0", "sk": "t", "sd": "a", "postdays": "0", "postorder": "asc", "topicdays": "0"}
OTHER_VIEWS = frozenset({"print", "next", "previous", "unread"})
_APP = re.compile(r"/app\.php(?:/.*)?$")


def site_root(url: str) -> str:
    """The directory the board's scripts live in, with a trailing slash."""
    scheme, netloc, path, _, _ = urlsplit(url)
    path = seo.board_path(_APP.sub("/", path))
    directory = path[: path.rfind("/") + 1] if "/" in path else "/"
    return urlunsplit((scheme, netloc, directory or "/", "", ""))


def _script(url: str) -> str | None:
    path = urlsplit(url).path
    name = path[path.rfind("/") + 1:]
    return name if name in SCRIPTS else ("index.php" if name == "" else None)


def own_form(url: str) -> bool:
    """A URL of one of phpBB's own scripts (not a rewritten one, nor a folder)."""
    path = urlsplit(url).path
    return path[path.rfind("/") + 1:] in SCRIPTS


def query_params(url: str) -> dict[str, str]:
    return {key: value for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True)}


def params(url: str) -> dict[str, str]:
    """A URL's parameters: its query's, and those a phpBB SEO rewritten path stands for."""
    return query_params(url) | seo.params(url)


def int_param(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def page_size(facts: SiteFacts | None, root: str, kind: str) -> int:
    """Posts (``kind`` "thread") or topics ("forum") a page of the board at ``root``: as its
    pagers said, else the install default."""
    return (facts.size(root, kind) if facts else None) or DEFAULT_SIZES[kind]


def classify(url: str, facts: SiteFacts | None = None) -> PageRef | None:
    """The page a URL names: by its form, or (a link without an id: phpBB SEO's
    ``your-first-forum/``) as the page it was linked for on a page read before."""
    known = facts.links.ref(canonicalize(url)) if facts else None
    if known is not None:
        size = page_size(facts, site_root(url), known.kind)
        return PageRef(known.kind, known.forum_id, known.thread_id, page=known.start // size + 1, start=known.start)
    rewritten = seo.params(url)
    script = None if rewritten else _script(url)
    if script is None and not rewritten:
        return None
    kind = SCRIPTS[script] if script else "thread" if rewritten.keys() & {"t", "p"} else "forum"
    query = params(url)
    if kind == "index":
        return PageRef("index")
    forum_id = int_param(query.get("f"))
    start = int_param(query.get("start")) or 0
    if kind == "forum":
        if forum_id is None:
            return None
        return PageRef("forum", forum_id, page=start // page_size(facts, site_root(url), "forum") + 1, start=start)
    if query.get("view") in OTHER_VIEWS:
        return None
    post_id, thread_id = int_param(query.get("p")), int_param(query.get("t"))
    if post_id is not None:
        return PageRef("post", forum_id, thread_id, post_id=post_id)
    if thread_id is None:
        return None
    return PageRef("thread", forum_id, thread_id, page=start // page_size(facts, site_root(url), "thread") + 1,
                   start=start)


def page_url(site: str, kind: str, item_id: int, page: int = 1, form: str | None = None, *,
             start: int | None = None, facts: SiteFacts | None = None) -> str:
    """``start`` when given (a URL's own offset), else page ``page`` at the size known. In
    ``form`` ``linked.FORM``: the URL the board links the page by, where one was read."""
    last = urlsplit(site).path.rsplit("/", 1)[-1]
    root = site_root(site) if "." in last or not last else site + "/"  # a script, or the board's directory
    start = start if start is not None else (page - 1) * page_size(facts, root, kind)
    if form == FORM and facts and (known := facts.links.url(root, kind, item_id, start)):
        return known
    if kind == "forum":
        query = f"f={item_id}"
    elif kind == "thread":
        query = f"t={item_id}"
    else:
        raise ValueError(f"no pages of kind {kind!r}")
    return urljoin(root, ("viewforum.php?" if kind == "forum" else "viewtopic.php?") + query
                   + (f"&start={start}" if start > 0 else ""))


def canonicalize(url: str) -> str:
    """The URL without its fragment, session id and noise, parameters in a fixed order (the
    page's own ids first). A forum or topic page's ``f`` beside ``t`` is dropped: the topic
    names itself."""
    scheme, netloc, path, query, _ = urlsplit(url)
    pairs = [(key, value) for key, value in parse_qsl(query, keep_blank_values=True)
             if key not in NOISE and DEFAULTS.get(key) != value and not (key == "start" and value == "0")]
    keys = {key for key, _ in pairs}
    if _script(url) == "viewtopic.php" and keys & {"t", "p"}:
        pairs = [(key, value) for key, value in pairs if key != "f"]
        if "p" in keys:
            pairs = [(key, value) for key, value in pairs if key not in ("t", "start")]
    order = {"f": 0, "t": 1, "p": 2, "start": 9}
    pairs.sort(key=lambda pair: (order.get(pair[0], 5), pair[0]))
    return urlunsplit((scheme, netloc, path, urlencode(pairs), ""))
