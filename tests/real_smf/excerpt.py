"""``python -m tests.real_smf.excerpt FROM TO PREFIX…``: copy the pages of a capture (``FROM``,
as ``python -m tests.real_smf`` wrote it) whose file names start with a ``PREFIX``, with their
``pages.json`` entries, to ``TO``: a few pages of a new run kept beside an older capture
(``tests/fixtures/smf-2.1/removed``: the removed topic, without re-capturing the rest)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path


def excerpt(source: Path, target: Path, prefixes: tuple[str, ...]) -> int:
    index = json.loads((source / "pages.json").read_text("utf-8"))
    index["files"] = [entry for entry in index["files"] if entry["file"].startswith(prefixes)]
    target.mkdir(parents=True, exist_ok=True)
    for entry in index["files"]:
        shutil.copy(source / entry["file"], target / entry["file"])
    (target / "pages.json").write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return len(index["files"])


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    source, target, *prefixes = sys.argv[1:]
    print(f"{excerpt(Path(source), Path(target), tuple(prefixes))} pages copied to {target}")
