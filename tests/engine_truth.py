"""Comparing an engine's reading of a saved real page with the page's ``*.expected.json``: what
every engine test checks (posts, authors, times to the precision shown, floors, bodies by
character F1 after cleaning, quotes with their author and, where the truth gives it, their time,
signatures, edit notices)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from lxml import html as lxml_html
from scrapy.http import HtmlResponse

from pipeline.clean import clean_post_html, clean_signature_html
from scraper.engines.base import RawPost, Wording

FIXTURES = Path(__file__).parent / "fixtures"


def load(page: Path) -> tuple[HtmlResponse, dict[str, Any]]:
    truth = json.loads(page.with_name(page.stem + ".expected.json").read_text(encoding="utf-8"))
    return HtmlResponse(truth["url"], body=page.read_bytes()), truth


def char_f1(got: str, want: str) -> float:
    """Character F1 of two texts (matched characters over each text's length)."""
    if not got and not want:
        return 1.0
    matched = sum(block.size for block in SequenceMatcher(None, got, want, autojunk=False).get_matching_blocks())
    if not matched:
        return 0.0
    precision, recall = matched / len(got), matched / len(want)
    return 2 * precision * recall / (precision + recall)


def quote_authors(body_html: str) -> list[str | None]:
    """The authors base.py's quote rule put on the outermost quotes of a post body."""
    root = lxml_html.fragment_fromstring(body_html or "<p></p>", create_parent="div")
    return [quote.get("data-quote-author") for quote in root.xpath(".//blockquote[not(ancestor::blockquote)]")]


@dataclass
class Figures:
    posts: int = 0
    ids: int = 0
    authors: int = 0
    times: int = 0
    floors: int = 0
    min_f1: float = 1.0


def compare(posts: list[RawPost], truth: dict[str, Any], wording: Wording, tz: str) -> tuple[Figures, list[str]]:
    """Figures of agreement and the list of every disagreement (empty when all agree)."""
    fetched_at = datetime.fromisoformat(truth["fetched_at"])
    figures, problems = Figures(posts=len(truth["posts"])), []
    if len(posts) != len(truth["posts"]):
        problems.append(f"{len(posts)} posts read, {len(truth['posts'])} on the page")
    for got, want in zip(posts, truth["posts"]):
        where = f"post {want['post_id']}"
        moment, precision = wording.parse_time(got.time_text, got.time_title, fetched_at, tz)
        checks = {
            "ids": got.post_id == want["post_id"], "authors": got.author == want["author"],
            "floors": got.floor == want["floor"],
            "times": (moment.isoformat() if moment else None, precision) == (want["time_utc"], want["precision"]),
        }
        for name, ok in checks.items():
            setattr(figures, name, getattr(figures, name) + ok)
            if not ok:
                problems.append(f"{where}: {name} differ")
        cleaned = clean_post_html(got.body_html, fetched_at=fetched_at, tz=tz, parse_time=wording.parse_time)
        f1 = char_f1(cleaned.body, want["body"])
        figures.min_f1 = min(figures.min_f1, f1)
        if f1 < 0.999:
            problems.append(f"{where}: body F1 {f1:.4f}")
        if quote_authors(got.body_html) != [quote["author"] for quote in want["quotes"]]:
            problems.append(f"{where}: quote authors {quote_authors(got.body_html)}")
        if any("time_utc" in quote and quote["time_utc"] != read["posted_at"]
               for quote, read in zip(want["quotes"], cleaned.quotes)):
            problems.append(f"{where}: quote times {[read['posted_at'] for read in cleaned.quotes]}")
        extra = [quote["text"] for quote in want["quotes"]] + [want["signature"] or "", want["edit_notice"] or ""]
        if any(len(text) > 20 and text[:40] in cleaned.body for text in extra):
            problems.append(f"{where}: quote, signature or edit text in the body")
        if clean_signature_html(got.signature_html) != want["signature"]:
            problems.append(f"{where}: signature differs")
        if got.edit_notice != want["edit_notice"] or got.author_banned != want["author_banned"]:
            problems.append(f"{where}: edit notice or banned flag differs")
    return figures, problems


def assert_reads_its_truth(engine: Any, page: Path) -> None:
    """The engine's reading of a saved thread page equals the page's truth: the page's own
    fields, then every post (``compare``), with every post's id, author, time and floor right."""
    response, truth = load(page)
    view = engine.thread_page(response)
    assert (view.thread_id, view.forum_id, view.title, view.page, view.page_count, view.page_timezone) == (
        truth["thread_id"], truth["forum_id"], truth["title"], truth["page"], truth["page_count"], truth["page_timezone"])
    figures, problems = compare(view.posts, truth, engine.wording, truth["times_read_in"])
    assert problems == []
    assert figures.posts == figures.ids == figures.authors == figures.times == figures.floors > 0
