"""How well a hit's text matches the query: a BM25-style score computed from the text itself.

Why not FTS5's bm25()? It re-reads the whole index entry of every query phrase for its
statistics, even when only a few matches are ranked: ~4 ms for a common two-character word
at 1M posts (300k matches), and as much again as the match itself for a 4-character phrase
(measured with bench/search.py), which alone breaks the 100x-faster-than-LIKE target.
Scoring the candidates' text in Python costs about a microsecond per candidate, and ranks
the same way on SQLite and PostgreSQL (which used ts_rank before).

For each query term: ``tf`` = non-overlapping occurrences of the term in the text (case
folded, punctuation and spaces between its runs collapsed, as matching does), ``dl`` =
the case-folded text's length in characters, ``avgdl`` = the mean ``dl`` of the texts
scored together.
Score = -Σ tf·(K1+1) / (tf + K1·(1 - B + B·dl/avgdl)), lower is better. There is no IDF
factor: every hit contains every term, and the document frequency of a common term is
exactly what we avoid computing, so all terms weigh the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from db.search_tokens import WORD_RUN, QueryTerm

K1, B = 1.2, 0.75


def text_scores(texts: Sequence[str | None], terms: list[QueryTerm]) -> list[float]:
    """The score of each text for the query ``terms`` (0.0 for a text without them)."""
    lowered = [(text or "").lower() for text in texts]
    average = (sum(map(len, lowered)) / len(lowered) if lowered else 0.0) or 1.0
    norms = [K1 * (1 - B + B * len(text) / average) for text in lowered]
    scores = [0.0] * len(lowered)
    for term in terms:
        for index, count in enumerate(_occurrences(lowered, term)):
            scores[index] -= count * (K1 + 1) / (count + norms[index])
    return scores


def _occurrences(lowered: list[str], term: QueryTerm) -> list[int]:
    """How often ``term`` occurs in each text. A one-run term is counted in the text as it
    is (the same count: a run never spans a separator), a longer one in the text's runs."""
    if len(term.runs) == 1:
        return [text.count(term.runs[0]) for text in lowered]
    phrase = " ".join(term.runs)
    return [" ".join(WORD_RUN.findall(text)).count(phrase) for text in lowered]
