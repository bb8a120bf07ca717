"""Where a thread page's posts stand when the page prints no floors.

Discuz! X2 – X3.5 wrap a post's floor link (``a#postnum{pid}``) in ``{if !IS_ROBOT}``: a
User-Agent with ``bot``, ``crawl`` or ``spider`` in it (ours says "archival crawler") gets
pages whose posts carry no floor at all. Discuz cuts a thread into pages of ppp posts (the
site's posts per page) by position while every position in a page's window exists; a view of a
page whose window misses one (a moderator's delete) is answered once with a 302 to itself, and
from then on the thread is cut by counting its visible posts (floors renumber). Either way a
page shows floors (N - 1) × ppp + 1, + 2, … in page order, and every page before the last holds
ppp posts (a real X3.5's pages in tests/fixtures/discuz-x35-live show both ways). So:

- page 1 needs none (its posts start at floor 1);
- a page before the last is full: it holds ppp posts, so it tells ppp itself;
- the last page needs ppp from elsewhere: the largest full page read earlier in the crawl, of
  this thread or another (ppp is one setting of the site: ``postperpage`` for guests, or a
  member's own; the touch template has its own, and a crawl stays in one URL form), else the
  crawl reads a full page of the same thread first (``DiscuzSpider``). Reply counts are no
  evidence: X prints ``allreplies`` (replies + comments) in the thread header and list alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Placement:
    """``before``: the floors before the page's first post, or None with ``reason``."""

    before: int | None
    reason: str | None = None


def full_page_size(page: int, page_count: int, posts: int) -> int | None:
    """The posts per page a page shows when it is full (any page before the last)."""
    return posts if posts and page < page_count else None


def place(page: int, page_count: int, posts: int, known_per_page: int | None) -> Placement:
    """Where page ``page`` of ``page_count`` (holding ``posts`` posts) starts, given the posts
    per page the crawl learnt elsewhere (``known_per_page``)."""
    if page <= 1:
        return Placement(0)
    sizes = [size for size in (full_page_size(page, page_count, posts), known_per_page) if size]
    per_page = max(sizes, default=None)
    if per_page is None:
        return Placement(None, f"page {page} of {page_count} shows no floors and no full page of the thread "
                               "or the site says how many posts a page holds")
    if posts > per_page:
        return Placement(None, f"page {page} shows {posts} posts and no floors, more than the "
                               f"{per_page} per page learnt from full pages")
    return Placement((page - 1) * per_page)
