"""The runnable examples of the README and the docs pages, and running them.

An example is a fenced block right after ``<!-- run -->``: ``console`` lines, each ``$ COMMAND``
followed by the lines its output must hold (``...`` stands for any text, runs of spaces for
any spacing). A block after ``<!-- run: file NAME -->`` is written to NAME first. Examples
address the sample forum as ``127.0.0.1:8765`` and its database as the default
``data/forum.db``: they run in one folder, against a sample forum on a free loopback port.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

DOCUMENTED_ADDRESS = "127.0.0.1:8765"
BLOCK = re.compile(r"<!-- run(?:: file (?P<file>\S+))? -->\n```\w*\n(?P<body>.*?)\n```", re.DOTALL)
FENCED = re.compile(r"^```\w*\n(?P<body>.*?)\n```", re.DOTALL | re.MULTILINE)


@dataclass
class Command:
    line: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Example:
    page: str
    file: str | None  # a file to write, else commands to run
    text: str
    commands: list[Command]


def examples_of(path: Path, page: str) -> list[Example]:
    found = []
    for match in BLOCK.finditer(path.read_text(encoding="utf-8")):
        commands: list[Command] = []
        if match["file"] is None:
            for line in match["body"].splitlines():
                if line.startswith("$ "):
                    commands.append(Command(line[2:]))
                elif line.strip():
                    commands[-1].expected.append(line)
        found.append(Example(page, match["file"], match["body"], commands))
    return found


def unrun_sample_forum_commands(path: Path) -> list[str]:
    """Commands addressing the sample forum in blocks no ``<!-- run -->`` marks, except in
    blocks that serve a sample forum of their own (another engine, a skin)."""
    text = path.read_text(encoding="utf-8")
    marked = {match.start("body") for match in BLOCK.finditer(text)}
    unrun = []
    for match in FENCED.finditer(text):
        lines = match["body"].splitlines()
        if match.start("body") in marked or any("sample-forum serve" in line for line in lines):
            continue
        unrun += [line for line in lines if DOCUMENTED_ADDRESS in line]
    return unrun


def output_holds(output: str, expected: str) -> bool:
    parts = [re.escape(" ".join(part.split())) for part in expected.split("...")]
    pattern = re.compile(r".*".join(parts).replace(r"\ ", r"\s+"))
    return any(pattern.search(line) for line in output.splitlines())


@dataclass
class Workdir:
    """The folder the examples run in, and the sample forum's real address."""

    path: Path
    address: str

    def run(self, example: Example) -> list[str]:
        """What went wrong with ``example``: one line per command or output line amiss."""
        if example.file is not None:
            (self.path / example.file).write_text(self._here(example.text) + "\n", encoding="utf-8")
            return []
        problems = []
        for command in example.commands:
            result = self.shell(self._here(command.line))
            output = result.stdout + result.stderr
            if result.returncode != 0:
                problems.append(f"{example.page}: `{command.line}` exited {result.returncode}: {output[-2000:]}")
                continue
            problems += [f"{example.page}: `{command.line}` printed no line holding {line!r}:\n{output[-3000:]}"
                         for line in command.expected if not output_holds(output, self._here(line))]
        return problems

    def shell(self, command: str) -> subprocess.CompletedProcess:
        env = {name: value for name, value in os.environ.items()
               if name != "DATABASE_URL" and not name.startswith("FORUM_HARVEST_")}
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        env["COLUMNS"] = "80"  # tables as wide as the docs show them, whatever the terminal
        return subprocess.run(["bash", "-c", command], cwd=self.path, env=env,
                              capture_output=True, text=True, timeout=300)

    def _here(self, text: str) -> str:
        return text.replace(DOCUMENTED_ADDRESS, self.address)
