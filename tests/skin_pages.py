"""Pages of the sample forum in any look, read with parsel: shared by the skin tests."""

from __future__ import annotations

from datetime import datetime

import pytest
from parsel import Selector

from forum_harvest.sample_forum import SITE_TZ, SampleForum, render

NOW = datetime(2026, 11, 25, 11, 2, 34, tzinfo=SITE_TZ)
BASE = "http://127.0.0.1:8090/"


@pytest.fixture(scope="module")
def forum() -> SampleForum:
    return SampleForum.build(now=NOW)


def page(forum: SampleForum, path: str, **look) -> Selector:
    # type="html": touch pages start with an XML declaration, which parsel would read as XML
    return Selector(text=render(forum, "/" + path, BASE, NOW, **look), type="html")


def long_thread(forum):
    return max(forum.threads, key=lambda t: t.replies)


def first_page_posts(forum, thread):
    return forum.thread_posts(thread.thread_id)[:10]
