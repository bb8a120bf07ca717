"""Save what MyBB serves a guest: every page with our default User-Agent (``-robot``) and a
browser's (``-browser``), in the plain URL form and the SEO form, byte for byte.

MyBB matches a guest's User-Agent against its ``spiders`` table (Googlebot, Bingbot…) and
then serves the same templates with a bot session; ours matches none of them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from pathlib import Path

from tests.real_discuz.http_client import BROWSER_UA, Browser, Response

ROBOT_UA = "forum-harvest/0.1 (archival crawler; respects robots.txt)"
MODES = {"robot": ROBOT_UA, "browser": BROWSER_UA}


class Capture:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.written: list[dict] = []
        directory.mkdir(parents=True, exist_ok=True)

    def page(self, base: str, path: str, name: str, form: str,
             expected: tuple[int, ...] = (200,)) -> str:
        """Fetch ``path`` in both modes, a fresh guest each; returns the browser's text."""
        text = ""
        for mode, agent in MODES.items():
            text = self.save(Browser(agent).get(f"{base}/{path}", follow=False), path, name,
                             form, mode, expected)
        return text

    def pages(self, base: str, count: int, path: Callable[[int], str], name: str, form: str) -> None:
        """Pages 1 to ``count`` of one list or thread: ``path(P)`` is page P's URL, saved
        as ``NAME-pageP``."""
        for page in range(1, count + 1):
            self.page(base, path(page), f"{name}-page{page}", form)

    def save(self, answer: Response, path: str, name: str, form: str, mode: str,
             expected: tuple[int, ...] = (200,)) -> str:
        """Save ``NAME-MODE.html`` (a redirect: ``.http``, its status line and headers, a blank
        line, the body) and its entry; returns its text. An HTML status not ``expected`` stops
        the capture."""
        if answer.status in (301, 302):
            file = f"{name}-{mode}.http"
            head = [f"HTTP/1.1 {answer.status} {HTTPStatus(answer.status).phrase}"]
            head += [f"{key}: {value}" for key, value in answer.headers]
            (self.directory / file).write_bytes(
                ("\r\n".join(head) + "\r\n\r\n").encode() + answer.body)
        elif answer.status in expected:
            file = f"{name}-{mode}.html"
            (self.directory / file).write_bytes(answer.body)
        else:
            raise RuntimeError(f"capture of {path} ({mode}) answered HTTP {answer.status}")
        date = answer.header("Date")
        self.written.append({
            "file": file, "url": path, "form": form, "mode": mode, "status": answer.status,
            "location": answer.header("Location"), "content_type": answer.header("Content-Type"),
            "fetched_at_utc": parsedate_to_datetime(date).astimezone(UTC).isoformat()
            if date else None})
        return answer.text

    def write_index(self) -> None:
        index = {"base_url": "http://127.0.0.1:PORT", "user_agents": MODES,
                 "files": self.written}
        (self.directory / "pages.json").write_text(
            json.dumps(index, ensure_ascii=False, indent=1) + "\n", "utf-8")


@dataclass(frozen=True)
class UrlForm:
    """How one server of the board writes its links: each function gives a page's path."""

    name: str
    base: str
    forum: Callable[[int, int], str]  # (fid, page)
    thread: Callable[[int, int], str]  # (tid, page)
    thread_post: Callable[[int, int], str]  # (tid, pid)
    post: Callable[[int], str] | None = None  # pid, when the form has a link of its own


def plain_form(base: str) -> UrlForm:
    return UrlForm("plain", base,
                   lambda fid, page: f"forumdisplay.php?fid={fid}" + (f"&page={page}" if page > 1 else ""),
                   lambda tid, page: f"showthread.php?tid={tid}" + (f"&page={page}" if page > 1 else ""),
                   lambda tid, pid: f"showthread.php?tid={tid}&pid={pid}",
                   lambda pid: f"showthread.php?pid={pid}")


def seo_form(base: str) -> UrlForm:
    """MyBB's own search-engine friendly URLs (``seourls`` with its htaccess)."""
    return UrlForm("seo", base,
                   lambda fid, page: f"forum-{fid}" + (f"-page-{page}" if page > 1 else "") + ".html",
                   lambda tid, page: f"thread-{tid}" + (f"-page-{page}" if page > 1 else "") + ".html",
                   lambda tid, pid: f"thread-{tid}-post-{pid}.html",
                   lambda pid: f"post-{pid}.html")


def capture_board(capture: Capture, forms: list[UrlForm], threads: dict[str, int],
                  pages: dict[int, int], forums: dict[int, int], post_ids: list[int],
                  thread_of: dict[int, int]) -> None:
    """Index, every thread-list page, every thread page and a post link of each kind, in
    each URL form (``pages``/``forums``: id -> page count)."""
    # A thread that does not exist: MyBB's ``error`` template, "The specified thread does
    # not exist." (HTTP 200).
    capture.page(forms[0].base, "showthread.php?tid=999", "missing-thread-999-plain", "plain")
    for form in forms:
        name = form.name
        capture.page(form.base, "index.php", f"index-{name}", name)
        for fid, count in forums.items():
            for page in range(1, count + 1):
                capture.page(form.base, form.forum(fid, page), f"forum-{fid}-page{page}-{name}", name)
        for tid in threads.values():
            for page in range(1, pages[tid] + 1):
                capture.page(form.base, form.thread(tid, page), f"thread-{tid}-page{page}-{name}", name)
        for pid in post_ids:
            if form.post:
                capture.page(form.base, form.post(pid), f"post-{pid}-{name}", name)
            tid = thread_of[pid]
            capture.page(form.base, form.thread_post(tid, pid), f"thread-{tid}-post-{pid}-{name}", name)


def clock_past(base: str, moment: datetime) -> None:
    """Poll the server until its clock (the ``Date`` header) is past ``moment``: MyBB prints a
    quote's time only once its ``dateline`` is before ``TIME_NOW`` (``inc/class_parser.php``),
    so a page captured in the second its quote was made shows the quote with no time."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        date = Browser().get(f"{base}/index.php", follow=False).header("Date")
        if date and parsedate_to_datetime(date) > moment:
            return
        time.sleep(0.2)
    raise RuntimeError(f"the server's clock did not pass {moment} within 30 s")
