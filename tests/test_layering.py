"""The packages depend one way (docs/architecture.md): the crawl's readers never reach into
cleaning, and the workers never into the scheduler. Read from the sources' imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# package -> packages it must never import (top-level names, or forum_harvest.<name>)
FORBIDDEN = {
    "scraper": ("pipeline", "forum_harvest"),
    "forum_harvest/distributed": ("forum_harvest.schedule",),
    "forum_harvest/runs": ("forum_harvest.schedule", "forum_harvest.distributed"),
    "db": ("scraper", "pipeline", "forum_harvest"),
}


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_package_never_imports_what_sits_above_it(package):
    wrong = sorted(f"{path.relative_to(REPO)} imports {module}"
                   for path in (REPO / package).rglob("*.py")
                   for module in imported_modules(path)
                   if any(module == banned or module.startswith(banned + ".") for banned in FORBIDDEN[package]))
    assert not wrong, wrong
