"""A Discourse response as the JSON object its API answered, or None for an HTML page (the
crawler view, an error page)."""

from __future__ import annotations

import json
from typing import Any


def json_of(response: Any) -> dict[str, Any] | None:
    text = response.text.lstrip()
    if not text.startswith("{"):
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def number(value: Any) -> int | None:
    """An integer field, None when the answer has none (or not an integer)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
