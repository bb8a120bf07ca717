"""The ``forum`` spider: decides what to fetch on a forum of any engine and yields items.

The engine is found from the start page (``scraper.engines.detect``) or forced (``-a
engine=phpbb``; the ``discuz``, ``phpbb``… spiders of ``scraper.spiders.engines`` force their
own). Start from the site root, a forum index, a thread list, a thread or a post link, in any
of the engine's URL forms (for Discuz: dynamic, rewritten, archiver, mobile); it walks index ->
forums -> sub-forums -> every thread-list page -> every thread page, staying on the start
URL's host (and, on Discuz, in the start URL's form: archiver or dynamic). Arguments: ``url``,
``engine``, ``tz``, ``forums=2,5``, ``max_threads=N``. Reading pages is the engine's job
(``Engine.index_page``/``forum_page``/``thread_page``); what a recrawl may skip is
``scraper.recrawl``'s; cleaning and storing are item pipelines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy.http import Response
from scrapy.settings import SETTINGS_PRIORITIES
from twisted.python.failure import Failure

import db
from db.gaps import Gap
from scraper.engines.discuz import urls
from scraper.engines import Engine, by_name, date_order, detect, what_it_shows
from scraper.engines.base import CRAWLER_FORM, ForumLink, ThreadView, Wording
from scraper.engines.site_facts import SiteFacts
from scraper.compact_ids import IntSet
from scraper.gaps import GapLedger, failure_reason, page_kind, page_url
from scraper.items import ForumItem, PostItem, SiteItem, ThreadItem, ThreadPageItem, ThreadReadItem
from scraper import markup
from scraper import page_budget
from scraper.page_checks import FATAL_STAT, CrawlStopping
from scraper.refusal import ADVICE
from scraper.recrawl import Listed, RecrawlPlan
from scraper.thread_reads import ReadEarlierPages, Shown, ThreadReads, WholeRead
from scraper.warc_replay import NotInArchive
from scraper.crawler_view_fallback import CRAWLER_VIEW_META
from scraper.links_out import LINKS_OUT_STAT, LinkOut
from scraper.spiders.arguments import CrawlArguments

__all__ = ["FATAL_STAT", "ForumSpider"]
# Gap pages left by earlier crawls are fetched before everything else.
GAP_RETRY_PRIORITY = 100
# Request meta of a thread-list page queued by the one FORUM_LIST_PAGES_AHEAD before it:
# (forum id, its page number, the last page to read).
LIST_CHAIN_META = "list_chain"
# The ForumLink a board's first list page is asked for: its name, should the page be a link
# out (scraper.links_out); a board its links name by URL only (no id): its list page names the id.
BOARD_META = "board"
# Request meta of a full page of a thread read to learn the page size (scraper.engines.discuz.pages.positions):
# the page number of the floorless page to read again after it; and of that second reading.
PLACE_AFTER_META = "place_after"
PLACED_AGAIN_META = "placed_again"


class ForumSpider(scrapy.Spider):
    name = "forum"
    forced_engine: str | None = None  # the engine spiders of scraper.spiders.engines set theirs

    def __init__(self, url: str | None = None, tz: str | None = None, forums: str | None = None,
                 max_threads: str | None = None, engine: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.args = CrawlArguments.parse(url, tz, forums, max_threads, engine or self.forced_engine)
        self.engine: Engine | None = self.args.engine  # found from the start page when not forced
        self.start_url = self.args.url
        self.allowed_domains = [urlsplit(self.start_url).hostname]
        self.site: str | None = None
        self.url_form = "dynamic"
        self.facts = SiteFacts()  # what the pages read taught of the site (page sizes, linked URLs)
        self.plan = RecrawlPlan()
        # Kept for the whole crawl, one member a thread: compact (scraper.compact_ids).
        self.threads_seen = IntSet()
        self.thread_first_page: dict[int, int] = {}
        self.threads_paged = IntSet()  # threads whose other pages are queued
        self.crawler_view_pages: dict[int, int] = {}  # crawler form: thread id -> last page queued
        self.reads = ThreadReads()  # threads read whole: what they show decides what is gone
        # forum id -> (page count, list pages read): a forum is completely listed when equal.
        self.forum_pages: dict[int, tuple[int, set[int]]] = {}
        self.unlisted_checked = False
        self.gaps = GapLedger()
        self.start_fetch_failed = False
        # The site's posts per page: the largest full thread page read (scraper.engines.discuz.pages.positions).
        self.posts_per_page: int | None = None
        # thread id -> (page count, posts shown) of a page 1 read for the page size, until the
        # floorless page it was read for is read again (and the thread's first read is done).
        self.read_for_size: dict[int, tuple[int, list[tuple[int | None, int]]]] = {}
        self.site_dates = date_order.SiteDates()  # what the site's pages proved of its date order
        self.date_order_setting: str | None = None  # FORUM_DATE_ORDER, checked (from_crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ForumSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.engine is None and crawler.settings.get("FORUM_ENGINE"):
            spider.engine = by_name(crawler.settings.get("FORUM_ENGINE"))  # a site profile's
        crawler.signals.connect(spider.check_unlisted_threads, signal=signals.spider_idle)
        spider.date_order_setting = date_order.setting_order(crawler.settings.get("FORUM_DATE_ORDER"))
        return spider

    @property
    def timezone(self) -> str:
        return self.args.tz or self.settings.get("FORUM_TIMEZONE", "Asia/Shanghai")

    def timezone_of(self, page: Any) -> str:
        """The zone a page's times are in: the crawl's ``tz`` or a site profile's, else the one
        the page states (``page_timezone``: "All times are GMT +1"), else FORUM_TIMEZONE's."""
        chosen = (self.settings.getpriority("FORUM_TIMEZONE") or 0) > SETTINGS_PRIORITIES["project"]
        if self.args.tz or chosen:
            return self.timezone
        return getattr(page, "page_timezone", None) or self.timezone

    def date_order_of(self, page: Any, response: Response) -> str | None:
        """The order of a page's numeric dates (``scraper.engines.date_order``): its own dates',
        else the site's pages', FORUM_DATE_ORDER, its language, the engine's; what its dates
        prove is kept for the site's later pages. None for an engine that takes no order."""
        header = response.headers.get("Content-Language")
        return date_order.page_order(page, response.text, wording=self.engine.wording,
                                     setting=self.date_order_setting, site=self.site_dates,
                                     header=header.decode("latin-1") if header else None)

    async def start(self) -> Any:
        # Noise such as &mobile=2 (the touch template) or &extra= is dropped. FORUM_COOKIES
        # (a site profile's, e.g. a member login) go into the cookie jar here and with it on
        # every later request to the site.
        yield scrapy.Request(urls.without_noise(self.start_url), callback=self.parse_start,
                             errback=self.start_failed, cookies=self.settings.getdict("FORUM_COOKIES"))

    def start_failed(self, failure: Failure) -> None:
        if failure.check(CrawlStopping):
            return  # stopped (SIGTERM) before the start page came: not the site's failure
        self.start_fetch_failed = True
        reason = failure_reason(failure)
        refused = reason.startswith("refused") or getattr(failure.value, "refusal", None)
        self.fail(f"cannot fetch {self.start_url}: {reason}" + (f"; {ADVICE}" if refused else ""))

    def start_dropped(self, reason: str) -> None:
        """The start request was dropped (a redirect loop): the crawl fails in one line."""
        self.start_fetch_failed = True
        self.crawler.stats.set_value(FATAL_STAT, f"cannot fetch {self.start_url}: {reason}")
        self.crawler.engine.close_spider(self, "failed")

    def crawler_view_request(self, request: scrapy.Request) -> scrapy.Request | None:
        """The same page as the HTML the site serves crawlers, when the site refused ``request``
        in a form it may refuse (scraper.crawler_view_fallback); None when there is no other form."""
        other = self.engine.crawler_view_url(request.url) if self.engine else None
        if other is None:
            return None
        fallback = request.replace(url=other, dont_filter=True)
        fallback.meta[CRAWLER_VIEW_META] = True
        return fallback

    def crawler_view_served(self, request: scrapy.Request) -> None:
        """A page refused in its usual form was served as crawler HTML: every later page is
        asked in that form. (A page gone in both forms, a deleted topic, changes nothing.)"""
        if self.url_form != CRAWLER_FORM:
            self.logger.warning("%s: the JSON API refused, the HTML served to crawlers read instead", request.url)
            self.url_form = CRAWLER_FORM

    def page_failed(self, failure: Failure) -> list[scrapy.Request] | None:
        """Errback of every page request: a page that finally failed is a gap."""
        if failure.check(CrawlStopping, NotInArchive):
            return None
        request = failure.request
        if failure.check(LinkOut):
            self.board_elsewhere(request, failure.value.target)
            return None
        self.record_gap(page_url(request), page_kind(request), failure_reason(failure),
                        attempts=request.meta.get("retry_times", 0) + 1)
        if chained := request.meta.get(LIST_CHAIN_META):
            return list(self.list_pages_after(*chained))  # the pages after a lost list page are not lost
        return None

    def board_elsewhere(self, request: scrapy.Request, target: str) -> None:
        """A board whose page redirects off the forum (scraper.links_out): a link out, not a
        failed page; the run's message names it. An earlier crawl's gap for the page is closed."""
        url = page_url(request)
        board = request.meta.get(BOARD_META)
        self.gaps.page_read(url)
        self.count("boards/links_out")
        links = self.crawler.stats.get_value(LINKS_OUT_STAT) or []
        self.crawler.stats.set_value(LINKS_OUT_STAT, [*links, f"{board.name if board else url} ({target})"])
        self.logger.info("%s is a link to %s: not crawled", url, target)

    def record_gap(self, url: str, kind: str, reason: str, attempts: int = 1) -> None:
        """A page (kind index|forum|list|thread) or a post (kind post, url with #pid) this
        crawl cannot read: recorded in crawl_gaps, the run ends incomplete, the next crawl
        fetches the page first. Page-reading code calls this for what it cannot read."""
        self.gaps.record(Gap(url, kind, reason, attempts))
        self.count(f"gaps/{kind}")
        self.logger.warning("gap: %s page %s: %s", kind, url, reason)

    def gap_requests(self) -> Iterator[scrapy.Request]:
        """The pages earlier crawls could not read, first. An archiver thread is read from
        page 1 (its floors follow from the order of posts)."""
        for gap in self.gaps.open.values():
            if gap.kind == "media":
                continue  # a picture or attachment: the media stage asks for it (pipeline.media_stage)
            ref = self.engine.classify(gap.url, self.facts)
            callback = {"thread": self.parse_thread, "post": self.parse_thread,  # a post: its page again
                        "list": self.parse_forum}.get(gap.kind, self.parse_index)
            if ref is not None and ref.kind == "archiver_thread":
                callback = self.parse_archiver_thread
                if ref.page > 1:
                    yield self.thread_request(ref.thread_id, 1).replace(priority=GAP_RETRY_PRIORITY)
                    continue
            yield scrapy.Request(gap.url, callback=callback, errback=self.page_failed,
                                 priority=GAP_RETRY_PRIORITY)

    def fail(self, message: str) -> None:
        """Stop the crawl with a one-line reason the CLI shows to the user."""
        self.crawler.stats.set_value(FATAL_STAT, message)
        raise CloseSpider("fatal")

    def count(self, stat: str) -> None:
        self.crawler.stats.inc_value(f"forum_harvest/{stat}")

    def parse_start(self, response: Response) -> Iterator[Any]:
        if response.status >= 400:
            self.fail(f"cannot fetch {self.start_url}: HTTP {response.status}")
        if not hasattr(response, "text"):
            self.fail(f"{self.start_url} is not an HTML page")
        self.engine = self.start_engine(response)
        page = self.engine.index_page(response, self.facts)
        ref = self.engine.classify(response.url, self.facts)
        if page.message and (ref is None or (ref.kind == "index" and not page.forums)):
            # A page of no known kind, or a board index that shows a message instead of forums
            # (phpBB's "The board requires you to be registered and logged in to view this page.").
            self.fail(f"{self.start_url}: the forum says: {page.message}")
        self.site = page.site_root
        kind = ref.kind if ref else "index"
        if (form := self.engine.url_form(response)) != "dynamic":
            self.url_form = form
        if self.settings.getbool("INCREMENTAL_CRAWL_ENABLED", True):
            database_url = db.resolve_database_url(self.settings.get("DATABASE_URL"))
            self.plan = RecrawlPlan.load(database_url, self.site)
        self.gaps = GapLedger.load(db.resolve_database_url(self.settings.get("DATABASE_URL")), self.site)
        yield SiteItem(site=self.site, name=page.site_name, timezone=self.timezone, engine=self.engine.name)
        yield from self.gap_requests()
        if kind in ("forum", "archiver_forum"):
            yield from self.parse_forum(response)
        elif kind in ("thread", "post"):  # a post link's page is a thread page
            yield from self.parse_thread(response)
        elif kind == "archiver_thread" and ref.page > 1:
            # Floors follow from the order of posts, so an archiver thread is read from page 1.
            yield self.thread_request(ref.thread_id, 1)
        elif kind == "archiver_thread":
            yield from self.parse_archiver_thread(response)
        elif kind == "post_redirect":
            yield self.thread_request(ref.thread_id, 1)
        else:
            yield from self.parse_index(response)

    def start_engine(self, response: Response) -> Engine:
        """The engine forced, or the one that rendered the start page; a forced engine the page
        plainly is not, or a page no engine recognizes, ends the crawl in one line."""
        page = markup.parse(response.text)
        found = detect(page)
        forced = self.engine
        if forced is None and found is None:
            seen = what_it_shows(page)
            self.fail(f"{self.start_url} is not a page of a forum engine forum-harvest reads ({seen});"
                      f" --engine NAME forces one")
        if forced is not None and found is not None and found is not forced and not forced.recognizes(page):
            self.fail(f"{self.start_url} is a {found.label} page, not {forced.label}:"
                      f" use --engine {found.name}, or leave --engine out")
        return forced or found

    def wanted(self, forum_id: int | None) -> bool:
        return self.args.forums is None or forum_id in self.args.forums

    def parse_index(self, response: Response) -> Iterator[Any]:
        page = self.engine.index_page(response, self.facts)
        self.date_order_of(page, response)  # the index's dates tell the site's order
        index_url = page.board_index or self.engine.index_url(self.site)
        if not page.forums and self.engine.canonicalize(response.url) != self.engine.canonicalize(index_url):
            # A portal or home page (the site root often is one): the forum index is forum.php
            # (Discuz), or the one the page links (an Invision site's forums app).
            yield scrapy.Request(index_url, callback=self.parse_index, errback=self.page_failed)
            return
        if not page.forums:
            self.count("pages/index_without_forums")
        elif self.engine.name == "discuz" and self.url_form in ("dynamic", "archiver"):
            # A site with rewritten URLs says so in its links, whatever URL the index had
            # (``archiver/`` is the archiver's index in both of its forms).
            self.url_form = urls.url_form(page.forums[0].url)
        for forum in page.forums:
            yield from self.board(forum)

    def board(self, forum: ForumLink) -> Iterator[Any]:
        """A board's item and its first list page. A board its links name by URL only (Google
        SEO's ``Forum-NAME``) is asked at that URL whatever ``--forums`` says: its page names
        its id, and its item waits for it."""
        if forum.forum_id is None:
            yield scrapy.Request(forum.url, callback=self.parse_forum, errback=self.page_failed,
                                 meta={BOARD_META: forum})
        elif self.wanted(forum.forum_id):
            yield self.forum_item(forum)
            request = self.forum_request(forum.forum_id, 1)
            request.meta[BOARD_META] = forum
            yield request

    def parse_forum(self, response: Response) -> list[Any]:
        """A thread-list page's output, read in full before the scraper takes any of it: the
        page's parsed tree (~10x the page) is freed when this returns, not kept until its ~40
        outputs have gone through. List pages come in bursts of CONCURRENT_REQUESTS (each
        list page's threads are read before the next list pages), and 30 trees held at
        once added ~25 MB to the peak RSS of a large crawl."""
        return list(self.forum_page_output(response))

    def forum_page_output(self, response: Response) -> Iterator[Any]:
        page = (self.engine.forum_page(response, self.facts, archiver=True) if urls.is_archiver(self.url_form)
                else self.engine.forum_page(response, self.facts))
        chained = response.meta.get(LIST_CHAIN_META)
        if page.message or page.forum_id is None:
            self.count(f"forums/{page.message_kind or 'unreadable'}")
            if chained:
                yield from self.list_pages_after(*chained)
            return
        if (linked := response.meta.get(BOARD_META)) is not None and linked.forum_id is None:
            if not self.wanted(page.forum_id):
                return
            yield self.forum_item(replace(linked, forum_id=page.forum_id))
        self.count("pages/forum")
        count, read = self.forum_pages.get(page.forum_id, (page.page_count, set()))
        read.add(page.pagination.current or (page.ref.page if page.ref else 1))
        self.forum_pages[page.forum_id] = (max(count, page.page_count), read)
        if page.name:
            yield ForumItem(site=self.site, forum_id=page.forum_id, name=page.name)
        for forum in page.subforums:
            yield from self.board(forum)
        budget = page_budget.list_pages(page.page_count, self.settings.getint("FORUM_MAX_LIST_PAGES"))
        self.over_budget(budget, response, "list")
        yield from self.list_pages_after(page.forum_id, chained[1] if chained else None, budget.pages,
                                         page.pagination.page_urls)
        wording = self.engine.wording.ordered(self.date_order_of(page, response))
        for row in page.threads:
            yield from self.list_row(page.forum_id, row, self.timezone_of(page), wording)

    def list_pages_after(self, forum_id: int, number: int | None, last: int,
                         links: dict[int, str] | None = None) -> Iterator[scrapy.Request]:
        """The thread-list pages to queue after list page ``number`` (None: page 1, or a list
        page reached from a start URL or a gap) of the ``last`` to read: the first queues pages
        2 to FORUM_LIST_PAGES_AHEAD + 1, and each of those the page that many after it. So every
        page is queued once, yet only a few wait in the scheduler at a time: queued all at
        once, a 25,000-page site's 1,100 list pages held ~12 MB (~8 KB per waiting request)."""
        ahead = max(1, self.settings.getint("FORUM_LIST_PAGES_AHEAD", 4))
        numbers = range(2, ahead + 2) if number is None else range(number + ahead, number + ahead + 1)
        for following in numbers:
            if following <= last:
                request = self.forum_request(forum_id, following, (links or {}).get(following))
                request.meta[LIST_CHAIN_META] = (forum_id, following, last)
                yield request

    def list_row(self, forum_id: int, row: Any, zone: str, wording: Wording) -> Iterator[Any]:
        if row.thread_id in self.threads_seen:
            return  # sticky threads repeat on every list page
        if self.args.max_threads and len(self.threads_seen) >= self.args.max_threads:
            self.count("threads/over_max_threads")
            return
        self.threads_seen.add(row.thread_id)
        last_post_at, precision = (
            wording.parse_time(row.last_post_text, row.last_post_attr, datetime.now(UTC), zone)
            if row.last_post_text or row.last_post_attr else (None, None))
        yield ThreadItem(site=self.site, thread_id=row.thread_id, title=row.title, forum_id=forum_id,
                         author=row.author, replies=row.replies, views=row.views,
                         last_post_at=last_post_at, last_poster=row.last_poster)
        first = self.plan.first_page(row.thread_id, Listed(row.replies, last_post_at, precision, row.last_poster,
                                                               row.last_post_id), self.posts_per_site_page())
        if first is None:
            self.count("threads/unchanged")
            return
        if urls.is_archiver(self.url_form):
            first = 1  # the archiver numbers floors by order, so it is always read from page 1
        else:
            self.thread_first_page[row.thread_id] = first  # where parse_thread queues the others from
        request = self.thread_request(row.thread_id, first)
        request.meta["replies"] = row.replies
        yield request

    def unreadable_thread(self, page: Any) -> Iterator[ThreadItem]:
        """A message page where a thread was expected: record why, store no post text."""
        kind = page.message_kind or "unreadable"
        self.count(f"threads/{kind}")
        thread_id = page.ref.thread_id if page.ref else None
        if thread_id is not None and kind != "unreadable":
            yield ThreadItem(site=self.site, thread_id=thread_id, title=None, status=kind)

    def over_budget(self, budget: page_budget.PageBudget, response: Response, kind: str) -> None:
        """A pager claiming more than the reply count allows is trusted no further (a stat);
        pages a cap leaves unread make the run incomplete (a gap)."""
        if budget.capped:
            self.record_gap(page_url(response.request), kind, budget.reason)
        elif budget.reason:
            self.count("pages/pager_claims_cut")
            self.logger.warning("%s: %s", response.url, budget.reason)

    def parse_thread(self, response: Response) -> Iterator[Any]:
        self.count("thread_pages_read")
        page = self.engine.thread_page(response, self.facts, max_posts=self.settings.getint("FORUM_MAX_POSTS_PER_PAGE"),
                                       posts_per_page=self.posts_per_page)
        if response.status >= 400 and not page.message:  # an error status without the engine's message
            self.record_gap(response.url, "thread", f"HTTP {response.status}")
            return
        if page.message or page.thread_id is None:
            yield from self.unreadable_thread(page)
            return
        self.posts_per_page = max(filter(None, (self.posts_per_page, getattr(page, "full_page_size", None))),
                                  default=None)
        if (placing := self.read_for_placing(page, response)) is not None:
            yield from placing
            return
        page_one = self.read_for_size.pop(page.thread_id, None)
        replies = response.meta.get("replies", page.replies)  # the list row's, else the page's own
        first_read = page.thread_id not in self.threads_paged  # the first page read queues the others
        if first_read:
            self.threads_paged.add(page.thread_id)
            first = self.first_page_to_read(page, replies)
            if first == 1 and page_one:
                self.reads.page_read(page.thread_id, 1, *page_one)  # page 1 was read for the page size
                first = 2
        yield from self.thread_and_posts(page, response, archiver=False)
        if not first_read:
            yield from self.pages_announced_later(page)
            return
        full_page = len(page.posts) if page.page < page.page_count else None
        budget = page_budget.thread_pages(page.page_count, replies, full_page,
                                          self.settings.getint("FORUM_MAX_PAGES_PER_THREAD"))
        self.over_budget(budget, response, "thread")
        if self.url_form == CRAWLER_FORM:
            self.crawler_view_pages[page.thread_id] = max(budget.pages, page.page)
        for number in range(first, budget.pages + 1):
            if number != page.page:
                yield self.thread_request(page.thread_id, number)

    def pages_announced_later(self, page: ThreadView) -> Iterator[scrapy.Request]:
        """The crawler HTML (Discourse's crawler layout, which preloads no page count) tells a
        topic's pages one at a time, by a next link: a later page that announces more pages
        than were queued queues the rest, up to FORUM_MAX_PAGES_PER_THREAD."""
        queued = self.crawler_view_pages.get(page.thread_id)
        if self.url_form != CRAWLER_FORM or queued is None or page.page_count <= queued:
            return
        last = min(page.page_count, self.settings.getint("FORUM_MAX_PAGES_PER_THREAD") or page.page_count)
        self.crawler_view_pages[page.thread_id] = last
        for number in range(queued + 1, last + 1):
            yield self.thread_request(page.thread_id, number)

    def first_page_to_read(self, page: ThreadView, replies: int | None) -> int:
        """Where its list row said to start (dropped now: a large site lists 100,000s of
        threads), else, for a thread reached from a start URL, what is stored says. A re-read
        from the last stored page that no longer shows the newest stored post at its floor
        reads the thread whole: floors before it were deleted, and what is gone is marked."""
        first = (self.thread_first_page.pop(page.thread_id, None)
                 or self.plan.first_page(page.thread_id, None, self.posts_per_site_page()) or 1)
        anchor = self.plan.anchor(page.thread_id)
        if first > 1 and page.page == first and anchor is not None and anchor not in {
                (post.post_id, post.floor) for post in page.posts}:
            self.count("threads/renumbered")
            first = 1
        if first == 1:
            self.reads.expect(page.thread_id)
        elif anchor is not None:
            known = self.plan.known[page.thread_id]
            self.reads.expect_from(page.thread_id, first, known.posts_stored, anchor[0],
                                   None if replies is None else replies + 1)
        return first

    def posts_per_site_page(self) -> int | None:
        """Posts a thread page of the site, as the pagers read so far said (None: not known)."""
        return self.facts.size(self.engine.site_root(self.site), "thread")

    def read_for_placing(self, page: ThreadView, response: Response) -> list[Any] | None:
        """The output of a read made for placing floorless posts (None for any other read). A
        floorless page nothing places yet waits: page 1 is read for the page size, then the
        page again. Neither is the thread's first read; page 1's posts are stored, and what it
        showed counts if the thread is then read whole."""
        if getattr(page, "unplaced", None) and page.page > 1 and not response.meta.get(PLACED_AGAIN_META):
            return [self.page_size_request(page.thread_id, page.page, response)]
        floorless_page = response.meta.get(PLACE_AFTER_META)
        if not floorless_page:
            return None
        output = list(self.thread_and_posts(page, response, archiver=False))
        if not any(post.unreadable or post.floor is None for post in page.posts):
            self.read_for_size[page.thread_id] = (page.page_count, [(post.post_id, post.floor) for post in page.posts])
        return [*output, self.placed_again_request(page.thread_id, floorless_page, response)]

    def page_size_request(self, thread_id: int, floorless_page: int, response: Response) -> scrapy.Request:
        """Page 1 of a thread (full, as the thread has more pages), read (again) for the page
        size the floorless page ``floorless_page`` needs. Neither read counts as the thread's
        first (which queues its other pages, and checks the stored floors): the floorless
        page read again once placed does."""
        self.count("pages/read_for_page_size")
        return self.reading_again(thread_id, 1, response, **{PLACE_AFTER_META: floorless_page})

    def placed_again_request(self, thread_id: int, page: int, response: Response) -> scrapy.Request:
        return self.reading_again(thread_id, page, response, **{PLACED_AGAIN_META: True})

    def reading_again(self, thread_id: int, page: int, response: Response, **meta: Any) -> scrapy.Request:
        """A thread page asked for past the duplicate filter, with the list row's reply count
        the response's request carried (``meta``: what the read is for)."""
        request = self.thread_request(thread_id, page).replace(dont_filter=True)
        request.meta.update(meta)
        if "replies" in response.meta:
            request.meta["replies"] = response.meta["replies"]
        return request

    def parse_archiver_thread(self, response: Response) -> Iterator[Any]:
        """Archiver pages carry no floors: they follow from the order, page after page."""
        self.count("thread_pages_read")
        floor_offset = response.meta.get("floor_offset", 0)
        page = self.engine.thread_page(response, self.facts, archiver=True, floor_offset=floor_offset)
        if page.message or page.thread_id is None:
            yield from self.unreadable_thread(page)
            return
        if page.page == 1:
            self.reads.expect(page.thread_id)  # the archiver is always read from page 1 on
        yield from self.thread_and_posts(page, response, archiver=True)
        if page.page < page.page_count:
            request = self.thread_request(page.thread_id, page.page + 1, page.pagination.page_urls.get(page.page + 1))
            request.meta["floor_offset"] = floor_offset + len(page.posts)
            yield request

    def thread_and_posts(self, page: Any, response: Response, archiver: bool) -> Iterator[Any]:
        """One item for a readable thread page (normal or archiver): its thread row and posts. A
        post that cannot be read, or posts past FORUM_MAX_POSTS_PER_PAGE, make the page a gap. A
        post without a floor is never stored: it is a gap (kind ``post``)."""
        self.count("pages/archiver_thread" if archiver else "pages/thread")
        self.threads_seen.add(page.thread_id)
        thread = ThreadItem(site=self.site, thread_id=page.thread_id, title=page.title,
                            forum_id=page.forum_id, page_count=page.page_count,
                            url=self.engine.page_url(self.site, "thread", page.thread_id, facts=self.facts), status="ok")
        fetched_at = datetime.now(UTC)
        self.crawler.stats.max_value("forum_harvest/posts_per_page_max", len(page.posts))  # for gap estimates
        canonical_url = self.engine.canonicalize(response.url)
        zone, order = self.timezone_of(page), self.date_order_of(page, response)
        posts = [self.post_item(page.thread_id, post, canonical_url, fetched_at, zone, order, archiver)
                 for post in page.posts if not post.unreadable and post.floor is not None]
        self.crawler.stats.inc_value("forum_harvest/posts_read", len(posts))
        yield ThreadPageItem(thread, posts)
        unplaced = self.unplaced_posts(page, response)
        unreadable = [post for post in page.posts if post.unreadable]
        if unreadable:
            self.count("posts/unreadable")
            where = ", ".join(f"floor {post.floor}" if post.floor else f"post {post.post_id}" for post in unreadable[:5])
            self.record_gap(page_url(response.request), "thread",
                            f"{len(unreadable)} post(s) cannot be read ({where}): {unreadable[0].unreadable}")
        over_limit = getattr(page, "posts_over_limit", 0)
        if over_limit:
            self.record_gap(page_url(response.request), "thread",
                            f"{over_limit} posts past FORUM_MAX_POSTS_PER_PAGE="
                            f"{self.settings.getint('FORUM_MAX_POSTS_PER_PAGE')} not read")
        if unreadable or unplaced or over_limit:
            self.reads.page_lost(page.thread_id)
        else:
            yield from self.after_page_read(page.thread_id, page.page, page.page_count,
                                            [(post.post_id, post.floor) for post in posts])

    def after_page_read(self, thread_id: int, number: int, page_count: int, shown: Shown) -> Iterator[Any]:
        """A thread read whole marks what it no longer shows; a re-read that found more posts
        than the thread has reads the earlier pages too (see scraper.thread_reads)."""
        outcome = self.reads.page_read(thread_id, number, page_count, shown)
        if isinstance(outcome, WholeRead):
            yield ThreadReadItem(site=self.site, thread_id=thread_id, shown=outcome.shown)
        elif isinstance(outcome, ReadEarlierPages):
            self.count("threads/posts_gone_before")
            for earlier in range(1, outcome.first):
                yield self.thread_request(thread_id, earlier)

    def unplaced_posts(self, page: Any, response: Response) -> bool:
        """Posts with no floor and no known place (Discuz's ``ThreadPage.unplaced``): each a gap (kind
        ``post``, ``page#pidN``). Whether there were any."""
        unplaced = [post for post in page.posts if post.floor is None and not post.unreadable]
        url = page_url(response.request)
        for post in unplaced:
            self.record_gap(url + self.post_anchor(post.post_id), "post",
                            f"no floor: {getattr(page, 'unplaced', None) or 'the page shows no position'}")
        return bool(unplaced)

    def check_unlisted_threads(self) -> None:
        """Once everything else is done: stored threads that the completely listed forums no
        longer show get their first page fetched, which tells deleted from moved."""
        if self.unlisted_checked or self.args.max_threads:
            return
        self.unlisted_checked = True
        complete = [fid for fid, (count, read) in self.forum_pages.items() if len(read) >= count]
        unlisted = self.plan.unlisted(complete, self.threads_seen)
        for thread_id in unlisted:
            self.thread_first_page[thread_id] = 1
            self.crawler.engine.crawl(self.thread_request(thread_id, 1))
        if unlisted:
            self.crawler.stats.set_value("forum_harvest/threads/unlisted_checked", len(unlisted))
            raise DontCloseSpider

    def forum_item(self, forum: Any) -> ForumItem:
        return ForumItem(site=self.site, forum_id=forum.forum_id, name=forum.name,
                         parent_forum_id=forum.parent_forum_id, category=forum.category,
                         url=self.engine.page_url(self.site, "forum", forum.forum_id, facts=self.facts))

    def listing_url(self, kind: str, item_id: int, page: int, linked: str | None) -> str:
        """The archiver spells later pages per version (``?fid-2.html&page=2``, 7.x's
        ``?fid-2-page-2.html``): there, the pager's own link is followed when there is one."""
        if linked and urls.is_archiver(self.url_form):
            return urls.canonicalize(linked)
        if self.url_form != "dynamic":
            return self.engine.page_url(self.site, kind, item_id, page, form=self.url_form, facts=self.facts)
        return self.engine.page_url(self.site, kind, item_id, page, facts=self.facts)

    def forum_request(self, forum_id: int, page: int, linked: str | None = None) -> scrapy.Request:
        return scrapy.Request(self.listing_url("forum", forum_id, page, linked), callback=self.parse_forum,
                              errback=self.page_failed)

    def thread_request(self, thread_id: int, page: int, linked: str | None = None) -> scrapy.Request:
        self.count("thread_pages_queued")  # what is left to read, for scraper.progress
        url = self.listing_url("thread", thread_id, page, linked)
        callback = self.parse_archiver_thread if urls.is_archiver(self.url_form) else self.parse_thread
        statuses = self.engine.message_statuses
        return scrapy.Request(url, callback=callback, errback=self.page_failed,
                              meta={"handle_httpstatus_list": list(statuses)} if statuses else None)

    def post_anchor(self, post_id: int | None) -> str:
        """Where a post stands on its page (``#pid5``, ``#p5``…), or nothing for a post without an id."""
        return self.engine.post_anchor.format(post_id=post_id) if post_id else ""

    def post_item(self, thread_id: int, post: Any, canonical_page_url: str, fetched_at: datetime, zone: str,
                  order: str | None, archiver: bool = False) -> PostItem:
        anchor = self.post_anchor(post.post_id)
        return PostItem(
            site=self.site, thread_id=thread_id, floor=post.floor,
            url=canonical_page_url + anchor, fetched_at=fetched_at,
            site_timezone=zone, date_order=order, post_id=post.post_id, author=post.author,
            author_banned=post.author_banned, content_hidden=post.content_hidden,
            body_html=post.body_html,
            time_text=post.time_text, time_title=post.time_title,
            signature_html=post.signature_html, from_archiver=archiver, engine=self.engine.name,
            edit_notice=post.edit_notice, edit_time=post.edit_time,
            attachments_html=post.attachments_html,
        )
