"""Our cleaner against trafilatura on the same thread pages: speed and fidelity.

    .venv/bin/python bench/clean.py [--pages 500] [--repeats 3]   (needs the [bench] extra)

What is timed, for both tools: the decoded page (HTML string) in, text out. Ours is
``clean_page``: the parsel page object reading the page, then every post cleaned (markup,
site names, times), which is what the crawl pays per page. Trafilatura is ``extract()`` with
its defaults (comments and tables included). Two figures: the first pass (cold, the honest
one for a crawl that sees each page once) and the best of ``--repeats`` passes (as ``timeit``
does).

Pages are the sample forum's thread pages (several seeds, so several sites), rendered in
process at a fixed moment. Ground truth for a page is its posts' bodies from
``SampleForum.truth_records()``. Fidelity compares character sequences with whitespace
removed: recall = truth characters recovered in order, precision = output characters that
are truth (not jammer, chrome or junk), and the share of pages recovered exactly. Ours returns
every post, trafilatura one text per page.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher

import trafilatura

from forum_harvest.sample_forum import SITE_TZ, SampleForum
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import POSTS_PER_PAGE
from forum_harvest.sample_forum.routes import respond
from pipeline.clean import clean_signature_html
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
class Fidelity:
    matched: int = 0
    truth_chars: int = 0
    output_chars: int = 0
    exact: int = 0


@dataclass
class Run:
    """One tool's wall times per pass over all pages (the first pass is the single-pass figure)
    and the fidelity of its output."""

    name: str
    pass_seconds: list[float] = field(default_factory=list)
    fidelity: Fidelity = field(default_factory=Fidelity)

    def single_ms(self, pages: int) -> float:
        return 1000 * self.pass_seconds[0] / pages

    def best_ms(self, pages: int) -> float:
        return 1000 * min(self.pass_seconds) / pages


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


def timed_pass(pages: list[Page], extractor: Callable[[Page], str], run: Run) -> list[str]:
    started = time.perf_counter()
    outputs = [extractor(page) for page in pages]
    run.pass_seconds.append(time.perf_counter() - started)
    return outputs


def fidelity(pages: list[Page], outputs: list[str]) -> Fidelity:
    score = Fidelity()
    for page, output in zip(pages, outputs, strict=True):
        truth, got = _SPACE.sub("", page.truth), _SPACE.sub("", output)
        blocks = SequenceMatcher(None, truth, got, autojunk=False).get_matching_blocks()
        score.matched += sum(block.size for block in blocks)
        score.truth_chars += len(truth)
        score.output_chars += len(got)
        score.exact += truth == got
    return score


def compare(pages: list[Page], repeats: int) -> tuple[Run, Run]:
    """Passes alternate between the tools, so a busy machine slows both alike. The first pass
    is cold (our signature cache cleared after the warm-up); later ones run with warm caches."""
    mine, other = Run("ours"), Run("trafilatura")
    clean_signature_html.cache_clear()
    for _ in range(repeats):
        our_outputs, their_outputs = timed_pass(pages, ours, mine), timed_pass(pages, theirs, other)
    mine.fidelity, other.fidelity = fidelity(pages, our_outputs), fidelity(pages, their_outputs)
    return mine, other


def report(mine: Run, other: Run, pages: int) -> None:
    repeats = len(mine.pass_seconds)
    print(f"{'':12} {'single pass':>14} {f'best of {repeats}':>14}")
    for run in (mine, other):
        print(f"{run.name:12} {run.single_ms(pages):8.2f} ms/page {run.best_ms(pages):8.2f} ms/page")
    print(f"{'ratio':12} {other.single_ms(pages) / mine.single_ms(pages):7.1f}x faster "
          f"{other.best_ms(pages) / mine.best_ms(pages):7.1f}x faster")
    for run in (mine, other):
        score = run.fidelity
        print(f"{run.name:12} recall {score.matched / score.truth_chars:7.2%}   "
              f"precision {score.matched / max(score.output_chars, 1):7.2%}   exact pages {score.exact}/{pages}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    *pages, warm_up = thread_pages(args.pages + 1)
    print(f"{len(pages)} thread pages, {sum(len(p.html) for p in pages) / len(pages) / 1024:.1f} KB on average; "
          "timed per page: decoded HTML string in, every post's body out (ours: page object + cleaning, "
          "what the crawl pays per page; trafilatura: extract() with its defaults)")
    ours(warm_up), theirs(warm_up)  # imports and first-call setup, on a page outside the timed set
    report(*compare(pages, args.repeats), len(pages))

if __name__ == "__main__":
    main()
