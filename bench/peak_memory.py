"""The peak resident memory of one child process, read from the child itself.

``wait4``'s ``ru_maxrss`` cannot give it: Linux starts a forked child's high-water mark at the
parent's resident size and carries it through ``exec``, so a crawl started by a bench that has
just built a 250,000-page site in memory "peaked" at the bench's 1.5 GB, whatever it used. The
kernel's per-process ``VmHWM`` (``/proc/PID/status``) belongs to the program's own address
space, made new by ``exec``: polled while the child runs, its last value is the child's peak
(growth in the last poll interval before exit is the only part that can be missed).
"""

from __future__ import annotations

import threading
from pathlib import Path

POLL_SECONDS = 0.05


class PeakRss:
    """Polls ``VmHWM`` of process ``pid`` until stopped: ``with PeakRss(pid) as peak: ...``,
    then ``peak.mb``."""

    def __init__(self, pid: int) -> None:
        self.status = Path(f"/proc/{pid}/status")
        self.kb = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> PeakRss:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopped.set()
        self.thread.join()

    @property
    def mb(self) -> float:
        return self.kb / 1024

    def _poll(self) -> None:
        while True:
            self._read()
            if self.stopped.wait(POLL_SECONDS):
                return

    def _read(self) -> None:
        try:
            text = self.status.read_text()
        except OSError:  # gone (reaped)
            return
        for line in text.splitlines():
            if line.startswith("VmHWM:"):
                self.kb = max(self.kb, int(line.split()[1]))
