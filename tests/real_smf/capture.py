"""Save what SMF serves a fresh guest (no cookie yet, so SMF writes ``PHPSESSID=`` into its
links, as a crawler's first request gets), with our User-Agent and a browser's, in the plain
URL form and the queryless form. Thread lists first: every topic view adds to the topic's
view count, so lists captured before any topic page show the counts the truth holds."""

from __future__ import annotations

from tests.real_mybb.capture import Capture
from tests.real_smf.seed import Forum


def list_paths(form: str, board: int, start: int) -> str:
    return (f"index.php?board={board}.{start}" if form == "plain"
            else f"index.php/board,{board}.{start}.html")


def topic_path(form: str, topic: int, start: int) -> str:
    return (f"index.php?topic={topic}.{start}" if form == "plain"
            else f"index.php/topic,{topic}.{start}.html")


def capture_forum(capture: Capture, bases: dict[str, str], boards: dict[int, int],
                  topics: dict[int, int], per_list: int, per_page: int,
                  links: list[tuple[int, int]], refused: dict[str, str] | None = None) -> None:
    """``boards``/``topics``: id -> page count; ``links``: (topic, msg) of post links;
    ``refused``: name -> path of pages a guest may not read."""
    # A topic that does not exist: SMF asks a guest to log in ("missing or off limits").
    capture.page(bases["plain"], "index.php?topic=999.0", "missing-topic-999-plain", "plain")
    for name, path in (refused or {}).items():
        capture.page(bases["plain"], path, f"{name}-plain", "plain")
    for form, base in bases.items():
        capture.page(base, "index.php", f"index-{form}", form)
        for board, count in boards.items():
            for page in range(count):
                capture.page(base, list_paths(form, board, page * per_list),
                             f"board-{board}-page{page + 1}-{form}", form)
    for form, base in bases.items():
        for topic, count in topics.items():
            for page in range(count):
                capture.page(base, topic_path(form, topic, page * per_page),
                             f"topic-{topic}-page{page + 1}-{form}", form)
        for topic, msg in links:
            capture.page(base, f"index.php?msg={msg}" if form == "plain"
                         else f"index.php/topic,{topic}.msg{msg}.html",
                         f"msg-{msg}-{form}", form)
            capture.page(base, f"index.php?topic={topic}.msg{msg}#msg{msg}" if form == "plain"
                         else f"index.php/topic,{topic}.msg{msg}.html#msg{msg}",
                         f"topic-{topic}-msg{msg}-{form}", form)


def capture_gone_as_member(capture: Capture, base: str, forum: Forum) -> None:
    """Topic 999 and the removed topic F as alice (logged in) sees them: the fatal error
    ``topic_gone``, not the login form (HTTP 200 on 1.1, 403 on 2.x); saved in the mode
    ``member``."""
    browser = forum.people["alice"].browser
    for name, path in (("missing-topic-999-plain", "index.php?topic=999.0"),
                       (f"gone-topic-{forum.topics['F']}-plain", f"index.php?topic={forum.topics['F']}.0")):
        capture.save(browser.get(f"{base}/{path}", follow=False), path, name, "plain", "member", (200, 403))
