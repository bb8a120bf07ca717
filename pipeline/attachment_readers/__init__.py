"""Every engine's attachment widgets read into records (``pipeline.attachment_record``): one
module per engine of its widget shape (Discuz's many families: ``pipeline.attachments``).
``attachment_taker`` gives cleaning the one function it calls on a message, and on the list
an engine prints below it (``RawPost.attachments_html``): read every widget, take each out
(one placeholder where a file stood, a picture's widget left as its picture)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bs4 import BeautifulSoup

from pipeline.attachment_record import Attachment, take_widget
from pipeline.attachment_readers import discourse, invision, mybb, nodebb, phpbb, phpwind, smf, vbulletin, xenforo
from pipeline.attachment_readers.widgets import Reader
from pipeline.attachments import take_attachments
from scraper.engines.base import Wording

# (soup, placeholder, fetched_at, tz) -> the records, in page order; the widgets taken out.
AttachmentTaker = Callable[[BeautifulSoup, str, datetime, str], list[Attachment]]

READERS: dict[str, Reader] = {
    "phpbb": phpbb.read, "vbulletin": vbulletin.read, "xenforo": xenforo.read, "smf": smf.read,
    "mybb": mybb.read, "phpwind": phpwind.read, "discourse": discourse.read,
    "invision": invision.read, "nodebb": nodebb.read,
}


def attachment_taker(engine: str, wording: Wording) -> AttachmentTaker:
    """The taker of ``engine``'s widgets; upload times read by the engine's ``parse_time``."""
    read = READERS.get(engine)
    if read is None:
        return take_attachments

    def take(soup: BeautifulSoup, placeholder: str, fetched_at: datetime, tz: str) -> list[Attachment]:
        def time_of(shown: str | None) -> str | None:
            moment, _ = wording.parse_time(shown, None, fetched_at, tz) if shown else (None, None)
            return moment.isoformat() if moment else None

        found = read(soup, time_of)
        for nodes, _, picture in found:
            take_widget(nodes, picture, placeholder, keep_block=True)
        return [attachment for _, attachment, _ in found]

    return take


def listed_attachments(taker: AttachmentTaker, html: str | None, fetched_at: datetime, tz: str) -> list[Attachment]:
    """The attachments of a list below the message (``RawPost.attachments_html``)."""
    return taker(BeautifulSoup(html, "lxml"), "", fetched_at, tz) if html else []
