"""Where a redirect answer leads, read as Scrapy's ``RedirectMiddleware`` reads it, for the
middlewares that decide before it whether to follow (``scraper.redirects_once``,
``scraper.links_out``)."""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy.http import Request, Response
from w3lib.url import safe_url_string

REDIRECT_STATUSES = (301, 302, 303, 307, 308)


def redirect_target(request: Request, response: Response) -> str | None:
    """The absolute URL a redirect answer sends ``request`` to; None for any other answer, and
    for a request that asks Scrapy not to follow it (``dont_redirect``, or the status among
    those its callback handles), as RedirectMiddleware leaves those alone."""
    location = response.headers.get("Location")
    if response.status not in REDIRECT_STATUSES or not location or request.meta.get("dont_redirect") \
            or request.meta.get("handle_httpstatus_all") \
            or response.status in request.meta.get("handle_httpstatus_list", ()):
        return None
    return urljoin(request.url, safe_url_string(location))
