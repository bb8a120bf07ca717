"""Whole-site crawls of the pages real MyBB 1.8.37 (also with the Google SEO plugin, and in a theme
whose thread rows print no ``span#tid_N``: mybb-1.8-threadids-dropped and its -googleseo), SMF 2.1.4, 2.0.19 and 1.1.13 (UTF-8 and
ISO-8859-1, in its three themes), phpwind 9.1 and 8.7 in UTF-8 and GBK, Discuz! X3.5 in GBK
and Big5, Discuz! X3.4 in UTF-8 and GBK (its SC_GBK package), the last X3.4 and X3.3 in UTF-8, Discuz! 7.2 in UTF-8, GBK and Big5 and Discuz! 6.0.0 in UTF-8 and GBK served our User-Agent
(tests/fixtures/mybb-1.8, mybb-1.8-googleseo, smf-2.1, smf-2.0, smf-1.1, smf-1.1-latin1 and its classic/ and
babylon/: the plain URL form; phpwind-9.1, phpwind-9.1-gbk, phpwind-8.7, phpwind-8.7-gbk;
discuz-x35-gbk, discuz-x35-big5, discuz-x35-rewrite (URL rewriting on), discuz-x34, discuz-x34-gbk, discuz-x34-20230520 and discuz-x33: their ``seeded`` step; discuz-7.2, discuz-7.2-gbk,
discuz-7.2-big5, discuz-6.0, discuz-6.0-gbk, discuz-7.2-rewrite; the two rewritten captures' archivers too), replayed on loopback at their own paths with the ``Date`` and
``Content-Type`` they were served with: ``forum-harvest crawl`` from the board index finds
the engine, walks every forum, list page and thread page, and stores every post the forum's
tables hold, by id, at its floor, under its author, thread and title."""

from __future__ import annotations

import re
from operator import itemgetter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from tests import phpwind8_truth
from tests.bbcode_truth import IMAGE, char_f1, split_quotes
from tests.conftest import FAST, run_cli
from tests.discuz_truth import truth_bbcode
from tests.engine_pages import F1_FLOOR, FIXTURES, Captured
from tests.exports import export
from tests.saved_pages import SavedPage, SavedPagesServer


# A capture made in steps (Discuz's) holds the whole forum at its first.
REPLAYED_STEP = "seeded"


class Replay(SavedPagesServer):
    """The robot-mode pages of one capture in ``forms``: by default the form its site links
    (plain, or rewritten where rewriting is on), by path and query; 404 otherwise.
    Not SMF 1.1's ``guests-off-`` pages: captured once the forum was closed to guests, after
    the rest, at paths the open forum's pages hold. A MyBB capture with Google SEO adds its
    ``googleseo`` pages (``Forum-NAME``…) at the paths the plain form does not hold, and its
    index from a theme whose forum rows print no id (``rowids-dropped``) is the board index:
    it names a board by its ``Forum-NAME`` URL only."""

    def __init__(self, captured: Captured,
                 forms: tuple[str, ...] = ("rowids-dropped", "plain", "rewritten", "googleseo")) -> None:
        self.pages: dict[str, dict] = {}
        for form in forms:  # a path two forms hold: the earlier form's page
            for e in captured.files():
                if e["mode"] == "robot" and _form(e) == form and e.get("step", REPLAYED_STEP) == REPLAYED_STEP \
                        and not e["file"].startswith("guests-off-"):
                    self.pages.setdefault("/" + e["url"], e)
        self.captured = captured
        # Where a crawl starts: the board index, Discuz! X's forum.php or everyone else's index.php.
        self.start = "forum.php" if "/forum.php" in self.pages else "index.php"
        super().__init__()

    def page(self, path: str) -> SavedPage | None:
        # Discuz answers a thread's first page with or without &page=1; its capture saved the latter.
        entry = self.pages.get(path) or self.pages.get(path + "&page=1")
        if entry is None or not entry["file"].endswith(".html"):
            return None
        # The forum's absolute links named its port at capture time: they point here now.
        body = re.sub(rb"http://127\.0\.0\.1:\d+/", self.url.encode(),
                      (self.captured.directory / entry["file"]).read_bytes())
        return SavedPage(body, content_type=entry.get("content_type") or SavedPage.content_type,
                         served_at=datetime.fromisoformat(entry["fetched_at_utc"]))


def _form(entry: dict) -> str:
    """A page's URL form: as recorded, else (Discuz! X captures) archiver pages by their name."""
    return entry.get("form") or ("archiver" if entry["file"].startswith("archiver-") else "plain")


