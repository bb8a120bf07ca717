"""A large synthetic Discuz! site for the crawl bench, rendered once to static files.

The sample forum's own planner and renderer (``forum_harvest.sample_forum``) make the pages,
scaled from its ~50 pages to thousands: the sample's threads plus as many ordinary threads as
the page target needs (a tenth of them long enough for several pages). Links are in the
rewritten form (``forum-F-P.html``, ``thread-T-P-1.html``) so a plain static file server can
answer every URL. Real Discuz X3.5 thread pages weigh ~60 KB, mostly template chrome (menus,
inline scripts, pop-up templates); the sample's weigh ~12 KB, so each page gets hidden chrome
of the kind real pages carry until it reaches ``page_kb``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from forum_harvest.sample_forum import SITE_TZ, SampleForum, Thread
from forum_harvest.sample_forum import content, wording
from forum_harvest.sample_forum.access import restrict
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import POSTS_PER_PAGE, THREADS_PER_PAGE, Attachment, ForumTotals
from forum_harvest.sample_forum.routes import respond
from forum_harvest.sample_forum.variants import Variant

NOW = datetime(2026, 11, 25, 11, 2, 34, tzinfo=SITE_TZ)
ORDINARY_FORUMS = (2, 3, 4, 6, 7)
INDEX_FILE = "forum.php"


class IndexedForum(SampleForum):
    """The sample forum with its lookups indexed or kept: rendering a page must cost the same
    whatever the site's size, so none may scan every post, or every thread of a forum."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._threads_by_id = {t.thread_id: t for t in self.threads}
        self._attachments = super().attachments()  # every request first asks whether it names a file
        self._forum_threads: dict[int, list[Thread]] = {}
        self._listed_threads: dict[int, tuple[list[Thread], list[Thread]]] = {}
        self._forum_totals: dict[tuple[int, date], ForumTotals] = {}

    def attachments(self) -> list[Attachment]:
        return self._attachments

    def thread(self, thread_id: int) -> Thread | None:
        return self._threads_by_id.get(thread_id)

    def forum_threads(self, forum_id: int) -> list[Thread]:
        if forum_id not in self._forum_threads:
            self._forum_threads[forum_id] = super().forum_threads(forum_id)
        return self._forum_threads[forum_id]

    def listed_threads(self, forum_id: int) -> tuple[list[Thread], list[Thread]]:
        if forum_id not in self._listed_threads:
            self._listed_threads[forum_id] = super().listed_threads(forum_id)
        return self._listed_threads[forum_id]

    def forum_totals(self, forum_id: int, day: date) -> ForumTotals:
        if (forum_id, day) not in self._forum_totals:
            self._forum_totals[forum_id, day] = super().forum_totals(forum_id, day)
        return self._forum_totals[forum_id, day]


def build_forum(target_pages: int, seed: int = 7) -> IndexedForum:
    """A site of about ``target_pages`` pages (thread pages plus thread-list pages)."""
    planner = content.Planner(NOW, seed)
    drafts = content.plan_threads(planner)
    pages = sum(-(-len(d.posts) // POSTS_PER_PAGE) for d in drafts)
    number = 0
    while pages * (1 + 1 / (THREADS_PER_PAGE - 1)) < target_pages:
        forum_id = ORDINARY_FORUMS[number % len(ORDINARY_FORUMS)]
        title = f"{planner.rng.choice(wording.TITLES[forum_id])}（{number + 1}）"
        size = planner.rng.randint(11, 35) if number % 10 == 9 else planner.rng.randint(1, 4)
        drafts.append(planner.ordinary_thread(forum_id, title, size))
        pages += -(-size // POSTS_PER_PAGE)
        number += 1
    users = {name: content.User(uid, name, wording.SIGNATURES.get(name), banned)
             for uid, (name, banned) in enumerate(wording.USERS, start=1)}
    threads, posts = restrict(*content.number(drafts, planner, users))
    return IndexedForum("示例论坛", NOW, seed, list(content.CATEGORIES),
                        list(content.FORUMS), threads, posts, users)


def chrome(kilobytes: int) -> str:
    """Hidden template chrome (pop-up menus and inline scripts) of about ``kilobytes`` KB."""
    items = "".join(f'<li><a href="home.php?mod=space&amp;do=notice&amp;view=item{i}">提醒 {i}</a></li>'
                    for i in range(40))
    block = (f'<div id="qmenu_menu" class="p_pop blk" style="display: none;"><ul class="nav">{items}</ul></div>\n'
             '<script type="text/javascript">var ajaxtarget = "append_parent"; '
             + "".join(f"_attachEvent(window, 'load', function() {{ fixed_top_{i}(); }}, document);" for i in range(12))
             + "</script>\n")
    return block * max(0, kilobytes * 1024 // len(block.encode()))


@dataclass
class RenderedSite:
    directory: Path
    pages: int  # HTML pages a complete crawl fetches (index, thread lists, thread pages)
    thread_pages: int
    posts: int
    bytes: int


def site_paths(forum: SampleForum) -> list[tuple[str, str]]:
    """(file name, the dynamic URL it answers) for every page of the site."""
    paths = [(INDEX_FILE, "/forum.php")]
    for f in forum.forums:  # a members-only forum answers its login message page, as Discuz does
        pages = 1 if f.members_only else forum.forum_page_count(f.forum_id)
        paths += [(f"forum-{f.forum_id}-{n}.html", f"/forum.php?mod=forumdisplay&fid={f.forum_id}&page={n}")
                  for n in range(1, pages + 1)]
    for t in forum.threads:
        paths += [(f"thread-{t.thread_id}-{n}-1.html", f"/forum.php?mod=viewthread&tid={t.thread_id}&page={n}")
                  for n in range(1, t.page_count + 1)]
    return paths


def render_site(forum: SampleForum, directory: Path, base_url: str, page_kb: int = 60) -> RenderedSite:
    """Write every page for a server at ``base_url`` (ends with "/"), each padded to ``page_kb``."""
    directory.mkdir(parents=True, exist_ok=True)
    view = View(forum, base_url, NOW)
    variant = Variant(rewrite_urls=True)
    total = thread_pages = 0
    paths = site_paths(forum)
    for name, target in paths:
        html = variant.finish(respond(view, target).body)
        size = len(html.encode())
        if size < page_kb * 1024:
            html = html.replace("</body>", chrome(page_kb - size // 1024) + "</body>", 1)
        data = html.encode()
        (directory / name).write_bytes(data)
        total += len(data)
        thread_pages += name.startswith("thread-")
    (directory / "robots.txt").write_text(respond(view, "/robots.txt").body)
    return RenderedSite(directory, len(paths), thread_pages, sum(1 for _ in forum.truth_records()), total)
