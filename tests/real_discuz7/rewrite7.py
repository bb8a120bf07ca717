"""Discuz! 7.x's URL rewriting (设置 → 搜索引擎优化 → URL 静态化) turned on, and its rules served.

Settings: the form's five boxes (``admin/settings.inc.php``: forumdisplay, viewthread, space,
tag, archiver) saved as bits, ``bindec()`` of boxes 5…1: all ticked is 31; ``rewritecompatible``
on. Discuz then rewrites its own output (``include/global.func.php`` ``output()``: bits 1, 2,
4, 8; ``rewrite_forum``, ``rewrite_thread``…) and the archiver drops the ``?`` of its links
(``archiver/index.php``: ``$qm`` empty when bit 16 is set).

Serving: 7.x's admin page prints no rules (it refers to its user manual); these are the
manual's, as widely published for nginx (e.g. isharkfly.com/t/nginx-rewrite/9437), served by
``tests/real_discuz/rewrite.write_router``.
"""

from __future__ import annotations

SETTINGS = {"rewritestatus": "31", "rewritecompatible": "1"}

RULES = (
    (r"^/archiver/((fid|tid)-[\w\-]+\.html)$", "archiver/index.php?$1"),
    (r"^/forum-([0-9]+)-([0-9]+)\.html$", "forumdisplay.php?fid=$1&page=$2"),
    (r"^/thread-([0-9]+)-([0-9]+)-([0-9]+)\.html$", "viewthread.php?tid=$1&extra=page%3D$3&page=$2"),
    (r"^/space-(username|uid)-(.+)\.html$", "space.php?$1=$2"),
    (r"^/tag-(.+)\.html$", "tag.php?name=$1"),
)


def forum_path(fid: int, page: int) -> str:
    return f"forum-{fid}-{page}.html"


def thread_path(tid: int, page: int) -> str:
    """As a robot's pages link it (``rewrite_thread``: ``{prevpage}`` 1 for robots)."""
    return f"thread-{tid}-{page}-1.html"


def archiver_path(kind: str, item: int, page: int) -> str:
    """``kind`` fid or tid; later pages as the archiver's pager links them (``-page-N``)."""
    return f"archiver/{kind}-{item}" + (f"-page-{page}" if page > 1 else "") + ".html"
