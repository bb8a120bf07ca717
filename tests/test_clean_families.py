"""``forum-harvest clean --mode html`` reads a saved thread page of every layout family, also
when a mirror saved it (links rewritten to ``./www.example.net/…``, ``<base href="./">``): the
posts, authors, floors and times equal the sample forum's ground truth."""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from forum_harvest.cli import main
from forum_harvest.sample_forum import start_server
from tests.exports import Shows, differences, expected, summary

# The touch template prints no signature and its times without the absolute time in a title
# (``5 天前``): they are checked to their precision.
TOUCH = Shows()
NOT_ON_TOUCH = ("signature", "posted_at", "posted_at_precision")
THREAD = 13  # 28 posts over 3 pages: quotes, an edit, a banned author, every kind of time
FAMILIES = [
    pytest.param({}, "forum.php?mod=viewthread&tid={tid}&page=2", Shows(), id="x35"),
    pytest.param({"skin": "x25"}, "forum.php?mod=viewthread&tid={tid}&page=2", Shows(), id="x25"),
    pytest.param({"skin": "custom", "clock12": True}, "forum.php?mod=viewthread&tid={tid}&page=2", Shows(),
                 id="custom+12h"),
    pytest.param({"skin": "d7"}, "viewthread.php?tid={tid}&page=2", Shows(seconds=False), id="d7"),
    pytest.param({"lang": "en"}, "forum.php?mod=viewthread&tid={tid}&page=2", Shows(), id="x35+en"),
    pytest.param({"lang": "zh_tw"}, "forum.php?mod=viewthread&tid={tid}&page=2", Shows(), id="x35+zh_tw"),
    pytest.param({}, "forum.php?mod=viewthread&tid={tid}&page=2&mobile=2", TOUCH, id="touch"),
    pytest.param({"real_archiver": True}, "archiver/?tid-{tid}.html", Shows(archiver="real", seconds=False),
                 id="x35 archiver"),
    pytest.param({"skin": "d7"}, "archiver/?tid-{tid}.html", Shows(archiver="real", seconds=False, archiver_attachments=True),
                 id="d7 archiver"),
]
_LINK = re.compile(r'(href|src)="(?!https?:|javascript:|#)([^"]*)"')


def mirrored(html: str) -> str:
    """What a site mirror saves: relative links moved under ./www.example.net, base ./."""
    html = _LINK.sub(lambda m: f'{m[1]}="./www.example.net/{m[2]}"', html)
    html = re.sub(r'<base href="[^"]*" ?/?>', '<base href="./" />', html)
    return html.replace("http://127.0.0.1", "./127.0.0.1")


def fetch(url: str) -> tuple[str, datetime]:
    with urllib.request.urlopen(url) as response:
        fetched_at = datetime.now(UTC)
        charset = (response.headers.get_content_charset() or "utf-8").lower()
        return response.read().decode("gb18030" if charset in ("gbk", "gb2312") else charset), fetched_at


@pytest.mark.parametrize("mirror", [False, True], ids=["saved", "mirrored"])
@pytest.mark.parametrize("look, path, shows", FAMILIES)
def test_clean_html_reads_every_family(sample_site, tmp_path, look, path, shows, mirror):
    forum, _ = sample_site
    server = start_server(forum, port=0, **look)
    try:
        html, fetched_at = fetch(server.url + path.format(tid=THREAD))
    finally:
        server.stop()
    page = tmp_path / "page.html"
    page.write_text(mirrored(html) if mirror else html, encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(page), "--mode", "html", "--fetched-at", fetched_at.isoformat()])
    assert result.exit_code == 0, result.output
    posts = [post | {"thread_id": THREAD} for post in json.loads(result.stdout)["posts"]]
    wanted = {key: fields for key, fields in expected(forum, server.url, shows).items() if key[0] == THREAD}
    shown = range(11, 21) if not shows.archiver else range(1, len(posts) + 1)  # page 2; the archiver's page 1
    wanted = {key: fields for key, fields in wanted.items() if key[1] in shown}
    if mirror:  # picture URLs follow the mirror's rewritten links
        wanted = {key: {f: v for f, v in fields.items() if f != "images"} for key, fields in wanted.items()}
    if shows is TOUCH:
        truth = {key: fields["posted_at"] for key, fields in wanted.items()}
        wanted = {key: {f: v for f, v in fields.items() if f not in NOT_ON_TOUCH} for key, fields in wanted.items()}
        for post in posts:
            assert within_precision(post, datetime.fromisoformat(truth[(THREAD, post["floor"])])), post
    wrong = differences(posts, wanted)
    assert not wrong, summary(wrong, len(wanted))


def within_precision(post: dict, truth: datetime) -> bool:
    """The true time lies in the interval the post's time and precision stand for."""
    start = datetime.fromisoformat(post["posted_at"])
    width = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}[post["posted_at_precision"]]
    return 0 <= (truth - start).total_seconds() < width
