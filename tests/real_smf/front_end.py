"""Members acting through SMF 2.1's own pages, as a browser would: every write is the POST
the site's form sends, with the form's hidden fields (the session check ``sc``-style pair
under a per-session random name, the form token, ``seqnum``); none writes the forum tables."""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass

from tests.real_discuz.http_client import Browser, Response


# spamProtection() (Sources/Security.php) refuses a second post, login or registration from
# one IP within 2 s whatever spamWaitTime says: every member here shares 127.0.0.1.
IP_FLOOD_SECONDS = 3.1  # whole seconds: "2 s ago" can be 2.9 s
_last_write = [0.0]


def _pace() -> None:
    """Wait until the IP's last write is IP_FLOOD_SECONDS old."""
    wait = _last_write[0] + IP_FLOOD_SECONDS - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    _last_write[0] = time.monotonic()


class FrontEndError(RuntimeError):
    """SMF answered an action with an error instead of doing it."""


@dataclass(frozen=True)
class Posted:
    topic: int
    msg: int


@dataclass(frozen=True)
class Form:
    action: str
    fields: dict[str, str]
    html: str


def read_form(page: str, form_id: str) -> Form:
    """The form's action and its hidden inputs (whatever their names)."""
    found = re.search(rf'(?s)<form([^>]*\bid="{form_id}"[^>]*)>(.*?)</form>', page)
    if not found:
        raise FrontEndError(f"no form #{form_id} on the page: {_text(page)[-400:]}")
    action = re.search(r'action="([^"]+)"', found.group(1)).group(1)
    fields = {html.unescape(name): html.unescape(value) for name, value in re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)"', found.group(2))}
    return Form(html.unescape(action), fields, found.group(2))


