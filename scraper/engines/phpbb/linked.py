"""The URLs a board links its forum and topic pages by, where they are not phpBB's own
(phpBB SEO's rewritten ones: ``forum2-3.html``, ``your-first-forum/``, ``long-topic-t2-3.html``),
learned from the pages read: the crawl asks a page as the board links it (with the extension's
"zero duplicate" on, phpBB's own URL costs a 301 first), and a link that names no id
(``your-first-forum/``) is known as the page it was linked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from scraper.engines.base import PageRef
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


@dataclass
class LinkedPages:
    """(board root, kind, id, offset) -> the URL linked for it, and back."""

    urls: dict[tuple[str, str, int, int], str] = field(default_factory=dict)
    refs: dict[str, PageRef] = field(default_factory=dict)

    def learn(self, root: str, kind: str, item_id: int | None, start: int, url: str | None) -> None:
        """A link to page ``start`` of forum or topic ``item_id`` (not one of phpBB's own URLs)."""
        if item_id is None or url is None:
            return
        self.urls.setdefault((root, kind, item_id, start), url)
        self.refs.setdefault(url, PageRef(kind, item_id if kind == "forum" else None,
                                          item_id if kind == "thread" else None, start=start))

    def url(self, root: str, kind: str, item_id: int, start: int) -> str | None:
        return self.urls.get((root, kind, item_id, start))

    def ref(self, url: str) -> PageRef | None:
        """The page a link read before stood for (its ``page`` reckoned by the caller)."""
        return self.refs.get(url)


def prints_rewritten(hrefs: list[str]) -> bool:
    """Whether a page links phpBB SEO's rewritten pages (then the crawl asks in ``FORM``)."""
    return any(seo.params(href) for href in hrefs)


LINKED = LinkedPages()  # every board this process has read, by its root
