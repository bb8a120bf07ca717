"""The pages captured from a real Discuz! X3.5 and X3.4 say what their README says (no forum
needed).

``tests/fixtures/discuz-x35-live`` (UTF-8), ``discuz-x35-gbk``, ``discuz-x35-big5`` and
``discuz-x34`` (X3.4 on PHP 8.2 by ``port34``), ``discuz-x34-gbk`` (its SC_GBK package) ``discuz-x34-20230520`` (the last X3.4) and ``discuz-x33`` (X3.3, the same port) were made by ``python -m tests.real_discuz
--capture`` (``--charset gbk``, ``--charset big5``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scraper.charset_detection import header_charset

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CAPTURES = [FIXTURES / name for name in ("discuz-x35-live", "discuz-x35-gbk", "discuz-x35-big5", "discuz-x34",
                                               "discuz-x34-gbk", "discuz-x34-20230520", "discuz-x33")]
# Where the first view after a delete sends page 2 of thread 1 (forum_viewthread.php): X3.5 and
# the last X3.4 (DiscuzX fc9b4b91 and 446aa53b, 2021-12) to the page itself, absolute; X3.4 of
# 2019 (f6253217) and X3.3 to the thread's first page, relative. Both X3.4s say release 20180101.
TO_THE_PAGE = r"http://127\.0\.0\.1:\d+/forum\.php\?mod=viewthread&tid=1&page=2"
TO_THE_THREAD = r"forum\.php\?mod=viewthread&tid=1"
SENT_TO_THE_THREAD = {"discuz-x34", "discuz-x34-gbk", "discuz-x33"}
per_capture = pytest.mark.parametrize("capture", CAPTURES, ids=lambda capture: capture.name)


def _page(capture: Path, name: str) -> str:
    """A page in the charset it was served in (captures before that was kept: UTF-8)."""
    entry = next(e for e in json.loads((capture / "pages.json").read_text("utf-8"))["files"] if e["file"] == name)
    return (capture / name).read_bytes().decode(header_charset(entry.get("content_type")) or "utf-8")


def _expected_step(capture: Path, step: str) -> dict:
    steps = json.loads((capture / "expected.json").read_text("utf-8"))["steps"]
    return next(item for item in steps if item["step"] == step)


@per_capture
@pytest.mark.parametrize("step,pages", [("seeded", 3), ("after-delete", 3),
                                        ("after-changes", 4)])
def test_captured_thread_pages_hold_the_forums_visible_posts_in_both_modes(capture, step, pages):
    tid = 1
    visible = [post["pid"] for post in _expected_step(capture, step)["posts"]
               if post["tid"] == tid and post["visible"]]
    for mode in ("robot", "browser"):
        shown = []
        for page in range(1, pages + 1):
            html = _page(capture, f"viewthread-tid{tid}-page{page}-{mode}-{step}.html")
            shown += [int(pid) for pid in re.findall(r'<div id="post_(\d+)"', html)]
        assert shown == visible, (mode, step)


@per_capture
def test_robot_pages_have_no_floor_numbers_and_normal_pages_do(capture):
    for name in sorted(capture.glob("viewthread-*.html")):
        html = _page(capture, name.name)
        pids = re.findall(r'<div id="post_(\d+)"', html)
        floors = re.findall(r'id="postnum(\d+)"', html)
        assert floors == ([] if "-robot-" in name.name else pids), name.name


@per_capture
def test_floors_renumber_after_the_moderator_delete(capture):
    def floors(step: str) -> dict[int, str]:
        html = _page(capture, f"viewthread-tid1-page2-browser-{step}.html")
        return {int(pid): re.sub(r"<[^>]+>|\s", "", text) for pid, text in re.findall(
            r'id="postnum(\d+)"[^>]*>(.*?)</a>', html, re.S)}

    assert floors("seeded") == {4: "地板", 5: "5#", 6: "6#"}
    assert floors("after-delete") == {4: "地板", 6: "5#", 7: "6#"}


@per_capture
def test_the_first_view_after_a_delete_is_a_302_to_the_thread(capture):
    head = (capture / "viewthread-tid1-page2-robot-after-delete.http").read_bytes()
    lines = head.split(b"\r\n\r\n", 1)[0].decode().split("\r\n")
    location = next(line.split(": ", 1)[1] for line in lines if line.startswith("Location:"))
    assert lines[0] == "HTTP/1.1 302 Found"
    assert re.fullmatch(TO_THE_THREAD if capture.name in SENT_TO_THE_THREAD else TO_THE_PAGE, location)


@per_capture
def test_a_delete_plus_an_add_keeps_the_reply_count_but_not_the_last_post(capture):
    def row(step: str) -> tuple[str, str]:
        html = _page(capture, f"forumdisplay-fid2-robot-{step}.html")
        start = html.index('id="normalthread_2"')
        body = html[start:html.index("</tbody>", start)]
        replies = re.search(r'class="num"><a[^>]*>(\d+)</a>', body).group(1)
        last = re.findall(r'<td class="by">(.*?)</td>', body, re.S)[-1]
        return replies, re.sub(r"<[^>]+>|\s|&nbsp;", "", last)

    (replies_before, last_before), (replies_after, last_after) = (
        row("seeded"), row("after-changes"))
    assert replies_before == replies_after == "4"
    assert last_before != last_after and last_after.startswith("alice")
