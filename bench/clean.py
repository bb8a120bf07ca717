"""Our cleaner against trafilatura on the same thread pages: speed and fidelity.

    .venv/bin/python bench/clean.py [--pages 500] [--repeats 3]   (needs the [bench] extra)

Pages are the sample forum's thread pages (several seeds, so several sites), rendered in
process at a fixed moment. Ground truth for a page is its posts' bodies from
``SampleForum.truth_records()``. Fidelity compares character sequences with whitespace
removed: recall = truth characters recovered in order, precision = output characters that
are truth (not jammer, chrome or junk), and the share of pages recovered exactly. Both sides
get the decoded page text; ours returns every post, trafilatura one text per page.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

import trafilatura

from forum_harvest.sample_forum import SITE_TZ, SampleForum
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import POSTS_PER_PAGE
from forum_harvest.sample_forum.routes import respond
from pipeline.page_mode import clean_page
from pipeline.post_cleaning import CleaningContext

NOW = datetime(2026, 11, 25, 11, 2, 34, tzinfo=SITE_TZ)
BASE = "http://bench.test/"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    url: str
    html: str
    truth: str


@dataclass
class Score:
    seconds: float = 0.0
    matched: int = 0
    truth_chars: int = 0
    output_chars: int = 0
    exact: int = 0


def thread_pages(count: int) -> list[Page]:
    pages: list[Page] = []
    seed = 1
    while len(pages) < count:
        forum = SampleForum.build(now=NOW, seed=seed, site_name=f"示例论坛{seed}")
        view = View(forum, BASE, NOW)
        records = forum.truth_records()
        for thread in filter(lambda t: t.readable, forum.threads):
            bodies = [r["body"] for r in records if r["thread_id"] == thread.thread_id]
            for number in range(1, thread.page_count + 1):
                path = f"forum.php?mod=viewthread&tid={thread.thread_id}&page={number}"
                truth = "\n".join(bodies[(number - 1) * POSTS_PER_PAGE: number * POSTS_PER_PAGE])
                pages.append(Page(BASE + path, respond(view, "/" + path).body, truth))
        seed += 1
    return pages[:count]


def ours(page: Page) -> str:
    thread = clean_page(page.html, url=page.url, context=CleaningContext(NOW))
    return "\n".join(post["body"] for post in thread.posts)


def theirs(page: Page) -> str:
    return trafilatura.extract(page.html, include_comments=True, include_tables=True) or ""


def measure(pages: list[Page], extractor: Callable[[Page], str], repeats: int) -> Score:
    """Best wall time of ``repeats`` runs over all pages (as ``timeit`` does), then fidelity."""
    score = Score(seconds=float("inf"))
    for _ in range(repeats):
        started = time.perf_counter()
        outputs = [extractor(page) for page in pages]
        score.seconds = min(score.seconds, time.perf_counter() - started)
    for page, output in zip(pages, outputs, strict=True):
        truth, got = _SPACE.sub("", page.truth), _SPACE.sub("", output)
        blocks = SequenceMatcher(None, truth, got, autojunk=False).get_matching_blocks()
        score.matched += sum(block.size for block in blocks)
        score.truth_chars += len(truth)
        score.output_chars += len(got)
        score.exact += truth == got
    return score


def report(name: str, score: Score, pages: int) -> float:
    ms = 1000 * score.seconds / pages
    recall = score.matched / score.truth_chars
    precision = score.matched / max(score.output_chars, 1)
    print(f"{name:12} {ms:8.2f} ms/page   recall {recall:7.2%}   precision {precision:7.2%}   "
          f"exact pages {score.exact}/{pages}")
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    pages = thread_pages(args.pages)
    print(f"{len(pages)} thread pages, {sum(len(p.html) for p in pages) / len(pages) / 1024:.1f} KB on average")
    ours(pages[0]), theirs(pages[0])  # warm up imports and caches on both sides
    ours_ms = report("ours", measure(pages, ours, args.repeats), len(pages))
    theirs_ms = report("trafilatura", measure(pages, theirs, args.repeats), len(pages))
    print(f"ratio        {theirs_ms / ours_ms:.1f}x faster")


if __name__ == "__main__":
    main()
