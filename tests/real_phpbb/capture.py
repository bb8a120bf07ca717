"""Save pages as a guest receives them: with our default User-Agent (phpBB takes it for no
robot, so every link carries the guest's ``sid=``) and with a search engine's, which phpBB's
bot list knows (``Googlebot``: a bot session, links without ``sid``). Bodies are saved byte
for byte; ``pages.json`` lists each file's URL, mode, status and ``Date``."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.real_discuz.http_client import Browser, Response

GUEST_UA = "forum-harvest/0.1 (archival crawler; respects robots.txt)"
BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
MODES = {"guest": GUEST_UA, "bot": BOT_UA}


class Capture:
    def __init__(self, directory: Path, base_url: str) -> None:
        self.directory = directory
        self.base = base_url
        self.written: list[dict] = []
        directory.mkdir(parents=True, exist_ok=True)

    def save(self, path: str, name: str, mode: str = "guest", expect: int | None = 200) -> Response:
        """``expect``: the HTTP status the page must have (None: any, recorded)."""
        answer = Browser(MODES[mode]).get(f"{self.base}/{path}", follow=False)
        if expect is not None and answer.status != expect:
            raise RuntimeError(f"capture of {path} ({mode}) answered HTTP {answer.status}, "
                               f"not {expect}")
        file = f"{name}-{mode}.html" if answer.body else None  # a redirect's empty body: no page
        if file:
            (self.directory / file).write_bytes(answer.body)
        date = answer.header("Date")
        self.written.append({"file": file, "url": path, "mode": mode, "status": answer.status,
                             "fetched_at_utc": parsedate_to_datetime(date).astimezone(UTC).isoformat()
                             if date else None})
        if answer.header("Location"):  # a redirect (phpBB SEO's "zero duplicate"): where to
            self.written[-1]["location"] = answer.header("Location")
        return answer

    def write_index(self, expected: dict) -> None:
        index = {"base_url": "http://127.0.0.1:PORT", "user_agents": MODES, "files": self.written}
        (self.directory / "pages.json").write_text(json.dumps(index, indent=1) + "\n", "utf-8")
        (self.directory / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")


def capture_board(capture: Capture, topics: dict[str, int], posts: dict[str, int], forum_id: int,
                  missing: int | None = 404, own: int | None = 200) -> None:
    """``missing``: the status of the "does not exist" pages (404 in 3.x, 200 in 2.0); ``own``:
    of the others (None: any, recorded: with phpBB SEO's "zero duplicate", a 301)."""
    long, short, image = topics["long"], topics["short"], topics["image"]  # and "sticky"
    for mode in MODES:
        capture.save("index.php", "index", mode, expect=own)
        capture.save(f"viewforum.php?f={forum_id}", f"viewforum-f{forum_id}", mode, expect=own)
        capture.save(f"viewtopic.php?t={long}", f"viewtopic-t{long}", mode, expect=own)
    capture.save(f"viewforum.php?f={forum_id}&start=3", f"viewforum-f{forum_id}-start3", expect=own)
    for start in (3, 6):
        capture.save(f"viewtopic.php?f={forum_id}&t={long}&start={start}",
                     f"viewtopic-t{long}-start{start}", expect=own)
    # Every other topic of the forum too (the install's welcome topic is 1 in every version):
    # with the pages above, the whole board as a crawl asks for it.
    for topic in (short, image, topics["sticky"], 1):
        capture.save(f"viewtopic.php?t={topic}", f"viewtopic-t{topic}", expect=own)
    capture.save(f"viewtopic.php?p={posts['last']}#p{posts['last']}", f"viewtopic-p{posts['last']}", expect=own)
    capture.save("viewtopic.php?t=9999", "viewtopic-t9999", expect=missing)
    capture.save("viewforum.php?f=99", "viewforum-f99", expect=missing)


def capture_zone(capture: Capture, topics: dict[str, int]) -> None:
    """The index and the long topic's first page once the board's zone is not UTC (the caller
    set it): the footer names the zone, the times are shown in it."""
    capture.save("index.php", "index-zone")
    capture.save(f"viewtopic.php?t={topics['long']}", f"viewtopic-t{topics['long']}-zone")


def capture_relative(capture: Capture, topics: dict[str, int], forum_id: int) -> None:
    """The forum's first page and the long topic's last page once the board prints relative
    dates (the caller switched the format): the seed is minutes old, so "N minutes ago"."""
    capture.save(f"viewforum.php?f={forum_id}", f"viewforum-f{forum_id}-relative")
    capture.save(f"viewtopic.php?t={topics['long']}&start=6", f"viewtopic-t{topics['long']}-start6-relative")


def capture_closed(capture: Capture, topics: dict[str, int], forum_id: int) -> None:
    """The forum and a topic once guests may no longer read the forum (the caller closed it)."""
    capture.save(f"viewforum.php?f={forum_id}", f"viewforum-f{forum_id}-closed", expect=None)
    capture.save(f"viewtopic.php?t={topics['long']}", f"viewtopic-t{topics['long']}-closed", expect=None)


def capture_rewritten(capture: Capture) -> None:
    """The board as a guest walks it by phpBB SEO's rewritten links, each page asked by the link
    the page before printed (its ``sid=`` and ``#…`` left off): the index's link to the forum,
    every list page its pager links, every topic a list row links and every page of it, and the
    "go to last post" link of each row (``postN.html``). Named after the link's path. The index
    itself is ``capture_board``'s (``index.php``): asked here again, not saved twice."""
    index = Browser(GUEST_UA).get(f"{capture.base}/index.php").text
    forum = _link(index, r'<a href="([^"]*)" class="forumtitle"', capture.base)
    first = capture.save(forum, _name(forum)).text
    lists = [first] + [capture.save(path, _name(path)).text for path in _pages(first, capture.base)]
    topics: list[str] = []
    for page in lists:
        topics += [topic for topic in _all(page, r'<a href="([^"]*)" class="topictitle"', capture.base)
                   if topic not in topics]
        for post in _all(page, r'<a href="([^"]*)" title="Go to last post"', capture.base):
            capture.save(post, _name(post), expect=None)  # "zero duplicate": a 301 to its topic page
    for topic in topics:
        for path in _pages(capture.save(topic, _name(topic)).text, capture.base):
            capture.save(path, _name(path))


def _all(page: str, pattern: str, base: str) -> list[str]:
    """The board-relative paths of the links ``pattern``'s group finds, in order, once each."""
    found: list[str] = []
    for href in re.findall(pattern, page):
        parts = urlsplit(html.unescape(href))
        query = "&".join(pair for pair in parts.query.split("&") if pair and not pair.startswith("sid="))
        path = urljoin(base + "/", parts.path)[len(base) + 1:] + (f"?{query}" if query else "")
        if path not in found:
            found.append(path)
    return found


def _link(page: str, pattern: str, base: str) -> str:
    found = _all(page, pattern, base)
    if len(found) != 1:
        raise RuntimeError(f"expected one link {pattern!r}, found {found}")
    return found[0]


def _pages(page: str, base: str) -> list[str]:
    """The other pages a page's pagers link (``div.pagination``), in order."""
    pagers = "".join(re.findall(r'(?s)<div class="pagination">(.*?)</div>', page))
    return _all(pagers, r'<a class="button" href="([^"]*)" role="button">', base)


def _name(path: str) -> str:
    return "seo-" + path.removesuffix(".html").replace("/", "_")
