"""The table styles: subsilver2 (phpBB 3.0) and subSilver (2.0). Not yet read: no real page of
either was captured (see the package's docstring); every reader answers "nothing here"."""

from __future__ import annotations

from scraper.engines.base import RawPost, ThreadRow
from scraper.engines.phpbb.pages import Page


def posts(page: Page, offset: int) -> list[RawPost]:
    return []


def topic_rows(page: Page) -> list[ThreadRow]:
    return []
