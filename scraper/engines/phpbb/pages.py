"""phpBB's pages read into the engine's shapes (``scraper.engines.base``): the board index,
a forum's topic list and a topic page, in prosilver (3.0 to 3.3) and in the table styles
(subsilver2 of 3.0, subSilver of 2.0: ``tables``).

prosilver, as a guest receives it (checked on a real 3.3.10 board, ``tests/fixtures/phpbb-33-live``):
- a post is ``div.post#pN``: ``p.author`` (``by <strong><a class="username">X</a></strong> »
  <time datetime>…</time>``; 3.0/3.1 print the time as text after "»"), ``div.content``,
  ``div.notice`` (the edit notice, outside the message), ``div.signature``;
- the pagination (``div.pagination``) says ``N posts`` / ``N topics``, marks the current page
  ``li.active`` (3.1+) or prints ``Page X of Y`` (3.0), and links the other pages by ``start``;
- a topic list row is ``li.row`` (``sticky``, ``announce``, ``global-announce``) with
  ``a.topictitle``, the starter in ``div.topic-poster`` (3.1+) or after "by", ``dd.posts``
  (replies), ``dd.views``, ``dd.lastpost``;
- a message page (no such topic, no permission) is ``div#message`` with its ``p``; a page that
  wants a login shows ``form#login`` instead of content.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any
from urllib.parse import urljoin

from scraper.engines import shown_times
from scraper.engines.base import ForumLink, PageRef, Pagination
from scraper.engines.fragments import page_tree
from scraper.engines.phpbb import seo, urls
from scraper.engines.phpbb.linked import prints_rewritten, rebased
from scraper.engines.site_facts import SiteFacts

_NUMBER = re.compile(r"\d[\d,.\u00a0 ]*")
_PAGE_OF = re.compile(r"Page\s+(\d+)\s+of\s+(\d+)", re.I)
_DST = re.compile(r"\[\s*DST\s*\]")
_TOTAL = re.compile(r"(\d[\d,.]*)\s+(?:posts?|topics?)\b", re.I)  # "8 posts", "[ 5 topics ]"
_FEED_FORUM = re.compile(r"feed[^\"'>]*?[?&;]f=(\d+)")  # a guest's: /app.php/feed?sid=…?f=2
_TITLE_SUFFIX = re.compile(r"\s*(?:[-•·]|&bull;)\s*(?:Index page|View Forum|View topic)\b.*$", re.I)
MESSAGE_KINDS = (
    ("login_required", re.compile(r"registered and logged in|logged in to|log ?in to|have to be logged in", re.I)),
    ("forbidden", re.compile(r"not authori[sz]ed|no permission|are not permitted|password protected"
                             r"|banned", re.I)),
    ("deleted", re.compile(r"not exist|no longer exists|has been deleted", re.I)),
)


# prosilver's category header (``li.header``) in the ``div.forabg`` its forums are listed in; a
# style may list them in the next block instead, headed by a ``div.forabg`` of its own
# (navitotal.com's "prosilver Platin": ``div.forabg`` then ``div.forabg-1 > ul.topiclist-1``).
_HEADER_LINK = "//li[contains(@class, 'header')]//a[@href]"
_CATEGORY_HEADER = (f"ancestor::div[contains(@class, 'forabg')]{_HEADER_LINK}"
                    " | ancestor::div[contains(@class, 'forabg')][1][not(.//li[contains(@class, 'header')])]"
                    f"/preceding-sibling::div[1][contains(@class, 'forabg')]{_HEADER_LINK}")


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# A link forum's row (phpBB's FORUM_LINK; prosilver 3.1+ ``dl.row-item.forum_link``, and
# ``dd.redirect`` "Total redirects: N" where its clicks are counted, on snasui.com's real 3.2 index,
# tests/fixtures/phpbb-32-snasui-index): its link is ``viewforum.php?f=N``, which counts the click
# and redirects to the forum's address, or that address itself. A link out, no board.
_LINK_ROW = f"ancestor::dl[1][{has_class('forum_link')} or dd[{has_class('redirect')}]]"


def text_of(node: Any) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def number(text: str | None) -> int | None:
    found = _NUMBER.search(text or "")
    if not found:
        return None
    digits = re.sub(r"\D", "", found.group(0))
    return int(digits) if digits else None


def message_kind(text: str | None) -> str | None:
    if not text:
        return None
    for kind, pattern in MESSAGE_KINDS:
        if pattern.search(text):
            return kind
    return "message"


class Page:
    """What every phpBB page has: its URL, parsed tree, board root, message and pagination.
    ``facts``: the crawl's, which the page's pager and links add to."""

    def __init__(self, response: Any, facts: SiteFacts) -> None:
        self.url = response.url
        self.selector = page_tree(response)
        self.root_node = self.selector.root
        self.facts = facts
        self.site_root = self._board_root()

    def _board_root(self) -> str:
        """The board's root: where the breadcrumbs' board-index link (3.1+) points, else what the
        URL says. A forum's folder linked without an id (phpBB SEO: ``your-first-forum/``)
        reads by its path as a board root of its own."""
        index = self.first("//a[@data-navbar-reference='index'][@href]")
        own = rebased(urljoin(self.url, index.get("href")), self.url) if index is not None else None
        return urls.site_root(own or self.url)

    def xpath(self, expression: str, node: Any = None) -> list:
        return (self.root_node if node is None else node).xpath(expression)

    def first(self, expression: str, node: Any = None) -> Any:
        found = self.xpath(expression, node)
        return found[0] if found else None

    def first_of(self, expressions: tuple[str, ...], node: Any = None) -> Any:
        for expression in expressions:
            found = self.first(expression, node)
            if found is not None:
                return found
        return None

    def param(self, href: str | None, key: str) -> int | None:
        """The integer parameter ``key`` of a link (``f``, ``t``, ``p``, ``start``)."""
        return urls.int_param(urls.params(urljoin(self.url, href)).get(key)) if href else None

    def linked(self, href: str | None) -> PageRef | None:
        """The page a link names, in phpBB's URL or phpBB SEO's rewritten one
        (``topic-title-t5-3.html``, ``post14.html``); None for any other link, and for an anchor
        on the page itself (3.0's "Page 1 of 3" is ``href="#"``, a jump box)."""
        return urls.classify(self.absolute(href), self.facts) if href and not href.startswith("#") else None

    def linked_post(self, node: Any) -> int | None:
        """The post a last-post cell links to (``viewtopic.php?p=N#pN``, 2.0's ``#N``, phpBB SEO's
        ``postN.html``)."""
        if node is None:
            return None
        for link in self.xpath(".//a[@href]", node):
            ref = self.linked(link.get("href"))
            if ref is not None and ref.kind == "post":
                return ref.post_id
        return None

    def absolute(self, href: str | None) -> str | None:
        return urls.canonicalize(urljoin(self.url, href)) if href else None

    def learn(self, kind: str, item_id: int | None, start: int, href: str | None) -> None:
        """A link of this page to page ``start`` of forum or topic ``item_id``, in the form the
        crawl asks it in (``linked.FORM``)."""
        url = self.absolute(href)
        if url and not urls.own_form(url):
            self.facts.links.learn(self.site_root, kind, item_id, start, rebased(url, self.url))

    def learn_crumbs(self) -> None:
        """The breadcrumbs' forums (3.1+: ``span.crumb[data-forum-id]``), the page's own among
        them on a forum page."""
        for crumb in self.xpath(f"//span[{has_class('crumb')}][@data-forum-id]/a[@href]"):
            self.learn("forum", urls.int_param(crumb.getparent().get("data-forum-id")), 0, crumb.get("href"))

    @property
    def prints_rewritten(self) -> bool:
        return prints_rewritten(self.xpath("//a/@href"))

    @cached_property
    def site_name(self) -> str | None:
        for expression in ("id('site-description')//h1", "id('logodesc')//h1",
                           "//span[@class='maintitle']", "//title"):
            node = self.first(expression)
            if node is not None and text_of(node):
                return _TITLE_SUFFIX.sub("", text_of(node)) or None
        return None

    @cached_property
    def timezone(self) -> str | None:
        """The zone the footer states: 3.2+'s ``All times are <span title="Europe/Berlin">UTC+01:00</span>``,
        3.1's the same in an ``abbr`` (the title, an IANA name, wins), 3.0's ``UTC + 1 hour [ DST ]``
        (DST: one hour more), 2.0's ``GMT + 1 Hour``."""
        node = self.first("//*[text()[contains(., 'All times are')]]")
        if node is None:
            return None
        titled = self.first("./*[self::span or self::abbr][@title]", node)
        if titled is not None and "/" in (titled.get("title") or ""):
            return titled.get("title")
        said = text_of(node).split("All times are", 1)[-1]
        stated = shown_times.stated_zone(said)
        if stated and _DST.search(said):
            sign = -1 if stated[3] == "-" else 1
            minutes = sign * (int(stated[4:6]) * 60 + int(stated[7:9])) + 60
            stated = f"UTC{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        return stated

    @cached_property
    def message(self) -> str | None:
        node = self.first("id('message')//p | id('message')//*[self::div or self::td][not(*)]")
        if node is None:  # subsilver2 / subSilver: the message table's gen paragraph
            node = self.first("//table[contains(@class, 'tablebg') or contains(@class, 'forumline')]"
                              "[.//th[normalize-space() = 'Information' or normalize-space() = 'General Error']]"
                              "//*[contains(@class, 'gen')][normalize-space()]")
        if node is not None and text_of(node):
            return text_of(node)
        if self.login_form:  # the reason is the login box's title (3.1+: h2.login-title)
            title = self.first(f"//h2[{has_class('login-title')}] | //form[@id='login']//h2")
            return (text_of(title) if title is not None else "") or "You must be logged in to view this page."
        return None

    @cached_property
    def login_form(self) -> bool:
        """A login box (asked only of a page without content: 3.0's index has one for guests)."""
        return self.first("//form[@id='login' or @name='login' or contains(@action, 'login.php')]"
                          "//input[@name='password' or starts-with(@name, 'password')]") is not None

    @property
    def message_kind(self) -> str | None:
        if self.message and self.login_form and not self.first("id('message')"):
            return "login_required"
        return message_kind(self.message)

    # -- pagination --------------------------------------------------------------------------
    def pager_nodes(self) -> list:
        # Not the small pagers inside topic-list rows (a long topic's "1 2 3").
        return self.xpath(f"//div[{has_class('pagination')}][not(ancestor::*[{has_class('topiclist')}])]"
                          # subsilver2 and 2.0: the row whose "nav" cell says "Page X of Y"
                          " | //tr[td[contains(@class, 'nav') or span[contains(@class, 'nav')]]"
                          "[contains(., 'Page') and (.//strong or .//b)]][not(.//tr)]"
                          # 2.0: "Goto page 1, 2, 3 Next" on its own
                          " | //span[contains(., 'Goto page')][not(ancestor::span[contains(., 'Goto page')])]")

    def pagination(self, kind: str, own: str | None = None) -> tuple[Pagination, int | None, int | None]:
        """(pages, the total the pager announces, the page size its links show). ``own``: the
        page's own URL, which (made the first page's) another page's link may only extend
        (``seo.offset_beside``)."""
        pages: dict[int, str] = {}
        current = total = None
        count, next_url, starts = 1, None, []
        for pager in self.pager_nodes():
            said = _PAGE_OF.search(text_of(pager))
            if said:
                current, count = int(said.group(1)), max(count, int(said.group(2)))
            active = self.first(f".//li[{has_class('active')}]", pager)
            if active is not None and number(text_of(active)):
                current = number(text_of(active))
            for link in self.xpath(".//a[@href]", pager):
                href = link.get("href")
                start, linked = self.param(href, "start"), self.linked(href)
                # a forum linked without an id reads as no page, or (a folder) as the index
                if (linked is None or linked.kind == "index") and own and not href.startswith("#"):
                    start = seo.offset_beside(self.absolute(href), own if (current or 1) == 1 else seo.first_page(own))
                    linked = PageRef(kind) if start is not None else linked
                label = number(text_of(link))
                if start is not None and start > 0 and label is not None and label > 1:
                    starts.append(start // (label - 1))  # page k starts at (k - 1) x size
                if label is not None and (start is not None or "start=" not in href) and "jumpto" not in href:
                    if linked is not None and linked.kind == kind:
                        pages.setdefault(label, self.absolute(href))
                        count = max(count, label)
                if link.get("rel") == "next" or "next" in (link.getparent().get("class") or "") \
                        or text_of(link) == "Next":
                    next_url = self.absolute(href)
            said_total = _TOTAL.search(text_of(pager))
            if total is None and said_total:
                total = number(said_total.group(1))
        size = min(starts) if starts else None
        if size:
            self.facts.learn_size(self.site_root, kind, size)
        if current is not None:
            count = max(count, current)
            next_url = next_url or pages.get(current + 1)  # 3.0 prints no "next" link
        return Pagination(count, current, pages, next_url), total, size

    # -- forums listed (index, a category, a forum with subforums) ---------------------------
    def forum_links(self) -> list[ForumLink]:
        return self._listed(links_out=False)

    def links_out(self) -> list[ForumLink]:
        """The link forums the list shows: known, never boards (``_LINK_ROW``)."""
        return self._listed(links_out=True)

    def _listed(self, links_out: bool) -> list[ForumLink]:
        found: list[ForumLink] = []
        seen: set[int] = set()
        for link in self.xpath(f"//a[{has_class('forumtitle')} or {has_class('forumlink')} or {has_class('subforum')}]"
                               "[@href]"):
            if bool(self.xpath(_LINK_ROW, link)) != links_out:
                continue
            forum_id = self._forum_linked(link)
            if forum_id is None and "subforum" not in (link.get("class") or ""):
                forum_id = self._fed_forum(link)
            if forum_id is None or forum_id in seen:
                continue
            seen.add(forum_id)
            category_id, category = self._category_of(link)
            parent = self._parent_forum(link) if "subforum" in (link.get("class") or "") else category_id
            found.append(ForumLink(forum_id, text_of(link), self.absolute(link.get("href")),
                                   category, parent))
            self.learn("forum", forum_id, 0, link.get("href"))
        return found

    def _forum_linked(self, link: Any) -> int | None:
        """The forum a link names, in phpBB's URL or phpBB SEO's (``forum-title-f12.html``)."""
        ref = self.linked(link.get("href"))
        return ref.forum_id if ref is not None and ref.kind == "forum" else None

    def _fed_forum(self, link: Any) -> int | None:
        """The forum a title link without an id names (phpBB SEO's "remove ids":
        ``your-first-forum.html``): the id of the forum's feed link, which prosilver prints in a
        comment just before the title (``<!-- <a class="feed-icon-forum" href="/app.php/feed?f=2">
        -->``, a guest's ``feed?sid=…?f=2``; 3.0: ``feed.php?f=2``)."""
        comments = self.xpath("preceding-sibling::comment()[contains(., 'feed-icon-forum')][1]", link)
        found = _FEED_FORUM.search(comments[0].text or "") if comments else None
        return int(found.group(1)) if found else None

    def _category_of(self, link: Any) -> tuple[int | None, str | None]:
        anchors = self.xpath(_CATEGORY_HEADER, link)
        # the header's link with a forum id, else (phpBB SEO's "remove ids") the one it has: a name
        header = next((anchor for anchor in anchors if self._forum_linked(anchor) is not None), anchors[0] if anchors else None)
        if header is None:  # table styles: the row of td.cat (2.0: td.catLeft, index.php?c=N) before it
            header = self.first("ancestor::tr[1]/preceding-sibling::tr[td[contains(@class, 'cat')]][1]//a[@href]", link)
        if header is None:
            return None, None
        return self.param(header.get("href"), "f"), text_of(header)

    def _parent_forum(self, link: Any) -> int | None:
        parent = self.first("ancestor::*[self::dt or self::td][1]//a[contains(@class, 'forumtitle')"
                            " or contains(@class, 'forumlink')]", link)
        return self.param(parent.get("href"), "f") if parent is not None else None
