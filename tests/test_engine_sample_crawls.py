"""End to end, for engines other than Discuz: the sample forum served as the engine prints it
(``start_server(forum, engine=…)``), crawled by ``forum-harvest crawl <root>`` in a subprocess
into SQLite and PostgreSQL. The export equals the engine's truth (``truth_records(engine=…)``);
after replies, an edit, a new and a deleted thread (``mutations.later``) a recrawl fetches the
lists and only the thread pages that changed and ends equal to the new truth, and after
moderators deleted and moved replies (``mutations.moderated``: later positions move up) it
equals the truth again with the deleted posts marked; a crawl killed mid-way resumes with
nothing lost. Attachments are left out of the comparison: these engines' readers do not read
them yet (issue 20), though the sample forum prints them as each engine does (phpBB: only the
pictures placed in the text). phpBB's and SMF's pages go by offset (``start=``, ``topic=N.15``);
phpBB's, MyBB's and SMF's sticky topics take places in the list's pages, and a topic guests may
not read wants a login (phpBB's login box, MyBB's ``error_nopermission``, SMF's login form, which
SMF also shows a guest for a deleted topic). phpwind 9's first post has no post id, and its GBK
edition (``charset="gbk"``) is crawled in the first scenario too; phpwind 8.7 (``phpwind8``, read
by the phpwind engine) lists its topped thread first on page 1 of its board only. Discourse is read from its JSON
API: it lists no topic a guest may not read, reads sub-categories' topics from their parent's
list, and asks a deleted topic again as its crawler HTML (both 404) before it marks it deleted.
NodeBB is read from its read API (``/api/…``) as it serves a spider: 20 a page, pinned topics
counted among them, no topic a guest may not read listed; a deleted topic is asked again as its
HTML page (both 404)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum_harvest.sample_forum import SampleForum, start_server
from forum_harvest.sample_forum.mutations import CHANGES, SAME_MOMENT, later, moderated, same_moment
from forum_harvest.sample_forum import invision, mybb, phpbb, phpwind, smf, vbulletin, xenforo
from forum_harvest.sample_forum.discourse import site as discourse_site
from forum_harvest.sample_forum.nodebb import site as nodebb_site
from forum_harvest.sample_forum.phpwind import lists8, read8
from forum_harvest.sample_forum.engine_pages import list_pages, thread_pages
from tests.conftest import copy_sqlite, crawl_before_and_after, crawl_killed_after, dump, serving_instead
from tests.exports import Shows, crawl, differences, expected, export, summary
from tests.postgres import new_database

@dataclass(frozen=True)
class Served:
    """How the sample forum served as one engine names the pages a crawl asks for."""

    thread: Callable[[int, int], str]  # (thread id, page) -> path
    forum: Callable[[int, int], str]  # (forum id, page) -> path
    posts_per_page: int
    threads_per_page: int
    categories_listed: bool  # vBulletin's categories are forums with a page of their own
    thread_marker: str  # in every thread page's path
    stickies_paged: bool = False  # phpBB, MyBB: sticky topics take places in the list's pages
    closed_status: str | None = "forbidden"  # a thread guests may not read (phpBB, MyBB: wants a login; None:
    # not listed, never asked: Discourse lists only the topics a guest may read)
    gone_status: str = "deleted"  # a deleted thread (SMF: "missing or off limits", as for a closed one)
    index_paths: frozenset[str] = frozenset()  # asked besides the root (Discourse: /categories.json)
    # (forum, forum id) -> its list's page count, when not list_pages' (Discourse: sub-categories' topics too)
    list_page_count: Callable[[SampleForum, int], int] | None = None
    subforums_listed: bool = True  # Discourse: a sub-category's topics are read from its parent's list
    # A page answered "not found" is asked again as this path (Discourse: its crawler HTML).
    asked_again: Callable[[str], str] | None = None
    detected: str | None = None  # the engine the crawl records, when not the served one's name (phpwind8: phpwind)


def _paged(path: str, page: int, suffix: str) -> str:
    return path + (suffix.format(page=page) if page > 1 else "")


def _offset(path: str, page: int, per_page: int) -> str:
    """phpBB's pages by offset: page k starts at ``start=(k - 1) x per_page``."""
    return path + (f"&start={(page - 1) * per_page}" if page > 1 else "")


