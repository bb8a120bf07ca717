"""A sample forum that holds its thread pages after the first few until released, so a test
can act while a crawl is surely under way, and a crawl cannot end before the test lets it."""

from __future__ import annotations

import threading

from forum_harvest.sample_forum import start_server

WAIT = 90  # seconds: generous, only reached when something is broken


class HeldServer:
    def __init__(self, forum, answered_first: int = 20) -> None:
        self.server = start_server(forum, port=0)
        self.url = self.server.url
        self.answered_first = answered_first
        self.answered: list[str] = []
        self.held, self.release = threading.Event(), threading.Event()
        self.server.before_answer = self.hold_after_the_first_thread_pages

    def hold_after_the_first_thread_pages(self, path: str) -> None:
        if "mod=viewthread" in path:
            self.answered.append(path)
            if len(self.answered) > self.answered_first and not self.release.is_set():
                self.held.set()
                self.release.wait(WAIT)

    def stop(self) -> None:
        self.release.set()
        self.server.stop()
