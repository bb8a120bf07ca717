"""Which tests ``make test`` keeps together on one pytest-xdist worker, and the scheduler that
does it (``--dist loadgroup``, through ``conftest.py``'s hooks).

A test that uses a module-, class- or package-scoped fixture belongs to its module's group:
the group runs on one worker, in file order, and builds the fixture once. Every other test is a
unit of its own that any idle worker takes, so a slow file no longer holds one worker.

xdist's own ``loadgroup`` cannot carry this: it renames each grouped test's node id, and
pytest 9.2 no longer reads the renamed id (the groups silently vanish). So the workers, which
collect, write the groups to a file the controller named (``$FH_TEST_GROUPS_FILE``), and the
controller's scheduler, which sees only node ids, reads it when it splits the work.

The work goes out longest first, by the seconds each test took in a recorded run
(``tests/durations.json``, written by ``make test-durations``): the workers put their
collection in that order (a group keeps its own order inside), and the controller hands the
units out in it (``--no-loadscope-reorder``). A test the file does not know counts as its file's mean (a
new file's: as quick); a stale file only makes the order less good. Without it, the slow end-to-end tests met the
end of the run in alphabetical order, and the last workers finished 25 s after the first.
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
DURATIONS_FILE = Path(__file__).resolve().parent / "durations.json"
# Where ``make test-durations`` has the controller write each test's seconds.
DURATIONS_OUT_ENV = "FH_TEST_DURATIONS_OUT"
UNKNOWN_SECONDS = 0.01  # a test of a file the durations file does not name: most are quick
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
    """The item's module when it uses a fixture shared beyond one test, else None; with the
    parameter of each such fixture that is parametrized, as each parameter's value is an
    instance of its own (a module's tests of one engine and database, not all of them)."""
    definitions = getattr(item, "_fixtureinfo", None)
    if definitions is None:
        return None
    shared = sorted(name for name, defs in definitions.name2fixturedefs.items()
                    if any(fixture.scope in SHARED_SCOPES for fixture in defs))
    if not shared:
        return None
    params = getattr(getattr(item, "callspec", None), "params", {})
    return item.module.__name__ + "".join(f"[{name}={params[name]!r}]" for name in shared if name in params)


def groups_of(items: list[pytest.Item]) -> dict[str, str | None]:
    """Each item's group (``group_of``) by node id, worked out once for ordering and writing."""
    return {item.nodeid: group_of(item) for item in items}


def recorded_seconds() -> dict[str, float]:
    """Each test's seconds in the recorded run (none before one was recorded)."""
    return json.loads(DURATIONS_FILE.read_text()) if DURATIONS_FILE.is_file() else {}


def longest_first(items: list[pytest.Item], groups: dict[str, str | None], seconds: dict[str, float]) -> None:
    """Reorder ``items`` in place: whole ``groups`` (a singleton: one test) by their ``seconds``,
    longest first; each group's tests in their own order, ties in collection order. A test
    ``seconds`` does not name (new, or renamed) counts as the mean of its file's known ones."""
    members: dict[str, list[pytest.Item]] = {}
    for item in items:
        members.setdefault(groups[item.nodeid] or item.nodeid, []).append(item)
    by_file: dict[str, list[float]] = {}
    for nodeid, taken in seconds.items():
        by_file.setdefault(nodeid.split("::")[0], []).append(taken)
    file_means = {path: sum(times) / len(times) for path, times in by_file.items()}

    def expected(item: pytest.Item) -> float:
        return seconds.get(item.nodeid) or file_means.get(item.nodeid.split("::")[0], UNKNOWN_SECONDS)

    ranked = sorted(members.values(), key=lambda group: -sum(map(expected, group)))
    items[:] = [item for group in ranked for item in group]


class DurationRecorder:
    """In the controller of ``make test-durations``: each test's seconds (setup, call and
    teardown), written to ``$FH_TEST_DURATIONS_OUT`` at the end, the quick ones left out."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seconds: dict[str, float] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[report.nodeid] = self.seconds.get(report.nodeid, 0.0) + report.duration

    def pytest_sessionfinish(self) -> None:
        kept = {nodeid: round(total, 2) for nodeid, total in sorted(self.seconds.items()) if total >= 0.05}
        self.path.write_text(json.dumps(kept, indent=0, ensure_ascii=False) + "\n")


def write_groups(groups: dict[str, str | None]) -> None:
    """In a worker, after collection: every grouped test's node id and group. Every worker
    collects the same tests and writes the same file; each replaces it whole."""
    path = Path(os.environ[GROUPS_FILE_ENV])
    written = path.with_name(f"{path.name}.{os.getpid()}")
    written.write_text(json.dumps({nodeid: group for nodeid, group in groups.items() if group}))
    os.replace(written, path)


class SharedFixtureScheduling(LoadScopeScheduling):
    """xdist's scope scheduling with the groups the workers wrote as scopes: a grouped test's
    scope is its group, any other test is a scope of its own. The scopes go out in the order
    the workers collected them (``longest_first``; ``--no-loadscope-reorder``)."""

    def __init__(self, config: pytest.Config, log=None) -> None:
        super().__init__(config, log)
        self.groups: dict[str, str] | None = None

    def _split_scope(self, nodeid: str) -> str:
        if self.groups is None:  # read once, when the workers have all collected
            self.groups = json.loads(Path(os.environ[GROUPS_FILE_ENV]).read_text())
        return self.groups.get(nodeid, nodeid)
