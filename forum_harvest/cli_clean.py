"""``forum-harvest clean FILE``: clean one saved page or copied thread text, print JSON.

A thin layer over ``pipeline.page_mode.clean_page`` (HTML) and
``pipeline.text_mode.clean_thread_text`` (text); the cleaning rules live there. They are
imported when the command runs: the rest of the CLI starts without them (and Scrapy).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from forum_harvest.cli_options import user_errors
from pipeline.charset import decode_bytes
from pipeline.site_names import MODES
from scraper.engines.shown_times import DATE_ORDERS

if TYPE_CHECKING:
    from pipeline.post_cleaning import CleaningContext

_LOOKS_LIKE_HTML = re.compile(r"<(?:!doctype|html|head|body|div|p|br|table|td|font|span|a)\b", re.I)


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"--tz {tz!r}: unknown timezone (expected e.g. Asia/Shanghai)") from None


def _fetched_at(value: str | None, path: Path, zone: ZoneInfo) -> datetime:
    """``--fetched-at`` (a naive time is read in the site's zone), else the file's mtime."""
    if value is None:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC) if path.is_file() else datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--fetched-at {value!r}: not an ISO 8601 time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:  # missing, a directory, no permission
        raise ValueError(f"{path}: cannot read: {(error.strerror or str(error)).lower()}") from None
    try:
        return decode_bytes(data)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None


def _text_result(text: str, context: CleaningContext) -> dict[str, Any]:
    from pipeline.text_mode import clean_thread_text

    thread = clean_thread_text(text, context=context)
    first, *replies = thread.posts
    return {"title": thread.title, **first, "site_name": thread.site_name, "replies": replies,
            "counts": asdict(thread.counts)}


def _html_result(html: str, context: CleaningContext, url: str, engine: str | None) -> dict[str, Any]:
    from pipeline.page_mode import clean_page

    thread = clean_page(html, context=context, url=url, engine=engine)
    info = {key: value for key, value in asdict(thread).items() if key not in ("posts", "counts")}
    return {"thread": info, "posts": thread.posts, "counts": asdict(thread.counts)}


@click.command("clean")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--mode", type=click.Choice(["auto", "html", "text"]), default="auto", show_default=True,
              help="html: a saved thread/archiver page or post element; text: a copied thread.")
@click.option("--site-name", "site_names", multiple=True, metavar="NAME",
              help="A name the site injects into posts (repeatable); the page's own name is added.")
@click.option("--site-name-mode", type=click.Choice(MODES), default="injected", show_default=True,
              help="Remove injected occurrences only, all of them, or none.")
@click.option("--fetched-at", metavar="ISO", default=None,
              help="When the page was fetched (relative times count from it); default: the file's mtime.")
@click.option("--tz", default="Asia/Shanghai", show_default=True, help="Timezone the site renders times in.")
@click.option("--url", default="", help="URL the page was fetched from (HTML mode: ids, site, post URLs).")
@click.option("--engine", default=None, metavar="NAME",
              help="HTML mode: the forum engine (discuz, phpbb…); default: found from the page.")
@click.option("--date-order", type=click.Choice(DATE_ORDERS), default=None,
              help="HTML mode: the order of numeric dates (03/01/18) when the page's own dates do not decide it.")
@user_errors
def clean(file: Path, mode: str, site_names: tuple[str, ...], site_name_mode: str, fetched_at: str | None,
          tz: str, url: str, engine: str | None, date_order: str | None) -> None:
    """Clean FILE (a forum page of any engine read, or a copied Discuz! thread's text) and print the result as JSON."""
    from pipeline.post_cleaning import CleaningContext

    zone = _zone(tz)
    context = CleaningContext(_fetched_at(fetched_at, file, zone), tz, site_names, site_name_mode,
                              date_order=date_order)
    text = _read_text(file)
    if mode == "auto":
        mode = "html" if _LOOKS_LIKE_HTML.search(text[:4096]) else "text"
    logging.basicConfig(format=f"warning: {file}: %(message)s", level=logging.WARNING)
    try:
        result = _html_result(text, context, url, engine) if mode == "html" else _text_result(text, context)
    except ValueError as error:  # not a thread: a message page, no post header
        raise ValueError(f"{file}: {error}") from None
    click.echo(json.dumps(result, ensure_ascii=False, indent=1))
