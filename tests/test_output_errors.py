"""Issue 21: an output file that cannot be written (``--out /proc/x``, a missing folder) is
one line naming the file and the cause, exit 1 (was a 29-line traceback), in every format."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.test_cli_errors import assert_one_line_error

WRITERS = {
    "export-jsonl": ["export"],
    "export-csv": ["export", "--format", "csv"],
    "export-parquet": ["export", "--format", "parquet"],
    "export-query": ["export", "--query", "作风"],
    "sql-jsonl": ["sql", "SELECT * FROM v_posts", "--format", "jsonl"],
    "sql-csv": ["sql", "SELECT * FROM v_posts", "--format", "csv"],
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("where", ["proc", "missing folder"])
def test_an_unwritable_output_file_is_one_line(crawled, tmp_path, writer, where):
    out = "/proc/x" if where == "proc" else str(tmp_path / "no" / "such" / "out")
    result = run_cli(*WRITERS[writer], "--db", crawled.db_url, "--out", out)
    assert result.returncode == 1
    assert_one_line_error(result, f"cannot write {out}: No such file or directory")
