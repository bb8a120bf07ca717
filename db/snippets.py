"""Short excerpts of a hit around what the query matched, with the matches marked.

Computed from the stored text in Python rather than by the index (FTS5's snippet() would
show our bigram tokens, and the SQLite index keeps no text), so both backends show the same.
"""

from __future__ import annotations

import re

from db.search_tokens import QueryTerm

SNIPPET_CHARS = 80
ELLIPSIS = "…"
# (text, is_match) pieces, in order; the caller decides how a match is shown.
Segments = list[tuple[str, bool]]


def snippet_segments(text: str | None, terms: list[QueryTerm], width: int = SNIPPET_CHARS) -> Segments:
    """About ``width`` characters of ``text`` (whitespace collapsed) around the first match,
    every match inside marked; the text's start if nothing matches."""
    flat = " ".join((text or "").split())
    spans = _merged(_match_spans(flat, terms))
    start = max(0, spans[0][0] - width // 4) if spans else 0
    end = min(len(flat), start + width)
    segments: Segments = [(ELLIPSIS, False)] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        segments += [(flat[position:span_start], False), (flat[span_start:span_end], True)]
        position = span_end
    segments.append((flat[position:end], False))
    if end < len(flat):
        segments.append((ELLIPSIS, False))
    return [(piece, is_match) for piece, is_match in segments if piece]


def marked(segments: Segments, before: str = "«", after: str = "»") -> str:
    """The segments as one string, each match between ``before`` and ``after``."""
    return "".join(f"{before}{piece}{after}" if is_match else piece for piece, is_match in segments)


def _match_spans(text: str, terms: list[QueryTerm]) -> list[tuple[int, int]]:
    runs = {run for term in terms for run in term.runs}
    return [
        (found.start(), found.end())
        for run in runs
        for found in re.finditer(re.escape(run), text, re.IGNORECASE)
    ]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
