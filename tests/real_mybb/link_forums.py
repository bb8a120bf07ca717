"""``python -m tests.real_mybb.link_forums --source DIR --capture DIR [--keep]``: a small board
(``small_board``) with two **link forums** (MyBB's ``linkto``: a forum that only redirects), one
in the category and one inside My Forum, and one thread by the admin."""

from __future__ import annotations

import sys
from functools import partial

from tests.real_discuz.servers import capture_main
from tests.real_mybb.install import FORUM_ID, SUBFORUM_ID
from tests.real_mybb.small_board import Variant, run

# Copies of forum 2's row (install.add_forum, as the sub-forum is made), fids 4 and 5, each
# shown after the forum listed before it (``disporder`` 2).
LINK_FORUMS = Variant(
    threads=(("L", "A thread beside the link forums",
              "My Forum's one thread; its list shows the link forum Sub Link."),),
    forums={
        SUBFORUM_ID + 1: {"name": "'Elsewhere'", "description": "'A link forum in the category'",
                          "pid": "1", "parentlist": f"'1,{SUBFORUM_ID + 1}'", "disporder": "2",
                          "linkto": "'https://example.org/elsewhere'"},
        SUBFORUM_ID + 2: {"name": "'Sub Link'", "description": "'A link forum inside My Forum'",
                          "pid": str(FORUM_ID), "parentlist": f"'1,{FORUM_ID},{SUBFORUM_ID + 2}'",
                          "disporder": "2", "linkto": "'https://example.org/sub-link'"},
    })

if __name__ == "__main__":
    sys.exit(capture_main("python -m tests.real_mybb.link_forums", __doc__, "MyBB 1.8 source tree",
                          partial(run, variant=LINK_FORUMS)))
