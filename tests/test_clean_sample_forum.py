"""The sample forum's thread pages, in every URL form it serves, cleaned against its ground
truth: every non-blank line equal character for character (no jammer, chrome or injected name
left, no real character lost; the truth keeps no blank lines, which are layout between
paragraphs), and as many site names removed as the site injected."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from forum_harvest.sample_forum import SITE_TZ, SampleForum
from forum_harvest.sample_forum.injection import with_site_name
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import IMAGE_PLACEHOLDER, POSTS_PER_PAGE
from forum_harvest.sample_forum.routes import respond
from forum_harvest.sample_forum.server import encode
from pipeline.charset import decode_bytes
from pipeline.page_mode import CleanThread, clean_page
from pipeline.post_cleaning import CleaningContext, CleaningCounts
from tests.conftest import dump
from tests.exports import truth_lines

NOW = datetime(2026, 11, 25, 11, 2, 34, tzinfo=SITE_TZ)
BASE = "http://forum.test/"
URL_FORMS = {
    "dynamic": "forum.php?mod=viewthread&tid={tid}&page={page}",
    "dynamic+extra": "forum.php?mod=viewthread&tid={tid}&extra=page%3D1&page={page}",
    "archiver": "archiver/?tid-{tid}.html&page={page}",
}


@pytest.fixture(scope="module")
def forum() -> SampleForum:
    return SampleForum.build(now=NOW)


def cleaned_pages(forum: SampleForum, form: str, charset: str = "utf-8") -> list[tuple[int, int, CleanThread]]:
    view = View(forum, BASE, NOW, charset)
    pages = []
    for thread in filter(lambda t: t.readable, forum.threads):
        for page in range(1, thread.page_count + 1):
            path = URL_FORMS[form].format(tid=thread.thread_id, page=page)
            response = respond(view, "/" + path)
            assert response.status == 200, path
            html = decode_bytes(encode(response.body, charset))
            offset = (page - 1) * POSTS_PER_PAGE if form == "archiver" else 0
            context = CleaningContext(NOW)
            pages.append((thread.thread_id, page, clean_page(html, url=BASE + path, context=context,
                                                             floor_offset=offset)))
    return pages


def lines(body: str) -> list[str]:
    return [line for line in body.split("\n") if line.strip()]


def injected_posts(forum: SampleForum) -> int:
    """Posts whose shown text carries the injected name (a paid message shows no text)."""
    readable = {t.thread_id for t in forum.threads if t.readable}
    return sum(with_site_name(post, forum.site_name, forum.seed) != post.lines
               for post in forum.posts
               if post.thread_id in readable and not post.paid and not forum.users[post.author].banned)


@pytest.mark.parametrize(("form", "charset"), [("dynamic", "utf-8"), ("dynamic+extra", "utf-8"),
                                               ("dynamic", "gbk"), ("archiver", "utf-8"), ("archiver", "gbk")])
def test_every_post_equals_the_ground_truth(forum: SampleForum, form: str, charset: str) -> None:
    archiver = form == "archiver"
    truth = {(r["thread_id"], r["floor"]): r for r in forum.truth_records()}
    seen, totals = set(), CleaningCounts()
    for tid, page, thread in cleaned_pages(forum, form, charset):
        assert (thread.thread_id, thread.site_name) == (tid, forum.site_name)
        totals.add(thread.counts)
        for post in thread.posts:
            key = (tid, post["floor"])
            expected = truth[key]
            seen.add(key)
            assert lines(post["body"]) == truth_lines(expected, archiver), key
            assert post["author"] == expected["author"], key
            assert post["posted_at"] == expected["posted_at"].isoformat(), key
            assert post["author_banned"] is expected["author_banned"], key
            assert [(q["author"], q["text"]) for q in post["quotes"]] == [
                (q["author"], q["text"]) for q in expected["quotes"]], key
            assert post["edited_at"] == (expected["edited_at"].isoformat() if expected["edited_at"] else None), key
            if not archiver:
                assert post["post_id"] == expected["post_id"], key
                assert post["signature"] == expected["signature"], key
                # Pictures in the text, in order; attachments listed below the message (div.pattl)
                # are outside the message element the page object reads.
                assert post["images"] == expected["images"][:len(post["images"])], key
                assert len(post["images"]) == post["body"].count(IMAGE_PLACEHOLDER), key
    assert seen == set(truth)
    assert totals.site_names_removed == injected_posts(forum) > 0
    assert totals.times_unparsed == 0
    assert (totals.jammer_removed > 0) is (not archiver)


def test_a_page_shows_the_injected_name_and_every_jammer_form(forum: SampleForum) -> None:
    view = View(forum, BASE, NOW)
    html = "".join(respond(view, "/" + URL_FORMS["dynamic"].format(tid=t.thread_id, page=p)).body
                   for t in forum.threads for p in range(1, t.page_count + 1))
    for form in ('class="jammer"', 'style="display:none"', 'style="DISPLAY : none"', 'style="visibility:hidden"',
                 "<span hidden>", "\u200b", "&nbsp;&nbsp;<font"):
        assert form in html, form
    assert html.count(forum.site_name) > html.count(f"{forum.site_name}</") + 10


def test_other_seeds_and_site_names_too() -> None:
    for seed, name in ((3, "老秘网"), (11, "写作之家论坛")):
        site = SampleForum.build(now=NOW, seed=seed, site_name=name)
        truth = {(r["thread_id"], r["floor"]): lines(r["body"]) for r in site.truth_records()}
        pages = cleaned_pages(site, "dynamic")
        got = {(tid, post["floor"]): lines(post["body"]) for tid, _, thread in pages for post in thread.posts}
        assert got == truth
        assert sum(thread.counts.site_names_removed for *_, thread in pages) == injected_posts(site)


def test_a_crawl_counts_cleaning_into_its_run_row(crawled) -> None:
    [run] = dump(crawled.db_url)["crawl_runs"][:1]
    stats = run["stats"] if isinstance(run["stats"], dict) else json.loads(run["stats"])
    assert stats["site_names_removed"] == injected_posts(crawled.forum) > 0
    assert stats["jammer_removed"] > 0
    assert stats["times_unparsed"] == 0
