"""Clean one post's raw fields (as a page object or a PostItem holds them) into export fields.

The one place HTML mode, the CLI and the Scrapy item pipeline all go through, so they
cannot drift apart: markup cleaning, site-name removal, times, and the counts of what was
removed or could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pipeline.clean import IMAGE_PLACEHOLDER, clean_post_html, clean_signature_html
from pipeline.site_names import remove_site_names
from pipeline.times import parse_discuz_time


@dataclass(frozen=True)
class CleaningContext:
    """What cleaning needs beyond the post: when and where the page was seen, which names
    the site injects (configured plus detected) and how to treat them."""

    fetched_at: datetime
    tz: str = "Asia/Shanghai"
    site_names: tuple[str, ...] = ()
    site_name_mode: str = "injected"
    image_placeholder: str = IMAGE_PLACEHOLDER

    def with_site_name(self, detected: str | None) -> CleaningContext:
        if not detected or detected in self.site_names:
            return self
        return CleaningContext(self.fetched_at, self.tz, (*self.site_names, detected), self.site_name_mode,
                               self.image_placeholder)


@dataclass
class CleaningCounts:
    jammer_removed: int = 0
    site_names_removed: int = 0
    times_unparsed: int = 0

    def add(self, other: CleaningCounts) -> None:
        self.jammer_removed += other.jammer_removed
        self.site_names_removed += other.site_names_removed
        self.times_unparsed += other.times_unparsed


@dataclass
class CleanedPost:
    body: str
    quotes: list[dict]
    signature: str | None
    posted_at: datetime | None
    posted_at_precision: str | None
    edited_at: datetime | None
    edited_by: str | None
    images: list[str]
    counts: CleaningCounts = field(default_factory=CleaningCounts)


def without_site_names(text: str, context: CleaningContext, counts: CleaningCounts) -> str:
    cleaned, removed = remove_site_names(text, context.site_names, context.site_name_mode)
    counts.site_names_removed += removed
    return cleaned


def clean_post(body_html: str, *, time_text: str | None, time_title: str | None,
               signature_html: str | None, archiver: bool, context: CleaningContext) -> CleanedPost:
    """Every clean field of one post. A time that is present but unreadable is counted in
    ``times_unparsed`` and left None (``parse_discuz_time`` logs the warning)."""
    post = clean_post_html(body_html, fetched_at=context.fetched_at, tz=context.tz, archiver=archiver,
                           image_placeholder=context.image_placeholder)
    counts = CleaningCounts(jammer_removed=post.jammer_removed)
    body = without_site_names(post.body, context, counts)
    quotes = [{**quote, "text": without_site_names(quote["text"], context, counts)} for quote in post.quotes]
    posted_at, precision = parse_discuz_time(time_text, time_title, context.fetched_at, context.tz)
    if posted_at is None and ((time_text or "").strip() or (time_title or "").strip()):
        counts.times_unparsed += 1
    return CleanedPost(body, quotes, clean_signature_html(signature_html), posted_at, precision,
                       post.edited_at, post.edited_by, post.images, counts)
