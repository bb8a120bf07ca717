"""A long-running command (scheduler, worker) in a child process, with waits on the lines
it logs to stderr instead of sleeps."""

from __future__ import annotations

import os
import signal
import subprocess
import threading

from tests import cli_process
from tests.conftest import REPO

WAIT = 90  # seconds: generous, only reached when something is broken


class LoggingProcess:
    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        full_env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        full_env.update(env or {})
        self.process = cli_process.start(command, cwd=REPO, env=full_env, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.seen = threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        for line in self.process.stderr:
            with self.seen:
                self.lines.append(line)
                self.seen.notify_all()

    def wait_for_line(self, fragment: str, timeout: float = WAIT) -> None:
        with self.seen:
            found = self.seen.wait_for(lambda: any(fragment in line for line in self.lines), timeout)
        assert found, "".join(self.lines)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(WAIT)
