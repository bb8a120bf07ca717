"""What a crawl stored, read back as export records, and how to compare it with the sample
forum's ground truth. Shared by the end-to-end, crash and distributed tests."""

from __future__ import annotations

import json

from forum_harvest.sample_forum.model import IMAGE_PLACEHOLDER
from tests.conftest import run_cli


def export(db_url: str) -> list[dict]:
    result = run_cli("export", "--format", "jsonl", "--db", db_url)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def lines(text: str | None) -> list[str] | None:
    """A text's non-blank lines, each kept exactly: blank lines between paragraphs are
    layout (a `<ul><br />` makes one), not the author's characters."""
    return None if text is None else [line for line in text.split("\n") if line.strip()]


def truth_lines(record: dict, archiver: bool) -> list[str]:
    """The truth body's lines; the archiver prints no pictures, so no placeholder lines."""
    return [line for line in lines(record["body"]) if not (archiver and line == IMAGE_PLACEHOLDER)]


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None
