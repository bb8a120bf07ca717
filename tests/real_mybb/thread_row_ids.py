"""``python -m tests.real_mybb.thread_row_ids --source DIR --capture DIR [--keep]``: a small board
(``small_board``) whose theme prints a thread list's rows without the subject's id: the master
template ``forumdisplay_thread`` loses ``id="tid_{$inline_edit_tid}"`` on the subject's span,
with three threads by the admin in My Forum (two list pages)."""

from __future__ import annotations

import sys
from functools import partial

from tests.real_discuz.servers import capture_main
from tests.real_mybb.small_board import Variant, run

THREAD_ROW_IDS_DROPPED = Variant(
    threads=tuple((name, f"Thread {name} of a list without row ids", f"Thread {name}'s one post.")
                  for name in ("A", "B", "C")),
    template_edits=((("forumdisplay_thread",), ' id="tid_{$inline_edit_tid}"', ""),))

if __name__ == "__main__":
    sys.exit(capture_main("python -m tests.real_mybb.thread_row_ids", __doc__, "MyBB 1.8 source tree",
                          partial(run, variant=THREAD_ROW_IDS_DROPPED)))
