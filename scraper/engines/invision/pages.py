"""Invision Community's topic pages as base.py's views (4.x, 5.x).

Page-level facts (``core/front/global/globalTemplate``, ``core/global/global/pagination``;
see docs/engines/invision.md): ``<body class="ipsApp ipsApp_front" data-pageapp="forums"
data-pagecontroller="topic" data-pageid="N">`` names the topic (``controller="forums"``: the
forum); the title is ``h1.ipsType_pageTitle``; the forum is the breadcrumb's last forum link.
The pager is ``ul.ipsPagination[data-pages]`` with ``data-ipspagination-perpage`` and
``li.ipsPagination_active > a[data-page]`` (5.x: ``li.ipsPagination__active``). 5.x's body
(``globalTemplate`` of 5.0) is read for the item as ``data-id`` too, where ``data-pageid`` is
missing (unverified: no source of 5.x's body attributes was found); its title is the ``h1``
in ``div.ipsPageHeader__title`` (``topic``). An
error is ``section#elError`` with ``#elErrorMessage`` ("We could not locate the item you are
trying to view." for a deleted topic, "You do not have permission to view this content." for a
guest). Invision prints times in the reader's zone and never states it: ``page_timezone`` is None.

3.x's topic view (``skin_topic`` ``topicViewTemplate`` of 3.4.8) states its facts for its
JavaScript: ``ipb.topic.topic_id``, ``forum_id``, ``start_id`` (the first post's offset) and
``counts = { postTotal: replies + 1, …, perPage: N }``; its title is ``h1.ipsType_pagetitle``
and each post prints its position (``posts3.py``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from parsel import Selector

from scraper.engines.fragments import first, number, page_tree, text_of
from scraper.engines.invision import lists3, posts3, urls
from scraper.engines.invision.posts import read_posts
from scraper.engines.site_facts import SiteFacts
from scraper.engines.views import ThreadPageView

TITLE = ("//h1[contains(@class, 'ipsType_pageTitle')] | //h1[contains(@class, 'ipsPageHeader__title')]"
         " | //div[contains(@class, 'ipsPageHeader__title')]/h1"
         " | //h1[contains(@class, 'ipsType_pagetitle')]")
# What the error box says: the item is gone, or a guest may not see it. 3.x: "We could not
# determine which topic you were attempting to view." (``topics_no_tid``; Russian "Система не
# смогла найти тему…"), "You do not have permission to view this topic." (``topic_not_approved``).
_SAYS = (("deleted", re.compile(r"could not locate the item|could not determine which topic"
                                r"|не смогла найти тему", re.I)),
         ("forbidden", re.compile(r"do not have permission", re.I)),
         ("login_required", re.compile(r"sign in", re.I)))
# The error box: 4.x's ``section#elError``; 3.x's ``Error`` template (``skin_global_other``), the
# message in ``div.ipsBox_container > p.ipsType_sectiontitle``.
_ERROR_BOX = ("//*[@id='elErrorMessage'] | //section[@id='elError']"
              " | //div[contains(@class, 'ipsBox_container')]/p[contains(@class, 'ipsType_sectiontitle')]")


def pagination(page: Selector) -> tuple[int | None, int, int | None]:
    """(current page, page count, posts or topics a page) from the first pager; (None, 1,
    None) when the page has none."""
    pager = page.xpath("//ul[contains(@class, 'ipsPagination')][@data-pages]")
    if not pager:
        return None, 1, None
    pages = number(pager[0].attrib.get("data-pages")) or 1
    current = number(pager[0].xpath(".//li[contains(@class, 'ipsPagination_active')"
                                    " or contains(@class, 'ipsPagination__active')]/a/@data-page").get())
    per_page = number(pager[0].attrib.get("data-ipspagination-perpage"))
    return current or 1, pages, per_page


def body_id(page: Selector, controller: str) -> int | None:
    """The ``data-pageid`` (4.x; 5.x, unverified: ``data-id``) the body gives a page of ``controller``
    (``topic``, ``forums``)."""
    body = page.xpath(f"//body[@data-pagecontroller='{controller}']/@data-pageid"
                      f" | //body[@data-pagecontroller='{controller}']/@data-id").get()
    return number(body) or None


def forum_id(page: Selector) -> int | None:
    refs = [urls.classify(href) for href in page.xpath(
        "//*[@data-role='breadcrumbList' or contains(@class, 'ipsBreadcrumb')]//a/@href").getall()]
    forums = [ref.forum_id for ref in refs if ref and ref.kind == "forum"]
    return forums[-1] if forums else None


def _thread_id(page: Selector, url: str) -> int | None:
    from_body = body_id(page, "topic")
    if from_body:
        return from_body
    quoted = page.xpath("//*[@data-quotedata]/@data-quotedata").re_first(r'"contentid"\s*:\s*(\d+)')
    if quoted:
        return int(quoted)
    for candidate in (page.xpath("//link[@rel='canonical']/@href").get(), url):
        ref = urls.classify(candidate or "")
        if ref and ref.thread_id:
            return ref.thread_id
    return None


def message(page: Selector) -> tuple[str | None, str | None]:
    box = page.xpath(_ERROR_BOX)
    if not box:
        return None, None
    text = text_of(box[0].root)
    return text or None, next((kind for kind, said in _SAYS if said.search(text)), "message")


def _replies(page: Selector) -> int | None:
    """The topic's ``DiscussionForumPosting`` JSON-LD counts its posts, the first one with them
    (``CommentAction``; real 4.3–4.4 pages: 11 for a topic of 11 posts): the replies are one fewer."""
    for script in page.xpath("//script[@type='application/ld+json']/text()").getall():
        try:
            data = json.loads(script)
        except ValueError:
            continue
        if not isinstance(data, dict) or data.get("@type") != "DiscussionForumPosting":
            continue
        for counter in data.get("interactionStatistic") or ():
            if isinstance(counter, dict) and str(counter.get("interactionType", "")).endswith("CommentAction"):
                posts = counter.get("userInteractionCount")
                return posts - 1 if isinstance(posts, int) and posts > 0 else None
    return None


def _first_floor(page: Selector, current: int | None, per_page: int | None) -> int | None:
    """The first post's position: counted from the pager, or 1 on a whole page without one
    (its chrome, ``body.ipsApp``, is there); unknown on a fragment of a page."""
    if current is not None and per_page:
        return (current - 1) * per_page + 1
    if current is None and page.xpath("//body[contains(@class, 'ipsApp')]"):
        return 1
    return None


def _script_number(page: Selector, name: str) -> int | None:
    """A number 3.x's topic view sets for its JavaScript: ``ipb.topic.<name> = N;``."""
    return number(page.xpath("//script/text()").re_first(rf"ipb\.topic\.{name}\s*=\s*(\d+)"))


