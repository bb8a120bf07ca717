"""The sample forum's data: what the site holds, independent of how pages show it.

This is the ground truth a crawl is checked against. Times are timezone-aware UTC datetimes;
the site's own timezone (``SITE_TZ``) only matters when pages are rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from forum_harvest.sample_forum.engine_shows import SHOWS, EngineShows

SITE_TZ = ZoneInfo("Asia/Shanghai")
THREADS_PER_PAGE = 10  # Discuz "tpp"; sticky threads take slots on every list page
POSTS_PER_PAGE = 10  # Discuz "ppp"


@dataclass(frozen=True)
class User:
    uid: int
    name: str
    signature_html: str | None = None
    banned: bool = False

    @property
    def group(self) -> str:
        return "禁止发言" if self.banned else "注册会员"

    @property
    def signature_text(self) -> str | None:
        if self.signature_html is None:
            return None
        return re.sub(r"<[^>]+>", "", self.signature_html)


@dataclass(frozen=True)
class Category:
    gid: int
    name: str


@dataclass(frozen=True)
class Forum:
    forum_id: int
    name: str
    category: int
    parent_forum_id: int | None = None
    description: str = ""
    jammer: bool = False  # anti-copy junk at every line break of every post
    floor_names: bool = False  # template variant: 楼主/沙发/板凳/地板 instead of 1#..4#
    members_only: bool = False  # guests get the login message instead of the thread list


@dataclass(frozen=True)
class LinkForum:
    """A forum that only sends its visitor to ``url``, another site's (MyBB's ``linkto``, phpBB's
    link forum, SMF 2's redirect board, XenForo's link node, Invision's redirect forum): listed
    among the boards, its page a redirect to ``url``; it holds no thread."""

    forum_id: int
    name: str
    category: int
    url: str
    parent_forum_id: int | None = None
    description: str = ""


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class Image:
    """An ``[img]`` picture: part of the post markup, not of the body text."""

    src: str


@dataclass(frozen=True)
class Attachment:
    """An uploaded file shown in an ``ignore_js_op`` widget (inline) or ``div.pattl``."""

    aid: int
    filename: str
    path: str  # site-relative, e.g. data/attachment/forum/202503/01/....jpg
    size_kb: float
    downloads: int
    uploaded_at: datetime

    @property
    def is_image(self) -> bool:
        return self.filename.lower().endswith((".jpg", ".jpeg", ".png", ".gif"))

    @property
    def record(self) -> dict[str, Any]:
        """The export fields every look shows of it (its URL depends on the look)."""
        return {"name": self.filename, "size": f"{self.size_kb} KB", "downloads": self.downloads,
                "uploaded_at": self.uploaded_at.replace(second=0, microsecond=0), "needs_login": False,
                "needs_credits": False}


Inline = str | Link | Image | Attachment


IMAGE_PLACEHOLDER = "[图片]"  # what a clean body shows where a picture was
ATTACHMENT_PLACEHOLDER = "[附件]"  # ... and where another attached file was


@dataclass(frozen=True)
class Line:
    """One line of a message; an empty line is a paragraph gap (``<br />`` only)."""

    parts: tuple[Inline, ...] = ()
    list_item: bool = False

    def _shown(self, pictures: bool) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, (str, Link)):
                out.append(part if isinstance(part, str) else part.text)
            elif pictures and (isinstance(part, Image) or part.is_image):
                out.append(IMAGE_PLACEHOLDER)
            elif pictures:
                out.append(ATTACHMENT_PLACEHOLDER)
        return "".join(out)

    @property
    def words(self) -> str:
        """The written text alone: what the archiver prints (it drops pictures)."""
        return self._shown(pictures=False)

    @property
    def text(self) -> str:
        """The line as a clean body shows it: pictures as ``IMAGE_PLACEHOLDER``, other
        attachments as ``ATTACHMENT_PLACEHOLDER``, in place."""
        return self._shown(pictures=True)


@dataclass(frozen=True)
class Quote:
    author: str
    posted_at: datetime  # minute precision: Discuz writes the time into the quote text
    text: str


@dataclass(frozen=True)
class Edit:
    editor: str
    edited_at: datetime  # minute precision, baked into the message as 本帖最后由 X 于 T 编辑


@dataclass(frozen=True)
class Post:
    post_id: int
    thread_id: int
    floor: int
    author: str
    posted_at: datetime
    posted_at_precision: str  # "second" (recent, relative on the page) or "minute"
    lines: tuple[Line, ...]
    quote: Quote | None = None
    edit: Edit | None = None
    show_signature: bool = True
    attachments_below: tuple[Attachment, ...] = ()  # not placed in the text: div.pattl
    hidden_lines: tuple[Line, ...] = ()  # a [hide] block: guests see a notice instead
    paid: bool = False  # the thread's price hides this whole message from guests
    # The number an engine that never renumbers shows (Discourse's post_number): the floor it
    # was posted at, kept when moderators delete or move posts (mutations.moderated).
    number: int | None = None

    @property
    def post_number(self) -> int:
        return self.number or self.floor

    @property
    def body(self) -> str:
        return "\n".join(line.text for line in self.lines if line.text)

    @property
    def attachments(self) -> list[Attachment]:
        """Those in the text in order, then those listed below it."""
        placed = [p for line in self.lines for p in line.parts if isinstance(p, Attachment)]
        return placed + list(self.attachments_below)

    @property
    def images(self) -> list[str]:
        return self.image_urls()

    def image_urls(self, upload_folder: str = "") -> list[str]:
        """The pictures in order: by their URL, or an attached one's path, in the engine's
        ``upload_folder`` (``EngineShows.upload_folder``)."""
        found = [p.src if isinstance(p, Image) else upload_folder + p.path
                 for line in self.lines for p in line.parts
                 if isinstance(p, Image) or (isinstance(p, Attachment) and p.is_image)]
        return found + [upload_folder + a.path for a in self.attachments_below if a.is_image]


@dataclass(frozen=True)
class Thread:
    thread_id: int
    forum_id: int
    title: str
    author: str
    replies: int
    views: int
    page_count: int
    sticky: bool = False
    read_permission: int = 0  # Discuz readperm: above 0, guests get a message page

    @property
    def readable(self) -> bool:
        return self.read_permission == 0


@dataclass(frozen=True)
class ForumTotals:
    """What a forum's row in the forum index counts."""

    threads: int
    posts: int
    posts_today: int  # posted on the viewer's day, in the site's timezone
    latest: Thread | None  # the thread with the newest last post (the first in list order of equals)


