"""XenForo 1.x and 2.x (closed source: read from pages others saved, see
docs/engines/xenforo.md)."""

from __future__ import annotations

from scraper.engines.packaged import PackagedEngine
from scraper.engines.xenforo import lists, pages, urls
from scraper.engines.xenforo.wording import WORDING

# ``<html id="XF">`` (2.x) / ``<html id="XenForo">`` (1.x) on every page of the stock
# ``PAGE_CONTAINER``; the footer's "Forum software by XenForo" link; 1.x's ``XenForo.``
# script namespace.
MARKERS = (
    "/html[@id='XF' or @id='XenForo']",
    "//a[contains(., 'Forum software by XenForo')]",
    "//script[contains(., 'XenForo.init') or contains(., 'XF.ready')]",
)

ENGINE = PackagedEngine("xenforo", "XenForo", WORDING, MARKERS, urls=urls, pages=pages, lists=lists,
                        post_anchor="#post-{post_id}", index_path="", message_statuses=(403, 404))
