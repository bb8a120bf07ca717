"""MyBB 1.8 (mybb.com): URL forms in ``urls``, readers in ``lists`` (index, thread lists) and
``thread``, the words it prints in ``wording``. Facts and their sources: ``docs/engines/mybb.md``."""

from __future__ import annotations

from scraper.engines.mybb import lists, thread, urls
from scraper.engines.mybb.wording import WORDING
from scraper.engines.packaged import PackagedEngine

# headerinclude's script globals, the footer's "Powered By MyBB" link and its comment.
MARKERS = (
    "//script[contains(., 'var my_post_key') and contains(., 'var rootpath')]",
    "//a[contains(@href, 'mybb.com') and normalize-space()='MyBB']",
    "//comment()[contains(., 'MyBB is free software')]",
)

ENGINE = PackagedEngine("mybb", "MyBB 1.8", WORDING, MARKERS, urls=urls, pages=thread,
                        lists=lists, post_anchor="#pid{post_id}", index_path="index.php")
