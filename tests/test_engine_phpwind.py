"""phpwind read from the pages a real phpwind served a guest (our User-Agent and a browser's),
compared with its own tables (``expected.json``): 9.1.0 (tests/fixtures/phpwind-9.1) and 8.7's
UTF-8 and GBK editions (tests/fixtures/phpwind-8.7, phpwind-8.7-gbk, run on PHP 8.2 by
tests/real_phpwind). Every post's id, floor,
poster, time, body, quotes, signature and edit line; every thread-list row; the boards; the
message pages; every URL form of 8.x and 9.x; recognition; phpwind's time forms. The two
versions' tables differ: each is read into the same shape (``Version``) first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from parsel import Selector

from pipeline.clean import clean_post_html, clean_signature_html
from pipeline.post_cleaning import CleaningContext, clean_post
from scraper.engines.base import PageRef
from scraper.engines.phpwind import ENGINE, row_times
from scraper.engines.phpwind.wording import floor_of
from scraper.engines.site_facts import SiteFacts
from tests import phpwind8_truth
from tests.bbcode_truth import IMAGE, char_f1, plain, split_quotes
from tests.engine_pages import F1_FLOOR, FIXTURES, SITE, Captured, body_f1

ZONE = "Asia/Shanghai"  # 9.1's time.timezone 8 and 8.7's db_timedf 8, the defaults


@dataclass(frozen=True)
class Post:
    pid: int | None
    author: str
    epoch: int
    bbcode: str
    edited: tuple[str, int] | None  # (by, epoch) when an edit line is printed
    banned: bool = False  # its author banned: the post is shielded


@dataclass(frozen=True)
class Thread:
    tid: int
    fid: int
    subject: str
    author: str
    replies: int
    hits: int
    last_poster: str
    last_epoch: int
    topped: bool = False


@dataclass
class Version:
    """One captured version, its truth in one shape. ``time_precision``: what a post's time
    shows (9.1 ``Y-m-d H:i``; 8.7's ``span[title]`` ``Y-m-d H:i:s``)."""

    captured: Captured
    per_page: int
    per_list: int
    time_precision: str
    threads: dict[int, Thread] = field(default_factory=dict)
    posts: dict[tuple[int, int], Post] = field(default_factory=dict)  # (tid, floor)
    signatures: dict[str, str] = field(default_factory=dict)
    boards: list[tuple[int, str, str | None]] = field(default_factory=list)  # fid, name, category
    lists: dict[int, tuple[str, int]] = field(default_factory=dict)  # fid -> name, threads
    list_prefix: str = "thread-"
    replies_on_every_page: bool = True
    list_year_shown: bool = True  # 9.x's rows print the last reply without its year

    def read_pages(self) -> list[dict]:
        return self.captured.entries("read-")


def _minute(epoch: int) -> int:
    return epoch // 60 * 60


def _version_9(directory: str) -> Version:
    captured = Captured(FIXTURES / directory)
    truth = captured.expected["truth"]
    version = Version(captured, per_page=5, per_list=2, time_precision="minute", list_prefix="thread-list-",
                      replies_on_every_page=False, list_year_shown=False)
    version.lists = {f["fid"]: (f["name"], f["threads"]) for f in truth["forums"] if f["type"] == "forum"}
    categories = {f["fid"]: f["name"] for f in truth["forums"] if f["type"] == "category"}
    version.boards = [(f["fid"], f["name"], categories[f["parentid"]]) for f in truth["forums"]
                      if f["type"] == "forum"]
    version.signatures = {s["username"]: s["bbs_sign"] for s in truth["signatures"]}
    banned = {s["username"] for s in truth["signatures"] if s.get("groupid") == 6}  # 禁止发言

    def post(row: dict, pid: int | None) -> Post:
        # [quote=NAME,PID] as the shared truth reader's [quote=NAME]
        bbcode = re.sub(r"\[quote=([^,\]]+),\d+\]", r"[quote=\1]", row["content"])
        edited = (row["modified_username"], row["modified_time"]) if row["modified_time"] else None
        return Post(pid, row["created_username"], _minute(row["created_time"]), bbcode, edited,
                    row["created_username"] in banned)

    for row in truth["threads"]:
        version.threads[row["tid"]] = Thread(
            row["tid"], row["fid"], row["subject"], row["created_username"], row["replies"], row["hits"],
            row["lastpost_username"], row["lastpost_time"])
        version.posts[(row["tid"], 1)] = post(row, None)
        replies = sorted((p for p in truth["posts"] if p["tid"] == row["tid"]), key=lambda p: p["pid"])
        for floor, reply in enumerate(replies, start=2):
            version.posts[(row["tid"], floor)] = post(reply, reply["pid"])
    return version


_EDITED_8 = re.compile(r"此帖被(?P<by>.+?)在(?P<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2})重新编辑")


def _version_8(directory: str) -> Version:
    captured = Captured(FIXTURES / directory)
    truth = captured.expected["truth"]
    settings = truth["settings"]
    version = Version(captured, per_page=int(settings["db_readperpage"]),
                      per_list=int(settings["db_perpage"]), time_precision="second")
    categories = {f["fid"]: f["name"] for f in truth["forums"] if f["type"] == "category"}
    # The index lists a category's boards; sub-boards are found on their parent's list.
    version.boards = [(f["fid"], f["name"], categories[f["fup"]]) for f in truth["forums"]
                      if f["type"] == "forum"]
    version.signatures = {s["username"]: s["signature"] for s in truth["signatures"]}
    banned = phpwind8_truth.banned(truth)
    version.lists = {f["fid"]: (f["name"], f["topic"]) for f in truth["forums"] if f["type"] != "category"}

    def post(row: dict, pid: int | None) -> Post:
        bbcode = phpwind8_truth.bbcode(row["content"])
        edited = _EDITED_8.search(row["alterinfo"] or "")
        shown = None
        if edited:  # printed in the site's zone, to the minute
            local = datetime.strptime(edited["time"], "%Y-%m-%d %H:%M")
            shown = (edited["by"], int(local.replace(tzinfo=UTC).timestamp()) - 8 * 3600)
        return Post(pid, row["author"], row["postdate"], bbcode, shown, row["author"] in banned)

    for row in truth["threads"]:
        version.threads[row["tid"]] = Thread(
            row["tid"], row["fid"], row["subject"], row["author"], row["replies"], row["hits"],
            row["lastposter"], row["lastpost"], topped=bool(row["topped"]))
        version.posts[(row["tid"], 1)] = post(row, None)
        replies = sorted((p for p in truth["posts"] if p["tid"] == row["tid"]), key=lambda p: p["pid"])
        for floor, reply in enumerate(replies, start=2):
            version.posts[(row["tid"], floor)] = post(reply, reply["pid"])
    return version


EIGHTS = ("8.7", "8.7-gbk")
NINES = ("9.1", "9.1-gbk")
VERSIONS = {"9.1": _version_9("phpwind-9.1"), "9.1-gbk": _version_9("phpwind-9.1-gbk"), "8.7": _version_8("phpwind-8.7"), "8.7-gbk": _version_8("phpwind-8.7-gbk")}
NINE = VERSIONS["9.1"]
response, entries = NINE.captured.response, NINE.captured.entries


def _read_pages() -> list[tuple[Version, dict]]:
    return [(version, entry) for version in VERSIONS.values() for entry in version.read_pages()]


def _pages_id(value) -> str:
    return value.captured.directory.name if isinstance(value, Version) else value["file"]


def _readable(version: Version) -> dict[tuple[int, int], Post]:
    """The posts a guest is shown: not those of a board guests may not read (8.7's fid 4)."""
    shown = {ref.thread_id for entry in version.read_pages()
             if (ref := ENGINE.classify(SITE + entry["url"])) and ENGINE.thread_page(
                 version.captured.response(entry)).posts}
    return {key: post for key, post in version.posts.items() if key[0] in shown}


@pytest.mark.parametrize("version", VERSIONS.values(), ids=list(VERSIONS))
def test_every_post_is_on_exactly_one_page_of_each_mode(version):
    for mode in ("robot", "browser"):
        seen = [(view.thread_id, post.floor) for entry in version.read_pages()
                if entry["mode"] == mode and entry["form"] == "plain"
                for view in [ENGINE.thread_page(version.captured.response(entry))] for post in view.posts]
        assert sorted(seen) == sorted(_readable(version))


@pytest.mark.parametrize(("version", "entry"), _read_pages(), ids=_pages_id)
def test_thread_page_posts_equal_the_tables(version, entry):
    view = ENGINE.thread_page(version.captured.response(entry))
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    thread = version.threads[ENGINE.classify(SITE + entry["url"]).thread_id]
    if not view.posts:  # a board guests may not read
        assert (view.message_kind, view.title) == ("forbidden", None)
        return
    assert (view.forum_id, view.title, view.message) == (thread.fid, thread.subject, None)
    for post in view.posts:
        truth = version.posts[(view.thread_id, post.floor)]
        assert (post.post_id, post.author) == (truth.pid, truth.author)
        posted, precision = ENGINE.wording.parse_time(post.time_text, post.time_title, fetched_at, ZONE)
        assert (posted, precision) == (datetime.fromtimestamp(truth.epoch, UTC), version.time_precision)
        assert post.author_banned == truth.banned
        if truth.banned:  # the notice alone, no signature (read.php: not for group 6)
            assert (post.body_html.strip(), post.signature_html, post.edit_notice) == ("", None, None)
            continue
        assert body_f1(post, truth.bbcode, fetched_at, ENGINE.wording, ZONE) >= F1_FLOOR
        signature = version.signatures[truth.author]
        if signature:
            assert char_f1(plain(signature), clean_signature_html(post.signature_html) or "") >= F1_FLOOR
            assert plain(signature) not in post.body_html
        else:
            assert post.signature_html is None
        if truth.edited:
            found = next(m for p in ENGINE.wording.edit_notices if (m := p.search(post.edit_notice)))
            assert found["author"] == truth.edited[0]
            edited, _ = ENGINE.wording.parse_time(found["time"], None, fetched_at, ZONE)
            assert edited == datetime.fromtimestamp(_minute(truth.edited[1]), UTC)
            assert not any(p.search(post.body_html) for p in ENGINE.wording.edit_notices)
        else:
            assert post.edit_notice is None


@pytest.mark.parametrize(("version", "entry"), _read_pages(), ids=_pages_id)
def test_a_quote_holds_the_quoted_text_only(version, entry):
    """No quoted member's name, ":" or "回到原帖" link left in the quote, nothing lost."""
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    view = ENGINE.thread_page(version.captured.response(entry))
    for post in view.posts:
        _, quotes = split_quotes(version.posts[(view.thread_id, post.floor)].bbcode)
        cleaned = clean_post_html(post.body_html, fetched_at=fetched_at, tz=ZONE, image_placeholder=IMAGE,
                                  parse_time=ENGINE.wording.parse_time)
        assert len(cleaned.quotes) == len(quotes)
        for got, truth in zip(cleaned.quotes, quotes, strict=True):
            assert char_f1(truth.text, got["text"]) >= F1_FLOOR, (got, truth)


@pytest.mark.parametrize(("version", "entry"), _read_pages(), ids=_pages_id)
def test_thread_page_number_count_and_replies(version, entry):
    view = ENGINE.thread_page(version.captured.response(entry))
    ref = ENGINE.classify(SITE + entry["url"])
    thread = version.threads[ref.thread_id]
    assert (view.thread_id, view.page) == (ref.thread_id, ref.page)
    if not view.posts:
        return
    assert view.page_count == -(-(thread.replies + 1) // version.per_page)
    # 9.1 prints the counter above the thread's own post, on page 1 only; 8.7 in the
    # thread's head (#topicRepliesNum), on every page.
    shown = view.page == 1 or version.replies_on_every_page
    assert view.replies == (thread.replies if shown else None)


@pytest.mark.parametrize(("version", "prefix", "kind", "message"), [
    *[(nine, "missing-", "deleted", "该帖子不存在或已被删除") for nine in NINES],
    # 8.7 answers a guest with its login form and the reasons (template/wind/showmsg.htm),
    # the first the message: a thread deleted or never posted is "帖子ID非法".
    *[(eight, prefix, "deleted", "帖子ID非法") for eight in EIGHTS for prefix in ("missing-", "deleted-")],
])
def test_a_missing_thread_says_so(version, prefix, kind, message):
    captured = VERSIONS[version].captured
    assert captured.entries(prefix)
    for entry in captured.entries(prefix):
        view = ENGINE.thread_page(captured.response(entry))
        assert (view.posts, view.message_kind, view.message) == ([], kind, message)


@pytest.mark.parametrize("version", EIGHTS)
def test_a_board_guests_may_not_read_is_forbidden_on_its_list_and_threads(version):
    captured = VERSIONS[version].captured
    refused = "对不起,本版块为认证版块,您没有权限查看此版块的内容！"
    for entry in captured.entries("thread-4-"):
        view = ENGINE.forum_page(captured.response(entry))
        assert (view.threads, view.message_kind, view.message) == ([], "forbidden", refused)
    for entry in captured.entries("read-8-"):
        view = ENGINE.thread_page(captured.response(entry))
        assert (view.posts, view.message_kind, view.message) == ([], "forbidden", refused)


def _list_pages() -> list[tuple[Version, dict]]:
    return [(version, entry) for version in VERSIONS.values() for entry in version.captured.entries(version.list_prefix)
            if ENGINE.forum_page(version.captured.response(entry)).threads]


@pytest.mark.parametrize(("version", "entry"), _list_pages(), ids=_pages_id)
def test_thread_list_rows_equal_the_tables(version, entry):
    """Rows by last post, newest first. 8.7 (``thread.php`` ``getThreadSortWithToppedThread``)
    lists the board's topped threads first, then the threads of ``specialsort`` 0 (topping
    sets it: a topped thread is not among them), and cuts that one sequence every
    ``db_perpage`` rows: the topped threads are on page 1 only."""
    view = ENGINE.forum_page(version.captured.response(entry))
    ref = ENGINE.classify(SITE + entry["url"])
    name, count = version.lists[ref.forum_id]
    pages = -(-count // version.per_list)
    # A list of one page prints no pager: no current page is shown.
    assert (view.forum_id, view.name, view.pagination.current) == (
        ref.forum_id, name, ref.page if pages > 1 else None)
    assert view.page_count == pages
    threads = [t for t in version.threads.values() if t.fid == ref.forum_id]
    topped = [t for t in threads if t.topped]
    ordered = sorted((t for t in threads if not t.topped), key=lambda t: -t.last_epoch)
    expected = (topped + ordered)[(ref.page - 1) * version.per_list: ref.page * version.per_list]
    assert [(row.thread_id, row.sticky) for row in view.threads] == [(t.tid, t.topped) for t in expected]
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    for row, thread in zip(view.threads, expected, strict=True):
        # The last reply's link is read.php?tid=T&page=e#a: it names no post.
        assert (row.title, row.author, row.replies, row.views, row.last_poster, row.last_post_id) == (
            thread.subject, thread.author, thread.replies, thread.hits, thread.last_poster, None)
        last, _ = ENGINE.wording.parse_time(row.last_post_text, row.last_post_attr, fetched_at, ZONE)
        unknown = not version.list_year_shown and _another_year_fits(
            _local_day(thread.last_epoch), _local_day(version.posts[(thread.tid, 1)].epoch), _local_day(fetched_at))
        assert last == (None if unknown else datetime.fromtimestamp(_minute(thread.last_epoch), UTC))


def _local_day(moment: int | datetime) -> date:
    moment = datetime.fromtimestamp(moment, UTC) if isinstance(moment, int) else moment
    return moment.astimezone(ZoneInfo(ZONE)).date()


def _another_year_fits(day: date, start: date, today: date) -> bool:
    """Whether the month and day of ``day`` fall between ``start`` and ``today`` in a year
    before or after its own too: a row printing them without the year cannot tell which."""
    for year in (day.year - 1, day.year + 1):
        try:
            other = day.replace(year=year)
        except ValueError:  # 02-29
            continue
        if start <= other <= today:
            return True
    return False


def test_a_replied_thread_of_last_year_is_listed_without_a_time_not_a_year_late():
    """9.1 GBK's thread 5, started 400 days before the capture with a reply the same day: its
    row prints the reply ``11-03 01:02``, a day that came both last year (the reply's) and
    this year before the fetch. Dated to the last such day it was a year late; now unknown."""
    version = VERSIONS["9.1-gbk"]
    entry = next(e for e in version.captured.entries("thread-list-2-page3") if e["mode"] == "robot")
    row = next(r for r in ENGINE.forum_page(version.captured.response(entry)).threads if r.thread_id == 5)
    thread = version.threads[5]
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    assert (row.replies, _local_day(thread.last_epoch).year) == (1, _local_day(fetched_at).year - 1)
    assert ENGINE.wording.parse_time(row.last_post_text, row.last_post_attr, fetched_at, ZONE) == (None, None)


@pytest.mark.parametrize(("version", "prefix", "with_categories"), [
    *[(nine, prefix, categories) for nine in NINES for prefix, categories in (("forumlist-", True), ("home-", False))],
    *[(eight, "index-", True) for eight in EIGHTS]])
def test_index_lists_every_board_of_the_site(version, prefix, with_categories):
    boards = VERSIONS[version].boards
    captured = VERSIONS[version].captured
    assert captured.entries(prefix)
    for entry in captured.entries(prefix):
        view = ENGINE.index_page(captured.response(entry))
        assert [(f.forum_id, f.name) for f in view.forums] == [(fid, name) for fid, name, _ in boards]
        if with_categories:
            assert [f.category for f in view.forums] == [category for _, _, category in boards]


@pytest.mark.parametrize("version", EIGHTS)
def test_sub_boards_are_found_on_their_parents_list(version):
    captured = VERSIONS[version].captured
    for entry in captured.entries("thread-2-page1"):
        view = ENGINE.forum_page(captured.response(entry))
        assert [(f.forum_id, f.name) for f in view.subforums] == [(3, "子版块")]


@pytest.mark.parametrize(("url", "ref"), [
    ("read.php?tid=7", PageRef("thread", thread_id=7)),
    ("read.php?tid=7&fid=2&page=3", PageRef("thread", thread_id=7, forum_id=2, page=3)),
    ("read.php?tid=7&fpage=0&toread=&page=3", PageRef("thread", thread_id=7, page=3)),
    ("read-htm-tid-7.html", PageRef("thread", thread_id=7)),
    ("read-htm-tid-7-page-3.html", PageRef("thread", thread_id=7, page=3)),
    ("read-htm-tid-7-fpage-0-toread--page-3.html", PageRef("thread", thread_id=7, page=3)),
    ("simple/?t7.html", PageRef("thread", thread_id=7)),
    ("simple/index.php?t7_3.html", PageRef("thread", thread_id=7, page=3)),
    ("index.php?m=bbs&c=read&tid=7&page=3", PageRef("thread", thread_id=7, page=3)),
    ("index.php?c=read&tid=7&fid=2", PageRef("thread", thread_id=7, forum_id=2)),
    ("read-7-3.html", PageRef("thread", thread_id=7, page=3)),
    ("read-7.html", PageRef("thread", thread_id=7)),
    ("index.php?c=read&a=jump&pid=42", PageRef("post", post_id=42)),
    ("thread.php?fid=2&page=3", PageRef("forum", forum_id=2, page=3)),
    ("thread-htm-fid-2-page-3.html", PageRef("forum", forum_id=2, page=3)),
    ("simple/?f2_3.html", PageRef("forum", forum_id=2, page=3)),
    ("index.php?m=bbs&c=thread&fid=2&page=3", PageRef("forum", forum_id=2, page=3)),
    ("index.php?c=thread&fid=2", PageRef("forum", forum_id=2)),
    ("thread-2-3.html", PageRef("forum", forum_id=2, page=3)),
    ("index.php", PageRef("index")),
    ("index.php?m=bbs&c=forumlist", PageRef("index")),
    ("index.php?c=cate&fid=1", PageRef("index")),
    ("simple/", PageRef("index")),
    ("", PageRef("index")),
])
def test_every_url_form_names_its_page(url, ref):
    assert ENGINE.classify("https://bbs.example.cn/bbs/" + url) == ref


@pytest.mark.parametrize("url", [
    "read.php?tid=7&fid=2&page=e#a", "index.php?m=space&uid=1", "index.php?m=u&c=login",
    "index.php?c=post&fid=2", "read.php?tid=7&uid=1&page=x", "profile.php?action=show&uid=2"])
def test_other_urls_are_not_pages(url):
    assert ENGINE.classify("https://bbs.example.cn/bbs/" + url) is None


def test_canonical_urls():
    root = "https://nine.example.cn/bbs/"
    assert ENGINE.canonicalize(root + "index.php?m=bbs&c=read&tid=7&page=3") == root + "read.php?tid=7&page=3"
    assert ENGINE.canonicalize(root + "read.php?tid=7&fid=2&page=1#read_5") == root + "read.php?tid=7"
    assert ENGINE.canonicalize(root + "index.php?c=thread&fid=2&page=2") == root + "index.php?c=thread&fid=2&page=2"
    assert ENGINE.page_url(root, "forum", 9, 3) == root + "index.php?c=thread&fid=9&page=3"
    assert ENGINE.page_url(root, "thread", 7, 2) == root + "read.php?tid=7&page=2"
    # 8.x forms (an archive, a static page, thread.php) keep their thread.php.
    old = "https://old.example.cn/"
    assert ENGINE.canonicalize(old + "simple/?t7_2.html") == old + "read.php?tid=7&page=2"
    assert ENGINE.site_root(old + "simple/index.php?t7.html") == old
    assert ENGINE.canonicalize(old + "thread-htm-fid-9-page-2.html") == old + "thread.php?fid=9&page=2"
    assert ENGINE.canonicalize(old + "simple/?f9_2.html") == old + "thread.php?fid=9&page=2"


@pytest.mark.parametrize("name", ["8.7", "9.1"])
def test_a_site_s_lists_are_asked_by_the_script_its_pages_link_them_by(name):
    """8.x lists by thread.php, 9.x (which has none) by index.php?c=thread: known to the crawl
    from the links of a page it read, and to no other crawl."""
    captured = VERSIONS[name].captured
    facts = SiteFacts()
    ENGINE.index_page(captured.response(captured.files()[0]), facts)
    script = "thread.php?fid=9&page=3" if name == "8.7" else "index.php?c=thread&fid=9&page=3"
    assert ENGINE.page_url(SITE, "forum", 9, 3, facts=facts) == SITE + script
    assert ENGINE.page_url(SITE, "forum", 9, 3, facts=SiteFacts()) == SITE + "index.php?c=thread&fid=9&page=3"


@pytest.mark.parametrize("version", VERSIONS.values(), ids=list(VERSIONS))
def test_every_captured_url_classifies_as_what_was_captured(version):
    kinds = {"forumlist": "index", "home": "index", "index": "index", "thread": "forum",
             "read": "thread", "missing": "thread", "deleted": "thread"}
    for entry in version.captured.files():
        assert ENGINE.classify(SITE + entry["url"]).kind == kinds[entry["file"].split("-")[0]], entry


@pytest.mark.parametrize("version", VERSIONS.values(), ids=list(VERSIONS))
def test_recognizes_every_phpwind_page_and_no_other_engine_page(version):
    for entry in version.captured.files():
        assert ENGINE.recognizes(Selector(text=version.captured.text(entry)))
    others = [path for path in version.captured.others() if not path.parent.name.startswith("phpwind-")]
    assert others
    for path in others:
        assert not ENGINE.recognizes(Selector(text=path.read_bytes().decode("utf-8", "replace"))), path


@pytest.mark.parametrize(("word", "floor"), [
    ("楼主", 1), ("沙发", 2), ("板凳", 3), ("地板", 4), ("4楼", 5), ("12楼#", 13), ("#7", 8), ("", None)])
def test_floor_words(word, floor):
    assert floor_of(word) == floor


NOW = datetime(2026, 12, 6, 21, 50, tzinfo=UTC)  # 05:50 on 12-07 in Shanghai


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("发布于：2026-12-07 05:46", datetime(2026, 12, 6, 21, 46, tzinfo=UTC), "minute"),
    ("发表于: 2012-03-04 12:34", datetime(2012, 3, 4, 4, 34, tzinfo=UTC), "minute"),
    ("12-07 05:48", datetime(2026, 12, 6, 21, 48, tzinfo=UTC), "minute"),
    ("12-31 23:59", datetime(2025, 12, 31, 15, 59, tzinfo=UTC), "minute"),  # lists' m-d H:i: last year's
    ("05:48", datetime(2026, 12, 6, 21, 48, tzinfo=UTC), "minute"),
    ("昨天05:47", datetime(2026, 12, 5, 21, 47, tzinfo=UTC), "minute"),
    ("前天05:47", datetime(2026, 12, 4, 21, 47, tzinfo=UTC), "minute"),
    ("24秒前", datetime(2026, 12, 6, 21, 49, 36, tzinfo=UTC), "second"),
    ("3分钟前", datetime(2026, 12, 6, 21, 47, tzinfo=UTC), "minute"),
    ("13-45 05:48", None, None),
    ("不久以前", None, None),
])
def test_parse_time_reads_every_form_phpwind_prints(text, expected, precision):
    assert ENGINE.wording.parse_time(text, None, NOW, ZONE) == (expected, precision)


# 9.1's thread lists print the last reply ``m-d H:i`` whatever its age and the start ``Y-m-d``
# (``widget_thread.htm``; ``Pw::time2str``): the reply's year is the one year between the start
# and the fetch (12-07 in Shanghai) in which its day falls, or unknown.
@pytest.mark.parametrize(("started", "shown", "replies", "expected"), [
    ("2026-12-07", "12-07 05:48", 1, datetime(2026, 12, 6, 21, 48, tzinfo=UTC)),
    ("2025-12-10", "12-05 10:00", 3, datetime(2026, 12, 5, 2, 0, tzinfo=UTC)),  # before the start in 2025
    ("2025-12-20", "12-25 08:00", 3, datetime(2025, 12, 25, 0, 0, tzinfo=UTC)),  # after today in 2026
    ("2025-06-01", "03-05 10:00", 2, datetime(2026, 3, 5, 2, 0, tzinfo=UTC)),
    ("2023-06-01", "02-29 10:00", 2, datetime(2024, 2, 29, 2, 0, tzinfo=UTC)),  # the one leap year
    ("2025-06-01", "12-05 10:00", 3, None),  # 2025-12-05 or 2026-12-05
    ("2024-12-20", "12-25 08:00", 9, None),  # 2024-12-25 or 2025-12-25
    ("2025-11-02", "11-02 22:27", 0, datetime(2025, 11, 2, 14, 27, tzinfo=UTC)),  # no reply: the start's
])
def test_a_list_row_s_last_reply_is_dated_between_its_start_and_the_fetch(started, shown, replies, expected):
    """Never a year late: one more than a year old, in a thread started the year before or
    earlier, is unreadable rather than dated to the last such day."""
    attr = row_times.since_start(shown, started, replies)
    assert ENGINE.wording.parse_time(shown, attr, NOW, ZONE)[0] == expected


def test_every_9x_list_row_hands_on_its_start_with_its_last_reply():
    for version in (VERSIONS[name] for name in NINES):
        for entry in version.captured.entries(version.list_prefix):
            for row in ENGINE.forum_page(version.captured.response(entry)).threads:
                assert row_times.is_since_start(row.last_post_attr) == (row.replies != 0), row


@pytest.mark.parametrize(("notice", "author", "time"), [
    ("[admin于2026-12-07 05:47编辑了帖子]", "admin", "2026-12-07 05:47"),
    ("[ 此帖被小明在2012-03-04 12:34重新编辑 ]", "小明", "2012-03-04 12:34"),
])
def test_edit_notices_of_8_and_9(notice, author, time):
    found = next(m for p in ENGINE.wording.edit_notices if (m := p.search(notice)))
    assert (found["author"], found["time"]) == (author, time)


def _thread_2_first_posts(version: Version) -> list:
    """Thread 2's own post, cleaned with its attachments, from each capture of its page."""
    cleaned = []
    for entry in version.captured.entries("read-2-"):
        post = ENGINE.thread_page(version.captured.response(entry)).posts[0]
        cleaned.append(clean_post(
            post.body_html, time_text=post.time_text, time_title=post.time_title, signature_html=None,
            archiver=False, context=CleaningContext(fetched_at=datetime.fromisoformat(entry["fetched_at_utc"]),
                                                    tz=ZONE, engine="phpwind"),
            edit_notice=post.edit_notice, attachments_html=post.attachments_html))
    assert cleaned, "thread 2 was not captured"
    return cleaned


@pytest.mark.parametrize("edition", EIGHTS)
def test_8_7_attachments_below_the_message_are_read_as_the_tables_hold_them(edition):
    """Thread 2: a picture (its ``img``) and a file (its download link, size, count), from
    ``div#read_Att_tpc``; nothing of them left in the body."""
    version = VERSIONS[edition]
    attachments = version.captured.expected["truth"]["attachments"]
    for cleaned in _thread_2_first_posts(version):
        picture, file = attachments
        assert [(a.name, a.size, a.downloads) for a in cleaned.attachments] == [
            (picture["name"], None, None), (file["name"], f"{file['size']} K", 0)]
        assert cleaned.attachments[0].url.split("/attachment/")[1].split("?")[0] == picture["attachurl"]
        assert f"aid={file['aid']}" in cleaned.attachments[1].url
        assert cleaned.body == plain(version.posts[(2, 1)].bbcode)


def test_9_1_gbk_uploaded_picture_below_the_message_is_read_as_the_tables_hold_it():
    """Thread 2 of the GBK capture: the picture uploaded with the post (``pw_attachs_thread``),
    from ``td.floor_bottom`` ``div.read_attach_pic``; nothing of it left in the body."""
    version = VERSIONS["9.1-gbk"]
    picture, = version.captured.expected["truth"]["attachments"]
    for cleaned in _thread_2_first_posts(version):
        assert [(a.name, a.url.split("/attachment/")[1]) for a in cleaned.attachments] == [
            (picture["name"], picture["path"])]
        assert cleaned.body == plain(version.posts[(2, 1)].bbcode)
