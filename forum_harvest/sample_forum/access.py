"""What guests may not read, as real Discuz! sites restrict it: a members-only forum, a
thread with a read permission, a paid thread, and a post with a ``[hide]`` block.

Applied to already numbered threads and posts, so restricting changes no id.
"""

from __future__ import annotations

from dataclasses import replace

from forum_harvest.sample_forum.lang import ZH_CN, Words
from forum_harvest.sample_forum.model import Forum, Post, Thread

MEMBERS_ONLY_FORUM = Forum(8, "会员专区", 5, description="仅限注册会员", members_only=True)
READ_PERMISSION = 20
PRICE = "5 金钱"
HIDE_NOTICE = ZH_CN.hide_notice
PAID_NOTICE = ZH_CN.paid_notice.format(price=PRICE)


def forbidden_message(thread: Thread, words: Words = ZH_CN) -> str:
    return words.read_permission.format(n=thread.read_permission)


def restrict(threads: list[Thread], posts: list[Post]) -> tuple[list[Thread], list[Post]]:
    """The last thread of forum 3 needs a read permission; the first thread of forum 7
    costs money; the first reply with two lines or more (forum 6's if it has one) hides
    its last line."""
    forbidden = max(t.thread_id for t in threads if t.forum_id == 3)
    paid = min(t.thread_id for t in threads if t.forum_id == 7)
    forum_of = {t.thread_id: t.forum_id for t in threads}
    replies = sorted((p for p in posts if p.floor > 1 and len(p.lines) >= 2 and p.thread_id != paid),
                     key=lambda p: (forum_of[p.thread_id] != 6, p.post_id))
    hider = replies[0] if replies else None
    threads = [replace(t, read_permission=READ_PERMISSION) if t.thread_id == forbidden else t for t in threads]
    posts = [_restricted(p, paid, hider) for p in posts]
    return threads, posts


def _restricted(post: Post, paid_thread: int, hider: Post | None) -> Post:
    if post.thread_id == paid_thread and post.floor == 1:
        return replace(post, paid=True)
    if post is hider:
        return replace(post, lines=post.lines[:-1], hidden_lines=post.lines[-1:])
    return post


def paid_notice(post: Post, words: Words = ZH_CN) -> str:
    """What a guest sees instead of a paid message (outside ``td.t_f``, like a banned post)."""
    return (f'<div class="locked"><em class="right"><a href="forum.php?mod=misc&amp;action=pay&amp;'
            f'tid={post.thread_id}&amp;pid={post.post_id}" onclick="showWindow(\'pay\', this.href)">购买主题</a>'
            f"</em>{words.paid_notice.format(price=f'<strong>{PRICE}</strong>')}</div>")


def hide_block(words: Words = ZH_CN) -> str:
    return f'<div class="locked">{words.hide_notice}</div>'
