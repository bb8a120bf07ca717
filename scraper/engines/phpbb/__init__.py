"""phpBB (2.0 to 3.3) behind ``scraper.engines.base.Engine``: URL forms, canonical spellings and
page sizes in ``urls``, the three readers in ``reading`` (what every page has in ``pages``,
prosilver's posts and topic rows in ``prosilver``, subsilver2's and 2.0's subSilver's in
``tables``, quotes and code boxes in the contract's form in ``markup``), the words it prints in
``wording``. Facts and their sources: ``docs/engines/phpbb.md``.

Checked against real pages, captured with the harness of ``tests/real_phpbb`` and compared with
the boards' tables (``tests/test_phpbb_pages.py``): phpBB 3.3.10 with prosilver
(``tests/fixtures/phpbb-33-live``; also live, ``make real-phpbb-test``), 3.0.14 with prosilver
and with subsilver2 (``phpbb-30-prosilver``, ``phpbb-30-subsilver2``) and 2.0.23 with subSilver,
ISO-8859-1 (``phpbb-20-subsilver``). English wording only.
"""

from __future__ import annotations

from scraper.engines.packaged import PackagedEngine
from scraper.engines.phpbb import reading, urls
from scraper.engines.phpbb.wording import WORDING

# A phpBB page by what phpBB prints whatever the style (a message page too): the footer's
# credit (the element holding the phpBB link, not a post quoting it), prosilver's body id
# (3.1+) and style comment (3.0+), its post and profile markup.
MARKERS = (
    "//*[contains(., 'Powered by')][a[contains(., 'phpBB')]][not(ancestor-or-self::*[contains(@class, 'content')"
    " or contains(@class, 'postbody')])]",
    "//body[@id='phpbb'] | //comment()[contains(., 'phpBB style name')]",
    "//div[starts-with(@id, 'p')][contains(@class, 'post')]//dl[contains(@class, 'postprofile')]",
)

# A topic or forum that does not exist is the message page with HTTP 404 (3.3.10's
# viewtopic-t9999 and viewforum-f99 in tests/fixtures/phpbb-33-live); a member without the
# forum's read permission gets "You are not authorised…" with 403 (a guest the login box, 200).
ENGINE = PackagedEngine("phpbb", "phpBB", WORDING, MARKERS, urls=urls, pages=reading, lists=reading,
                        post_anchor="#p{post_id}", index_path="index.php", message_statuses=(403, 404))
