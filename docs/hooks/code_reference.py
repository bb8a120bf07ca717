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
    comments = _comments_by_line(source)
    lines = source.splitlines()
    found = []
    heading, previous_end = "", 0
    for statement in ast.parse(source).body:
        heading = _heading_comment(lines[previous_end:statement.lineno - 1], comments, previous_end, heading)
        previous_end = statement.end_lineno or statement.lineno
        target = _target_name(statement)
        if target is None or target.startswith("_") or target == "model_config":
            continue
        description = " — ".join(part for part in (heading, comments.get(statement.lineno, "")) if part)
        if not description:
            raise Undescribed(f"{where}: {target} has no comment describing it (a '# …' on its line or above it)")
        value = ast.get_source_segment(source, statement.value) if statement.value is not None else None
        annotation = ast.get_source_segment(source, statement.annotation) if isinstance(statement, ast.AnnAssign) else ""
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
    class_body = ast.parse(source).body[0]
    assert isinstance(class_body, ast.ClassDef)
    body_source = "\n".join(source.splitlines()[class_body.body[0].lineno - 1:])
    body_source = textwrap.dedent(_without_docstring(class_body, source, body_source))
    described = described_assignments(body_source, f"{model.__module__}.{model.__name__}")
    fields = set(model.model_fields)
    return [item for item in described if item.name in fields]


def _without_docstring(class_def: ast.ClassDef, source: str, body_source: str) -> str:
    first = class_def.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        skipped = first.end_lineno - first.lineno + 1
        return "\n".join(body_source.splitlines()[skipped:])
    return body_source


def _target_name(statement: ast.stmt) -> str | None:
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id
    return None


def _comments_by_line(source: str) -> dict[int, str]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {token.start[0]: token.string.lstrip("#").strip() for token in tokens if token.type == tokenize.COMMENT}
