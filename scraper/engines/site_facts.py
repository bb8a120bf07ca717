"""What one crawl learned about its site from the pages it read, which the URLs it classifies
and builds depend on: items a page (an engine that pages by offset names page ``start // size
+ 1``), the URL the site links a page by where it is not the engine's own (phpBB SEO's
rewritten URLs), the script its pages of a kind are served by (phpwind 8.x's ``thread.php``).

A crawl makes one (``ForumSpider.facts``) and gives it to its engine's readers, which learn
into it, and to ``Engine.classify``/``page_url``, which use what it holds. Engines keep nothing
between calls: two crawls in one process (the scheduler, a worker, the tests) never see each
other's site, and a fresh object (or none) is what a new process knows: the engine's install
defaults. Keys carry the root (``Engine.site_root``) the engine reckons a page's facts under."""

from __future__ import annotations

from dataclasses import dataclass, field

from scraper.engines.base import PageRef


@dataclass
class LinkedPages:
    """(root, kind, id, offset) -> the URL the site links that page by, and back."""

    urls: dict[tuple[str, str, int, int], str] = field(default_factory=dict)
    refs: dict[str, PageRef] = field(default_factory=dict)

    def learn(self, root: str, kind: str, item_id: int | None, start: int, url: str | None) -> None:
        """A link to page ``start`` of forum or thread ``item_id``; the first link read wins."""
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


@dataclass
class SiteFacts:
    sizes: dict[tuple[str, str], int] = field(default_factory=dict)  # (root, kind) -> items a page
    links: LinkedPages = field(default_factory=LinkedPages)
    scripts: dict[tuple[str, str], str] = field(default_factory=dict)  # (root, kind) -> script seen serving it

    def size(self, root: str, kind: str) -> int | None:
        """Items (posts: ``kind`` "thread", topics: "forum") a page, when a pager of the site said."""
        return self.sizes.get((root, kind))

    def learn_size(self, root: str, kind: str, size: int | None) -> None:
        if size and size > 0:
            self.sizes[(root, kind)] = size
