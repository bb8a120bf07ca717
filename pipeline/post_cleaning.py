"""Clean one post's raw fields (as a page object or a PostItem holds them) into export fields.

The one place HTML mode, the CLI and the Scrapy item pipeline all go through, so they
cannot drift apart: markup cleaning, site-name removal, times, and the counts of what was
removed or could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from pipeline.attachment_readers import attachment_taker, listed_attachments
from pipeline.attachment_record import Attachment
from pipeline.attachment_ids import attachment_id
from pipeline.control_chars import without_controls
from pipeline.clean import IMAGE_PLACEHOLDER, clean_post_html, clean_signature_html
from pipeline.site_names import remove_site_names
from scraper.engines import by_name
from scraper.engines.base import Wording


@dataclass(frozen=True)
class CleaningContext:
    """What cleaning needs beyond the post: when and where the page was seen, which names
    the site injects (configured plus detected) and how to treat them."""

    fetched_at: datetime
    tz: str = "Asia/Shanghai"
    site_names: tuple[str, ...] = ()
    site_name_mode: str = "injected"
    image_placeholder: str = IMAGE_PLACEHOLDER
    engine: str = "discuz"  # whose words and time forms the post is in (scraper.engines)
    # The order of the page's numeric dates (scraper.engines.date_order); handed to HTML mode's
    # clean_page, the user's setting the page's order is decided with.
    date_order: str | None = None

    def with_site_name(self, detected: str | None) -> CleaningContext:
        if not detected or detected in self.site_names:
            return self
        return replace(self, site_names=(*self.site_names, detected))


@dataclass
class CleaningCounts:
    jammer_removed: int = 0
    site_names_removed: int = 0
    times_unparsed: int = 0  # a time was shown but could not be read (logged, left None)
    times_missing: int = 0  # the reader found no time for the post at all

    def add(self, other: CleaningCounts) -> None:
        self.jammer_removed += other.jammer_removed
        self.site_names_removed += other.site_names_removed
        self.times_unparsed += other.times_unparsed
        self.times_missing += other.times_missing


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
    content_hidden: bool = False
    attachments: list[Attachment] = field(default_factory=list)


def storable_image_url(site: str | None, src: str) -> str | None:
    """``src`` made absolute against the site root, or None unless that is an http(s) URL of
    something on a host (``file:``, ``data:``, ``javascript:``, ``#`` and the bare root are not
    pictures to keep)."""
    src = src.strip()
    if not src or src.startswith("#"):
        return None
    url = urljoin(site or "", src)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or (parts.path in ("", "/") and not parts.query):
        return None
    return url


def storable_images(site: str | None, sources: list[str]) -> list[str]:
    """The pictures' absolute http(s) URLs, in order, each once."""
    urls = (storable_image_url(site, src) for src in sources)
    return list(dict.fromkeys(url for url in urls if url))


def storable_attachments(site: str | None, attachments: list[Attachment]) -> list[dict]:
    """Attachment records with absolute http(s) URLs (None otherwise) and Discuz's ``aid``."""
    records = []
    for attachment in attachments:
        url = storable_image_url(site, attachment.url) if attachment.url else None
        records.append(attachment.record() | {"url": url, "name": without_controls(attachment.name),
                                              "attachment_id": attachment_id(url)})
    return records


def without_site_names(text: str, context: CleaningContext, counts: CleaningCounts) -> str:
    cleaned, removed = remove_site_names(text, context.site_names, context.site_name_mode)
    counts.site_names_removed += removed
    return cleaned


def edited_by_notice(notice: str | None, wording: Wording, fetched_at: datetime,
                     tz: str, attr: str | None = None) -> tuple[datetime | None, str | None]:
    """``(edited_at, editor)`` from an edit notice an engine prints outside the message;
    ``attr``, its time's machine-readable form, wins over the text."""
    match = wording.edit_notice(notice)
    if match is None:
        return None, None
    return wording.parse_time(match["time"], attr, fetched_at, tz)[0], match["author"]


def clean_post(body_html: str, *, time_text: str | None, time_title: str | None,
               signature_html: str | None, archiver: bool, context: CleaningContext,
               edit_notice: str | None = None, edit_time: str | None = None,
               attachments_html: str | None = None) -> CleanedPost:
    """Every clean field of one post. A time that is present but unreadable is counted in
    ``times_unparsed`` and left None (the engine's ``parse_time`` logs the warning); a post the
    reader found no time for at all is counted in ``times_missing``. ``edit_notice``: one the
    engine prints outside the message (``RawPost.edit_notice``), ``edit_time`` its time's
    machine-readable form (``RawPost.edit_time``). Attachments: those in the message, then
    those listed below it (``attachments_html``)."""
    wording = by_name(context.engine).wording.ordered(context.date_order)
    take_attachment_widgets = attachment_taker(context.engine, wording)
    post = clean_post_html(body_html, fetched_at=context.fetched_at, tz=context.tz, archiver=archiver,
                           image_placeholder=context.image_placeholder, parse_time=wording.parse_time,
                           take_attachment_widgets=take_attachment_widgets)
    counts = CleaningCounts(jammer_removed=post.jammer_removed)
    body = without_controls(without_site_names(post.body, context, counts))
    quotes = [{**quote, "text": without_controls(without_site_names(quote["text"], context, counts)),
               "author": without_controls(quote.get("author"))} for quote in post.quotes]
    posted_at, precision = wording.parse_time(time_text, time_title, context.fetched_at, context.tz)
    edited_at, edited_by = post.edited_at, post.edited_by
    if edit_notice:
        edited_at, edited_by = edited_by_notice(edit_notice, wording, context.fetched_at, context.tz, edit_time)
    shown = bool((time_text or "").strip() or (time_title or "").strip())
    counts.times_unparsed += posted_at is None and shown
    counts.times_missing += not shown
    return CleanedPost(body, quotes, without_controls(clean_signature_html(signature_html)), posted_at, precision,
                       edited_at, without_controls(edited_by), post.images, counts, post.content_hidden,
                       post.attachments + listed_attachments(take_attachment_widgets, attachments_html,
                                                             context.fetched_at, context.tz))
