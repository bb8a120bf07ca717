"""Scrapy's cookies middleware, checking cookie domains against a Public Suffix List it never
fetches unless ``FORUM_PUBLIC_SUFFIX_LIST_URLS`` names one.

Scrapy refuses a cookie set for a public suffix (``Domain=co.uk``) by asking a module-level
``tldextract.TLDExtract`` (``scrapy.downloadermiddlewares.cookies._split_domain``). That one is
built with tldextract's defaults: the first cookie a site sets, on a machine whose tldextract
cache is empty (every fresh install), makes it fetch the list from publicsuffix.org, then
GitHub, before it falls back to the snapshot bundled with tldextract. A crawl would connect to
hosts the user never named, and, offline, log a traceback per URL while it says "finished".

This middleware leaves the cookie handling Scrapy's and only replaces that extractor, for the
crawl's process (a crawl is one process), by one reading the bundled snapshot, or the URLs
of ``FORUM_PUBLIC_SUFFIX_LIST_URLS`` (cached in tldextract's cache, ``$TLDEXTRACT_CACHE``).
It is registered in ``DOWNLOADER_MIDDLEWARES`` in place of Scrapy's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares import cookies as scrapy_cookies
from tldextract import TLDExtract
from tldextract.cache import get_cache_dir

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

SUFFIX_LIST_SCHEMES = ("https://", "http://", "file://")


def suffix_list_urls(values: Iterable[str]) -> tuple[str, ...]:
    """The URLs of ``FORUM_PUBLIC_SUFFIX_LIST_URLS``, checked (ValueError in one line)."""
    urls = tuple(value.strip() for value in values if value.strip())
    for url in urls:
        if not url.startswith(SUFFIX_LIST_SCHEMES):
            raise ValueError(f"FORUM_PUBLIC_SUFFIX_LIST_URLS: {url!r} is not a URL "
                             f"(expected one starting with {', '.join(SUFFIX_LIST_SCHEMES)})")
    return urls


def suffix_extractor(urls: tuple[str, ...]) -> TLDExtract:
    """Scrapy's extractor (private suffixes included) reading the bundled snapshot when
    ``urls`` is empty (no cache either: nothing is fetched, nothing written), else ``urls``.

    The cache directory is read here, not left to tldextract's default, which was fixed when
    tldextract was first imported (a process forked after that would miss ``$TLDEXTRACT_CACHE``)."""
    if not urls:
        return TLDExtract(cache_dir=None, suffix_list_urls=(), include_psl_private_domains=True)
    return TLDExtract(cache_dir=get_cache_dir(), suffix_list_urls=urls, include_psl_private_domains=True)


class SuffixListCookiesMiddleware(scrapy_cookies.CookiesMiddleware):
    """Scrapy's ``CookiesMiddleware`` with the Public Suffix List ``FORUM_PUBLIC_SUFFIX_LIST_URLS``
    says (none: tldextract's bundled snapshot, nothing fetched).

    Settings read: Scrapy's (``COOKIES_ENABLED``, ``COOKIES_DEBUG``), ``FORUM_PUBLIC_SUFFIX_LIST_URLS``."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SuffixListCookiesMiddleware:
        middleware = super().from_crawler(crawler)
        if not hasattr(scrapy_cookies, "_split_domain"):
            raise RuntimeError("this Scrapy's cookies middleware has no _split_domain: scraper/cookies.py "
                               "cannot keep it from fetching the Public Suffix List")
        urls = suffix_list_urls(crawler.settings.getlist("FORUM_PUBLIC_SUFFIX_LIST_URLS"))
        scrapy_cookies._split_domain = suffix_extractor(urls)
        return middleware
