"""NodeBB (open source; read from its read API, see docs/engines/nodebb.md)."""

from __future__ import annotations

from scraper.engines.nodebb import lists, pages, urls
from scraper.engines.nodebb.wording import WORDING
from scraper.engines.packaged import PackagedEngine

# HTML: the page's own API answer in ``<script id="ajaxify-data">`` (src/middleware/render.js),
# the theme's ``li[component="post"]`` with ``data-pid``. JSON (a page parsed as HTML holds the
# text in its body): an answer starting with ``{`` and holding the ``bodyClass`` every page
# answer and error answer of NodeBB carries (``page-topic page-topic-5 …``).
MARKERS = (
    "//script[@id='ajaxify-data'][@type='application/json']",
    "//li[@component='post'][@data-pid][@data-index]",
    "/html/body[starts-with(normalize-space(), '{')][contains(., '\"bodyClass\":\"page-')]",
)

ENGINE = PackagedEngine("nodebb", "NodeBB", WORDING, MARKERS, urls=urls, pages=pages, lists=lists,
                        post_anchor="#post-{post_id}", index_path="api/categories", message_statuses=(401, 403, 404))
