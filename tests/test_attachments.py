"""Attachments as data: every family's widgets become records and one placeholder each, on
pages as Discuz's own templates print them (the sample forum's skins, browser and robot) and
on the shape of a real Discuz! 7.0 page whose cleaned body kept 35 lines like ``(28.02 KB)``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from forum_harvest.sample_forum import SampleForum
from forum_harvest.sample_forum import render
from pipeline.attachment_record import ATTACHMENT_PLACEHOLDER
from pipeline.attachment_ids import attachment_id
from pipeline.clean import clean_post_html
from pipeline.page_mode import clean_page
from pipeline.post_cleaning import CleaningContext, clean_post, storable_attachments

FETCHED = datetime(2025, 6, 1, 4, 0, tzinfo=UTC)
X_THREAD = "/forum.php?mod=viewthread&tid={tid}"
LOOKS = [
    pytest.param({}, X_THREAD, id="x35"),
    pytest.param({"skin": "x25"}, X_THREAD, id="x25"),
    pytest.param({"skin": "custom", "clock12": True}, X_THREAD, id="custom+12h"),
    pytest.param({"lang": "en"}, X_THREAD, id="x35+en"),
    pytest.param({"lang": "zh_tw"}, X_THREAD, id="x35+zh_tw"),
    pytest.param({"skin": "d7"}, "/viewthread.php?tid={tid}", id="d7"),
    pytest.param({"skin": "touch"}, X_THREAD + "&mobile=2", id="touch"),
]


def _torrent(aid: int, size: str, downloads: int) -> str:
    """One file as Discuz! 7.0's ``attachinpost()`` prints it (Traditional pack): the size is
    bare text after the ``span``, the downloads and upload time in a hidden menu."""
    return (f'<img src="images/attachicons/torrent.gif" border="0" class="absmiddle" alt="" /> '
            f'<span style="white-space: nowrap" id="attach_{aid}" onmouseover="showMenu(this.id, false, 2)">'
            f'<a href="attachment.php?aid={aid}&amp;k=0f3c&amp;t=1244611080&amp;sid=Zx9" target="_blank">'
            f'<strong>[字幕組][第{aid:02d}話].torrent</strong></a></span> ({size})\n'
            f'<div class="t_attach" id="attach_{aid}_menu" style="position: absolute; display: none">\n'
            f'下載次數: {downloads}<br />\n<div class="t_smallfont">2009-6-10 13:18</div></div><br />\n')


def test_a_discuz_70_post_with_35_torrents_keeps_35_placeholders_and_35_records() -> None:
    sizes = [f"{10 + aid}.02 KB" for aid in range(1, 36)]
    html = "種子如下：<br />\n" + "".join(_torrent(aid, sizes[aid - 1], aid * 3) for aid in range(1, 36)) + "請回覆"
    post = clean_post_html(html, fetched_at=FETCHED)
    assert post.body.split("\n") == ["種子如下：", *[ATTACHMENT_PLACEHOLDER] * 35, "請回覆"]
    assert "KB" not in post.body
    assert [a.name for a in post.attachments] == [f"[字幕組][第{aid:02d}話].torrent" for aid in range(1, 36)]
    assert [a.size for a in post.attachments] == sizes
    assert [a.downloads for a in post.attachments] == [aid * 3 for aid in range(1, 36)]
    assert {a.uploaded_at for a in post.attachments} == {"2009-06-10T05:18:00+00:00"}


def test_x_inline_file_with_price_and_read_permission() -> None:
    html = ('前<ignore_js_op><img src="static/image/filetype/zip.gif" border="0" class="vm" alt="" />'
            '<span style="white-space: nowrap" id="attach_7"><a href="forum.php?mod=attachment&amp;aid='
            'N3wxMjM0NTY3OHwxNzAwMDAwMDAwfDB8MQ%3D%3D" target="_blank">资料.zip</a>'
            '<em class="xg1">(2.5 MB, 下载次数: 41, 售价: 2 金钱)</em></span>'
            '<div class="tip tip_4" id="attach_7_menu" style="position: absolute; display: none">'
            '<div class="tip_c xs0"><div class="y">2025-5-30 10:00 上传</div>点击文件名下载附件<br />阅读权限: 10'
            '</div></div></ignore_js_op>后')
    post = clean_post_html(html, fetched_at=FETCHED)
    assert post.body == f"前{ATTACHMENT_PLACEHOLDER}后"
    [attachment] = post.attachments
    assert (attachment.name, attachment.size, attachment.downloads, attachment.uploaded_at) == (
        "资料.zip", "2.5 MB", 41, "2025-05-30T02:00:00+00:00")
    assert attachment.needs_login and attachment.needs_credits


def test_attachment_ids_from_plain_and_packed_urls() -> None:
    assert attachment_id("http://h/attachment.php?aid=12&k=x") == 12
    assert attachment_id("http://h/forum.php?mod=attachment&aid=N3wxMjM0NTY3OHwxNzAwMDAwMDAwfDB8MQ%3D%3D") == 7
    assert attachment_id("http://h/forum.php?mod=attachment&aid=%%%") is None
    assert attachment_id("http://h/data/attachment/forum/a.jpg") is None


def test_attachment_ids_of_every_engine_s_download_urls() -> None:
    assert [attachment_id(url) for url in (
        "http://h/attachment.php?attachmentid=77&d=1700000000",  # vBulletin
        "http://h/attachment.php?s=abc&attachmentid=78",
        "http://h/download/file.php?id=79",  # phpBB
        "http://h/download/file.php?mode=view&id=80",
        "http://h/index.php?action=dlattach;topic=12.0;attach=81",  # SMF
        "http://h/index.php?action=dlattach;attach=82;type=preview",
        "http://h/attachments/report-2024.pdf.83/",  # XenForo
        "http://h/community/attachments/84/",
    )] == list(range(77, 85))
    assert [attachment_id(url) for url in (
        "http://h/download/file.php?avatar=1.png", "http://h/index.php?action=profile;u=5",
        "http://h/attachments/", "http://h/threads/attachments-thread.85/",
    )] == [None] * 4


def test_listed_attachments_follow_the_message_and_urls_become_absolute() -> None:
    listed = ('<dl class="tattl"><dd><p class="attnm"><a href="forum.php?mod=attachment&amp;aid=9">表.xls</a></p>'
              '<p>12 KB, 下载次数: 2</p></dd></dl>')
    cleaned = clean_post("正文", time_text=None, time_title=None, signature_html=None, archiver=False,
                         context=CleaningContext(FETCHED), attachments_html=listed)
    assert cleaned.body == "正文"
    [record] = storable_attachments("http://bbs.example.com/", cleaned.attachments)
    assert record["url"] == "http://bbs.example.com/forum.php?mod=attachment&aid=9"
    assert (record["name"], record["size"], record["downloads"], record["attachment_id"]) == ("表.xls", "12 KB", 2, 9)


def _posts(forum: SampleForum, look: dict, path: str, robot: bool) -> dict[tuple[int, int], dict]:
    """Every post with an attachment, as the page of ``look`` shows it, cleaned."""
    wanted = {(p.thread_id, p.floor) for p in forum.posts if p.attachments}
    found = {}
    for thread_id in sorted({tid for tid, _ in wanted}):
        for page in range(1, 4):
            target = path.format(tid=thread_id) + f"&page={page}"
            thread = clean_page(render(forum, target, robot=robot, **look), context=CleaningContext(forum.now),
                                url="http://127.0.0.1" + target)
            found |= {(thread_id, post["floor"]): post for post in thread.posts if (thread_id, post["floor"]) in wanted}
    return found


def _iso(moment: datetime) -> str:
    return moment.isoformat()


@pytest.mark.parametrize("look, path", LOOKS)
def test_every_family_reads_the_sample_forums_attachments(look: dict, path: str) -> None:
    forum = SampleForum.build()
    truth = {(r["thread_id"], r["floor"]): r for r in forum.truth_records()}
    below = {(p.thread_id, p.floor) for p in forum.posts if p.attachments_below}
    for robot in (False, True):
        got = _posts(forum, look, path, robot)
        assert got, (look, robot)
        for key, post in got.items():
            expected = truth[key]["attachments"]
            if look.get("skin") == "touch" and key in below:
                expected = expected[: len(expected) - 1]  # the sample's touch skin lists none below
            assert [a["name"] for a in post["attachments"]] == [a["name"] for a in expected], (key, robot)
            assert post["body"].split("\n") == truth[key]["body"].split("\n"), (key, robot)
            # The robot templates print an attached picture as a bare <img>: its name only.
            for read, wanted in zip(post["attachments"], expected, strict=True):
                shown = (read["size"], read["downloads"], read["uploaded_at"])
                full = (wanted["size"], wanted["downloads"], _iso(wanted["uploaded_at"]))
                picture_name_only = robot and wanted["name"].endswith((".jpg", ".png")) and shown[:2] == (None, None)
                assert shown == full or picture_name_only, (key, robot, shown)
            assert not any(a["needs_login"] or a["needs_credits"] for a in post["attachments"])
