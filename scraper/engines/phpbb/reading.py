"""The three readers the engine hands out: the board index, a forum's topic list and a topic
page, as views (``scraper.engines.views``, with what phpBB's pager adds).
prosilver is read by ``prosilver``, the table styles by ``tables``; which one a page is, by
its posts' and rows' markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scraper.engines.base import Pagination, PageRef
from scraper.engines.phpbb import linked, prosilver, tables, urls
from scraper.engines.phpbb.pages import Page, has_class, text_of
from scraper.engines.site_facts import SiteFacts
from scraper.engines.views import ForumPageView, IndexPageView, ThreadPageView


@dataclass
class ForumPage(ForumPageView):
    topics: int | None = None  # the pager's "N topics" (3.x)


@dataclass
class ThreadPage(ThreadPageView):
    pagination: Pagination = field(default_factory=Pagination)
    page_size: int | None = None  # posts a page, from the pager's links


def _id_from(page: Page, expressions: tuple[str, ...], key: str) -> int | None:
    """The first id ``key`` found by ``expressions``: a link's parameter or an input's value."""
    for expression in expressions:
        for node in page.xpath(expression):
            found = page.param(node.get("href"), key) if node.get("href") else urls.int_param(node.get("value"))
            if found is not None:
                return found
    return None


def url_form(response: Any) -> str:
    """``linked.FORM`` for a board that links phpBB SEO's rewritten pages: the crawl asks
    each page as linked (where a link to it was read), else phpBB's own ("dynamic")."""
    return linked.FORM if Page(response, SiteFacts()).prints_rewritten else "dynamic"


def _learn_pages(page: Page, kind: str, item_id: int | None, pagination: Pagination, size: int) -> None:
    """The breadcrumbs' forums and the pager's pages of forum or topic ``item_id``."""
    page.learn_crumbs()
    for number, url in pagination.page_urls.items():
        page.learn(kind, item_id, (number - 1) * size, url)


def _learn_topic_pages(page: Page) -> None:
    """The pages of its topics a list links (its rows' small pagers), and the posts a page their
    offsets show: a crawl that has not read a topic yet (a recrawl resuming at its last stored
    page) asks a later page as the board links it."""
    starts = []
    for thread_id, start, href in prosilver.topic_pages(page):
        page.learn("thread", thread_id, start, href)
        starts.append(start)
    page.facts.learn_size(page.site_root, "thread", min(filter(None, starts), default=None))


def index_page(response: Any, facts: SiteFacts | None = None) -> IndexPageView:
    page = Page(response, facts or SiteFacts())
    page.learn_crumbs()  # a forum's page as the start page: its own URL
    forums = page.forum_links()
    return IndexPageView(page.site_root, page.site_name, forums, None if forums else page.message,
                         links_out=page.links_out())


def _forum_id(page: Page) -> int | None:
    return _id_from(page, (f"//h2[{has_class('forum-title')}]/a", "id('page-body')/h2/a[contains(@href, 'viewforum.php')]",
                           "//a[@class='titles' or @class='maintitle'][contains(@href, 'viewforum.php')]",
                           f"//span[{has_class('crumb')}][last()]/a", "//input[@name='f']"), "f") or _crumb_forum(page)


def _crumb_forum(page: Page) -> int | None:
    """The last breadcrumb's ``data-forum-id`` (3.1+): the forum even where its links carry no
    id (phpBB SEO's "remove ids")."""
    crumb = page.first(f"//span[{has_class('crumb')}][@data-forum-id][last()]")
    return urls.int_param(crumb.get("data-forum-id")) if crumb is not None else None


def forum_page(response: Any, facts: SiteFacts | None = None) -> ForumPage:
    page = Page(response, facts or SiteFacts())
    rows = prosilver.topic_rows(page) or tables.topic_rows(page)
    own = page.first(f"//h2[{has_class('forum-title')}]/a[@href] | id('page-body')/h2/a[@href]")
    pagination, total, size = page.pagination("forum", page.absolute(own.get("href")) if own is not None else None)
    forum_id = _forum_id(page) if rows or not page.message else None
    name_node = page.first(f"//h2[{has_class('forum-title')}]/a | id('page-body')/h2/a | //a[@class='titles' or @class='maintitle']")
    message = page.message if not rows else None
    subforums = [link for link in page.forum_links() if link.forum_id != forum_id]
    current = pagination.current or 1
    per_page = size or urls.page_size(page.facts, page.site_root, "forum")
    _learn_pages(page, "forum", forum_id, pagination, per_page)
    for row in rows:
        page.learn("thread", row.thread_id, 0, row.url)
    _learn_topic_pages(page)
    ref = PageRef("forum", forum_id, page=current, start=(current - 1) * per_page) if forum_id is not None else None
    return ForumPage(forum_id=forum_id, name=text_of(name_node) or None if name_node is not None else None,
                     subforums=subforums, threads=rows, pagination=pagination, page_count=pagination.page_count,
                     message=message, message_kind=page.message_kind if message else None,
                     page_timezone=page.timezone, ref=ref, topics=total)


def thread_page(response: Any, facts: SiteFacts | None = None) -> ThreadPage:
    page = Page(response, facts or SiteFacts())
    nodes = prosilver.post_nodes(page)
    pagination, total, size = page.pagination("thread")
    current = pagination.current or 1
    per_page = size or urls.page_size(page.facts, page.site_root, "thread")
    offset = (current - 1) * per_page
    if nodes:
        posts = [prosilver.read_post(page, node, offset + index + 1) for index, node in enumerate(nodes)]
    else:
        posts = tables.posts(page, offset)
    thread_id = _id_from(page, (f"//h2[{has_class('topic-title')}]/a", "id('page-body')/h2/a[contains(@href, 'viewtopic.php')]",
                                "//a[@class='titles' or @class='maintitle'][contains(@href, 'viewtopic.php')]",
                                "//form[@id='topic-search']//input[@name='t']",
                                "//a[contains(@href, 'posting.php') and contains(@href, 'mode=reply')]"), "t")
    forum_id = _id_from(page, (f"//span[{has_class('crumb')}][@data-forum-id][last()]/a",
                               f"//li[{has_class('icon-home')}]/a[contains(@href, 'viewforum.php')][last()]",
                               f"//p[{has_class('breadcrumbs')}]/a[contains(@href, 'viewforum.php')][last()]",
                               "//a[contains(@href, 'posting.php') and contains(@href, 'mode=reply')]",
                               "//a[@class='nav'][contains(@href, 'viewforum.php')][last()]"), "f") or _crumb_forum(page)
    title_node = page.first(f"//h2[{has_class('topic-title')}]/a | id('page-body')/h2/a"
                            " | //a[@class='titles' or @class='maintitle'][contains(@href, 'viewtopic.php')]")
    message = page.message if not posts else None
    if posts:
        _learn_pages(page, "thread", thread_id, pagination, per_page)
    ref = urls.classify(page.url, page.facts)
    if ref is not None and thread_id is not None:
        ref = PageRef("thread", forum_id, thread_id, current, start=offset)
    return ThreadPage(thread_id=thread_id if posts else None, forum_id=forum_id,
                      title=text_of(title_node) or None if title_node is not None else None,
                      page=current, page_count=pagination.page_count, replies=total - 1 if total else None,
                      posts=posts, message=message, message_kind=page.message_kind if message else None,
                      ref=ref, page_timezone=page.timezone, pagination=pagination, page_size=size)
