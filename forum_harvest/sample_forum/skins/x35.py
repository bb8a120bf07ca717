"""Discuz! X3.5's default template: the sample forum's original look."""

from __future__ import annotations

from forum_harvest.sample_forum.archiver import archiver_forum, archiver_index, archiver_thread
from forum_harvest.sample_forum.layout import message_page, portal_page
from forum_harvest.sample_forum.listing import forum_page, index_page
from forum_harvest.sample_forum.skins.base import Skin
from forum_harvest.sample_forum.thread_page import thread_page

X35 = Skin(
    name="x35", index=index_page, forum=forum_page, thread=thread_page, message=message_page, portal=portal_page,
    archiver_index=archiver_index, archiver_forum=archiver_forum, archiver_thread=archiver_thread,
)
