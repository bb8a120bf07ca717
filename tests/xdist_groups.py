"""Which tests ``make test`` keeps together on one pytest-xdist worker, and the scheduler that
does it (``--dist loadgroup``, through ``conftest.py``'s hooks).

A test that uses a module-, class- or package-scoped fixture belongs to its module's group:
the group runs on one worker, in file order, and builds the fixture once. Every other test is a
unit of its own that any idle worker takes, so a slow file no longer holds one worker.

xdist's own ``loadgroup`` cannot carry this: it renames each grouped test's node id, and
pytest 9.2 no longer reads the renamed id (the groups silently vanish). So the workers, which
collect, write the groups to a file the controller named (``$FH_TEST_GROUPS_FILE``), and the
controller's scheduler, which sees only node ids, reads it when it splits the work.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from xdist.scheduler import LoadScopeScheduling

GROUPS_FILE_ENV = "FH_TEST_GROUPS_FILE"
# Fixture scopes whose value neighbouring tests share.
SHARED_SCOPES = frozenset({"module", "class", "package"})


def name_groups_file() -> None:
    """In the controller, before the workers start: where they will write the groups."""
    folder = tempfile.mkdtemp(prefix="fh-xdist-groups-")
    os.environ[GROUPS_FILE_ENV] = str(Path(folder) / "groups.json")


def remove_groups_file() -> None:
    path = os.environ.pop(GROUPS_FILE_ENV, None)
    if path:
        shutil.rmtree(Path(path).parent, ignore_errors=True)


def group_of(item: pytest.Item) -> str | None:
    """The item's module when it uses a fixture shared beyond one test, else None."""
    definitions = getattr(item, "_fixtureinfo", None)
    if definitions is None:
        return None
    scopes = {fixture.scope for defs in definitions.name2fixturedefs.values() for fixture in defs}
    return item.module.__name__ if scopes & SHARED_SCOPES else None


def write_groups(items: list[pytest.Item]) -> None:
    """In a worker, after collection: every grouped test's node id and group. Every worker
    collects the same tests and writes the same file; each replaces it whole."""
    path = Path(os.environ[GROUPS_FILE_ENV])
    groups = {item.nodeid: group for item in items if (group := group_of(item))}
    written = path.with_name(f"{path.name}.{os.getpid()}")
    written.write_text(json.dumps(groups))
    os.replace(written, path)


class SharedFixtureScheduling(LoadScopeScheduling):
    """xdist's scope scheduling with the groups the workers wrote as scopes: a grouped test's
    scope is its group, any other test is a scope of its own. Bigger scopes go out first."""

    def __init__(self, config: pytest.Config, log=None) -> None:
        super().__init__(config, log)
        self.groups: dict[str, str] | None = None

    def _split_scope(self, nodeid: str) -> str:
        if self.groups is None:  # read once, when the workers have all collected
            self.groups = json.loads(Path(os.environ[GROUPS_FILE_ENV]).read_text())
        return self.groups.get(nodeid, nodeid)