SERVED = {
    "xenforo": Served(lambda t, p: _paged(f"/threads/{t}/", p, "page-{page}"),
                      lambda f, p: _paged(f"/forums/{f}/", p, "page-{page}"),
                      xenforo.POSTS_PER_PAGE, xenforo.THREADS_PER_PAGE, False, "/threads/"),
    "vbulletin": Served(lambda t, p: _paged(f"/showthread.php?t={t}", p, "&page={page}"),
                        lambda f, p: _paged(f"/forumdisplay.php?f={f}", p, "&page={page}"),
                        vbulletin.POSTS_PER_PAGE, vbulletin.THREADS_PER_PAGE, True, "/showthread.php?"),
    "phpbb": Served(lambda t, p: _offset(f"/viewtopic.php?t={t}", p, phpbb.POSTS_PER_PAGE),
                    lambda f, p: _offset(f"/viewforum.php?f={f}", p, phpbb.TOPICS_PER_PAGE),
                    phpbb.POSTS_PER_PAGE, phpbb.TOPICS_PER_PAGE, False, "/viewtopic.php?",
                    stickies_paged=True, closed_status="login_required"),
    "mybb": Served(lambda t, p: _paged(f"/showthread.php?tid={t}", p, "&page={page}"),
                   lambda f, p: _paged(f"/forumdisplay.php?fid={f}", p, "&page={page}"),
                   mybb.POSTS_PER_PAGE, mybb.THREADS_PER_PAGE, False, "/showthread.php?",
                   stickies_paged=True, closed_status="login_required"),
    "smf": Served(lambda t, p: f"/index.php?topic={t}.{(p - 1) * smf.MESSAGES_PER_PAGE}",
                  lambda f, p: f"/index.php?board={f}.{(p - 1) * smf.TOPICS_PER_PAGE}",
                  smf.MESSAGES_PER_PAGE, smf.TOPICS_PER_PAGE, False, "/index.php?topic=",
                  stickies_paged=True, closed_status="missing_or_closed", gone_status="missing_or_closed"),
    "invision": Served(lambda t, p: _paged(f"/topic/{t}--/", p, "page/{page}/"),
                       lambda f, p: _paged(f"/forum/{f}--/", p, "page/{page}/"),
                       invision.POSTS_PER_PAGE, invision.THREADS_PER_PAGE, True, "/topic/", stickies_paged=True),
    "phpwind": Served(lambda t, p: _paged(f"/read.php?tid={t}", p, "&page={page}"),
                      lambda f, p: _paged(f"/index.php?c=thread&fid={f}", p, "&page={page}"),
                      phpwind.POSTS_PER_PAGE, phpwind.THREADS_PER_PAGE, False, "/read.php?", stickies_paged=True),
    "phpwind8": Served(lambda t, p: _paged(f"/read.php?tid={t}", p, "&page={page}"),
                       lambda f, p: _paged(f"/thread.php?fid={f}", p, "&page={page}"),
                       read8.POSTS_PER_PAGE, lists8.THREADS_PER_PAGE, False, "/read.php?", stickies_paged=True,
                       detected="phpwind"),
    "discourse": Served(lambda t, p: f"/t/{t}.json" + (f"?page={p}" if p > 1 else ""),
                        lambda f, p: f"/c/{f}/l/latest.json" + (f"?page={p - 1}" if p > 1 else ""),
                        discourse_site.POSTS_PER_PAGE, discourse_site.TOPICS_PER_PAGE, False, "/t/",
                        closed_status=None, index_paths=frozenset({"/categories.json"}), subforums_listed=False,
                        asked_again=lambda path: path.replace(".json", ""),
                        list_page_count=lambda forum, f: discourse_site.list_page_count(
                            discourse_site.listed_topics(forum, forum.forum(f)))),
    "nodebb": Served(lambda t, p: f"/api/topic/{t}" + (f"?page={p}" if p > 1 else ""),
                     lambda f, p: f"/api/category/{f}" + (f"?page={p}" if p > 1 else ""),
                     nodebb_site.POSTS_PER_PAGE, nodebb_site.TOPICS_PER_PAGE, False, "/api/topic/",
                     stickies_paged=True, closed_status=None, asked_again=lambda path: path.replace("/api/", "/"),
                     list_page_count=lambda forum, f: nodebb_site.page_count(
                         len(nodebb_site.listed_topics(forum, forum.forum(f))), nodebb_site.TOPICS_PER_PAGE)),
}
ENGINES = sorted(SERVED)
# Their thread lists link the last post by its id (ThreadRow.last_post_id), as the real engines' do.
LAST_POST_LINKED = ["nodebb", "phpbb", "smf", "vbulletin"]
# The first scenario also runs on these engines' editions in another charset (phpwind's GBK one).
EDITIONS = [("phpwind", "gbk")]


