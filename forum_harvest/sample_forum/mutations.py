"""The sample forum some time later: what an incremental recrawl must notice.

``later(forum, minutes)`` returns a new ``SampleForum`` (the original is untouched) where,
``minutes`` after the original's ``now``: the long thread got five replies that open a new
page and one of the posts on its last page was edited; a new thread was started; one old
thread was deleted. ``CHANGES`` names them for tests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from forum_harvest.sample_forum.model import POSTS_PER_PAGE, Edit, Line, Post, SampleForum, Thread


@dataclass(frozen=True)
class Changes:
    replied_thread: int = 13
    replies_added: int = 5
    edited_floor: int = 25
    deleted_thread: int = 6
    new_thread_forum: int = 7


CHANGES = Changes()


def later(forum: SampleForum, minutes: int = 60, replies_added: int = CHANGES.replies_added) -> SampleForum:
    """``replies_added`` replies to the long thread instead of five (one leaves its last page
    the last, which a floorless recrawl has to place)."""
    when = forum.now + timedelta(minutes=minutes)
    next_pid = max(post.post_id for post in forum.posts) + 1
    next_tid = max(thread.thread_id for thread in forum.threads) + 1
    replied = forum.thread(CHANGES.replied_thread)
    old_posts = forum.thread_posts(replied.thread_id)
    replies = [
        Post(next_pid + i, replied.thread_id, len(old_posts) + 1 + i, "释然",
             when - timedelta(minutes=10 - i), "second", (Line((f"新回复第{i + 1}条：收藏了，慢慢学习。",)),))
        for i in range(replies_added)
    ]
    posts = [_edited(post, when) if (post.thread_id, post.floor) == (replied.thread_id, CHANGES.edited_floor)
             else post
             for post in forum.posts if post.thread_id != CHANGES.deleted_thread]
    new_thread = Thread(next_tid, CHANGES.new_thread_forum, "新人报到，请多关照", "阿杰Jay", 1, 3, 1)
    posts += replies + [
        Post(next_pid + 10, next_tid, 1, "阿杰Jay", when - timedelta(minutes=20), "second",
             (Line(("大家好，我是新来的，以后请多指教。",)),)),
        Post(next_pid + 11, next_tid, 2, "青山依旧", when - timedelta(minutes=15), "second",
             (Line(("欢迎欢迎！",)),)),
    ]
    total = len(old_posts) + len(replies)
    threads = [replace(thread, replies=total - 1, page_count=-(-total // POSTS_PER_PAGE))
               if thread.thread_id == replied.thread_id else thread
               for thread in forum.threads if thread.thread_id != CHANGES.deleted_thread]
    return replace(forum, now=when, threads=threads + [new_thread], posts=posts, _posts_by_thread={})


def _edited(post: Post, when: datetime) -> Post:
    lines = post.lines + (Line(("（补充：以最新国家标准为准。）",)),)
    return replace(post, lines=lines, edit=Edit(post.author, (when - timedelta(minutes=5)).replace(second=0)))
