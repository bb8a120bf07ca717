"""Discuz! X3.5's default template: the sample forum's original look."""

from __future__ import annotations

from collections.abc import Callable

from forum_harvest.sample_forum.archiver import archiver_forum, archiver_index, archiver_thread
from forum_harvest.sample_forum.layout import View, message_page, portal_page
from forum_harvest.sample_forum.listing import forum_page, index_page
from forum_harvest.sample_forum.model import Thread
from forum_harvest.sample_forum.skins.base import Skin, restyled
from forum_harvest.sample_forum.thread_page import PostRenderer, thread_page

X35 = Skin(
    name="x35", index=index_page, forum=forum_page, thread=thread_page, message=message_page, portal=portal_page,
    archiver_index=archiver_index, archiver_forum=archiver_forum, archiver_thread=archiver_thread,
)


def x3_skin(name: str, transform: Callable[[View, str], str], render_post: PostRenderer) -> Skin:
    """A skin built on X3.5's pages: its own post markup, and ``transform`` applied to every
    dynamic page (version strings, generator, footer); the archiver stays X's."""
    def thread(view: View, thread: Thread, page: int) -> str:
        return thread_page(view, thread, page, render_post)

    return Skin(
        name=name, index=restyled(index_page, transform), forum=restyled(forum_page, transform),
        thread=restyled(thread, transform), message=restyled(message_page, transform),
        portal=restyled(portal_page, transform),
        archiver_index=archiver_index, archiver_forum=archiver_forum, archiver_thread=archiver_thread,
    )
