"""HTML mode and text mode end to end: the seed through the CLI, the real X3.5 pages through
``clean_page``, and what the CLI says about bad input."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from click.testing import CliRunner

from forum_harvest.cli import main
from pipeline.charset import decode_bytes
from pipeline.page_mode import NotAThread, clean_page
from pipeline.post_cleaning import CleaningContext
from pipeline.text_mode import clean_thread_text
from tests.conftest import FIXTURES

X35 = FIXTURES / "discuz-x35"
EXPECTED = {case["file"]: case for case in json.loads((X35 / "expected.json").read_text(encoding="utf-8"))}
SEED_FETCHED = "2025-06-01T12:00:00+08:00"


def run(*args: str):
    return CliRunner().invoke(main, ["clean", *args])


def paragraphs(text: str) -> list[str]:
    """Non-blank lines: blank lines between paragraphs are not significant (fixture README)."""
    return [line for line in text.split("\n") if line.strip()]


def test_seed_through_the_cli_exactly() -> None:
    result = run(str(FIXTURES / "seed-thread.txt"), "--mode", "text", "--site-name", "老秘网",
                 "--fetched-at", SEED_FETCHED)
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    expected = json.loads((FIXTURES / "seed-thread.expected.json").read_text(encoding="utf-8"))
    for key in expected:
        assert got[key] == expected[key], key
    assert got["posted_at"] == "2025-05-31T16:00:00+00:00"  # 2025-06-01T00:00+08:00
    assert got["posted_at_precision"] == "hour"
    assert got["replies"] == [] and got["counts"]["site_names_removed"] == 4
    assert "老秘网" not in got["body"] and "查看完整版本" not in got["body"] and "页:" not in got["body"]


def test_seed_without_the_site_name_keeps_it_and_with_mode_off_too() -> None:
    text = (FIXTURES / "seed-thread.txt").read_text(encoding="utf-8")
    context = CleaningContext(datetime.fromisoformat(SEED_FETCHED), site_names=("老秘网",), site_name_mode="off")
    assert clean_thread_text(text, context=context).posts[0]["body"].count("我老秘网区") == 4


@pytest.mark.parametrize("name", ["viewthread-tid2-page2.html", "archiver-tid1.html"])
def test_real_x35_pages_exactly(name: str) -> None:
    case = EXPECTED[name]
    html = (X35 / name).read_text(encoding="utf-8")
    thread = clean_page(html, url=case["url"], context=CleaningContext(datetime.fromisoformat(case["fetched_at"])))
    assert thread.site_name == "老秘网" and thread.site == "http://127.0.0.1:8090/"
    assert [post["floor"] for post in thread.posts] == [post["floor"] for post in case["posts"]]
    for post, truth in zip(thread.posts, case["posts"], strict=True):
        assert post["author"] == truth["author"]
        assert post["author_banned"] is truth["author_banned"]
        assert post["posted_at"] == truth["posted_at"].replace("Z", "+00:00")
        # expected.json puts spaces around link text the page does not have: " 点此查看 ".
        body = post["body"].replace("[图片]", "")
        assert paragraphs(body) == paragraphs(truth["body"].replace(" 点此查看 ", "点此查看")), post["floor"]
        assert [quote["text"] for quote in post["quotes"]] == truth["quotes"]
        if truth["author_banned"]:
            assert post["body"] == "" and post["signature"] is None
    assert thread.counts.times_unparsed == 0


def test_x35_thread_page_details() -> None:
    case = EXPECTED["viewthread-tid2-page2.html"]
    html = (X35 / "viewthread-tid2-page2.html").read_text(encoding="utf-8")
    thread = clean_page(html, url=case["url"], context=CleaningContext(datetime.fromisoformat(case["fetched_at"])))
    by_floor = {post["floor"]: post for post in thread.posts}
    assert by_floor[14]["body"] == "参考《党政机关公文格式》国家标准，链接：点此查看，截图如下：\n[图片]"
    assert by_floor[14]["images"] == ["http://127.0.0.1:8090/static/image/common/logo.png"]
    assert by_floor[18]["quotes"][0]["author"] and by_floor[18]["quotes"][0]["posted_at"]
    assert by_floor[11]["url"] == "http://127.0.0.1:8090/forum.php?mod=viewthread&page=2&tid=2#pid15"
    assert (thread.forum_id, thread.forum_name, thread.thread_id) == (2, "公文写作", 2)
    assert thread.counts.jammer_removed > 0
    assert all("jammer" not in post["body"] and "下载附件" not in post["body"] for post in thread.posts)


def test_cli_html_mode_on_gbk_bytes(tmp_path) -> None:
    case = EXPECTED["archiver-tid1.html"]
    html = (X35 / "archiver-tid1.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gbk"')
    page = tmp_path / "archiver-gbk.html"
    page.write_bytes(html.encode("gb18030"))
    result = run(str(page), "--fetched-at", case["fetched_at"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    assert got["thread"]["page_kind"] == "archiver"
    assert [post["author"] for post in got["posts"]] == [post["author"] for post in case["posts"]]
    assert paragraphs(got["posts"][1]["body"]) == paragraphs(case["posts"][1]["body"])


def test_single_post_element(tmp_path) -> None:
    fragment = '正文第一行<font class="jammer">x9 Y</font><br />\n我老秘网区第二行'
    thread = clean_page(fragment, context=CleaningContext(datetime.fromisoformat(SEED_FETCHED), site_names=("老秘网",)))
    assert thread.page_kind == "post"
    assert thread.posts[0]["body"] == "正文第一行\n我区第二行"
    assert (thread.counts.jammer_removed, thread.counts.site_names_removed) == (1, 1)


def test_message_page_is_not_a_thread() -> None:
    html = '<html><body><div id="messagetext" class="alert_error"><p>抱歉，您没有权限访问该版块</p></div></body></html>'
    with pytest.raises(NotAThread, match="没有权限"):
        clean_page(html, context=CleaningContext(datetime.fromisoformat(SEED_FETCHED)))


def test_copied_archiver_text_with_replies_quote_and_banned_post() -> None:
    text = ("老秘网's Archiver\n论坛 › 公文写作 › 标题\n\n甲 发表于 2025-5-1 10:00\n\n标题\n\n"
            "第一段，我老秘网区\n第二段\n\n乙 发表于 昨天 08:15\n\n甲 发表于 2025-5-1 10:00\n第一段\n\n同意\n\n"
            "丙 发表于 3 分钟前\n\n\n页: [1]\n查看完整版本: 标题\nPowered by Discuz! X3.5 Archiver")
    thread = clean_thread_text(text, context=CleaningContext(datetime.fromisoformat(SEED_FETCHED)))
    assert (thread.title, thread.site_name) == ("标题", "老秘网")
    first, second, third = thread.posts
    assert first["body"] == "第一段，我区\n第二段"
    assert second["body"] == "同意" and second["quotes"][0]["text"] == "第一段"
    assert second["posted_at"] == "2025-05-31T00:15:00+00:00" and second["posted_at_precision"] == "minute"
    assert third["body"] == "" and third["author_banned"] and third["floor"] == 3


def test_unparseable_time_is_null_counted_and_warned(tmp_path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text("甲 发表于 很久以前\n\n正文\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(copy), "--fetched-at", SEED_FETCHED])
    got = json.loads(result.stdout)
    assert (got["posted_at"], got["posted_at_precision"], got["counts"]["times_unparsed"]) == (None, None, 1)
    assert got["body"] == "正文"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty input"),
        (b"  \n\n", "empty input"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "binary data"),
        (b"\xff\xfe\xfa\xff text", "bytes are neither UTF-8 nor GBK"),
        ("没有发表于的文字".encode(), "no post found"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run(str(bad))
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {bad}: {message}")


def test_missing_file_and_bad_options_are_one_line(tmp_path) -> None:
    missing = tmp_path / "nope.txt"
    assert run(str(missing)).stderr.strip() == f"Error: {missing}: cannot read: no such file or directory"
    assert run(str(tmp_path)).stderr.strip() == f"Error: {tmp_path}: cannot read: is a directory"
    seed = str(FIXTURES / "seed-thread.txt")
    assert "unknown timezone" in run(seed, "--tz", "Mars/Base").stderr
    assert "not an ISO 8601 time" in run(seed, "--fetched-at", "yesterday").stderr


def test_decode_prefers_declared_then_utf8_then_gb18030() -> None:
    assert decode_bytes("刘䶮".encode("gb18030")) == "刘䶮"
    assert decode_bytes("中文".encode()) == "中文"
    assert decode_bytes('<meta charset="gbk" />中文'.encode("gbk")) == '<meta charset="gbk" />中文'
    assert decode_bytes(b"\xef\xbb\xbfabc") == "abc"
