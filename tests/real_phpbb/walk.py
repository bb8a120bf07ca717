"""Read a whole board the way a crawl would, with the engine only: the index, each forum's
pages (by the pager's next link), each topic's pages (by ``Engine.page_url`` for page 1, then
the pager), what the pages teach of the board kept for the walk as a crawl keeps it
(``SiteFacts``). Fetched as a guest with our default User-Agent; every URL asked for is the
engine's canonical spelling."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from scraper.engines.base import RawPost, ThreadRow
from scraper.engines.base import Engine
from scraper.engines.phpbb import ENGINE
from scraper.engines.site_facts import SiteFacts
from tests.real_discuz.http_client import Browser
from tests.real_phpbb.capture import GUEST_UA

MAX_PAGES = 200  # a bound on the walk: the seeded board has a dozen pages


@dataclass
class Walked:
    rows: dict[int, ThreadRow] = field(default_factory=dict)
    posts: list[tuple[int, RawPost]] = field(default_factory=list)  # (topic_id, post)
    urls: list[str] = field(default_factory=list)


def walk(base_url: str, engine: Engine = ENGINE) -> Walked:
    browser = Browser(GUEST_UA)
    walked, facts = Walked(), SiteFacts()

    def fetch(url: str) -> SimpleNamespace:
        if len(walked.urls) >= MAX_PAGES:
            raise RuntimeError(f"walk exceeded {MAX_PAGES} pages")
        url = engine.canonicalize(url)
        walked.urls.append(url)
        answer = browser.get(url)
        if answer.status != 200:
            raise RuntimeError(f"{url}: HTTP {answer.status}")
        return SimpleNamespace(url=url, text=answer.text)

    index = engine.index_page(fetch(base_url + "/index.php"), facts)
    for forum in index.forums:
        url: str | None = forum.url
        while url:
            view = engine.forum_page(fetch(url), facts)
            walked.rows.update((row.thread_id, row) for row in view.threads)
            url = view.pagination.next_url
    for thread_id in walked.rows:
        url = engine.page_url(index.site_root, "thread", thread_id, 1, facts=facts)
        while url:
            view = engine.thread_page(fetch(url), facts)
            walked.posts += [(view.thread_id, post) for post in view.posts]
            url = view.pagination.next_url
    return walked
