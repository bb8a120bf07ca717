"""The URLs a board links its forum and topic pages by, where they are not phpBB's own
(phpBB SEO's rewritten ones: ``forum2-3.html``, ``your-first-forum/``, ``long-topic-t2-3.html``),
learned from the pages read into the crawl's ``SiteFacts.links``: the crawl asks a page as the
board links it (with the extension's "zero duplicate" on, phpBB's own URL costs a 301 first),
and a link that names no id (``your-first-forum/``) is known as the page it was linked for."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from scraper.engines.phpbb import seo

# The URL form the crawl asks in once the board links its pages in another than phpBB's own.
FORM = "linked"


def rebased(url: str, page_url: str) -> str | None:
    """``url`` on the host the page was asked from (a board prints its links absolute, with the
    host of its server settings); None for a link to another host."""
    link, page = urlsplit(url), urlsplit(page_url)
    if link.hostname != page.hostname:
        return None
    return urlunsplit((page.scheme, page.netloc, link.path, link.query, ""))


def prints_rewritten(hrefs: list[str]) -> bool:
    """Whether a page links phpBB SEO's rewritten pages (then the crawl asks in ``FORM``)."""
    return any(seo.params(href) for href in hrefs)

