"""phpwind (phpwind.net, Alibaba's Chinese forum engine): URL forms of 8.x and 9.x in ``urls``,
the readers in ``lists`` and ``thread`` (8.x's posts in ``thread8``, what stands in for a
guest in ``stand_ins``), the words and time forms it prints in ``wording``.
Facts and their sources: ``docs/engines/phpwind.md``."""

from __future__ import annotations

from scraper.engines.packaged import PackagedEngine
from scraper.engines.phpwind import lists, thread, urls
from scraper.engines.phpwind.wording import WORDING

# 9.x prints <meta name="generator" content="phpwind v…"> and every title ends
# "- Powered by phpwind"; 8.x's footer says "Powered by phpwind" with a link to phpwind.net
# / phpwind.com.
MARKERS = (
    "//meta[@name='generator'][starts-with(translate(@content, 'PHPWIND', 'phpwind'), 'phpwind')]",
    "//title[contains(., 'Powered by phpwind')]",
    "//a[contains(@href, 'phpwind.net') or contains(@href, 'phpwind.com')]"
    "[contains(translate(., 'PHPWIND', 'phpwind'), 'phpwind')]"
    "[contains(translate(normalize-space(..), 'POWERED', 'powered'), 'powered by')]",
)

ENGINE = PackagedEngine("phpwind", "phpwind 8.x/9.x", WORDING, MARKERS, urls=urls, pages=thread,
                        lists=lists, post_anchor="#read_{post_id}", index_path="index.php?m=bbs&c=forumlist")
