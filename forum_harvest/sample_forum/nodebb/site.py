"""The sample forum in NodeBB's terms, shared by its API answers (``api``) and its HTML pages
(``pages``): the sample's forums are categories (a sub-forum a child category; the sample's
Discuz groups are not shown), its threads topics. What a crawler is served, as NodeBB serves a
User-Agent its spider list knows (docs/engines/nodebb.md):

- 20 posts and 20 topics a page (``src/user/settings.js``, ``spiderDefaultSettings``);
- a category lists its own topics (not its children's), pinned first, then by last reply,
  newest first (``recently_replied``), the pinned ones counted among the 20;
- a topic guests may not read, and the members-only forum, sit in a category guests may not
  see: never listed, and asked for by URL they are refused (403);
- slugs are ``ID/words``, the name slugified (``public/src/modules/slugify.js``: letters and
  digits kept, case lowered, the rest one dash).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from forum_harvest.sample_forum.model import Forum, SampleForum, Thread

POSTS_PER_PAGE = 20
TOPICS_PER_PAGE = 20
_NOT_SLUG = re.compile(r"[^\w\s\-@.]+")


def slugify(name: str, keep_case: bool = False) -> str:
    """NodeBB's slug of a name; ``keep_case``: as its Quote button writes a member's (``@Name``)."""
    slug = re.sub(r"\s+", "-", _NOT_SLUG.sub("-", name.strip()))
    slug = re.sub(r"-+", "-", slug if keep_case else slug.lower()).strip("-")
    return "" if slug in (".", "..") else slug


def slug(item_id: int, name: str) -> str:
    return f"{item_id}/{slugify(name)}"


def ms(moment: datetime) -> int:
    """NodeBB's timestamps: epoch milliseconds."""
    return int(moment.timestamp() * 1000)


def iso(moment: datetime) -> str:
    """``…ISO`` fields: UTC with milliseconds (``utils.toISOString``)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def listed_topics(site: SampleForum, category: Forum) -> list[Thread]:
    return [t for t in site.forum_threads(category.forum_id) if t.readable]


def page_count(items: int, per_page: int) -> int:
    return max(1, -(-items // per_page))
