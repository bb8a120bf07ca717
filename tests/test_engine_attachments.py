"""Every engine's attachments read into records: each engine's template output for a post's
attachments (tests/fixtures/attachments, see its README) put where the template prints it in
a real captured thread page of that engine, read by the engine's own reader and cleaned as a
crawl cleans it: the records, in page order, and one placeholder in the body where each
attachment placed in the message stood."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree, html as lxml_html
from scrapy.http import HtmlResponse

from pipeline.attachment_readers import READERS
from pipeline.attachment_record import ATTACHMENT_PLACEHOLDER, Attachment
from pipeline.clean import IMAGE_PLACEHOLDER
from pipeline.post_cleaning import CleanedPost, CleaningContext, clean_post, storable_attachments
from scraper.engines import by_name

FIXTURES = Path(__file__).parent / "fixtures"
WIDGETS = FIXTURES / "attachments"
FETCHED = datetime(2024, 3, 1, tzinfo=UTC)
_TEMPLATE_MARKS = {"attachments", "/ attachments"}  # vBulletin 3's comments; the files' first comment says what they are


def _first_post(engine: str, page: Path, url: str, *inserts: tuple[str, str, bool]) -> CleanedPost:
    body = page.read_bytes()
    for anchor, widget, inside in inserts:
        body = _with_widget(body, anchor, widget, inside)
    view = by_name(engine).thread_page(HtmlResponse(url, body=body, encoding="utf-8"))
    post = view.posts[0]
    return clean_post(post.body_html, time_text=post.time_text, time_title=post.time_title,
                      signature_html=None, archiver=False,
                      context=CleaningContext(fetched_at=FETCHED, tz="UTC", engine=engine),
                      edit_notice=post.edit_notice, attachments_html=post.attachments_html)


def _base_href(page: Path) -> str:
    """The page's ``<base href>``: 8.7 prints its site's URL there (``headbase``)."""
    return lxml_html.fromstring(page.read_bytes()).xpath("string(//base/@href)")


def _with_widget(body: bytes, anchor: str, widget: str, inside: bool) -> bytes:
    """The page with the widget's markup at the end of the first ``anchor`` element, or after it."""
    tree = lxml_html.fromstring(body)
    target = tree.xpath(anchor)[0]
    parts = [part for part in lxml_html.fragments_fromstring((WIDGETS / widget).read_text("utf-8"))
             if not isinstance(part, str) and (part.tag is not etree.Comment or part.text.strip() in _TEMPLATE_MARKS)]
    for part in parts if inside else reversed(parts):
        if inside:
            target.append(part)
        else:
            target.addnext(part)
    return lxml_html.tostring(tree, encoding="utf-8")


def test_phpbb_prosilver_attachbox_and_inline_attachments() -> None:
    post = _first_post("phpbb", FIXTURES / "phpbb-33-live" / "viewtopic-t1-guest.html",
                       "http://127.0.0.1/viewtopic.php?t=1",
                       ("(//div[contains(@class, 'postbody')]//div[@class='content'])[1]", "phpbb-inline.html", True),
                       ("(//div[contains(@class, 'postbody')]//div[@class='content'])[1]", "phpbb-attachbox.html", False))
    assert post.attachments == [
        Attachment("chart.png", "./download/file.php?id=9", "80 KiB", 0),
        Attachment("notes.txt", "./download/file.php?id=10", "312 Bytes", 1),
        Attachment("backup.zip", "./download/file.php?id=7", "1.2 MiB", 3),
        Attachment("screen.png", "./download/file.php?id=8&mode=view", "245.3 KiB", 12),
    ]
    assert post.body.splitlines()[-2:] == [IMAGE_PLACEHOLDER, ATTACHMENT_PLACEHOLDER]
    assert "Downloaded" not in post.body and "KiB" not in post.body


def test_phpbb_subsilver2_attachment_table() -> None:
    page = FIXTURES / "phpbb-30-subsilver2" / "viewtopic-t1-guest.html"
    before = _first_post("phpbb", page, "http://127.0.0.1/viewtopic.php?t=1")
    post = _first_post("phpbb", page, "http://127.0.0.1/viewtopic.php?t=1",
                       ("(//div[@class='postbody'])[1]", "phpbb-subsilver2.html", False))
    assert post.attachments == [
        Attachment("backup.zip", "./download/file.php?id=7", "1.2 MiB", 3),
        Attachment("screen.png", "./download/file.php?id=8&mode=view", "245.3 KiB", 12),
        Attachment("chart.png", "./download/file.php?id=9", "80 KiB", 0),
    ]
    assert post.body == before.body


