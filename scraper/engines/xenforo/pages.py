"""XenForo's thread, thread-list and index pages as base.py's views (1.x and 2.x).

Page-level facts: 2.x's ``<html id="XF" data-template="thread_view" data-container-key="node-10"
data-content-key="thread-8276">`` names the thread and its forum; 1.x has the forum in its
breadcrumb (``span.crumbs``) and the thread in its canonical link. "Page 54 of 347" is 1.x's
``span.pageNavHeader``; 2.x numbers its ``ul.pageNav-main`` items. XenForo prints times in the
visitor's zone and never states it: ``page_timezone`` is None.
"""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from scraper.engines.fragments import first, number, page_tree, text_of
from scraper.engines.xenforo import urls
from scraper.engines.xenforo.posts import read_posts
from scraper.engines.xenforo.wording import PAGE_OF
from scraper.engines.views import ThreadPageView

# What an error box says: the thread was deleted (404) or a guest may not read it (403).
_SAYS = (("deleted", re.compile(r"could not be found", re.I)),
         ("forbidden", re.compile(r"do not have permission", re.I)))
_KEY = re.compile(r"^(?:node|thread)-(\d+)$")
TITLE = "//h1[contains(@class, 'p-title-value')] | //div[contains(@class, 'titleBar')]/h1"


def pagination(page: Selector) -> tuple[int | None, int]:
    shown = PAGE_OF.search(" ".join(page.xpath("//span[contains(@class, 'pageNavHeader')]/text()").getall()))
    if shown:
        return int(shown.group(1)), int(shown.group(2))
    current = page.xpath("//li[contains(@class, 'pageNav-page--current')]//text()").get()
    pages = [number(text) for text in page.xpath("//ul[contains(@class, 'pageNav-main')]/li/a/text()").getall()]
    pages = [value for value in pages if value]
    return (number(current), max(pages)) if pages else (None, 1)


def _key(page: Selector, attribute: str) -> int | None:
    match = _KEY.match(page.xpath(f"/html/@{attribute}").get() or "")
    return int(match.group(1)) if match else None


def _forum_id(page: Selector) -> int | None:
    from_key = _key(page, "data-container-key")
    if from_key:
        return from_key
    refs = [urls.classify(href) for href in page.xpath(
        "//*[contains(@class, 'crumbs') or contains(@class, 'p-breadcrumbs')]//a/@href").getall()]
    forums = [ref.forum_id for ref in refs if ref and ref.kind == "forum"]
    return forums[-1] if forums else None


def _thread_id(page: Selector, url: str) -> int | None:
    from_key = _key(page, "data-content-key")
    if from_key:
        return from_key
    for candidate in (page.xpath("//link[@rel='canonical']/@href").get(), url):
        ref = urls.classify(candidate or "")
        if ref and ref.thread_id:
            return ref.thread_id
    return None


def _message(page: Selector) -> tuple[str | None, str | None]:
    """The box shown in place of posts: 2.x ``div.blockMessage--error``, 1.x ``div.errorPanel``
    or the login form a guest gets."""
    error = page.xpath("//div[contains(@class, 'blockMessage--error')] | //div[contains(@class, 'errorOverlay')]"
                       " | //div[contains(@class, 'errorPanel')]")
    if error:
        text = text_of(error[0].root)
        return text or None, next((kind for kind, said in _SAYS if said.search(text)), "message")
    if page.xpath("/html[@data-template='login'] | //form[contains(@action, 'login/login')][@id='pageLogin']"):
        return "log in required", "login_required"
    return None, None



def thread_page(response: Any) -> ThreadPageView:
    page = page_tree(response)
    current, total = pagination(page)
    ref = urls.classify(response.url)
    posts = read_posts(page.root)
    message, kind = (None, None) if posts else _message(page)
    title = first(page.root, TITLE)
    return ThreadPageView(
        thread_id=_thread_id(page, response.url), forum_id=_forum_id(page), title=text_of(title) or None,
        page=current or (ref.page if ref else 1), page_count=total, replies=None, posts=posts,
        message=message, message_kind=kind, ref=ref)