DATABASES = ["sqlite", "postgresql"]


@pytest.fixture(params=DATABASES)
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'forum.db'}"
    return new_database(request.getfixturevalue("postgres_url"), prefix="engine_sample")


@dataclass
class FirstCrawl:
    """The sample forum served as one engine prints it and crawled once into one database. The
    scenarios that change the forum start from a copy of that database, on the same server (the
    same site), so each engine is crawled whole once per database, not once per scenario."""

    engine: str
    forum: SampleForum
    server: object
    db_url: str
    result: subprocess.CompletedProcess
    requests: list[str]

    def crawl_again(self, after: SampleForum, db_url: str) -> tuple[list[str], str]:
        """``after`` served in the forum's place and crawled into ``db_url`` (a copy of the
        first crawl's database): the paths that crawl asked for and its stdout."""
        with serving_instead(self.server, after):
            result = crawl(self.server.url, db_url)
        assert result.returncode == 0, result.stderr
        return list(self.server.requests), result.stdout


# Every engine on either database: the first crawl the tests below share (module-scoped, so
# ``make test`` keeps the tests of one engine and database on one worker, tests/xdist_groups.py).
FIRST_CRAWLS = pytest.mark.parametrize("first_crawl", [(engine, kind) for engine in ENGINES for kind in DATABASES],
                                       indirect=True, scope="module", ids="-".join)


@pytest.fixture(scope="module")
def first_crawl(request, tmp_path_factory) -> Iterator[FirstCrawl]:
    engine, kind = request.param
    forum = SampleForum.build(now=datetime.now(UTC) - timedelta(hours=2))
    db_url = (f"sqlite:///{tmp_path_factory.mktemp('first') / 'forum.db'}" if kind == "sqlite"
              else new_database(request.getfixturevalue("postgres_url"), prefix="engine_first"))
    server = start_server(forum, engine=engine)
    try:
        result = crawl(server.url, db_url)
        yield FirstCrawl(engine, forum, server, db_url, result, list(server.requests))
    finally:
        server.stop()


@pytest.fixture
def copied_db(first_crawl, request, tmp_path) -> str:
    """A copy of the first crawl's database, for one scenario to crawl into."""
    if first_crawl.db_url.startswith("sqlite"):
        return copy_sqlite(first_crawl.db_url, tmp_path)
    return new_database(request.getfixturevalue("postgres_url"), prefix="engine_sample", copy_of=first_crawl.db_url)


