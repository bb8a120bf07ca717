"""SMF 1.1, 2.0 and 2.1 (simplemachines.org): URL forms in ``urls``, readers in ``lists``
(index, topic lists; 1.1's tables in ``table_lists``) and ``thread``, the words it prints in
``wording``. Facts and their sources: ``docs/engines/smf.md``."""

from __future__ import annotations

from scraper.engines.packaged import PackagedEngine
from scraper.engines.smf import lists, thread, urls
from scraper.engines.smf.wording import WORDING

# index.template.php's script globals (2.1 declares smf_session_var, 1.1, 2.0 and 2.1
# smf_iso_case_folding) and the footer's copyright links to simplemachines.org ("SMF 2.1.4 ©
# 2023", "SMF 2.0.19", "Powered by SMF 1.1.13", "Simple Machines").
MARKERS = (
    "//script[contains(., 'var smf_scripturl') and (contains(., 'var smf_session_var')"
    " or contains(., 'var smf_iso_case_folding'))]",
    "//a[contains(@href, 'simplemachines.org') and (contains(., 'SMF') or contains(., 'Simple Machines'))]",
)

ENGINE = PackagedEngine("smf", "SMF", WORDING, MARKERS, urls=urls, pages=thread,
                        lists=lists, post_anchor="#msg{post_id}", index_path="index.php")