@pytest.fixture(scope="module", params=["mybb-1.8", "mybb-1.8-googleseo", "mybb-1.8-threadids-dropped",
                                                "mybb-1.8-threadids-dropped-googleseo", "smf-2.1", "smf-2.0", "smf-1.1", "smf-1.1-latin1",
                                                "smf-1.1-latin1/classic", "smf-1.1-latin1/babylon", "phpwind-9.1",
                                                "phpwind-8.7", "phpwind-8.7-gbk", "phpwind-9.1-gbk",
                                                "discuz-x35-gbk", "discuz-x35-big5", "discuz-x35-rewrite",
                                                "discuz-7.2", "discuz-7.2-gbk", "discuz-7.2-big5", "discuz-6.0",
                                                "discuz-6.0-gbk", "discuz-7.2-rewrite", "discuz-x34", "discuz-x34-gbk", "discuz-x34-20230520",
                                                "discuz-x33"])
def replay(request) -> Iterator[Replay]:
    server = Replay(Captured(FIXTURES / request.param))
    yield server
    server.shutdown()


def _truth(captured: Captured) -> tuple[str, list[tuple], dict[int, str], dict[int, str], dict[tuple, str]]:
    """(engine, (post id, thread id, floor, author) of every visible post, (thread id, floor) ->
    body BBCode (None: shielded, no body), thread id -> title, (thread id, floor) -> the time the
    pages show, UTC ISO, where the capture's truth gives it)."""
    if "steps" in captured.expected:  # Discuz! X: its tables at the replayed step
        step = next(s for s in captured.expected["steps"] if s["step"] == REPLAYED_STEP)
        visible = sorted((p for p in step["posts"] if p["visible"]), key=itemgetter("tid", "position"))
        floors = {p["pid"]: sum(1 for q in visible if q["tid"] == p["tid"] and q["position"] <= p["position"])
                  for p in visible}
        return ("discuz", [(p["pid"], p["tid"], floors[p["pid"]], p["author"]) for p in visible],
                {(p["tid"], floors[p["pid"]]): None if p["author_banned"] else truth_bbcode(p["message"])
                 for p in visible}, {t["tid"]: t["subject"] for t in step["threads"]}, {})
    truth = captured.expected["truth"]
    if captured.expected.get("engine") == "discuz":  # Discuz! 6 and 7: the posts a guest may read
        posts = captured.expected["posts"]
        return ("discuz", [(p["pid"], p["tid"], p["floor"], p["author"]) for p in posts],
                {(p["tid"], p["floor"]): p["shown_bbcode"] for p in posts},
                {t["tid"]: t["subject"] for t in truth["threads"]},
                {(p["tid"], p["floor"]): datetime.fromtimestamp(p["dateline"] // 60 * 60, UTC).isoformat()
                 for p in posts})  # shown to the minute
    if captured.expected["version"].startswith("8."):
        return _truth_phpwind8(truth)
    if "signatures" in truth:  # phpwind: the thread's own post has no pid and is floor 1
        posts, bodies = [], {}
        banned = {s["username"] for s in truth["signatures"] if s.get("groupid") == 6}  # 禁止发言: shielded
        for thread in truth["threads"]:
            replies = sorted((p for p in truth["posts"] if p["tid"] == thread["tid"]), key=lambda p: p["pid"])
            for floor, row in enumerate([thread, *replies], start=1):
                posts.append((row.get("pid") if floor > 1 else None, thread["tid"], floor, row["created_username"]))
                bodies[(thread["tid"], floor)] = None if row["created_username"] in banned else \
                    re.sub(r"\[quote=([^,\]]+),\d+\]", r"[quote=\1]", row["content"])
        return "phpwind", posts, bodies, {t["tid"]: t["subject"] for t in truth["threads"]}, {}
    if "messages" in truth:  # SMF: the boards a guest may read (1.1's board 3 is for members)
        readable = {b["id_board"] for b in truth["boards"] if "-1" in b.get("member_groups", "-1").split(",")}
        messages = [m for m in truth["messages"] if m["id_board"] in readable]
        return ("smf", [(m["id_msg"], m["id_topic"], m["floor"], m["poster_name"]) for m in messages],
                {(m["id_topic"], m["floor"]): m["body"] for m in messages},
                {t["id_topic"]: t["subject"] for t in truth["topics"]}, {})
    visible = [p for p in truth["posts"] if p["visible"] == 1]
    return ("mybb", [(p["pid"], p["tid"], p["floor"], p["username"]) for p in visible],
            {(p["tid"], p["floor"]): p["message"] for p in visible}, {t["tid"]: t["subject"] for t in truth["threads"]},
            {})


def _truth_phpwind8(truth: dict) -> tuple[str, list[tuple], dict[int, str], dict[int, str], dict[tuple, str]]:
    """phpwind 8.7: the boards a guest may visit (``allowvisit`` empty); no floor is stored:
    the thread's own post (no pid) is floor 1, replies follow in pid order."""
    readable = {f["fid"] for f in truth["forums"] if not f["allowvisit"]}
    banned = phpwind8_truth.banned(truth)
    threads = [t for t in truth["threads"] if t["fid"] in readable]
    posts, bodies = [], {}
    for thread in threads:
        replies = sorted((p for p in truth["posts"] if p["tid"] == thread["tid"]), key=lambda p: p["pid"])
        for floor, row in enumerate([thread, *replies], start=1):
            posts.append((row.get("pid") if floor > 1 else None, thread["tid"], floor, row["author"]))
            bodies[(thread["tid"], floor)] = None if row["author"] in banned else phpwind8_truth.bbcode(row["content"])
    return "phpwind", posts, bodies, {t["tid"]: t["subject"] for t in threads}, {}


def test_a_whole_real_site_is_crawled_into_the_forum_s_own_posts(replay, tmp_path):
    engine, posts, bodies, titles, times = _truth(replay.captured)
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = run_cli("crawl", replay.url + replay.start, "--db", db_url, "--no-warc", *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    records = export(db_url)
    by_place = itemgetter(1, 2)  # (thread, floor): phpwind's first posts have no id
    assert sorted(((r["post_id"], r["thread_id"], r["floor"], r["author"]) for r in records), key=by_place) == \
        sorted(posts, key=by_place)
    assert {r["engine"] for r in records} == {engine}
    for record in records:
        assert record["thread_title"] == titles[record["thread_id"]]
        place = (record["thread_id"], record["floor"])
        if place in times:
            assert record["posted_at"] == times[place], record
        bbcode = bodies[place]
        if bbcode is None:
            assert record["body"] == "", record
            continue
        body, _ = split_quotes(bbcode)
        assert char_f1(body.replace(IMAGE, ""), record["body"].replace("[图片]", "")) >= F1_FLOOR, record


@pytest.mark.parametrize("capture", ["discuz-x35-rewrite", "discuz-7.2-rewrite"])
def test_a_rewritten_archiver_is_crawled_from_its_index(capture, tmp_path):
    """An archiver with URL rewriting on links ``fid-2.html``, ``tid-1.html?page=3`` (X3.5),
    ``tid-6-page-2.html`` (7.2): no ``?fid-2.html``, which such a site's rules do not map, nor
    does this replay. From ``archiver/``, every post a guest may read at its floor under its
    author and thread."""
    server = Replay(Captured(FIXTURES / capture), forms=("archiver",))
    try:
        _, posts, _, titles, _ = _truth(server.captured)
        db_url = f"sqlite:///{tmp_path / 'forum.db'}"
        result = run_cli("crawl", server.url + "archiver/", "--db", db_url, "--no-warc", *FAST)
        assert result.returncode == 0, result.stdout + result.stderr
        records = export(db_url)
    finally:
        server.shutdown()
    assert sorted((r["thread_id"], r["floor"], r["author"], r["thread_title"]) for r in records) == sorted(
        (tid, floor, author, titles[tid]) for _, tid, floor, author in posts)


def test_a_sub_board_under_a_board_known_by_its_google_seo_url_is_stored_under_it(tmp_path):
    """MyBB with Google SEO from the index whose rows print no id (``rowids-dropped``): My Forum
    is known there by its ``Forum-My-Forum`` URL only, so Sub Board (its icon's id 3) has no
    parent on the index; My Forum's list page names its fid and lists Sub Board in its "Forums
    in" table, and the crawl stores Sub Board under it."""
    server = Replay(Captured(FIXTURES / "mybb-1.8-googleseo"))
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    try:
        assert run_cli("crawl", server.url + server.start, "--db", db_url, "--no-warc", *FAST).returncode == 0
    finally:
        server.shutdown()
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            stored = set(conn.execute(sa.text("SELECT forum_id, name, parent_forum_id FROM forums")).all())
    finally:
        engine.dispose()
    truth = Captured(FIXTURES / "mybb-1.8-googleseo").expected["truth"]["forums"]
    boards = {f["fid"]: f for f in truth if f["type"] == "f"}
    assert stored == {(fid, f["name"], f["pid"] if f["pid"] in boards else None) for fid, f in boards.items()}
