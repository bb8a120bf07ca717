"""Run ``forum-harvest crawl`` in a child process with a wall-clock limit, and stop it cleanly.

Each crawl gets a fresh process (the Twisted reactor cannot restart). The child runs in its
own session so a Ctrl-C in the terminal reaches only the scheduler, which then sends the
child exactly one SIGTERM: Scrapy's graceful shutdown, after which the crawl records itself
as ``interrupted``. A child still alive ``stop_timeout`` seconds later is killed.
With ``die_with_parent`` (a distributed worker) the kernel also kills the child when the
process that started it dies: the job is then delivered to another worker, and an orphan
crawl must not go on beside the new one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass


class SchedulerStopping(Exception):
    """No new crawl starts once the scheduler is shutting down."""


@dataclass(frozen=True)
class CrawlExit:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool
    stopped: bool  # stopped because the scheduler is shutting down

    @property
    def reason(self) -> str:
        """The child's own one-line explanation, if it gave one."""
        lines = [line.strip() for line in self.stderr.splitlines() if line.strip()]
        return lines[-1].removeprefix("Error: ") if lines else ""


def crawl_command(url: str, database_url: str, settings: dict[str, str],
                  timezone: str | None) -> list[str]:
    # --quiet: nobody watches a scheduled crawl's progress; its stderr carries only the reason.
    command = [sys.executable, "-m", "forum_harvest", "crawl", url, "--db", database_url, "--quiet"]
    if timezone:
        command += ["--tz", timezone]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


class CrawlProcesses:
    """The crawl children of this process, so that a shutdown can stop every one of them."""

    def __init__(self, die_with_parent: bool = False) -> None:
        self._before_exec = _die_with_parent if die_with_parent and sys.platform == "linux" else None
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self._signalled: set[subprocess.Popen[str]] = set()
        self.closed = False

    def run(self, command: list[str], timeout: float, stop_timeout: float) -> CrawlExit:
        started = time.monotonic()
        child = self._start(command)
        timed_out = False
        try:
            try:
                stdout, stderr = child.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                timed_out = True
                self._stop(child, stop_timeout)
                stdout, stderr = child.communicate()
        except BaseException:  # e.g. Ctrl-C in `schedule run-now`: never leave a crawl behind
            self._stop(child, stop_timeout)
            child.communicate()
            raise
        finally:
            with self._lock:
                self._running.discard(child)
                self._signalled.discard(child)
        return CrawlExit(child.returncode, stdout, stderr, time.monotonic() - started,
                         timed_out, stopped=self.closed and not timed_out)

    def stop_all(self, stop_timeout: float) -> None:
        """Start no more crawls and ask the running ones to stop (thread-safe; call it from a
        thread, not from a signal handler, which could interrupt a holder of the lock)."""
        with self._lock:
            self.closed = True
            running = list(self._running)
        for child in running:
            self._stop(child, stop_timeout)

    def _start(self, command: list[str]) -> subprocess.Popen[str]:
        with self._lock:
            if self.closed:
                raise SchedulerStopping("the scheduler is stopping")
            child = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                start_new_session=True, preexec_fn=self._before_exec,
            )
            self._running.add(child)
            return child

    def _stop(self, child: subprocess.Popen[str], stop_timeout: float) -> None:
        """SIGTERM once (a second one would make Scrapy stop uncleanly), SIGKILL later."""
        with self._lock:
            if child in self._signalled or child.poll() is not None:
                return
            self._signalled.add(child)
        child.terminate()
        killer = threading.Timer(stop_timeout, _kill_if_running, args=(child,))
        killer.daemon = True
        killer.start()


_PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True) if sys.platform == "linux" else None


def _die_with_parent() -> None:
    """In the child, before exec: SIGKILL when the thread that started it dies."""
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _kill_if_running(child: subprocess.Popen[str]) -> None:
    if child.poll() is None:
        child.kill()


# The job function must be module-level (APScheduler pickles a reference to it), so the
# crawls it starts are tracked here, the one place a shutdown can find them.
crawl_processes = CrawlProcesses()
