"""Discourse (open source; read from its JSON API, see docs/engines/discourse.md)."""

from __future__ import annotations

from scraper.engines.discourse import lists, pages, urls
from scraper.engines.discourse.wording import WORDING
from scraper.engines.packaged import PackagedEngine

# HTML: the ``generator`` meta "Discourse 3.2.0 - https://github.com/discourse/discourse
# version …" (application layout and crawler layout alike), the crawler view's
# ``div.crawler-post``, the app's ``discourse-`` meta/ids. JSON (a page parsed as HTML holds
# the text in its body): an answer starting with one of the API's top-level objects.
MARKERS = (
    "//meta[@name='generator'][starts-with(@content, 'Discourse')]",
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' crawler-post ')]",
    "//meta[@name='discourse_theme_id' or @name='discourse-base-uri' or @name='discourse_current_homepage']",
    "/html/body[starts-with(normalize-space(), '{')][contains(., '\"post_stream\": {')"
    " or contains(., '\"post_stream\":{') or contains(., '\"topic_list\":') or contains(., '\"category_list\":')]",
)

ENGINE = PackagedEngine("discourse", "Discourse", WORDING, MARKERS, urls=urls, pages=pages, lists=lists,
                        post_anchor="#post-{post_id}", index_path="categories.json", message_statuses=(403, 404))