def wrong(forum: SampleForum, base_url: str, db_url: str, engine: str) -> str:
    """What the export gets wrong against the engine's truth, one line per field ('' if nothing)."""
    wanted = expected(forum, base_url, Shows(engine=engine))
    return summary(differences(export(db_url), wanted), len(wanted))


def posts_stored(db_url: str) -> int:
    """How many posts a crawl has stored so far (0 before it created its tables)."""
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM posts")).scalar_one()
    except sa.exc.DBAPIError:
        return 0
    finally:
        engine.dispose()


def thread_paths(engine: str, thread_id: int, first: int, last: int) -> set[str]:
    return {SERVED[engine].thread(thread_id, page) for page in range(first, last + 1)}


def gone_paths(engine: str, thread_id: int) -> set[str]:
    """What a crawl asks of a deleted thread: its first page (and that page again in the
    other form, where the engine has one)."""
    path, again = SERVED[engine].thread(thread_id, 1), SERVED[engine].asked_again
    return {path} | ({again(path)} if again else set())


def list_paths(engine: str, forum: SampleForum) -> set[str]:
    served = SERVED[engine]
    categories = {served.forum(c.gid, 1) for c in forum.categories} if served.categories_listed else set()
    count = served.list_page_count or (
        lambda forum, forum_id: list_pages(forum, forum_id, served.threads_per_page, served.stickies_paged))
    return categories | served.index_paths | {served.forum(f.forum_id, page) for f in forum.forums
                                              if not f.members_only and (served.subforums_listed or not f.parent_forum_id)
                                              for page in range(1, count(forum, f.forum_id) + 1)}


def pages_of(engine: str, forum: SampleForum, thread_id: int) -> int:
    return thread_pages(forum, thread_id, SERVED[engine].posts_per_page)


@FIRST_CRAWLS
def test_a_crawl_from_the_root_exports_the_truth(first_crawl):
    first = first_crawl
    assert_crawl_exports_the_truth(first.engine, first.forum, first.server.url, first.db_url, first.result,
                                   first.requests)


@pytest.mark.parametrize(("engine", "charset"), EDITIONS)
def test_an_edition_in_another_charset_exports_the_truth(engine, charset, db_url):
    forum = SampleForum.build()
    server = start_server(forum, engine=engine, charset=charset)
    try:
        result = crawl(server.url, db_url)
        requests = list(server.requests)
    finally:
        server.stop()
    assert_crawl_exports_the_truth(engine, forum, server.url, db_url, result, requests)


def assert_crawl_exports_the_truth(engine: str, forum: SampleForum, base_url: str, db_url: str,
                                   result: subprocess.CompletedProcess, requests: list[str]) -> None:
    """A whole crawl of the forum: finished, its export the truth, each page asked once."""
    assert result.returncode == 0, result.stderr
    assert "(finished)" in result.stdout, result.stdout
    assert wrong(forum, base_url, db_url, engine) == ""
    assert {record["engine"] for record in export(db_url)} == {SERVED[engine].detected or engine}
    assert len(requests) == len(set(requests)), sorted(p for p in requests if requests.count(p) > 1)
    asked = [t for t in forum.threads if t.readable or SERVED[engine].closed_status]
    threads = set().union(*(thread_paths(engine, t.thread_id, 1, pages_of(engine, forum, t.thread_id))
                            for t in asked))
    assert set(requests) == {"/robots.txt", "/"} | list_paths(engine, forum) | threads
    statuses = {row["thread_id"]: row["status"] for row in dump(db_url)["threads"]}
    closed = {t.thread_id for t in forum.threads if not t.readable}
    assert {tid for tid, status in statuses.items() if status == SERVED[engine].closed_status} == (
        closed if SERVED[engine].closed_status else set())


