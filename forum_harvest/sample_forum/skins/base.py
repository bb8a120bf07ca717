"""The ``Skin`` table: which function renders which page in one template family."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Category, Forum, Thread


@dataclass(frozen=True)
class Skin:
    """Renderers of one template family. ``thread_link``: its thread URL (``{tid}``, ``{page}``), where a post redirect points;
    ``charset``: the charset its pages are always served in (else the site's)."""

    name: str
    index: Callable[[View, Category | None], str]
    forum: Callable[[View, Forum, int], str]
    thread: Callable[[View, Thread, int], str]
    message: Callable[[View, str], str]
    portal: Callable[[View], str]
    archiver_index: Callable[[View], str]
    archiver_forum: Callable[[View, Forum, int], str]
    archiver_thread: Callable[[View, Thread, int], str]
    thread_link: str = "forum.php?mod=viewthread&tid={tid}&page={page}"
    charset: str | None = None  # pages always in this charset, whatever the site's


def restyled(render: Callable[..., str], transform: Callable[[View, str], str]) -> Callable[..., str]:
    """``render`` with ``transform`` applied to the page it returns (a skin that changes
    only the chrome of another skin's page)."""
    return lambda view, *args: transform(view, render(view, *args))
