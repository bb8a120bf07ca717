"""Save pages as a guest receives them, in robot mode and in normal mode.

Discuz's ``checkrobot()`` takes any User-Agent containing ``bot``, ``crawl`` or ``spider`` for a
robot and then renders a different template; our default User-Agent was such a one. Each page
is therefore fetched twice by a fresh guest: with that User-Agent (``-robot``) and with a
browser's (``-browser``). Bodies are saved byte for byte; a redirect is
saved as its status line and headers (``.http``) with the body after a blank line.
"""

from __future__ import annotations

import json
from datetime import UTC
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from pathlib import Path

from tests.real_discuz import rewrite
from tests.real_discuz.http_client import BROWSER_UA, Browser, Response

# Fixed, not read from scraper.settings: "robot" must stay a robot when our default changes.
# This is the default User-Agent the crawler had when issue 24 was found.
ROBOT_UA = "forum-harvest/0.1 (archival crawler; respects robots.txt)"
MODES = {"robot": ROBOT_UA, "browser": BROWSER_UA}
# Discuz's checkrobot(): any of these in the User-Agent (lower-cased) makes a robot.
ROBOT_WORDS = ("bot", "crawl", "spider", "slurp", "sohu-search", "lycos", "robozilla")


def is_robot_to_discuz(user_agent: str) -> bool:
    return any(word in user_agent.lower() for word in ROBOT_WORDS)


def user_agent(mode: str) -> str:
    return MODES[mode]


class Capture:
    """Writes into one directory; remembers what it wrote for the README's file list.
    ``rewritten``: threads and lists are fetched at their rewritten URLs (``rewrite.py``)."""

    def __init__(self, directory: Path, base_url: str, rewritten: bool = False) -> None:
        self.directory = directory
        self.base = base_url
        self.rewritten = rewritten
        self.written: list[dict] = []
        directory.mkdir(parents=True, exist_ok=True)

    def thread_pages(self, tid: int, pages: int, step: str) -> None:
        for page in range(1, pages + 1):
            for mode in MODES:
                self._save(self._thread_path(tid, page),
                           f"viewthread-tid{tid}-page{page}-{mode}-{step}.html", mode, step)

    def index(self, step: str) -> None:
        for mode in MODES:
            self._save("forum.php", f"index-{mode}-{step}.html", mode, step)

    def forum_list(self, fid: int, step: str, pages: int = 1) -> None:
        """A list of more than one page is saved page by page (``-pageN``)."""
        for page in range(1, pages + 1):
            path = (rewrite.forum_path(fid, page) if self.rewritten else
                    f"forum.php?mod=forumdisplay&fid={fid}" + (f"&page={page}" if page > 1 else ""))
            for mode in MODES:
                self._save(path, f"forumdisplay-fid{fid}{f'-page{page}' if pages > 1 else ''}-{mode}-{step}.html",
                           mode, step)

    def archiver(self, fid: int, list_pages: int, thread_pages: dict[int, int], step: str) -> None:
        """The archiver at its rewritten URLs: its index, the forum's pages, each thread's."""
        for mode in MODES:
            self._save("archiver/", f"archiver-index-{mode}-{step}.html", mode, step)
        for kind, item, pages in [("fid", fid, list_pages),
                                  *(("tid", tid, count) for tid, count in thread_pages.items())]:
            for page in range(1, pages + 1):
                for mode in MODES:
                    self._save(rewrite.archiver_path(kind, item, page),
                               f"archiver-{kind}{item}-page{page}-{mode}-{step}.html", mode, step)

    def _thread_path(self, tid: int, page: int) -> str:
        return (rewrite.thread_path(tid, page) if self.rewritten
                else f"forum.php?mod=viewthread&tid={tid}&page={page}")

    def first_view_after_delete(self, tid: int, page: int, step: str) -> Response:
        """The one view Discuz answers with a 302 to the same page (it then switches the
        thread from position paging to counting, see ``forum_threaddisablepos``). Fetched
        with the robot User-Agent, redirects not followed."""
        path = self._thread_path(tid, page)
        answer = Browser(user_agent("robot")).get(f"{self.base}/{path}", follow=False)
        name = f"viewthread-tid{tid}-page{page}-robot-{step}.http"
        head = [f"HTTP/1.1 {answer.status} {HTTPStatus(answer.status).phrase}"]
        head += [f"{key}: {value}" for key, value in answer.headers]
        (self.directory / name).write_bytes(
            ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + answer.body)
        self.written.append({"file": name, "url": path, "mode": "robot", "step": step,
                             "status": answer.status, "location": answer.header("Location"),
                             "fetched_at_utc": _served_at(answer)})
        return answer

    def _save(self, path: str, name: str, mode: str, step: str) -> None:
        answer = Browser(user_agent(mode)).get(f"{self.base}/{path}", follow=False)
        if answer.status != 200:
            raise RuntimeError(f"capture of {path} ({mode}) answered HTTP {answer.status} "
                               f"(Location: {answer.header('Location')})")
        (self.directory / name).write_bytes(answer.body)
        self.written.append({"file": name, "url": path, "mode": mode, "step": step,
                             "status": answer.status, "fetched_at_utc": _served_at(answer),
                             "content_type": answer.header("Content-Type")})

    def write_index(self, base_url_placeholder: str = "http://127.0.0.1:PORT") -> None:
        """``pages.json``: every file with its URL, User-Agent mode, step and status."""
        index = {"base_url": base_url_placeholder, "user_agents": {
            mode: user_agent(mode) for mode in MODES}, "files": self.written}
        (self.directory / "pages.json").write_text(
            json.dumps(index, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _served_at(answer: Response) -> str | None:
    """The page's ``Date`` header as UTC ISO: relative times on the page (``刚刚``,
    ``3 天前``) are relative to it."""
    date = answer.header("Date")
    return parsedate_to_datetime(date).astimezone(UTC).isoformat() if date else None
