"""Issue 24's scenario on a real Discuz!: seed, crawl, change, recrawl, compare.

Steps (each ``step`` name is also the suffix of the captured pages and a key of
``expected.json``):

``seeded``         alice, bob and admin post thread A (9 posts, 3 pages of 3), B (5), C (3),
                   E (4) through the front end; thread F (4): a picture, a quote, a post of
                   carol, then banned, the admin's signature (``seed.quote_signature_picture_ban``);
                   datelines spread over ten days. Captured: the index, the thread list and
                   every page of every thread.
                   -> crawl 1 (default settings), compare.
``after-delete``   admin deletes A's post at position 5 (page 2); the next view of that page
                   is Discuz's one-time 302 (captured).
``after-changes``  two new replies in A; an edit of A's second post; in B one delete and one
                   add (reply count unchanged, last-post time changed); C's second post split
                   off into a new thread D.
                   -> crawl 2 (incremental, default), compare; crawl 3 (``--full``), compare.
``before-full-2``  a delete in the untouched thread E, so a ``--full`` crawl certainly meets
                   the one-time 302 itself. -> crawl 4 (``--full``), compare.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.real_discuz import chinese, forum_truth, install, rewrite, seed
from tests.real_discuz.edition import EDITIONS, Edition, connect_in
from tests.real_discuz.capture import Capture, is_robot_to_discuz
from tests.real_discuz.compare import (Comparison, compare, has_deleted_column, stored_posts,
                                       summary)
from tests.real_discuz.crawl import FORUM_HARVEST, CrawlResult, crawl
from tests.real_discuz.install import FORUM_ID, SETTINGS
from tests.real_discuz.servers import harness_workdir, mariadb_instance, php_server

THREAD_AUTHORS = {
    "A": ["alice", "bob", "admin", "alice", "bob", "alice", "admin", "bob", "alice"],
    "B": ["bob", "alice", "bob", "alice", "admin"],
    "C": ["admin", "alice", "bob"],
    "E": ["alice", "bob", "alice", "bob"],
}
PER_PAGE = int(SETTINGS["postperpage"])
# With URL rewriting on (``--rewrite``), also 3 threads a list page: the lists' pagers are
# then printed in their rewritten form too (Discuz's default is 20).
REWRITE_SETTINGS = {**SETTINGS, **rewrite.settings(), "topicperpage": "3"}
SUBJECTS = {"A": "三页的主题 Thread A", "B": "Thread B 两页", "C": "Thread C to split",
            "E": "Thread E 未动"}


@dataclass
class Outcome:
    version: str = ""
    edition: Edition = EDITIONS["utf-8"]
    user_agent: str | None = None  # None: the crawler's default
    rewrite: bool = False  # URL rewriting on (rewrite.py)
    crawls: list[CrawlResult] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        print(line, flush=True)
        self.lines.append(line)

    def table(self) -> str:
        """One line per crawl: what a closing note quotes."""
        head = (f"{'crawl':<34} {'exit':>4} {'run':<11} {'errs':>4} {'302':>3} {'gaps':>4} "
                f"{'forum':>5} "
                f"{'ours':>4} {'match':>5} {'miss':>4} {'dup':>3} {'extra':>5} {'nopid':>5} "
                f"{'thread':>6} {'author':>6} {'time':>4} {'body':>4} {'del-marked':>10}")
        rows = [head, "-" * len(head)]
        for crawl, comparison in zip(self.crawls, self.comparisons):
            wrong = {name: len(items) for name, items in comparison.mismatches.items()}
            marked = (f"{comparison.deleted_marked}/{comparison.forum_hidden}"
                      if comparison.deleted_column else
                      "no column" if comparison.deleted_column is False else "no db")
            rows.append(
                f"{crawl.label:<34} {crawl.exit_code:>4} {str(crawl.run.get('status')):<11} "
                f"{len(crawl.errors):>4} {len(crawl.redirects):>3} {len(crawl.gaps):>4} {comparison.forum_visible:>5} "
                f"{comparison.stored_current:>4} {comparison.matched:>5} "
                f"{len(comparison.missing):>4} {len(comparison.duplicated):>3} "
                f"{len(comparison.extra):>5} {comparison.without_pid:>5} {wrong['thread']:>6} "
                f"{wrong['author']:>6} {wrong['time']:>4} {wrong['body']:>4} {marked:>10}")
        ua = self.user_agent or "default User-Agent"
        legend = ("run: the run row's status; errs: ERROR lines in the crawl's log; 302: "
                  "redirects it met; gaps: `runs --gaps`; "
                  "forum: visible posts in pre_forum_post; ours: current rows in posts; match: "
                  "matched by pid; thread..body: field mismatches; del-marked: deleted posts "
                  "with deleted_at / deleted in the forum")
        return (f"Discuz! {self.version}, crawls with the {ua}:\n" + "\n".join(rows)
                + "\n" + legend)


def run(discuz_source: Path, capture_dir: Path | None = None, keep: bool = False,
        outcome: Outcome | None = None, user_agent: str | None = None,
        charset: str = "utf-8", rewrite_urls: bool = False) -> Outcome:
    """``user_agent``: crawl with this User-Agent instead of the default (a diagnostic: with
    a browser's, Discuz serves normal pages, so the other failures show up on their own).
    ``charset``: the edition installed, a key of ``edition.EDITIONS``. ``rewrite_urls``: URL
    rewriting on, its rules served (``rewrite.py``), pages captured at rewritten URLs."""
    outcome = outcome or Outcome()
    outcome.user_agent = user_agent
    outcome.rewrite = rewrite_urls
    outcome.edition = EDITIONS[charset]
    with harness_workdir("fh-real-discuz-", keep) as workdir:
        with mariadb_instance(workdir / "mariadb") as db:
            outcome.version = install.copy_tree(discuz_source, workdir / "www", outcome.edition)
            php_log = workdir / "php-access.log"
            router = rewrite.write_router(workdir / "www") if rewrite_urls else None
            ini = install.php_ini(outcome.version)
            with php_server(workdir / "www", php_log, router=router, ini=ini) as base:
                install.run_installer(base, db, outcome.edition)
                connect_in(workdir / "www", outcome.edition)
                install.apply_settings(workdir / "www", db, REWRITE_SETTINGS if rewrite_urls else SETTINGS,
                                       ini)
                outcome.say(f"Discuz! {outcome.version} ({outcome.edition.lang}) installed at {base} "
                            f"(work dir {workdir})")
                default = crawler_default_user_agent()
                outcome.say(f"crawler {FORUM_HARVEST}; its default User-Agent {default!r}: "
                            f"Discuz serves it "
                            f"{'ROBOT' if is_robot_to_discuz(default) else 'normal'} pages")
                _scenario(base, db, workdir, php_log, capture_dir, outcome)
    return outcome


def crawler_default_user_agent() -> str:
    """Asked of the crawler that runs (it may be another checkout's, see ``crawl.py``)."""
    python = FORUM_HARVEST.with_name("python")
    done = subprocess.run([str(python), "-c", "from scraper import settings; "
                           "print(settings.USER_AGENT)"], capture_output=True, text=True,
                          cwd=tempfile.gettempdir(), timeout=60)
    return done.stdout.strip() or f"(unknown: {done.stderr.strip()[-200:]})"


def _scenario(base, db, workdir: Path, php_log: Path, capture_dir: Path | None,
              outcome: Outcome) -> None:
    write = chinese.Traditional(workdir / "www") if outcome.edition.traditional else str
    forum = seed.members(base, outcome.edition.codec, write)
    for name, authors in THREAD_AUTHORS.items():
        seed.post_thread(forum, name, SUBJECTS[name], authors)
    seed.quote_signature_picture_ban(forum, db)
    seed.backdate(db, list(forum.threads.values()))
    tid_a = forum.threads["A"]
    capture = Capture(capture_dir, base, outcome.rewrite) if capture_dir else None
    per_list_page = int((REWRITE_SETTINGS if outcome.rewrite else SETTINGS).get("topicperpage", 20))

    def list_pages() -> int:
        return -(-len(forum.threads) // per_list_page)
    snapshots: list[dict] = []

    def record(step: str, note: str) -> None:
        """The forum's truth at ``step``, written to ``expected.json`` at once."""
        snapshots.append(forum_truth.snapshot(db, step, note))
        if capture:
            (capture.directory / "expected.json").write_text(json.dumps(
                {"forum": {"version": outcome.version, "charset": outcome.edition.name,
                           "edition": outcome.edition.lang, "fid": FORUM_ID, "postperpage": PER_PAGE,
                           "timeoffset": "+8 (Asia/Shanghai)", "threads": forum.threads,
                           **({"topicperpage": per_list_page, "rewrite": rewrite.settings()}
                              if outcome.rewrite else {})},
                 "steps": snapshots}, ensure_ascii=False, indent=1) + "\n", "utf-8")
            capture.write_index()

    record("seeded", "after seeding, before any crawl")
    if capture:  # the whole forum as a guest sees it, for a replayed crawl
        capture.index("seeded")
        capture.forum_list(FORUM_ID, "seeded", list_pages())
        pages = {tid: -(-len(forum.posts[name]) // PER_PAGE) for name, tid in forum.threads.items()}
        for tid, count in pages.items():
            capture.thread_pages(tid, count, "seeded")
        if outcome.rewrite:
            capture.archiver(FORUM_ID, list_pages(), pages, "seeded")

    database_file = workdir / "harvest.db"
    database = f"sqlite:///{database_file}"

    messages_at_last_crawl: dict[int, str] = {}

    def crawl_and_compare(label: str, full: bool = False) -> None:
        result = crawl(label, base, database, workdir, php_log, full=full,
                       user_agent=outcome.user_agent)
        outcome.crawls.append(result)
        outcome.say(f"[{label}] exit {result.exit_code}; HTTP statuses {result.statuses}; "
                    f"redirects {result.redirects or 'none'}; open gaps {len(result.gaps)}; "
                    f"run status {result.run.get('status')!r}")
        if result.stderr_tail:
            outcome.say("  says: " + result.stderr_tail.replace("\n", "\n  says: "))
        for error in result.errors[:4]:
            outcome.say(f"  log error: {error}")
        for gap in result.gaps[:5]:
            outcome.say(f"  gap: {gap}")
        truth = forum_truth.posts(db)
        comparison = compare(label, truth, stored_posts(database_file),
                             has_deleted_column(database_file),
                             None if full else dict(messages_at_last_crawl))
        messages_at_last_crawl.clear()
        messages_at_last_crawl.update({post.pid: post.message for post in truth})
        outcome.comparisons.append(comparison)
        outcome.say(summary(comparison))

    crawl_and_compare("crawl 1 (first)")

    # A moderator deletes a reply on page 2 of A; the next view is Discuz's one-time 302.
    forum.admin.delete_posts(FORUM_ID, tid_a, [forum.posts["A"][4].pid], "harness delete")
    record("after-delete", "A's post at position 5 deleted by the moderator (topicadmin "
           "delpost)")
    if capture:
        first_view = capture.first_view_after_delete(tid_a, 2, "after-delete")
        outcome.say(f"first view of A page 2 after the delete: HTTP {first_view.status} "
                    f"Location: {first_view.header('Location')}")
        capture.thread_pages(tid_a, 3, "after-delete")
        capture.forum_list(FORUM_ID, "after-delete", list_pages())

    forum.reply("A", "bob", seed.message("A", 10, "bob"))
    forum.reply("A", "alice", seed.message("A", 11, "alice"))
    second = forum.posts["A"][1]
    forum.by("bob").edit(FORUM_ID, tid_a, second.pid,
                         seed.message("A", 2, "bob") + "\n[b]Edited[/b]：补充一句。")
    tid_b = forum.threads["B"]
    forum.admin.delete_posts(FORUM_ID, tid_b, [forum.posts["B"][4].pid], "delete + add")
    forum.reply("B", "alice", seed.message("B", 6, "alice"))
    moved = forum.posts["C"][1].pid
    forum.admin.split(FORUM_ID, forum.threads["C"], [2], "Thread D split from C")
    forum.threads["D"] = next(post.tid for post in forum_truth.posts(db) if post.pid == moved)
    record("after-changes", "A: 2 new replies, post 2 edited; B: position 5 deleted and one "
           "reply added; C: position 2 split off into a new thread D")
    if capture:
        # B is left unviewed: its one-time 302 is for crawl 2 to meet.
        capture.thread_pages(tid_a, 4, "after-changes")
        capture.forum_list(FORUM_ID, "after-changes", list_pages())

    crawl_and_compare("crawl 2 (incremental)")
    crawl_and_compare("crawl 3 (--full)", full=True)

    tid_e = forum.threads["E"]
    forum.admin.delete_posts(FORUM_ID, tid_e, [forum.posts["E"][1].pid], "before full")
    record("before-full-2", "E: position 2 deleted, no page of E viewed since")
    crawl_and_compare("crawl 4 (--full, unviewed delete)", full=True)
    outcome.say(outcome.table())

