"""C0 control characters out of stored text.

A page may carry ``\\x01``, ``\\x0b``, ``\\x1f``… (as bytes or as ``&#1;``): invisible, and
trouble for every consumer (XML, CSV readers, terminals, some JSON tools). Every C0 control
but tab and newline is removed from post bodies, quotes, signatures, thread titles, forum
names and authors: by ``post_cleaning.clean_post`` for a post's text and by the cleaning
stage (``pipeline.cleaning_stage``) for the names on items.
"""

from __future__ import annotations

import re
from typing import Any

C0_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f]")
# The text fields of the items that are names (a post's body goes through clean_post).
NAME_FIELDS = ("name", "title", "author", "category", "edited_by")


def without_controls(text: str | None) -> str | None:
    """``text`` without C0 control characters other than tab and newline."""
    return C0_CONTROLS.sub("", text) if text else text


def plain_names(item: Any) -> None:
    """Remove control characters from an item's name fields, in place."""
    for name in NAME_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str):
            setattr(item, name, without_controls(value))
