"""What SMF 1.1's capture adds to the pages every version's gets (``__main__._capture``):
a guest's fatal error, the forum's pages in the two other themes 1.1 ships, and the pages of
the forum once closed to guests.

1.1's installer registers ``Themes/classic`` (theme 2) and ``Themes/babylon`` (theme 3) and
lets no guest choose; the forum's theme for guests (``theme_guests``) is set to each in turn,
and the pages are saved under ``classic/`` and ``babylon/`` with their own ``pages.json`` and
``expected.json`` (the view counts grow with every capture: the truth is read again first).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.real_mybb.capture import Capture
from tests.real_smf import install, legacy, seed

THEMES = {"classic": 2, "babylon": 3}  # the folder under the capture -> ID_THEME


def guest_fatal_error(capture: Capture, base: str, forum: seed.Forum) -> None:
    """An attachment id no message has (``Download()``: ``fatal_lang_error(1)``, 1.1's
    ``template_fatal_error`` for a guest; 2.1.4 answers such an id with a 404 in plain text)."""
    topic = forum.topics["C"]
    capture.page(base, f"index.php?action=dlattach;topic={topic}.0;attach=999", "fatal-dlattach-999-plain", "plain")


def themes(docroot: Path, ini: dict[str, str], capture_themed: Callable[[Path], object]) -> None:
    """``capture_themed(directory)`` once the guests' theme is each of ``THEMES``; the default
    theme again after."""
    for folder, theme in THEMES.items():
        install.apply_settings(docroot, {"theme_guests": str(theme)}, ini, legacy.SETUP_PHP)
        capture_themed(Path(folder))
    install.apply_settings(docroot, {"theme_guests": "1"}, ini, legacy.SETUP_PHP)


def closed_forum(capture: Capture, base: str, docroot: Path, ini: dict[str, str], forum: seed.Forum) -> None:
    """A topic and its board once guests may read nothing (``allow_guestAccess`` 0): SMF's
    login form without "missing or off limits". Last: the forum stays closed."""
    legacy.close_to_guests(docroot, ini)
    topic = forum.topics["A"]
    capture.page(base, f"index.php?topic={topic}.0", f"guests-off-topic-{topic}-plain", "plain")
    capture.page(base, f"index.php?board={install.BOARD}.0", f"guests-off-board-{install.BOARD}-plain", "plain")
