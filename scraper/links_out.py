"""A board that turns out to be a link only when fetched: its page answers a redirect elsewhere.

An index row may not show that a board only sends its visitor to another address (a skin
without the engine's icon, MyBB with sub-forum status icons off, Discuz's forum "redirect URL",
vBulletin's and Invision's link forums): ``IndexView.links_out`` cannot list it, and the crawl
asks its page. The engine then answers with a redirect (Discuz X3.5's
``forum_forumdisplay.php``: ``dheader("Location: {$_G[forum][redirect]}")``, a 302; MyBB's,
phpBB's, SMF's the same). :class:`LinkOutMiddleware` sees that answer before Scrapy's
``RedirectMiddleware`` would follow it: a thread-list page redirected to a page that is no
page of the forum (:func:`leads_elsewhere`) is raised as :class:`LinkOut`, so the target is
never asked, and the request's errback records the board as a link out (``LINKS_OUT_STAT``),
not as a failed page; ``pipeline.run_verdict`` says so in the run's message. A redirect to a
board or thread of the forum is followed as any redirect is. Offsite filtering stays as it is.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from scraper.engines import Engine
from scraper.engines.site_facts import SiteFacts
from scraper.gaps import page_kind
from scraper.redirect_target import redirect_target
from scraper.refusal import login_redirect

# The boards of a crawl found to be links out, one "name (where it leads)" each.
LINKS_OUT_STAT = "forum_harvest/links_out"
DEFAULT_PORTS = {"http": 80, "https": 443}


class LinkOut(IgnoreRequest):
    """A board's page answered a redirect to ``target``, a page that is no page of the forum."""

    def __init__(self, target: str) -> None:
        super().__init__(f"a link to {target}")
        self.target = target


def _origin(url: str) -> tuple[str | None, int | None]:
    """Host and port, a scheme's default port as none (http and https of one host are one site)."""
    parts = urlsplit(url)
    return parts.hostname, None if parts.port in (None, DEFAULT_PORTS.get(parts.scheme)) else parts.port


def leads_elsewhere(engine: Engine, site: str, url: str, facts: SiteFacts | None = None) -> bool:
    """Whether ``url`` is no page of the forum at ``site``: another host or port, a path
    outside the forum's root, or a URL none of the engine's forms names, with what the crawl
    learned (``facts``: a phpBB SEO board's id-less folders) (the login page aside: that is the
    site refusing a guest, which ``scraper.refusal`` tells)."""
    if _origin(url) != _origin(site):
        return True
    root = urlsplit(site).path
    if not (urlsplit(url).path or "/").startswith(root[:root.rfind("/") + 1] or "/"):
        return True
    return engine.classify(url, facts) is None and login_redirect(url) is None


def links_out_note(links: list[str]) -> str | None:
    """``2 boards are links to elsewhere: A (URL), B (URL)``; None for none."""
    if not links:
        return None
    return (f"1 board is a link to elsewhere: {links[0]}" if len(links) == 1
            else f"{len(links)} boards are links to elsewhere: {', '.join(links)}")


class LinkOutMiddleware:
    """Downloader middleware, just before ``RedirectMiddleware`` (600) as responses go: a
    thread-list page answering a redirect that :func:`leads_elsewhere` is a :class:`LinkOut`."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LinkOutMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        spider = self.crawler.spider
        target = redirect_target(request, response)
        if target is None or page_kind(request) != "list" or getattr(spider, "engine", None) is None:
            return response
        if leads_elsewhere(spider.engine, spider.site or request.url, target, spider.facts):
            raise LinkOut(target)
        return response
