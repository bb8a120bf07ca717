"""CLI runs for tests, forked from a Python that has the CLI's libraries imported already.

``start(["-m", "forum_harvest", "crawl", …])`` gives a ``CliProcess`` that behaves like the
``subprocess.Popen`` it replaces (``pid``, ``poll``, ``wait``, ``communicate``, ``kill``,
``send_signal``, ``returncode``), for a process forked by this test process's own fork server
(``tests/cli_fork_server.py``) instead of a new interpreter: the same run minus ~2 s of imports.
``FH_TEST_FRESH_PROCESSES=1`` starts every run as a new interpreter instead.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[1]
DEVNULL = subprocess.DEVNULL
PIPE = subprocess.PIPE


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a CLI process a test runs: no ``DATABASE_URL`` of the
    caller's, and the repository on ``PYTHONPATH`` so that settings may name test components
    (``tests.storage_faults``' pipelines) as they could from the repository."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(extra or {})
    return env


class ForkServer:
    """This test process's fork server, started at its first use and gone with this process."""

    def __init__(self) -> None:
        self.socket_path = os.path.join(tempfile.mkdtemp(prefix="fh-fork-"), "server")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.cli_fork_server", self.socket_path], cwd=REPO, env=cli_env(),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = self.process.stdout.readline().strip()
        if ready != "ready":
            raise RuntimeError(f"the CLI fork server did not start (it said {ready!r})")
        atexit.register(self.stop)

    def stop(self) -> None:
        """Close its standard input (it stops when that ends) and wait for it."""
        self.process.stdin.close()
        self.process.wait(30)

    def launch(self, program: list[str], cwd: str, env: dict[str, str], streams: list[int]) -> socket.socket:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        connection.connect(self.socket_path)
        request = {"program": program, "cwd": cwd, "env": env}
        socket.send_fds(connection, [json.dumps(request).encode()], streams)
        return connection


_server: ForkServer | None = None
_server_lock = threading.Lock()


def fork_server() -> ForkServer:
    global _server
    with _server_lock:
        if _server is None or _server.process.poll() is not None:
            _server = ForkServer()
        return _server


class CliProcess:
    """A forked run, with the part of ``subprocess.Popen``'s interface tests use."""

    def __init__(self, args: list[str], cwd: str, env: dict[str, str], stdin: Any, stdout: Any,
                 stderr: Any, text: bool) -> None:
        self.args = args
        self.returncode: int | None = None
        self.stdout: IO[Any] | None = None
        self.stderr: IO[Any] | None = None
        streams = [self._stream("stdin", stdin, text), self._stream("stdout", stdout, text),
                   self._stream("stderr", stderr, text)]
        self._connection = fork_server().launch(args[1:], cwd, env, streams)
        for stream in streams:
            os.close(stream)
        self.pid = int(self._answer("pid"))

    def _stream(self, name: str, given: Any, text: bool) -> int:
        """A descriptor of its own for the child's ``name`` stream (closed here once sent)."""
        if given is None:
            return os.dup(getattr(sys, f"__{name}__").fileno())
        if given == DEVNULL:
            return os.open(os.devnull, os.O_RDONLY if name == "stdin" else os.O_WRONLY)
        if given == PIPE:
            if name == "stdin":
                raise ValueError("stdin=PIPE is not supported for forked CLI runs")
            reading, writing = os.pipe()
            setattr(self, name, open(reading, encoding="utf-8", errors="replace") if text else open(reading, "rb"))
            return writing
        return os.dup(given if isinstance(given, int) else given.fileno())

    def _answer(self, kind: str, timeout: float | None = None) -> str:
        self._connection.settimeout(timeout)
        try:
            answer = self._connection.recv(256).decode()
        except (TimeoutError, BlockingIOError):
            raise subprocess.TimeoutExpired(self.args, timeout or 0) from None
        finally:
            self._connection.settimeout(None)
        if not answer.startswith(kind + " "):
            raise RuntimeError(f"the CLI fork server answered {answer!r}, expected {kind}")
        return answer.split(" ", 1)[1]

    def poll(self) -> int | None:
        try:
            return self.wait(timeout=0)
        except subprocess.TimeoutExpired:
            return None

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.returncode = int(self._answer("exit", timeout))
            self._connection.close()
        return self.returncode

    def send_signal(self, number: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, number)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def communicate(self, timeout: float | None = None) -> tuple[Any, Any]:
        """Both piped streams read to their end (each on a thread of its own, so that neither
        pipe fills up and blocks the child), and the exit waited for."""
        read: dict[str, Any] = {}
        readers = [threading.Thread(target=lambda name=name, pipe=pipe: read.__setitem__(name, pipe.read()), daemon=True)
                   for name, pipe in (("stdout", self.stdout), ("stderr", self.stderr)) if pipe is not None]
        for reader in readers:
            reader.start()
        self.wait(timeout)
        for reader in readers:
            reader.join(timeout)
        return read.get("stdout"), read.get("stderr")


def start(command: list[str], *, cwd: str | Path | None = None, env: dict[str, str] | None = None,
          stdin: Any = None, stdout: Any = None, stderr: Any = None,
          text: bool = False) -> CliProcess | subprocess.Popen:
    """``subprocess.Popen(command, …)`` for a ``[sys.executable, "-m", MODULE, …]`` or
    ``[sys.executable, SCRIPT, …]`` command, forked; any other command is started as it is."""
    if command[0] != sys.executable or command[1].startswith("-") and command[1] != "-m" \
            or os.environ.get("FH_TEST_FRESH_PROCESSES"):
        return subprocess.Popen(command, cwd=cwd, env=env, stdin=stdin, stdout=stdout, stderr=stderr, text=text)
    return CliProcess(command, str(cwd or os.getcwd()), dict(os.environ if env is None else env), stdin, stdout, stderr, text)


def run(command: list[str], *, cwd: str | Path, env: dict[str, str] | None = None,
        timeout: float | None = None) -> subprocess.CompletedProcess:
    """``subprocess.run(command, capture_output=True, text=True, …)``, forked."""
    process = start(command, cwd=cwd, env=env, stdin=DEVNULL, stdout=PIPE, stderr=PIPE, text=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
