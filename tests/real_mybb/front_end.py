"""Members acting through MyBB's own pages, as a browser would: every write is the POST the
site's form sends, with the page's ``my_post_key`` (and ``posthash``); none writes the forum
tables."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from tests.real_discuz.http_client import Browser, Response


class FrontEndError(RuntimeError):
    """MyBB answered an action with an error instead of doing it."""


@dataclass(frozen=True)
class Posted:
    tid: int
    pid: int


class Member:
    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.base = base_url
        self.username = username
        self.password = password
        self.browser = Browser()

    def register(self, email: str) -> None:
        page = self.browser.post(f"{self.base}/member.php",
                                 {"action": "register", "agree": "1", "step": "agreement"}).text
        form = {"action": "do_register", "step": "registration", "regtime": _field(page, "regtime"),
                "regcheck1": "", "regcheck2": "true", "username": self.username,
                "password": self.password, "password2": self.password, "email": email,
                "email2": email, "referrername": "", "allownotices": "1", "receivepms": "1",
                "pmnotice": "1", "subscriptionmethod": "0", "timezoneoffset": "1",
                "dstcorrection": "0", "language": "", "regsubmit": "Submit Registration!",
                "my_post_key": _post_key(page)}
        self._expect(self.browser.post(f"{self.base}/member.php", form), "register")
        self.login()

    def login(self) -> None:
        page = self.browser.get(f"{self.base}/member.php?action=login").text
        answer = self.browser.post(f"{self.base}/member.php", {
            "action": "do_login", "url": "", "my_post_key": _post_key(page),
            "username": self.username, "password": self.password, "remember": "yes"})
        self._expect(answer, "login")
        if not any(cookie.name == "mybbuser" for cookie in self.browser.cookies):
            raise FrontEndError(f"login {self.username}: no mybbuser cookie")

    def new_thread(self, fid: int, subject: str, message: str) -> Posted:
        url = f"{self.base}/newthread.php?fid={fid}"
        page = self.browser.get(url).text
        answer = self.browser.post(url, {
            "action": "do_newthread", "my_post_key": _post_key(page),
            "posthash": _field(page, "posthash"), "subject": subject, "message": message,
            "postoptions[signature]": "1", "submit": "Post Thread"})
        return self._posted(answer, "new thread")

    def reply(self, tid: int, message: str) -> Posted:
        url = f"{self.base}/newreply.php?tid={tid}"
        page = self.browser.get(url).text
        answer = self.browser.post(url, {
            "action": "do_newreply", "my_post_key": _post_key(page), "tid": str(tid),
            "posthash": _field(page, "posthash"), "subject": _field(page, "subject"),
            "message": message, "postoptions[signature]": "1", "submit": "Post Reply"})
        return self._posted(answer, "reply")

    def quote_source(self, pid: int) -> str:
        """The message box as MyBB fills it for "Reply with quote" of post ``pid``."""
        tid_page = self.browser.get(f"{self.base}/showthread.php?pid={pid}").text
        tid = re.search(r"newreply\.php\?tid=(\d+)", tid_page).group(1)
        page = self.browser.get(f"{self.base}/newreply.php?tid={tid}&replyto={pid}").text
        box = re.search(r'(?s)<textarea[^>]*name="message"[^>]*>(.*?)</textarea>', page)
        if not box:
            raise FrontEndError(f"quote of {pid}: no message box: {_text(page)[-600:]}")
        return _unescape(box.group(1))

    def edit(self, pid: int, message: str) -> None:
        url = f"{self.base}/editpost.php?pid={pid}"
        page = self.browser.get(url).text
        answer = self.browser.post(url, {
            "action": "do_editpost", "my_post_key": _post_key(page), "pid": str(pid),
            "posthash": _field(page, "posthash"), "subject": _field(page, "subject"),
            "message": message, "postoptions[signature]": "1", "submitbutton": "Update Post"})
        self._expect(answer, f"edit {pid}")

    def signature(self, text: str) -> None:
        page = self.browser.get(f"{self.base}/usercp.php?action=editsig").text
        answer = self.browser.post(f"{self.base}/usercp.php", {
            "action": "do_editsig", "my_post_key": _post_key(page), "signature": text,
            "updateposts": "enable", "submit": "Update Signature"})
        self._expect(answer, "signature")

    def _posted(self, answer: Response, what: str) -> Posted:
        """The redirect page names the thread (a new thread) or ``pid=N#pidN`` (a reply);
        a new thread's first post is the first ``post_N`` of its page."""
        self._expect(answer, what)
        text = answer.url + " " + answer.text
        tid = re.search(r"showthread\.php\?tid=(\d+)", text) or re.search(r"[?&]tid=(\d+)", text)
        pid = re.search(r"pid=(\d+)#pid\1", text)
        if tid and not pid:
            page = self.browser.get(f"{self.base}/showthread.php?tid={tid.group(1)}").text
            pid = re.search(r'id="post_(\d+)"', page)
        if not tid or not pid:
            raise FrontEndError(f"{what} by {self.username}: no post id in the answer "
                                f"({answer.url})")
        return Posted(int(tid.group(1)), int(pid.group(1)))

    def _expect(self, answer: Response, what: str) -> None:
        # An inline error list (forms), or the ``error`` template (``error()``): a thead
        # naming the board's error title, then the message in ``td.trow1``.
        errors = re.search(r'(?s)<div class="error">(.*?)</div>', answer.text) or re.search(
            r'(?s)<td class="thead"><span class="smalltext"><strong>[^<]*Error</strong>.*?'
            r'<td class="trow1">(.*?)</td>', answer.text)
        if answer.status >= 400 or errors:
            detail = re.sub(r"<[^>]+>", " ", errors.group(1)) if errors else answer.text[-400:]
            raise FrontEndError(f"{what} by {self.username}: HTTP {answer.status}: "
                                f"{' '.join(detail.split())[:400]}")


def _post_key(page: str) -> str:
    found = re.search(r'name="my_post_key" (?:type="hidden" )?value="([0-9a-f]+)"', page) or \
        re.search(r'my_post_key = "([0-9a-f]+)"', page)
    if not found:
        raise FrontEndError("page has no my_post_key")
    return found.group(1)


def _field(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page) or \
        re.search(rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', page)
    return _unescape(found.group(1)) if found else ""


def _text(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)).split())


def _unescape(text: str) -> str:
    return html.unescape(text)
