"""SMF 2.x (simplemachines.org): URL forms in ``urls``, readers in ``lists`` (index, topic
lists) and ``thread``, the words it prints in ``wording``. Facts and their sources:
``docs/engines/smf.md``."""

from __future__ import annotations

from scraper.engines.packaged import PackagedEngine
from scraper.engines.smf import lists, thread, urls
from scraper.engines.smf.wording import WORDING

# index.template.php's script globals and the footer's copyright links to simplemachines.org
# ("SMF 2.1.4 © 2023", "Simple Machines").
MARKERS = (
    "//script[contains(., 'var smf_scripturl') and contains(., 'var smf_session_var')]",
    "//a[contains(@href, 'simplemachines.org') and (contains(., 'SMF') or contains(., 'Simple Machines'))]",
)

ENGINE = PackagedEngine("smf", "SMF 2.x", WORDING, MARKERS, urls=urls, pages=thread,
                        lists=lists, post_anchor="#msg{post_id}", index_path="index.php")