def _thread_page_3x(page: Selector, response: Any, facts: SiteFacts) -> ThreadPageView:
    counts = page.xpath("//script/text()").re(r"postTotal:\s*(\d+),[^}]*perPage:\s*(\d+)")
    total, per_page = (int(counts[0]), int(counts[1])) if counts else (None, lists3.page_jump_size(page))
    urls.learn_page_size(response.url, "thread", per_page, facts)
    start = _script_number(page, "start_id")
    ref = urls.classify(response.url, facts)
    current = start // per_page + 1 if per_page and start is not None else (ref.page if ref else 1)
    return ThreadPageView(
        thread_id=_script_number(page, "topic_id") or _thread_id(page, response.url),
        forum_id=_script_number(page, "forum_id") or forum_id(page), title=text_of(first(page.root, TITLE)) or None,
        page=current, page_count=-(-total // per_page) if total and per_page else current,
        replies=total - 1 if total else None, posts=posts3.read_posts(page.root), message=None,
        message_kind=None, ref=ref)


def url_form(response: Any) -> str:
    """3.x's plain URLs (``urls.BOARD3_FORM``) on a 3.x site: it reads no ``page/M/``."""
    page = page_tree(response)
    return urls.BOARD3_FORM if page.xpath("//body[@id='ipboard_body'] | " + posts3.POSTS) else "dynamic"


def thread_page(response: Any, facts: SiteFacts | None = None) -> ThreadPageView:
    """``facts``: the crawl's, which a 3.x page adds its page size to."""
    page = page_tree(response)
    facts = facts or SiteFacts()
    if page.xpath(posts3.POSTS):
        return _thread_page_3x(page, response, facts)
    current, total, per_page = pagination(page)
    ref = urls.classify(response.url, facts)
    posts = read_posts(page.root, _first_floor(page, current, per_page))
    said, kind = (None, None) if posts else message(page)
    return ThreadPageView(
        thread_id=_thread_id(page, response.url), forum_id=forum_id(page),
        title=text_of(first(page.root, TITLE)) or None, page=current or (ref.page if ref else 1),
        page_count=total, replies=_replies(page), posts=posts, message=said, message_kind=kind, ref=ref)
