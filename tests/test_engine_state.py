"""Engines keep nothing between calls (issue 19's review): every captured page of every engine,
read by its engine's three readers and its every link classified, canonicalized and written
back, leaves every module-level value of every ``scraper.engines`` module as it was. What a
crawl learns of its site is the crawl's ``SiteFacts``, which two crawls in one process never
share (``tests/test_site_facts.py``)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Any
from urllib.parse import urljoin

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from scraper.engines import ENGINE_NAMES, by_name
from tests.engine_pages import FIXTURES, SITE


def _captured(engine: str) -> Iterator[tuple[str, Path]]:
    """(URL it was asked at, file) of every captured page (HTML, or a JSON API's answer) of
    ``engine``: the URL a ``pages.json`` beside it gives, else the file's name under the capture's
    site."""
    for directory in sorted(FIXTURES.glob(f"{engine}*")):
        asked = {}
        for listing in directory.rglob("pages.json"):
            asked |= {listing.parent / entry["file"]: entry["url"] for entry in
                      json.loads(listing.read_text("utf-8"))["files"] if entry.get("file")}
        for path in sorted(directory.rglob("*")):
            answer = path.suffix == ".json" and not path.name.endswith(("pages.json", "expected.json")) \
                and not path.name.startswith("truth")  # the capture's listing and truth, not pages
            if path.suffix in (".html", ".htm") or answer:
                yield SITE + asked.get(path, path.name), path


def _kept(value: Any, seen: frozenset[int] = frozenset()) -> Any:
    """What ``value`` holds now, to compare with later: containers and objects copied through
    (their items, fields, attributes); modules, classes, functions, loggers and values without
    attributes (strings, numbers, compiled patterns) as themselves, and so an object met again
    within itself. A module's logger is the logging module's: its ``_cache`` of enabled levels
    fills on the first record asked for, as the tests run before set levels (no site's fact)."""
    if isinstance(value, (ModuleType, type, FunctionType, logging.Logger)) or id(value) in seen:
        return value
    inner = seen | {id(value)}
    if isinstance(value, dict):
        return {key: _kept(item, inner) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, bytearray)):
        return type(value).__name__, [_kept(item, inner) for item in value]
    if not hasattr(value, "__dict__"):
        return value
    if is_dataclass(value):
        return type(value), {field.name: _kept(getattr(value, field.name), inner) for field in fields(value)}
    return type(value), {name: _kept(item, inner) for name, item in vars(value).items()}


def _state() -> dict[tuple[str, str], Any]:
    """Every module-level value of every loaded ``scraper.engines`` module, as it is now."""
    return {(module_name, name): _kept(value) for module_name, module in list(sys.modules.items())
            if module_name.startswith("scraper.engines") and module is not None
            for name, value in vars(module).items() if not name.startswith("__")}


def _read(engine_name: str, url: str, path: Path) -> None:
    """The page read as an index, a thread list and a thread page (one crawl each), and each of
    its links classified, canonicalized and its page written back."""
    engine = by_name(engine_name)
    response = HtmlResponse(url, body=path.read_bytes())
    for read in (engine.index_page, engine.forum_page, engine.thread_page):
        try:
            read(response)
        except Exception:  # noqa: BLE001 (a page of another kind may stop a reader: only what it leaves counts)
            continue
    site = engine.site_root(url)
    for href in Selector(text=response.text, type="html").xpath("//a/@href").getall():
        link = urljoin(url, href)
        engine.canonicalize(link)
        ref = engine.classify(link)
        if ref is not None and ref.kind in ("forum", "thread"):
            engine.page_url(site, ref.kind, ref.forum_id if ref.kind == "forum" else ref.thread_id, ref.page)


@pytest.mark.parametrize("engine_name", ENGINE_NAMES)
def test_reading_every_captured_page_of_an_engine_changes_no_module_state(engine_name: str) -> None:
    pages = list(_captured(engine_name))
    by_name(engine_name)
    before = _state()
    for url, path in pages:
        _read(engine_name, url, path)
    after = _state()
    assert pages
    assert after.keys() >= before.keys()
    assert {key: after[key] for key in before if after[key] != before[key]} == {}
