"""What every forum engine gives the crawl: one small interface (``Engine``) and the shapes
its readers return. The spider, recrawl, gaps, cleaning, storage and WARC replay only ever
talk to an engine through these; an engine's package (``scraper.engines.<name>``) holds its
URL forms, its page readers, how its site is walked and the words it prints.

Identity: a page is ``PageRef(kind, forum_id, thread_id, page, post_id)`` whatever URL form it
was reached by (``viewtopic.php?t=5&start=20``, ``/threads/slug.5/page-2``, ``thread-5-2-1.html``
all name thread 5, page 2); ``Engine.page_url`` writes the one canonical URL the crawl asks for.

What a crawl learns of its site (page sizes, the URLs the site links its pages by) is the
crawl's: a ``SiteFacts`` (``scraper.engines.site_facts``) it makes and passes as ``facts`` to
the readers, which learn into it, and to ``classify``/``page_url``, which use it. An engine is a
stateless singleton: without ``facts`` it knows what a new process knows, its install defaults.

Posts: a reader hands each post's raw fields (``RawPost``). Its ``body_html`` is the message
as the page has it, with two rules every engine's reader follows, so one cleaner reads all:
- a quote is a ``<blockquote>``; when the engine names the quoted author, the reader puts the
  name in ``data-quote-author`` (and the time, as shown, in ``data-quote-time``) and drops
  the engine's header line ("X wrote:", "Quote from: X on …");
- an edit notice printed outside the message is given in ``edit_notice`` (its text), an edit
  notice inside it stays where it is (the engine's ``Wording.edit_notices`` find it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from parsel import Selector

if TYPE_CHECKING:
    from scraper.engines.site_facts import SiteFacts

# What a page is: the index (or a board list), a thread list of one forum, a thread page,
# a link to one post (``viewtopic.php?p=N``, ``/posts/N/``, ``redirect=findpost``), or a
# page of a thread the crawl does not read itself but asks the thread's first page
# (``page_url``) for: ``post_redirect`` (Discuz's findpost link, Discourse's HTML topic page,
# whose JSON is read instead).
PAGE_KINDS = ("index", "forum", "thread", "post", "post_redirect")
# The URL form (``Engine.page_url``'s ``form``) of the HTML a site serves crawlers, which a
# crawl goes on in once the site refused a page in its usual form (``Engine.crawler_view_url``).
CRAWLER_FORM = "crawler"


@dataclass(frozen=True)
class PageRef:
    """``start``: the item offset a URL names where an engine pages by offset (SMF's
    ``topic=N.30``, phpBB's ``start=30``); its ``page`` is then reckoned with the page size
    the engine knows for the site (its default until a pager was read), and the page read
    says the true one (``ThreadView.page``)."""

    kind: str
    forum_id: int | None = None
    thread_id: int | None = None
    page: int = 1
    post_id: int | None = None
    start: int | None = None


@dataclass(frozen=True)
class ForumLink:
    """``forum_id`` None: a board its links name by URL only (MyBB's Google SEO ``Forum-NAME``);
    the crawl asks ``url``, and the list page names the id."""

    forum_id: int | None
    name: str
    url: str
    category: str | None = None
    parent_forum_id: int | None = None


@dataclass(frozen=True)
class ThreadRow:
    """One row of a thread list. ``last_post_text``/``last_post_attr``: the last-post column's
    time as shown and its machine-readable form (``datetime``, ``data-time``, a title);
    ``last_post_id``: the post its last-post link names, where the list links one."""

    thread_id: int
    title: str
    author: str | None = None
    replies: int | None = None
    views: int | None = None
    sticky: bool = False
    url: str | None = None
    last_post_text: str | None = None
    last_poster: str | None = None
    last_post_attr: str | None = None
    last_post_id: int | None = None


@dataclass(frozen=True)
class RawPost:
    """A post as the page shows it; cleaning happens in ``pipeline.clean``. ``time_title`` is
    the machine-readable time when the page has one (``<time datetime>``, ``data-time`` epoch,
    ``span[title]``): it wins over ``time_text``."""

    post_id: int | None
    floor: int | None
    author: str | None
    author_banned: bool
    time_text: str | None
    time_title: str | None
    body_html: str
    signature_html: str | None = None
    content_hidden: bool = False
    unreadable: str | None = None  # why a post container yielded neither author nor message
    edit_notice: str | None = None  # "Last edited by X; 06-15-2016 at 03:10 PM", when outside the body
    attachments_html: str | None = None  # the attachment list below the message (div.pattl)
    edit_time: str | None = None  # the edit notice's machine-readable time (XenForo's data-time): wins over its text


@dataclass(frozen=True)
class Pagination:
    page_count: int = 1
    current: int | None = None
    page_urls: dict[int, str] = field(default_factory=dict)
    next_url: str | None = None


class IndexView(Protocol):
    site_root: str
    site_name: str | None
    forums: list[ForumLink]
    message: str | None
    links_out: list[ForumLink]  # boards that only send a visitor elsewhere: not crawled
    board_index: str | None  # the board index a page without boards links (else the engine's index_url)


class ForumView(Protocol):
    forum_id: int | None
    name: str | None
    subforums: list[ForumLink]
    threads: list[ThreadRow]
    pagination: Pagination
    page_count: int
    message: str | None
    message_kind: str | None  # login_required, forbidden, deleted, missing_or_closed (SMF), message
    page_timezone: str | None  # the zone the page states ("All times are GMT +1": "UTC+01:00")
    ref: PageRef | None  # the page its URL names (its number when the page shows no pager)


class ThreadView(Protocol):
    """A thread page as read. Discuz's robot pages add ``full_page_size``, ``unplaced`` and
    ``posts_over_limit`` (scraper.engines.discuz.pages.positions), which the spider reads when present."""

    thread_id: int | None
    forum_id: int | None
    title: str | None
    page: int
    page_count: int
    replies: int | None
    posts: list[RawPost]
    message: str | None
    message_kind: str | None
    ref: PageRef | None
    page_timezone: str | None


@dataclass(frozen=True)
class Wording:
    """The words and shapes an engine prints, in every language pack known: the readers and the
    cleaner both take them from here. ``edit_notices``: patterns with the groups ``author`` and
    ``time``; ``hidden``/``banned``: notices standing in for content a guest may not see or a
    banned author wrote; ``parse_time(text, attr, fetched_at, tz) -> (UTC datetime | None,
    precision | None)``.

    ``date_order``: the order (``shown_times.DAY_FIRST``/``MONTH_FIRST``) a numeric date is read
    in when nothing on the page or in the crawl decides it (``date_order.page_order``), passed to
    ``parse_time`` as ``order=``; None for an engine whose time reader takes no order (its
    numeric dates are year-first). ``pack_languages``: the language tags the engine's shipped
    pack prints on every board whatever its country (phpBB's "British English", ``en-gb``): they
    tell nothing of the order its admin chose."""

    edit_notices: Sequence[re.Pattern[str]]
    hidden: re.Pattern[str] | None
    banned: re.Pattern[str] | None
    parse_time: Callable[..., tuple[datetime | None, str | None]]
    date_order: str | None = None
    pack_languages: tuple[str, ...] = ()

    def edit_notice(self, notice: str | None) -> re.Match[str] | None:
        """The first of ``edit_notices`` an edit notice's text (spacing folded) matches."""
        text = " ".join((notice or "").split())
        return next(filter(None, (pattern.search(text) for pattern in self.edit_notices)), None) if text else None

    def ordered(self, order: str | None) -> Wording:
        """This wording with ``parse_time`` reading numeric dates in ``order`` (a page's); itself
        when ``order`` is None or the engine's reader takes no order."""
        if order is None or self.date_order is None:
            return self
        return replace(self, parse_time=partial(self.parse_time, order=order))


class Engine(Protocol):
    """One forum engine. ``name`` is what ``--engine``, site profiles, the ``sites.engine``
    column and the export record say (``discuz``, ``phpbb``…); ``label`` what a person reads."""

    name: str
    label: str
    wording: Wording
    post_anchor: str  # a post's place on its page, from its id: "#pid{post_id}", "#p{post_id}"…
    # HTTP statuses of a thread page that still carry the engine's own message (XenForo's 403
    # "You do not have permission…", 404 "…could not be found"): read, not a failed page.
    message_statuses: tuple[int, ...]
    # How a whole page may end besides ``</html>``/``</body>`` (searched in the page's last
    # bytes, lowercased): a page cache that stops before them (Discuz! X3.3's guest index).
    page_ends: tuple[re.Pattern[bytes], ...]

    def recognizes(self, page: Selector) -> bool:
        """Whether the page was rendered by this engine: generator meta, ids, classes, footer,
        script globals; never the URL alone."""

    def classify(self, url: str, facts: SiteFacts | None = None) -> PageRef | None:
        """The page a URL names, in any of the engine's URL forms; None for other URLs. An
        offset's page number (``PageRef.start``) at the page size ``facts`` (the crawl's
        ``SiteFacts``) hold; a link without an id as the page it was linked for."""

    def redirected_once(self, asked: str, location: str) -> bool:
        """Whether ``asked`` redirected to ``location`` is the site's one-time answer to a page's
        first view, after which it serves ``asked`` itself: the crawl asks for ``asked`` again
        (a redirect to ``asked`` itself always is, ``scraper.redirects_once``)."""

    def site_root(self, url: str) -> str:
        """The forum's root URL (where its scripts live), from any page's URL."""

    def page_url(self, site: str, kind: str, item_id: int, page: int = 1, form: str | None = None,
                 facts: SiteFacts | None = None) -> str:
        """The canonical URL of page ``page`` of forum (``kind='forum'``) or thread ``item_id``,
        in URL form ``form`` (``url_form``'s; None: the engine's own), with what the crawl's
        ``facts`` hold (page sizes, the URL the site links the page by in ``form``)."""

    def crawler_view_url(self, url: str) -> str | None:
        """The same page as the HTML the site serves crawlers, when ``url`` is in a form a site
        may refuse (Discourse's JSON API, blocked by a proxy); None for any other URL."""

    def url_form(self, response: Any) -> str:
        """The URL form the crawl asks the site's pages in, found from its start page: "dynamic"
        (``page_url``'s own) unless the page shows the site takes another (Discuz's rewritten
        and legacy URLs, Invision 3.x's ``index.php?showtopic=N``); ``page_url(…, form=…)``."""

    def index_url(self, site: str) -> str:
        """The board index (all forums), for a start page that lists none (a portal, a home page)."""

    def canonicalize(self, url: str) -> str:
        """One spelling per page (parameter order, session ids and noise dropped), from the URL
        alone: the same whatever the crawl learned."""

    # The readers: ``facts``, the crawl's ``SiteFacts``, which they read and add to (a pager's
    # page size, the URLs a page links); None: a page read on its own.
    def index_page(self, response: Any, facts: SiteFacts | None = None) -> IndexView: ...

    def forum_page(self, response: Any, facts: SiteFacts | None = None) -> ForumView: ...

    def thread_page(self, response: Any, facts: SiteFacts | None = None, **kwargs: Any) -> ThreadView: ...
