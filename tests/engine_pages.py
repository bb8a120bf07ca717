"""Captured real-engine pages (``tests/fixtures/<engine>-<version>``) as responses, and the
checks every engine's posts go through against the stored BBCode: body F1, quotes, no quote
text left in the body."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from parsel import Selector
from scrapy.http import HtmlResponse

from pipeline.clean import clean_post_html
from scraper.charset_detection import header_charset, meta_charset
from scraper.engines.base import RawPost, Wording
from tests.bbcode_truth import IMAGE, char_f1, split_quotes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE = "http://127.0.0.1:8080/"
F1_FLOOR = 0.999


@dataclass(frozen=True)
class Captured:
    directory: Path

    @property
    def expected(self) -> dict:
        return json.loads((self.directory / "expected.json").read_text("utf-8"))

    def files(self) -> list[dict]:
        """Every capture, redirects (``.http``) included."""
        return json.loads((self.directory / "pages.json").read_text("utf-8"))["files"]

    def entries(self, prefix: str = "") -> list[dict]:
        """The pages (``.html``) whose file name starts with ``prefix``."""
        return [e for e in self.files() if e["file"].startswith(prefix) and e["file"].endswith(".html")]

    def response(self, entry: dict) -> HtmlResponse:
        served = format_datetime(datetime.fromisoformat(entry["fetched_at_utc"]), usegmt=True)
        return HtmlResponse(url=SITE + entry["url"], body=(self.directory / entry["file"]).read_bytes(),
                            encoding=self.charset(entry), headers={"Date": served})

    def charset(self, entry: dict) -> str:
        """The charset the page was served in: its header's, else its ``<meta>``'s (Discuz! 7 and
        phpwind 8's GBK edition, on PHP 5, sent no charset in the header), else UTF-8 (captures before
        ``content_type`` was kept)."""
        return (header_charset(entry.get("content_type"))
                or meta_charset((self.directory / entry["file"]).read_bytes()) or "utf-8")

    def text(self, entry: dict) -> str:
        return (self.directory / entry["file"]).read_bytes().decode(self.charset(entry))

    def others(self) -> list[Path]:
        """Every captured page of every other engine or version."""
        return [path for path in FIXTURES.rglob("*.htm*") if self.directory not in path.parents]


def body_f1(post: RawPost, bbcode: str, fetched_at: datetime, wording: Wording, tz: str,
            quote_seconds: bool = False) -> float:
    """Character F1 of the cleaned body against the message without its quotes; also checks
    the outermost quotes' authors, that each quote's time was read (to the minute, or to the
    second where ``quote_seconds``: SMF 2.0's), and that no quote's last words stayed in the body."""
    body, quotes = split_quotes(bbcode)
    cleaned = clean_post_html(post.body_html, fetched_at=fetched_at, tz=tz,
                              image_placeholder=IMAGE, parse_time=wording.parse_time)
    assert [(q["author"], q["posted_at"]) for q in cleaned.quotes] == [
        (q.author, datetime.fromtimestamp(q.epoch if quote_seconds else q.epoch // 60 * 60, UTC).isoformat()
         if q.epoch else None)
        for q in quotes]
    outer = Selector(text=f"<div>{post.body_html}</div>").xpath(
        "//blockquote[not(ancestor::blockquote)]")
    assert [q.attrib.get("data-quote-author") for q in outer] == [q.author for q in quotes]
    for quote in quotes:
        words = [w for w in quote.text.split() if len(w) > 3]
        assert not any(w in cleaned.body for w in words[-2:]), (quote, cleaned.body)
    return char_f1(body, cleaned.body)
