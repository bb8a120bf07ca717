"""How text becomes search tokens, and a user's query becomes a safe index expression.

Chinese has no spaces and most words are two characters, so neither word tokenizers nor
FTS5's trigram tokenizer (which cannot match fewer than three characters) find what users
type. We index overlapping character bigrams instead: every run of letters/digits ``abcd``
becomes the tokens ``ab bc cd d`` (one token starting at every position, the last one a
single character that also marks the run's end). A query run then becomes the phrase of
its own bigrams, which matches exactly where the run occurs as a substring; a one-character
run becomes a prefix query. Case is folded; spaces and punctuation separate runs.

The same tokens feed SQLite FTS5 (``ascii`` tokenizer: it splits only on our spaces) and
PostgreSQL tsvectors, so both backends answer the same query the same way. User text never
reaches the index as syntax: every token is quoted, so ``AND``, ``NEAR``, ``*``, quotes or
parentheses are just characters to look for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A quoted phrase (its closing quote optional), else a run of non-space, non-quote text.
_QUERY_TERM = re.compile(r'"([^"]*)"?|([^\s"]+)')
# Letters and digits (Python's alphanumerics, without "_") and private-use characters.
WORD_RUN = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff\U000f0000-\U0010fffd])+")
# Name of the SQL function that SQLite triggers call to tokenize a row.
SQLITE_TOKENS_FUNCTION = "fh_search_tokens"


@dataclass(frozen=True)
class QueryTerm:
    """One thing every hit must contain: its runs, in order, separated only by non-letters."""

    runs: tuple[str, ...]

    def tokens(self) -> tuple[list[str], bool]:
        """The tokens that must follow each other, and whether the last one is a prefix.

        A run followed by another one must end where the text's run ends, so it keeps its
        closing single-character token; a lone final character is a prefix (any token
        starting with it)."""
        tokens: list[str] = []
        for index, run in enumerate(self.runs):
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
            if index < len(self.runs) - 1 or len(run) == 1:
                tokens.append(run[-1])
        return tokens, len(self.runs[-1]) == 1


def is_word_char(char: str) -> bool:
    """Letters, digits and private-use characters are searchable; the rest separates."""
    return WORD_RUN.fullmatch(char) is not None


def word_runs(text: str) -> list[str]:
    """The maximal runs of word characters in ``text``, lower-cased."""
    return WORD_RUN.findall(text.lower())


def search_tokens(text: str | None) -> str:
    """The space-separated bigram tokens the index stores for ``text``."""
    if not text:
        return ""
    tokens = []
    for run in WORD_RUN.findall(text.lower()):
        tokens.extend([run[i : i + 2] for i in range(len(run) - 1)])
        tokens.append(run[-1])
    return " ".join(tokens)


def parse_query(query: str) -> list[QueryTerm]:
    """Whitespace separates terms that must all match; ``"..."`` keeps a phrase together.

    Raises ValueError naming the query when nothing in it is searchable."""
    terms = []
    for match in _QUERY_TERM.finditer(query):
        runs = tuple(word_runs(match.group(1) if match.group(1) is not None else match.group(2)))
        if runs and QueryTerm(runs) not in terms:
            terms.append(QueryTerm(runs))
    if not terms:
        raise ValueError(f"search query {query!r} has no letters or digits to look for")
    return terms


def fts5_expression(terms: list[QueryTerm]) -> str:
    """An FTS5 MATCH expression: one phrase per term, every token a quoted string."""
    phrases = []
    for term in terms:
        tokens, prefix = term.tokens()
        phrase = " + ".join('"' + token.replace('"', '""') + '"' for token in tokens)
        phrases.append(phrase + (" *" if prefix else ""))
    return " AND ".join(phrases)


def tsquery_text(terms: list[QueryTerm]) -> str:
    """A PostgreSQL tsquery literal: phrases with ``<->``, prefixes with ``:*``, ``&`` between."""
    phrases = []
    for term in terms:
        tokens, prefix = term.tokens()
        lexemes = [_tsquery_lexeme(token) for token in tokens]
        if prefix:
            lexemes[-1] += ":*"
        phrases.append("(" + " <-> ".join(lexemes) + ")")
    return " & ".join(phrases)


def tsvector_text(text: str | None) -> str:
    """A PostgreSQL tsvector literal of ``text``'s tokens with their positions (1-based).

    PostgreSQL caps positions at 16383 and keeps 256 per lexeme, so phrase matches beyond
    that in one very long text may be missed."""
    tokens = search_tokens(text).split()
    return " ".join(f"{_tsquery_lexeme(token)}:{min(i, 16383)}" for i, token in enumerate(tokens, 1))


def register_sqlite_function(dbapi_connection: object, connection_record: object = None) -> None:
    """Make ``fh_search_tokens(text)`` callable from SQL (the FTS5 triggers use it)."""
    dbapi_connection.create_function(  # type: ignore[attr-defined]
        SQLITE_TOKENS_FUNCTION, 1, search_tokens, deterministic=True
    )


def _tsquery_lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