@dataclass
class SampleForum:
    """A whole site: categories, forums, threads, posts and users, plus lookups."""

    site_name: str
    now: datetime
    seed: int
    categories: list[Category]
    forums: list[Forum]
    threads: list[Thread]
    posts: list[Post]
    users: dict[str, User]
    link_forums: list[LinkForum] = field(default_factory=list)
    _posts_by_thread: dict[int, list[Post]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for post in sorted(self.posts, key=lambda p: (p.thread_id, p.floor)):
            self._posts_by_thread.setdefault(post.thread_id, []).append(post)

    @classmethod
    def build(cls, now: datetime | None = None, seed: int = 7, site_name: str = "示例论坛") -> SampleForum:
        """The deterministic site for ``seed``; recent posts are ``now`` minus fixed offsets."""
        from forum_harvest.sample_forum.content import build_forum

        return build_forum(now=now, seed=seed, site_name=site_name)

    def forum(self, forum_id: int) -> Forum | None:
        return next((f for f in self.forums if f.forum_id == forum_id), None)

    def link_forum(self, forum_id: int) -> LinkForum | None:
        return next((f for f in self.link_forums if f.forum_id == forum_id), None)

    def links_in(self, category: int, parent_forum_id: int | None = None) -> list[LinkForum]:
        """The link forums of a category's top level, or among a forum's sub-forums."""
        return [f for f in self.link_forums if f.category == category and f.parent_forum_id == parent_forum_id]

    def thread(self, thread_id: int) -> Thread | None:
        return next((t for t in self.threads if t.thread_id == thread_id), None)

    def category(self, gid: int) -> Category | None:
        return next((c for c in self.categories if c.gid == gid), None)

    def thread_posts(self, thread_id: int) -> list[Post]:
        return self._posts_by_thread.get(thread_id, [])

    def subforums(self, forum_id: int) -> list[Forum]:
        return [f for f in self.forums if f.parent_forum_id == forum_id]

    def forum_threads(self, forum_id: int) -> list[Thread]:
        """Sticky first, then by last post, newest first: the order of the thread list."""
        threads = [t for t in self.threads if t.forum_id == forum_id]
        return sorted(threads, key=lambda t: (not t.sticky, -self.last_post(t).posted_at.timestamp()))

    def listed_threads(self, forum_id: int) -> tuple[list[Thread], list[Thread]]:
        """(sticky threads, the others) of the thread list, each in list order."""
        threads = self.forum_threads(forum_id)
        return [t for t in threads if t.sticky], [t for t in threads if not t.sticky]

    def forum_page_count(self, forum_id: int) -> int:
        sticky, normal = self.listed_threads(forum_id)
        per_page = THREADS_PER_PAGE - len(sticky)
        return max(1, -(-len(normal) // per_page))

    def forum_totals(self, forum_id: int, day: date) -> ForumTotals:
        threads = self.forum_threads(forum_id)
        posts = sum(t.replies + 1 for t in threads)
        today = sum(1 for t in threads for p in self.thread_posts(t.thread_id)
                    if p.posted_at.astimezone(SITE_TZ).date() == day)
        latest = max(threads, key=lambda t: self.last_post(t).posted_at) if threads else None
        return ForumTotals(len(threads), posts, today, latest)

    def last_post(self, thread: Thread) -> Post:
        return self.thread_posts(thread.thread_id)[-1]

    def attachments(self) -> list[Attachment]:
        """Every attached file, post by post."""
        return [attachment for post in self.posts for attachment in post.attachments]

    def truth_records(self, base_url: str | None = None, engine: str = "discuz") -> list[dict[str, Any]]:
        """One dict per post, the export-record fields a perfect crawl would produce.

        Bodies hold the author's text lines joined with "\\n" (blank lines dropped), with
        ``IMAGE_PLACEHOLDER`` where a picture is; quotes, edit notices, signatures, jammer junk,
        injected site names and attachment widgets are not part of the body (an attached file
        shows as ``ATTACHMENT_PLACEHOLDER``); ``attachments`` hold each one's fields but its URL. ``images`` are site-relative paths unless ``base_url`` is given.
        Threads guests may not read have no records; a ``[hide]`` block or a paid message is
        not in the body and sets ``content_hidden``. ``engine``: as that engine serves the
        content (``engine_shows.SHOWS``).
        """
        shows = SHOWS[engine]
        records = []
        forums = {f.forum_id: f for f in self.forums}
        for thread in filter(lambda t: t.readable, self.threads):
            forum = forums[thread.forum_id]
            for post in self.thread_posts(thread.thread_id):
                user = self.users[post.author]
                readable_author = shows.banned_posts or not user.banned
                shown = readable_author and not (post.paid and shows.stand_ins)
                body = post.body if shows.stand_ins else "\n".join(
                    line.text for line in post.lines + post.hidden_lines if line.text)
                if shows.listed_at_end:
                    body = "\n".join([body] + [IMAGE_PLACEHOLDER if a.is_image else ATTACHMENT_PLACEHOLDER
                                                for a in post.attachments_below])
                records.append({
                    "forum_id": forum.forum_id,
                    "forum_name": forum.name,
                    "thread_id": thread.thread_id,
                    "thread_title": thread.title,
                    "post_id": post.post_id if post.floor > 1 or shows.first_post_ids else None,
                    "floor": shows.floor_of(post),
                    "author": post.author,
                    "posted_at": post.posted_at.replace(second=0) if shows.precision == "minute" else post.posted_at,
                    "posted_at_precision": shows.precision or post.posted_at_precision,
                    "edited_at": post.edit.edited_at if post.edit and shown else None,
                    "body": body if shown else "",
                    "quotes": [] if not shown or not post.quote else [
                        {"author": post.quote.author, "posted_at": post.quote.posted_at, "text": post.quote.text}],
                    "signature": user.signature_text if (post.show_signature or shows.every_signature)
                    and readable_author and shows.signatures else None,
                    "author_banned": user.banned and shows.banned_marked,
                    "content_hidden": (post.paid or bool(post.hidden_lines)) and shows.stand_ins,
                    "images": [_absolute(base_url, src) for src in post.image_urls(shows.upload_folder)]
                    if shown else [],
                    "attachments": _shown_attachments(post, shows) if shown else [],
                })
        return records


def _shown_attachments(post: Post, shows: EngineShows) -> list[dict[str, Any]]:
    """Each attachment's record as the engine shows it (``EngineShows.placed_file_names``)."""
    placed = {a.aid for line in post.lines for a in line.parts if isinstance(a, Attachment) and not a.is_image}
    return [a.record | ({"name": None} if a.aid in placed and not shows.placed_file_names else {})
            for a in post.attachments]


def _absolute(base_url: str | None, src: str) -> str:
    if base_url is None or src.startswith(("http://", "https://")):
        return src
    return base_url.rstrip("/") + "/" + src