class Member:
    def __init__(self, base_url: str, username: str, password: str, signup: str = "signup",
                 charset: str = "utf-8") -> None:
        self.base = base_url
        self.signup = signup  # the registration action: 2.0's is "register"
        self.index = f"{base_url}/index.php"
        self.username = username
        self.password = password
        self.browser = Browser(charset=charset)  # the forum's (``Browser``: what a form sends)

    def open_registration(self) -> None:
        """Accept the agreement and get the form. SMF refuses a form sent back within 10
        seconds (``$_SESSION['register']['limit']``, "a bit too quickly"): the caller waits
        once for every member it registers before ``finish_registration``."""
        agreement = read_form(self.browser.get(f"{self.index}?action={self.signup}").text, "registration")
        page = self.browser.post(agreement.action, agreement.fields | {"accept_agreement": "1"}).text
        self._registration = read_form(page, "registration")

    def finish_registration(self, email: str) -> None:
        form = self._registration
        _pace()
        answer = self.browser.post(form.action, form.fields | {
            "user": self.username, "email": email, "passwrd1": self.password,
            "passwrd2": self.password, "regSubmit": "Register"})
        self._expect(answer, "register")
        self.login()

    def login(self) -> None:
        page = self.browser.get(f"{self.index}?action=login").text
        if "action=logout" in page:  # registration logs the new member in
            return
        form = read_form(page, "frmLogin")
        answer = self.browser.post(form.action, form.fields | {
            "user": self.username, "passwrd": self.password, "cookielength": "3153600"})
        self._expect(answer, "login")
        check = self.browser.get(self.index).text
        if "action=logout" not in check:
            raise FrontEndError(f"login {self.username}: not logged in")

    def new_topic(self, board: int, subject: str, message: str) -> Posted:
        page = self.browser.get(f"{self.index}?action=post;board={board}.0").text
        return self._post(page, {"subject": subject, "message": message}, "new topic")

    def reply(self, topic: int, message: str, attachment: tuple[str, bytes] | None = None) -> Posted:
        """``attachment``: (file name, bytes) sent in the form's ``attachment[]`` input."""
        page = self.browser.get(f"{self.index}?action=post;topic={topic}.0").text
        subject = re.search(r'<input[^>]*name="subject"[^>]*value="([^"]*)"', page)
        return self._post(page, {"subject": html.unescape(subject.group(1)) if subject else "",
                                 "message": message}, "reply", attachment)

    def quote_source(self, topic: int, msg: int) -> str:
        """The message box as SMF fills it for "Quote" of message ``msg``."""
        page = self.post_form(f"quote={msg};topic={topic}.0")
        box = re.search(r'(?s)<textarea[^>]*name="message"[^>]*>(.*?)</textarea>', page)
        if not box:
            raise FrontEndError(f"quote of {msg}: no message box: {_text(page)[-400:]}")
        return html.unescape(box.group(1))

    def edit(self, topic: int, msg: int, message: str) -> None:
        page = self.post_form(f"msg={msg};topic={topic}.0")
        subject = re.search(r'<input[^>]*name="subject"[^>]*value="([^"]*)"', page)
        self._post(page, {"subject": html.unescape(subject.group(1)) if subject else "",
                          "message": message}, f"edit {msg}")

    def post_form(self, query: str) -> str:
        """The post form (``action=post``) for a quote or an edit."""
        return self.browser.get(f"{self.index}?action=post;{query}").text

    def make_sticky(self, topic: int) -> None:
        """The topic page's moderation button "Sticky"."""
        self._moderate(topic, "sticky")

    def remove_topic(self, topic: int) -> None:
        """The topic page's moderation button "Remove Topic" (its confirm() answered yes)."""
        self._moderate(topic, "removetopic2")

    def _moderate(self, topic: int, action: str) -> None:
        """Follow the topic page's button for ``action`` (a GET carrying the session check)."""
        page = self.browser.get(f"{self.index}?topic={topic}.0").text
        link = re.search(rf'href="([^"]*\?action={action};topic=[^"]*)"', page)
        if not link:
            raise FrontEndError(f"{action} {topic}: no such button for {self.username}")
        self._expect(self.browser.get(html.unescape(link.group(1))), f"{action} {topic}")

    def signature(self, text: str) -> None:
        page = self.browser.get(f"{self.index}?action=profile;area=forumprofile").text
        form = read_form(page, "creator")
        answer = self.browser.post(form.action, form.fields | {"signature": text,
                                                              "save": "Change profile"})
        self._expect(answer, "signature")
        if "updated" not in answer.url:
            raise FrontEndError(f"signature of {self.username} not saved ({answer.url})")

    def _post(self, page: str, fields: dict[str, str], what: str,
              attachment: tuple[str, bytes] | None = None) -> Posted:
        form = read_form(page, "postmodify")
        _pace()
        sent = form.fields | {"icon": "xx", "goback": "1"} | fields
        answer = self.browser.post_files(form.action, sent, [("attachment[]", *attachment)]) if attachment \
            else self.browser.post(form.action, sent)
        self._expect(answer, what)
        # With "return to this topic" SMF redirects to ``topic=N.new#new`` (or
        # ``topic=N.msgM``): the page that holds the new message, the newest id on it.
        topic = re.search(r"topic=(\d+)\.", answer.url)
        # 2.x: id="msgK" (2.0 also id="msg_K"); 1.1: <a name="msgK">, id="msg_K" when editable.
        ids = [int(msg) for msg in re.findall(r'(?:id="msg_?|name="msg)(\d+)"', answer.text)]
        if not topic or not ids:
            raise FrontEndError(f"{what} by {self.username}: no message id ({answer.url}): "
                                f"{_text(answer.text)[-400:]}")
        return Posted(int(topic.group(1)), max(ids))

    def _expect(self, answer: Response, what: str) -> None:
        """An error box with words in it (SMF prints empty hidden ones for its scripts), the
        fatal error page, or the post form's error list."""
        boxes = re.findall(r'(?s)<div class="errorbox"[^>]*>(.*?)</div>', answer.text) + \
            re.findall(r'(?s)<div id="fatal_error">(.*?)</div>\s*</div>', answer.text) + \
            re.findall(r'(?s)id="error_list">(.*?)</dd>', answer.text) + \
            re.findall(r'(?s)<tr class="titlebg">\s*<td>An Error Has Occurred!</td>.*?<td[^>]*>(.*?)</td>',
                       answer.text)  # 1.1's fatal error
        detail = " ".join(filter(None, (_text(box) for box in boxes)))
        if answer.status >= 400 or detail:
            raise FrontEndError(f"{what} by {self.username}: HTTP {answer.status}: {detail[:400]}")


def _text(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(
        r"(?s)<(script|style)\b.*?</\1>", " ", page)).split())
