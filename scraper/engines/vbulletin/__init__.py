"""vBulletin 3.x, 4.x and 5.x (closed source: read from pages others saved, see
docs/engines/vbulletin.md)."""

from __future__ import annotations

from scraper.engines.packaged import PackagedEngine
from scraper.engines.vbulletin import lists, pages, urls
from scraper.engines.vbulletin.wording import WORDING

# Markers every stock vBulletin page carries (generator meta, 3.x/4.x script globals and
# init call, 5.x's page data and ``vBulletin.`` namespace, the copyright footer).
MARKERS = (
    "//meta[@name='generator'][starts-with(@content, 'vBulletin')]",
    "//script[contains(., 'vBulletin_init()') or contains(., 'var SESSIONURL') or contains(., 'vBulletin.version')]",
    "//*[@id='footer_copyright' or @id='copyright'][contains(., 'vBulletin')]",
    "//div[contains(@class, 'smallfont')][contains(., 'Powered by vBulletin')]",
)

ENGINE = PackagedEngine("vbulletin", "vBulletin", WORDING, MARKERS, urls=urls, pages=pages, lists=lists,
                        post_anchor="#post{post_id}", index_path="index.php")
