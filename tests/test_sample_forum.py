"""The bundled sample forum: real HTTP on loopback, pages against the ground truth."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest
from parsel import Selector

from forum_harvest.sample_forum import SITE_TZ, SampleForum, start_server
from forum_harvest.sample_forum.clock import relative_time
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.routes import respond
from tests import cli_process
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 25, 11, 2, 34, tzinfo=SITE_TZ)


@pytest.fixture(scope="module")
def forum() -> SampleForum:
    return SampleForum.build(now=NOW)


@pytest.fixture(scope="module")
def server(forum):
    running = start_server(forum, clock=lambda: NOW)
    yield running
    running.stop()


class Fetched:
    def __init__(self, status: int, headers, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8")
        self.sel = Selector(text=self.text)


def fetch(server, path: str) -> Fetched:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(server.url + path, timeout=10) as response:
            return Fetched(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers, error.read())


def thread_path(tid: int, page: int = 1) -> str:
    return f"forum.php?mod=viewthread&tid={tid}&extra=page%3D1&page={page}"


def long_thread(forum):
    return max(forum.threads, key=lambda t: t.replies)


def speech_thread(forum):
    return next(t for t in forum.threads if t.title.endswith("作风建设教育读书班上的讲话"))


def test_index_lists_categories_forums_and_the_subforum(server, forum):
    page = fetch(server, "forum.php")
    assert page.status == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert page.sel.css('meta[name="generator"]::attr(content)').get() == "Discuz! X3.5"
    assert page.sel.css("base::attr(href)").get() == server.url
    assert page.sel.css("title::text").get() == "论坛 -  示例论坛 -  Powered by Discuz!"
    assert {int(g) for g in page.sel.css("div.bm_h h2 a::attr(href)").re(r"gid=(\d+)")} == {1, 5}
    top_level = {f.forum_id for f in forum.forums if f.parent_forum_id is None}
    assert {int(f) for f in page.sel.css("td h2 a::attr(href)").re(r"fid=(\d+)")} == top_level
    assert page.sel.xpath('//p[starts-with(., "子版块:")]/a/text()').getall() == ["讲话稿"]
    assert "Powered by" in page.sel.css("#ft").get() and page.sel.css("#hd #nv")
    for script in ("home.php?mod=space", "search.php", "misc.php"):
        assert page.sel.css(f'a[href^="{script}"]'), script


def test_category_page_shows_only_its_forums(server):
    page = fetch(server, "forum.php?gid=5")
    assert {int(f) for f in page.sel.css("td h2 a::attr(href)").re(r"fid=(\d+)")} == {6, 7, 8}


def test_thread_list_spans_three_pages_with_the_sticky_thread_on_each(server, forum):
    sticky = {t.thread_id for t in forum.threads if t.forum_id == 2 and t.sticky}
    normal = {t.thread_id for t in forum.threads if t.forum_id == 2 and not t.sticky}
    assert len(sticky) == 1 and forum.forum_page_count(2) == 3
    seen: list[int] = []
    for number in (1, 2, 3):
        page = fetch(server, f"forum.php?mod=forumdisplay&fid=2&page={number}")
        assert {int(i) for i in page.sel.css("tbody::attr(id)").re(r"stickthread_(\d+)")} == sticky
        rows = [int(i) for i in page.sel.css("tbody::attr(id)").re(r"normalthread_(\d+)")]
        assert len(rows) <= 9 and page.sel.css("tbody a.s.xst")
        seen += rows
        assert page.sel.css("div.pg label span::attr(title)").get() == "共 3 页"
        assert bool(page.sel.css("div.pg a.nxt")) == (number < 3)
    assert sorted(seen) == sorted(normal)


def test_thread_list_rows_carry_counts_and_authors(server, forum):
    page = fetch(server, "forum.php?mod=forumdisplay&fid=2")
    for row in page.sel.css('tbody[id^="normalthread_"]'):
        thread = forum.thread(int(row.attrib["id"].split("_")[1]))
        assert row.css("a.s.xst::text").get() == thread.title
        assert row.css("td.by cite a::text").get() == thread.author
        assert row.css("td.num a::text").get() == str(thread.replies)
        assert row.css("td.num em::text").get() == str(thread.views)


def test_subforum_table_on_the_parent_forum(server):
    page = fetch(server, "forum.php?mod=forumdisplay&fid=2")
    assert page.sel.css("#subforum_2 h2 a::attr(href)").get() == "forum.php?mod=forumdisplay&fid=4"


def test_every_post_is_on_exactly_one_thread_page(server, forum):
    found = []
    for thread in filter(lambda t: t.readable, forum.threads):
        for number in range(1, thread.page_count + 1):
            page = fetch(server, thread_path(thread.thread_id, number))
            assert page.sel.css("#thread_subject::text").get() == thread.title
            found += [int(pid) for pid in page.sel.css("#postlist > div::attr(id)").re(r"^post_(\d+)$")]
    truth = forum.truth_records()
    readable = [t for t in forum.threads if t.readable]
    assert len(found) == len(set(found)) == len(truth) == sum(len(forum.thread_posts(t.thread_id)) for t in readable)
    assert sorted(found) == sorted(r["post_id"] for r in truth)
    assert len(truth) == sum(t.replies + 1 for t in readable)


def test_long_thread_pages_floors_and_titles(server, forum):
    thread = long_thread(forum)
    assert thread.replies + 1 >= 25 and thread.page_count == 3
    page = fetch(server, thread_path(thread.thread_id, 2))
    assert page.sel.css("title::text").get().startswith(f"{thread.title} - 第2页 - 公文写作 -  示例论坛")
    assert page.sel.css('a[id^="postnum"] em::text').getall() == [str(n) for n in range(11, 21)]
    assert page.sel.css("div.pg strong::text").get() == "2"
    assert page.sel.css('a[href^="member.php?mod=logging"]')
    last = fetch(server, thread_path(thread.thread_id, 3))
    assert not last.sel.css("div.pg a.nxt")
    assert fetch(server, thread_path(thread.thread_id, 99)).sel.css("div.pg strong::text").get() == "3"


def test_floor_names_variant(server, forum):
    thread = next(t for t in forum.threads if t.forum_id == 3 and t.replies >= 4)
    page = fetch(server, thread_path(thread.thread_id))
    floors = [" ".join(a.css("::text").getall()).strip() for a in page.sel.css('a[id^="postnum"]')]
    assert floors[:5] == ["楼主", "沙发", "板凳", "地板", "5 #"]


def test_quirks_are_rendered(server, forum):
    fetched = [fetch(server, thread_path(long_thread(forum).thread_id, n)) for n in (1, 2, 3)]
    pages = [f.sel for f in fetched]
    html = "".join(f.text for f in fetched)
    assert 'class="jammer"' in html and '<span style="display:none">' in html
    assert html.count("作者被禁止或删除 内容自动屏蔽") == 2
    assert re.search(r'<i class="pstatus"> 本帖最后由 \S+ 于 \d{4}-\d{1,2}-\d{1,2} \d\d:\d\d 编辑 </i>', html)
    assert re.search(r'<div class="quote"><blockquote><font size="2"><font color="#999999">\S+ 发表于 '
                     r"\d{4}-\d{1,2}-\d{1,2} \d\d:\d\d</font></font>", html)
    assert re.search(r'<ul>(<font class="jammer">[^<]*</font>)?<br />', html) and "<li>" in html
    widgets = " ".join(" ".join(p.css("ignore_js_op ::text").getall()) for p in pages)
    assert "下载附件" in widgets and "保存到相册" in widgets and "KB" in widgets and "上传" in widgets
    assert any(p.css("div.sign") for p in pages)
    assert any(p.css('td.t_f a[href^="http://www.gov.cn"]') for p in pages)


def test_truth_matches_what_pages_show(server, forum):
    records = {r["post_id"]: r for r in forum.truth_records()}
    thread = long_thread(forum)
    for number in (1, 2, 3):
        page = fetch(server, thread_path(thread.thread_id, number))
        for post in page.sel.css('#postlist > div[id^="post_"]'):
            record = records[int(post.attrib["id"].split("_")[1])]
            author = post.css("div.authi a.xw1::text").get()
            assert author == record["author"]
            local = record["posted_at"].astimezone(SITE_TZ)
            when = post.css('em[id^="authorposton"]')
            if record["posted_at_precision"] == "second":
                assert when.css("span::attr(title)").get() == f"{local.year}-{local.month}-{local.day} {local:%H:%M:%S}"
            else:
                assert when.css("::text").get() == f"发表于 {local.year}-{local.month}-{local.day} {local:%H:%M}"
            assert bool(post.css("div.locked")) == record["author_banned"]
            signature = "".join(post.css("div.sign ::text").getall()) or None
            assert signature == record["signature"]


def test_relative_time_forms():
    def shown(**ago) -> str:
        return relative_time(NOW - timedelta(**ago), NOW)

    assert shown(seconds=0) == '<span title="2026-11-25 11:02:34">刚刚</span>'
    assert shown(seconds=45) == '<span title="2026-11-25 11:01:49">45&nbsp;秒前</span>'
    assert shown(minutes=12).endswith(">12&nbsp;分钟前</span>")
    assert shown(minutes=40).endswith(">半小时前</span>")
    assert shown(hours=3).endswith(">3&nbsp;小时前</span>")
    assert shown(hours=12) == '<span title="2026-11-24 23:02:34">昨天&nbsp;23:02</span>'
    assert shown(days=2).endswith(">前天&nbsp;11:02</span>")
    assert shown(days=4).endswith(">4&nbsp;天前</span>")
    assert shown(days=30) == "2026-10-26 11:02"


def test_relative_text_follows_the_request_clock(forum):
    later = start_server(forum, clock=lambda: NOW + timedelta(days=2))
    try:
        page = fetch(later, thread_path(speech_thread(forum).thread_id))
        shown = page.sel.css('em[id^="authorposton"] span::text').getall()
        assert shown == ["3\xa0天前", "前天\xa007:52", "前天\xa010:12", "前天\xa011:01"]
    finally:
        later.stop()


def test_speech_thread_like_the_archiver_fixture(server, forum):
    thread = speech_thread(forum)
    records = [r for r in forum.truth_records() if r["thread_id"] == thread.thread_id]
    expected = json.loads((FIXTURES / "seed-thread.expected.json").read_text("utf-8"))
    assert thread.title == expected["title"] and records[0]["author"] == expected["author"]
    assert records[0]["body"].replace("\n", "") == expected["body"].replace("\n", "")
    assert [r["author_banned"] for r in records] == [False, False, False, True]
    assert records[2]["quotes"][0]["text"] == "今天,我们在这里举办2025年度作风建设教育读书班"
    page = fetch(server, f"archiver/?tid-{thread.thread_id}.html")
    assert page.sel.css("p.author strong::text").getall() == [r["author"] for r in records]
    assert page.sel.css("#end a strong::text").get() == thread.title
    assert page.sel.css("base::attr(href)").get() == server.url + "archiver/"


def test_archiver_index_and_forum_pages(server, forum):
    index = fetch(server, "archiver/")
    assert {int(f) for f in index.sel.css("a::attr(href)").re(r"\?fid-(\d+)\.html")} == {f.forum_id for f in forum.forums}
    first = fetch(server, "archiver/?fid-2.html")
    second = fetch(server, "archiver/?fid-2.html&page=3")
    tids = first.sel.css("li a::attr(href)").re(r"tid-(\d+)") + second.sel.css("li a::attr(href)").re(r"tid-(\d+)")
    assert len(tids) == 17 and "[1]" in first.text


def test_ground_truth_record_shape(forum):
    records = forum.truth_records(base_url="http://h:1/")
    keys = {"forum_id", "forum_name", "thread_id", "thread_title", "post_id", "floor", "author", "posted_at",
            "posted_at_precision", "edited_at", "body", "quotes", "signature", "author_banned", "content_hidden",
            "images", "attachments"}
    assert all(set(r) == keys for r in records)
    assert all(r["posted_at"].tzinfo is not None and r["posted_at"].utcoffset() == timedelta(0) for r in records)
    assert {r["posted_at_precision"] for r in records} == {"second", "minute"}
    times = [r["posted_at"] for r in records] + [r["edited_at"] for r in records if r["edited_at"]]
    times += [q["posted_at"] for r in records for q in r["quotes"]]
    assert all(t.microsecond == 0 for t in times)
    assert all(r["posted_at"].second == 0 for r in records if r["posted_at_precision"] == "minute")
    assert all(r["edited_at"].second == 0 for r in records if r["edited_at"])
    banned = [r for r in records if r["author_banned"]]
    assert len(banned) == 3 and all(r["body"] == "" and r["signature"] is None for r in banned)
    assert any(r["edited_at"] for r in records) and any(r["quotes"] for r in records)
    with_images = [r for r in records if r["images"]]
    assert any(i.startswith("http://h:1/data/attachment/forum/") for r in with_images for i in r["images"])
    assert all("下载附件" not in r["body"] and "本帖最后由" not in r["body"] for r in records)
    assert {r["signature"] for r in records if r["signature"]} >= {"书山有路勤为径。"}


def test_same_seed_and_now_give_the_same_site(forum):
    again = SampleForum.build(now=NOW)
    assert again.truth_records() == forum.truth_records()
    view = View(forum, "http://h:1/", NOW)
    path = "/" + thread_path(long_thread(forum).thread_id, 1)
    assert respond(view, path).body == respond(View(again, "http://h:1/", NOW), path).body
    other = SampleForum.build(now=NOW, seed=8)
    assert [r["body"] for r in other.truth_records()] != [r["body"] for r in forum.truth_records()]
    moved = SampleForum.build(now=NOW + timedelta(hours=1))
    shift = [b["posted_at"] - a["posted_at"] for a, b in zip(forum.truth_records(), moved.truth_records())]
    assert set(shift) == {timedelta(hours=1)}


def test_missing_pages(server):
    for path in ("forum.php?mod=viewthread&tid=99999", "archiver/?tid-99999.html"):
        page = fetch(server, path)
        assert page.status == 200
        assert page.sel.css("#messagetext.alert_error p::text").get() == "抱歉，指定的主题不存在或已被删除或正在被审核"
    assert "版块不存在" in fetch(server, "forum.php?mod=forumdisplay&fid=99999").text
    assert fetch(server, "no/such/page.php").status == 404


def test_robots_and_redirects(server, forum):
    robots = fetch(server, "robots.txt").text
    assert "Disallow: /search.php" in robots and "Disallow: /forum.php?mod=redirect*" in robots
    assert "Disallow: /archiver" not in robots and "Disallow: /forum.php\n" not in robots
    thread = long_thread(forum)
    post = forum.thread_posts(thread.thread_id)[14]
    moved = fetch(server, f"forum.php?mod=redirect&goto=findpost&ptid={thread.thread_id}&pid={post.post_id}")
    assert moved.status == 302
    assert moved.headers["Location"].endswith(f"tid={thread.thread_id}&page=2#pid{post.post_id}")


def test_gbk_variant(forum):
    gbk = start_server(forum, charset="gbk", clock=lambda: NOW)
    try:
        with urllib.request.urlopen(gbk.url + "forum.php?mod=forumdisplay&fid=7", timeout=10) as response:
            assert response.headers["Content-Type"] == "text/html; charset=gbk"
            text = response.read().decode("gb18030")
    finally:
        gbk.stop()
    assert '<meta charset="gbk" />' in text and "刘䶮" in text


def test_python_m_serves_until_sigterm():
    process = cli_process.start([sys.executable, "-m", "forum_harvest.sample_forum", "--port", "0"],
                               stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
        with urllib.request.urlopen(url + "robots.txt", timeout=10) as response:
            assert response.status == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_build_defaults_to_now():
    before = datetime.now(UTC)
    site = SampleForum.build()
    assert site.site_name == "示例论坛" and before - timedelta(seconds=1) <= site.now <= datetime.now(UTC)
    assert SampleForum.build(site_name="测试站").site_name == "测试站"


def test_pages_guests_may_not_read(server, forum):
    """A members-only forum and a thread with a read permission answer with message pages;
    a paid message and a [hide] block are replaced by notices; the truth has none of their text."""
    assert "登录" in fetch(server, "forum.php?mod=forumdisplay&fid=8").sel.css("#messagetext").get()
    forbidden = next(t for t in forum.threads if not t.readable)
    assert "阅读权限" in fetch(server, thread_path(forbidden.thread_id, 1)).sel.css("#messagetext").get()
    assert forbidden.thread_id not in {r["thread_id"] for r in forum.truth_records()}
    paid = next(p for p in forum.posts if p.paid)
    page = fetch(server, thread_path(paid.thread_id, 1))
    assert "本主题需向作者支付" in page.sel.css(f"#post_{paid.post_id} div.locked").get()
    assert not page.sel.css(f"#postmessage_{paid.post_id}")
    hider = next(p for p in forum.posts if p.hidden_lines)
    page = fetch(server, thread_path(hider.thread_id, (hider.floor - 1) // 10 + 1))
    message = page.sel.css(f"#postmessage_{hider.post_id}").get()
    assert "本帖隐藏的内容需要回复才可以浏览" in message and hider.hidden_lines[0].text not in message
    hidden = {r["post_id"]: r for r in forum.truth_records() if r["content_hidden"]}
    assert set(hidden) == {paid.post_id, hider.post_id} and hidden[paid.post_id]["body"] == ""


def test_serve_takes_every_look_and_the_protection_option() -> None:
    from click.testing import CliRunner

    from forum_harvest.cli import main

    shown = CliRunner().invoke(main, ["sample-forum", "serve", "--help"]).output
    assert all(option in shown for option in ("--skin", "--lang", "--clock", "--real-archiver", "--protect"))
