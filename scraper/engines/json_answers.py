"""Answers of a forum's JSON API (Discourse's, NodeBB's): the object a response or a text holds,
its integer fields."""

from __future__ import annotations

import json
from typing import Any


def json_object(text: str) -> dict[str, Any] | None:
    """The JSON object ``text`` is, None for anything else (HTML, an array, broken JSON)."""
    text = text.lstrip()
    if not text.startswith("{"):
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def json_of(response: Any) -> dict[str, Any] | None:
    """The JSON object a response's body is, None for an HTML page (a crawler view, an error page)."""
    return json_object(response.text)


def number(value: Any) -> int | None:
    """An integer field, None when the answer has none (or not an integer)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
