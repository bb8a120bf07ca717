"""How ``make test`` orders and groups the tests for its workers (tests/xdist_groups.py)."""

from __future__ import annotations

import json
from types import SimpleNamespace

from tests.xdist_groups import DurationRecorder, group_of, groups_of, longest_first


def item(nodeid: str, *scopes: str) -> SimpleNamespace:
    """A collected test as the grouping reads it: its id, its fixtures' scopes, its module."""
    fixtures = {f"fixture{n}": [SimpleNamespace(scope=scope)] for n, scope in enumerate(scopes)}
    return SimpleNamespace(nodeid=nodeid, _fixtureinfo=SimpleNamespace(name2fixturedefs=fixtures),
                           module=SimpleNamespace(__name__=nodeid.split("::")[0]))


def test_a_test_sharing_a_module_fixture_is_in_its_module_s_group():
    assert group_of(item("tests/test_a.py::test_x", "function", "module")) == "tests/test_a.py"
    assert group_of(item("tests/test_a.py::test_y", "function", "session")) is None


def test_each_parameter_of_a_shared_fixture_is_a_group_of_its_own():
    sqlite, postgres = (item("tests/test_a.py::test_x", "module") for _ in range(2))
    sqlite.callspec, postgres.callspec = (SimpleNamespace(params={"fixture0": kind, "other": 1})
                                          for kind in ("sqlite", "postgresql"))
    assert group_of(sqlite) == "tests/test_a.py[fixture0='sqlite']"
    assert group_of(postgres) == "tests/test_a.py[fixture0='postgresql']"


def test_groups_go_longest_first_each_in_its_own_order():
    items = [item("tests/test_a.py::quick"), item("tests/test_b.py::first", "module"),
             item("tests/test_b.py::second", "module"), item("tests/test_c.py::slow"),
             item("tests/test_d.py::new"), item("tests/test_c.py::renamed")]
    seconds = {"tests/test_a.py::quick": 0.5, "tests/test_b.py::first": 3.0, "tests/test_b.py::second": 4.0,
               "tests/test_c.py::slow": 6.0, "tests/test_c.py::gone": 2.0}
    longest_first(items, groups_of(items), seconds)
    assert [i.nodeid for i in items] == ["tests/test_b.py::first", "tests/test_b.py::second",
                                         "tests/test_c.py::slow", "tests/test_c.py::renamed",
                                         "tests/test_a.py::quick", "tests/test_d.py::new"]


def test_without_recorded_seconds_the_collection_order_stays():
    items = [item(f"tests/test_{name}.py::t") for name in "zyx"]
    longest_first(items, groups_of(items), {})
    assert [i.nodeid for i in items] == ["tests/test_z.py::t", "tests/test_y.py::t", "tests/test_x.py::t"]


def test_the_recorder_adds_up_each_test_s_phases_and_leaves_out_the_quick_ones(tmp_path):
    recorder = DurationRecorder(tmp_path / "durations.json")
    for nodeid, duration in [("t::slow", 1.25), ("t::slow", 2.0), ("t::slow", 0.001), ("t::quick", 0.01)]:
        recorder.pytest_runtest_logreport(SimpleNamespace(nodeid=nodeid, duration=duration))
    recorder.pytest_sessionfinish()
    assert json.loads((tmp_path / "durations.json").read_text()) == {"t::slow": 3.25}
