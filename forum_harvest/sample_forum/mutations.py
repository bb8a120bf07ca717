"""The sample forum some time later: what an incremental recrawl must notice.

``later(forum, minutes)`` returns a new ``SampleForum`` (the original is untouched) where,
``minutes`` after the original's ``now``: the long thread got five replies that open a new
page and one of the posts on its last page was edited; a new thread was started; one old
thread was deleted. ``CHANGES`` names them for tests.

``moderated(forum, minutes)``: what moderators do, as Discuz shows it afterwards (floors are
display order, so a deleted reply moves every later one up): in one two-page thread a reply
deleted and another added (same reply count, another last post); in another a reply deleted;
the last post of one thread moved to the end of another. ``MODERATION`` names them. Each post
keeps the number it was posted at (``Post.number``), as engines that never renumber show it.

``same_moment(forum, minutes)``: in one thread a reply deleted and the last poster's reply added
in the very second of the last post: its list row shows what it showed (reply count, last
poster, last-post time); only a last-post link naming the post by its id tells. ``SAME_MOMENT``
names it.
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


@dataclass(frozen=True)
class Moderation:
    swapped_thread: int = 30  # two pages; floor 2 deleted, a reply added
    swapped_floor: int = 2
    deleted_thread: int = 14  # two pages; floor 5 deleted
    deleted_floor: int = 5
    moved_from: int = 28  # its last post moved to the end of moved_to
    moved_to: int = 29


MODERATION = Moderation()


@dataclass(frozen=True)
class SameMoment:
    thread: int = 30  # two pages; floor 2 deleted, the last poster's reply added
    deleted_floor: int = 2


SAME_MOMENT = SameMoment()


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


def moderated(forum: SampleForum, minutes: int = 60) -> SampleForum:
    when = forum.now + timedelta(minutes=minutes)
    moved = forum.thread_posts(MODERATION.moved_from)[-1]
    gone = {(MODERATION.swapped_thread, MODERATION.swapped_floor), (MODERATION.deleted_thread, MODERATION.deleted_floor),
            (moved.thread_id, moved.floor)}
    posts = [replace(post, number=post.post_number) for post in forum.posts if (post.thread_id, post.floor) not in gone]
    posts.append(replace(moved, thread_id=MODERATION.moved_to, floor=len(forum.thread_posts(MODERATION.moved_to)) + 1,
                         number=_next_number(forum, MODERATION.moved_to)))
    posts.append(Post(max(post.post_id for post in forum.posts) + 1, MODERATION.swapped_thread, 10_000, "阿杰Jay",
                      when - timedelta(minutes=5), "second", (Line(("删了一楼，补一条新回复。",)),),
                      number=_next_number(forum, MODERATION.swapped_thread)))
    return _with_posts(forum, when, posts)


def same_moment(forum: SampleForum, minutes: int = 60) -> SampleForum:
    when = forum.now + timedelta(minutes=minutes)
    last = forum.thread_posts(SAME_MOMENT.thread)[-1]
    posts = [replace(post, number=post.post_number) for post in forum.posts
             if (post.thread_id, post.floor) != (SAME_MOMENT.thread, SAME_MOMENT.deleted_floor)]
    posts.append(Post(max(post.post_id for post in forum.posts) + 1, SAME_MOMENT.thread, 10_000, last.author,
                      last.posted_at, last.posted_at_precision, (Line(("同一秒里再补一句。",)),),
                      number=_next_number(forum, SAME_MOMENT.thread)))
    return _with_posts(forum, when, posts)


def _with_posts(forum: SampleForum, when: datetime, posts: list[Post]) -> SampleForum:
    """The forum at ``when`` holding ``posts`` (floors renumbered), each thread's counts theirs."""
    posts = _renumbered(posts)
    counts = {thread.thread_id: sum(post.thread_id == thread.thread_id for post in posts) for thread in forum.threads}
    threads = [replace(thread, replies=counts[thread.thread_id] - 1,
                       page_count=-(-counts[thread.thread_id] // POSTS_PER_PAGE)) for thread in forum.threads]
    return replace(forum, now=when, threads=threads, posts=posts, _posts_by_thread={})


def _next_number(forum: SampleForum, thread_id: int) -> int:
    """The number a post added to the thread gets where numbers are never reused."""
    return max(post.post_number for post in forum.thread_posts(thread_id)) + 1


def _renumbered(posts: list[Post]) -> list[Post]:
    """Floors as Discuz shows them: 1, 2, 3... in each thread's order."""
    ordered = sorted(posts, key=lambda post: (post.thread_id, post.floor))
    floors: dict[int, int] = {}
    renumbered = []
    for post in ordered:
        floors[post.thread_id] = floors.get(post.thread_id, 0) + 1
        renumbered.append(replace(post, floor=floors[post.thread_id]))
    return renumbered
