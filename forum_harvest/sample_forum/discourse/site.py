"""The sample forum in Discourse's terms, shared by its JSON answers (``api``) and its crawler
HTML (``crawler``): the sample's forums are categories (Discourse has no level above them: the
sample's Discuz groups are not shown; a sub-forum is a sub-category), its threads topics.

- slugs: Discourse makes them ASCII from the title or name; the sample's Chinese ones give none,
  so a topic's slug is "topic" and a category's "ID-category" (``Slug.for`` and
  ``Category#ensure_slug``'s fallbacks);
- a topic guests may not read, and the members-only forum, sit in a category guests may not
  see: never listed, and asked for by URL they are refused (403);
- a category's topic list holds its sub-categories' topics too, pinned topics first, then by
  last post, newest first; 30 a page (``TopicQuery``'s ``per_page``), counted from page 0;
- a topic page holds 20 posts (``TopicView.chunk_size``); ``post_number`` is the number a
  post was posted at (``Post.post_number``): moderators' deletes leave gaps, a moved post takes
  the next number of its new topic.
"""

from __future__ import annotations

from datetime import UTC, datetime

from forum_harvest.sample_forum.engine_pages import visible_topic
from forum_harvest.sample_forum.model import Forum, Post, SampleForum, Thread

POSTS_PER_PAGE = 20  # TopicView.chunk_size
TOPICS_PER_PAGE = 30  # TopicQuery's default per_page
TOPIC_SLUG = "topic"


def category_slug(forum: Forum) -> str:
    return f"{forum.forum_id}-category"


def category_path(forum: Forum) -> str:
    """``c/slug/ID``, a sub-category's ``c/parent-slug/slug/ID``."""
    parent = f"{forum.parent_forum_id}-category/" if forum.parent_forum_id else ""
    return f"c/{parent}{category_slug(forum)}/{forum.forum_id}"


def topic_path(thread_id: int) -> str:
    return f"t/{TOPIC_SLUG}/{thread_id}"


def iso(moment: datetime, seconds: bool = False) -> str:
    """Rails' JSON time, UTC with milliseconds (``2026-03-01T02:00:00.000Z``); ``seconds``: the
    crawler view's ``to_formatted_s(:iso8601)`` (``2026-03-01T02:00:00Z``)."""
    stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return stamp + ("Z" if seconds else f".{moment.microsecond // 1000:03d}Z")


def listed_topics(site: SampleForum, category: Forum) -> list[Thread]:
    """The category's list: its own and its sub-categories' readable topics, pinned first,
    then by last post, newest first."""
    ids = {category.forum_id} | {f.forum_id for f in site.subforums(category.forum_id)}
    threads = [t for t in site.threads if t.forum_id in ids and t.readable]
    return sorted(threads, key=lambda t: (not (t.sticky and t.forum_id == category.forum_id),
                                          -site.last_post(t).posted_at.timestamp()))


def latest_topics(site: SampleForum) -> list[Thread]:
    """``/latest``: every topic a guest sees, by last post, newest first."""
    threads = [t for t in site.threads if visible_topic(site, t.thread_id)]
    return sorted(threads, key=lambda t: -site.last_post(t).posted_at.timestamp())


def list_page_count(topics: list[Thread]) -> int:
    """The pages of a list a reader walks: a full page announces a next one (``more_topics_url``,
    ``rel=next``), so a list of exactly 30 has an empty second page."""
    return len(topics) // TOPICS_PER_PAGE + 1


def page_exists(site: SampleForum, thread_id: int, page: int) -> bool:
    """``TopicsController#show`` answers 404 from the page whose first place is past the highest
    post number (``(page - 1) * chunk_size >= highest_post_number``); a page before that holds
    the posts at its places in the stream, perhaps none."""
    return 1 <= page and (page - 1) * POSTS_PER_PAGE < max(p.post_number for p in site.thread_posts(thread_id))


def page_posts(site: SampleForum, thread_id: int, page: int) -> list[Post]:
    return site.thread_posts(thread_id)[(page - 1) * POSTS_PER_PAGE:page * POSTS_PER_PAGE]


def last_edit(post: Post) -> datetime:
    """``updated_at`` and the crawler view's ``dateModified``: the last edit, else the posting."""
    return post.edit.edited_at if post.edit else post.posted_at