@FIRST_CRAWLS
def test_a_recrawl_reads_only_what_changed_and_ends_equal_to_the_new_truth(first_crawl, copied_db):
    engine, before, db_url = first_crawl.engine, first_crawl.forum, copied_db
    after = later(before, minutes=60)
    requests, output = first_crawl.crawl_again(after, db_url)
    replied, new_thread = CHANGES.replied_thread, max(t.thread_id for t in after.threads)
    changed = (thread_paths(engine, replied, pages_of(engine, before, replied), pages_of(engine, after, replied))
               | thread_paths(engine, new_thread, 1, 1)
               | gone_paths(engine, CHANGES.deleted_thread))  # no longer listed: its page says it is gone
    assert sorted(requests) == sorted({"/robots.txt", "/"} | list_paths(engine, after) | changed)
    assert "7 new posts, 1 changed" in output
    tables = dump(db_url)
    kept = [p for p in tables["posts"] if p["thread_id"] == CHANGES.deleted_thread]
    assert len(kept) == len(before.thread_posts(CHANGES.deleted_thread))
    assert {t["thread_id"]: t["status"] for t in tables["threads"]}[CHANGES.deleted_thread] == SERVED[engine].gone_status
    # The deleted thread's posts are kept, its thread flagged: the rest is the new truth.
    records = [r for r in export(db_url) if r["thread_id"] != CHANGES.deleted_thread]
    wanted = expected(after, records[0]["site"], Shows(engine=engine))
    assert summary(differences(records, wanted), len(wanted)) == ""


@FIRST_CRAWLS
def test_a_recrawl_after_moderation_equals_the_truth_again(first_crawl, copied_db):
    engine, before, db_url = first_crawl.engine, first_crawl.forum, copied_db
    after = moderated(before, minutes=60)
    _, output = first_crawl.crawl_again(after, db_url)
    assert "gone (marked deleted)" in output
    records = export(db_url)
    wanted = expected(after, records[0]["site"], Shows(engine=engine))
    assert summary(differences(records, wanted), len(wanted)) == ""
    deleted = {post["post_id"] for post in dump(db_url)["posts"] if post["deleted_at"] is not None}
    assert deleted == {post.post_id for post in before.posts} - {post.post_id for post in after.posts}


@pytest.mark.parametrize("engine", LAST_POST_LINKED)
def test_a_reply_in_the_second_of_the_last_post_is_found_by_the_list_s_last_post_link(engine, db_url):
    """A reply deleted and the last poster's reply added in the second of the last post: the row
    shows the stored count, poster and time; its last-post link names a post newer than any stored."""
    before = SampleForum.build(now=datetime.now(UTC) - timedelta(hours=2))
    after = same_moment(before, minutes=60)
    requests, (output,) = crawl_before_and_after(before, after, db_url, (), start="", engine=engine)
    assert thread_paths(engine, SAME_MOMENT.thread, pages_of(engine, before, SAME_MOMENT.thread),
                        pages_of(engine, after, SAME_MOMENT.thread)) <= set(requests)
    records = export(db_url)
    wanted = expected(after, records[0]["site"], Shows(engine=engine))
    assert summary(differences(records, wanted), len(wanted)) == ""


@pytest.mark.parametrize("engine", ENGINES)
def test_a_killed_crawl_resumes_with_nothing_lost(engine, db_url):
    forum = SampleForum.build()
    server = start_server(forum, engine=engine)
    try:
        crawl_killed_after(server, 15, db_url, "-s", "STORAGE_BATCH_SIZE=10", start="",
                           thread_marker=SERVED[engine].thread_marker, ready=lambda: posts_stored(db_url) > 0)
        stored = {(p["thread_id"], p["floor"]) for p in dump(db_url)["posts"]}
        truth = {(t["thread_id"], t["floor"]) for t in forum.truth_records(engine=engine)}
        assert 0 < len(stored) < len(truth) and stored <= truth
        again = crawl(server.url, db_url)
    finally:
        server.stop()
    assert again.returncode == 0, again.stderr
    assert [run["status"] for run in dump(db_url)["crawl_runs"]] == ["interrupted", "finished"]
    assert wrong(forum, server.url, db_url, engine) == ""