@pytest.mark.parametrize(("folder", "anchor", "widget", "expected"), [
    ("vbulletin-3", "(//div[starts-with(@id, 'post_message_')])[1]", "vbulletin-3.html",
     [Attachment("readme.txt", "attachment.php?attachmentid=12&d=1214000000", "1.5 KB", 8)]),
    ("vbulletin-4", "(//div[starts-with(@id, 'post_message_')])[1]", "vbulletin-4.html",
     [Attachment("diagram.jpg", "attachment.php?attachmentid=77&d=1466000000", "45.6 KB", 12),
      Attachment("tools.zip", "attachment.php?attachmentid=78&d=1466000000", "12.3 KB", 45)]),
    ("xenforo-1", "(//blockquote[contains(@class, 'messageText')])[1]", "xenforo-1.html",
     [Attachment("map.jpg", "attachments/map-jpg.91/", "88.4 KB", 17)]),
    ("xenforo-2", "(//article[contains(@class, 'message-body')])[1]", "xenforo-2-list.html",
     [Attachment("screenshot.png", "/community/attachments/screenshot-png.501/", "67.7 KB", 1204),
      Attachment("log.txt", "/community/attachments/log-txt.502/", "2 KB", 33)]),
])
def test_attachments_listed_below_a_vbulletin_or_xenforo_message(folder, anchor, widget, expected) -> None:
    engine = folder.split("-")[0]
    before = _first_post(engine, FIXTURES / folder / "thread.html", "http://127.0.0.1/thread")
    post = _first_post(engine, FIXTURES / folder / "thread.html", "http://127.0.0.1/thread", (anchor, widget, False))
    assert post.attachments == expected
    assert post.body == before.body  # a list below the message leaves the message as it was


def test_xenforo_2_attachments_placed_in_the_message() -> None:
    post = _first_post("xenforo", FIXTURES / "xenforo-2" / "thread.html", "http://127.0.0.1/thread",
                       ("(//article[contains(@class, 'message-body')]//div[contains(@class, 'bbWrapper')])[1]",
                        "xenforo-2-inline.html", True))
    assert post.attachments == [Attachment("chart.png", "/community/attachments/chart-png.503/"),
                                Attachment(None, "/community/attachments/503/")]  # "View attachment 504": no name
    assert post.body.splitlines()[-2:] == [IMAGE_PLACEHOLDER, ATTACHMENT_PLACEHOLDER]


def test_smf_2_1_attachments_below_the_message() -> None:
    post = _first_post("smf", FIXTURES / "smf-2.1" / "topic-1-page1-plain-robot.html",
                       "http://127.0.0.1/index.php?topic=1.0",
                       ("(//div[contains(concat(' ', @class, ' '), ' post ')])[1]", "smf-2.1.html", False))
    assert post.attachments == [
        Attachment("photo.jpg", "http://127.0.0.1/index.php?action=dlattach;topic=1.0;attach=3", "512.4 KB", 9),
        Attachment("data.csv", "http://127.0.0.1/index.php?action=dlattach;topic=1.0;attach=5", "3.1 KB", 2),
    ]


def test_mybb_attachments_with_their_upload_times() -> None:
    post = _first_post("mybb", FIXTURES / "mybb-1.8" / "thread-1-page1-plain-robot.html",
                       "http://127.0.0.1/showthread.php?tid=1",
                       ("(//div[contains(@class, 'post_body')])[1]", "mybb-1.8.html", False))
    assert post.attachments == [
        Attachment("sunset.jpg", "attachment.php?aid=4", "210.55 KB", None, "2024-01-15T15:10:00+00:00"),
        Attachment("theme.zip", "attachment.php?aid=5", "1.2 MB", 3, "2024-01-16T09:05:00+00:00"),
    ]


def test_phpwind_pictures_and_files_with_price_and_time() -> None:
    post = _first_post("phpwind", FIXTURES / "phpwind-9.1" / "read-1-page1-robot.html",
                       "http://127.0.0.1/index.php?m=bbs&c=read&tid=1",
                       ("(//div[contains(@class, 'editor_content')])[1]", "phpwind-9.html", False))
    assert post.attachments == [
        Attachment("风景.jpg", "http://127.0.0.1/attachment/1601/thread/2_1_abc.jpg"),
        Attachment("资料.zip", "http://127.0.0.1/index.php?m=bbs&c=attach&a=download&aid=7", "35 KB", 6,
                   "2016-01-15T15:10:00+00:00", needs_credits=True),
    ]


