"""The configuration reference, read from the code's own definitions so it cannot drift.

Every Scrapy setting of ``scraper/settings.py`` and every key of the config file's models
(``forum_harvest.config``) is described by its comment in the source: the comment at the end
of its line, else the nearest comment block above it in the same paragraph (a block heads
the settings that follow it up to a blank line). A setting or key without one raises
:class:`Undescribed`, so ``mkdocs build`` (and the suite, which runs it) fails.
"""

from __future__ import annotations

import ast
import inspect
import io
import textwrap
import tokenize
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SETTINGS_FILE = REPO / "scraper" / "settings.py"


class Undescribed(ValueError):
    """A setting or config key has no comment to describe it."""


@dataclass(frozen=True)
class Described:
    name: str
    default: str | None  # its value as written ("" when it spans several lines), None: required
    annotation: str  # its type as written, "" when it has none
    description: str


def described_assignments(source: str, where: str) -> list[Described]:
    """Every name assigned at the top level of ``source``, with its comment."""
    return _described(source, ast.parse(source).body, 0, where)


def _described(source: str, statements: list[ast.stmt], previous_end: int, where: str) -> list[Described]:
    """The names ``statements`` (of ``source``, after its line ``previous_end``) assign."""
    comments = _comments_by_line(source)
    lines = source.splitlines()
    found = []
    heading = ""
    for statement in statements:
        heading = _heading_comment(lines[previous_end:statement.lineno - 1], comments, previous_end, heading)
        previous_end = statement.end_lineno or statement.lineno
        target = _target_name(statement)
        if target is None or target.startswith("_") or target == "model_config":
            continue
        description = " — ".join(part for part in (heading, comments.get(statement.lineno, "")) if part)
        if not description:
            raise Undescribed(f"{where}: {target} has no comment describing it (a '# …' on its line or above it)")
        value = ast.get_source_segment(source, statement.value) if statement.value is not None else None
        annotation = isinstance(statement, ast.AnnAssign) and ast.get_source_segment(source, statement.annotation)
        found.append(Described(target, "" if value and "\n" in value else value, annotation or "", description))
    return found


def _heading_comment(between: list[str], comments: dict[int, str], first_line: int, heading: str) -> str:
    """The comment block heading a statement preceded by the lines ``between`` (numbered from
    ``first_line`` + 1): a block right above it; else, right after another statement, that
    statement's heading; else (a blank line above) none."""
    if not between:
        return heading
    block: list[str] = []
    for offset in range(len(between) - 1, -1, -1):
        if not between[offset].lstrip().startswith("#"):
            break
        block.insert(0, comments[first_line + offset + 1])
    return " ".join(block)


def scrapy_settings() -> list[Described]:
    """The settings of ``scraper/settings.py``, in file order."""
    described = described_assignments(SETTINGS_FILE.read_text(encoding="utf-8"), "scraper/settings.py")
    return [item for item in described if item.name.isupper()]


def model_keys(model: type) -> list[Described]:
    """The fields of a config model class, in definition order."""
    source = textwrap.dedent(inspect.getsource(model))
    class_def = ast.parse(source).body[0]
    assert isinstance(class_def, ast.ClassDef)
    described = _described(source, class_def.body, class_def.lineno, f"{model.__module__}.{model.__name__}")
    return [item for item in described if item.name in model.model_fields]


def _target_name(statement: ast.stmt) -> str | None:
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id
    return None


def _comments_by_line(source: str) -> dict[int, str]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {token.start[0]: token.string.lstrip("#").strip() for token in tokens if token.type == tokenize.COMMENT}