def test_phpwind_8_attachments_placed_in_the_text_and_listed_below() -> None:
    """Thread 2 of the real 8.7 lists a picture and a file below its first message; 8.7's
    ``parseContent`` output placed in that message adds a picture and a file in the text."""
    page = FIXTURES / "phpwind-8.7" / "read-2-page1-robot.html"
    site = _base_href(page)  # the capture's loopback origin, a new port at each capture
    post = _first_post("phpwind", page, f"{site}read.php?tid=2",
                       ("//div[@id='read_tpc']", "phpwind-8-inline.html", True))
    assert post.attachments == [
        Attachment("截图.jpg", "http://127.0.0.1/attachment/Mon_2612/2_1_5d2c3e8a1b7f9c0.jpg?84"),
        Attachment("资料.zip", "job.php?action=download&aid=4", "35 K", 6),
        Attachment("pixel.png", f"{site}attachment/Mon_2612/2_1_1c7fd1763efc227.png?1"),
        Attachment("notes.txt", "job.php?action=download&aid=2&mt=60ba3d997eb6381dc6eadc0bb83821c3", "1 K", 0),
    ]
    assert post.body == f"附件在下面：图片和一个文本文件。 {IMAGE_PLACEHOLDER} {ATTACHMENT_PLACEHOLDER}"


def test_discourse_uploads_in_the_cooked_message() -> None:
    post = clean_post((WIDGETS / "discourse-cooked.html").read_text("utf-8"), time_text=None, time_title=None,
                      signature_html=None, archiver=False, context=CleaningContext(fetched_at=FETCHED, engine="discourse"))
    assert post.attachments == [
        Attachment("build-log.txt", "/uploads/short-url/vxQ3kSoE4zUmc3NP2hZB9r7e6o3.txt", "5.4 KB"),
        Attachment("screenshot", "https://forum.example/uploads/default/original/2X/a/abc.png", "245 KB"),
    ]
    assert post.body.splitlines() == [f"Log attached: {ATTACHMENT_PLACEHOLDER}", IMAGE_PLACEHOLDER]


def test_invision_4_attachments_placed_in_the_message() -> None:
    post = _first_post("invision", FIXTURES / "invision-4.7" / "thread.html",
                       "https://forum.armbian.com/topic/34923-csc-armbian-for-rk322x-tv-box-boards/",
                       ("(//div[@data-role='commentContent'])[1]", "invision-4.html", True))
    assert post.attachments == [
        Attachment("board.jpg", "https://forum.armbian.com/uploads/monthly_2020_01/board.jpg.4b1c.jpg"),
        Attachment("rk322x-config.zip",
                   "https://forum.armbian.com/applications/core/interface/file/attachment.php?id=7002")]
    assert post.body.splitlines()[-2:] == [IMAGE_PLACEHOLDER, ATTACHMENT_PLACEHOLDER]


@pytest.mark.parametrize(("engine", "widget", "numbers"), [
    ("phpbb", "phpbb-attachbox.html", [7, 8]), ("phpbb", "phpbb-subsilver2.html", [7, 8, 9]),
    ("vbulletin", "vbulletin-3.html", [12]), ("vbulletin", "vbulletin-4.html", [77, 78]),
    ("smf", "smf-2.1.html", [3, 5]), ("xenforo", "xenforo-1.html", [91]),
    ("xenforo", "xenforo-2-list.html", [501, 502]), ("xenforo", "xenforo-2-inline.html", [503, 503]),
    ("invision", "invision-4.html", [None, 7002]),  # the picture: its uploads URL, no number
    ("phpwind", "phpwind-8-inline.html", [None, 4]),
])
def test_each_record_has_the_attachment_number_of_its_download_url(engine: str, widget: str,
                                                                    numbers: list[int | None]) -> None:
    """The records a crawl stores (``storable_attachments``) carry the number in their
    engine's download URL, in page order, as Discuz's and MyBB's do (the media stage asks for each
    once)."""
    read = READERS[engine](BeautifulSoup((WIDGETS / widget).read_text("utf-8"), "lxml"), lambda shown: None)
    records = storable_attachments("http://127.0.0.1/", [attachment for _, attachment, _ in read])
    assert [record["attachment_id"] for record in records] == numbers
