"""Members and moderators acting through phpBB's own pages, as a browser would.

Every write is the POST the board's own form sends, with the hidden fields the page printed
(``creation_time``, ``form_token``, ``sid``, ``topic_cur_post_id``…). phpBB refuses a form sent
in the same second it was printed (``check_form_key``: ``time() - creation_time`` must be
non-zero), and 3.0 cancels a post sent within 2 seconds of ``lastclick``, so each write waits
first. Nothing writes the forum tables
directly.
"""

from __future__ import annotations

import html
import re
import time
import urllib.parse
from dataclasses import dataclass

from tests.real_discuz.http_client import BROWSER_UA, Browser


class FrontEndError(RuntimeError):
    """phpBB answered a front-end action with an error message instead of success."""


@dataclass(frozen=True)
class Posted:
    topic_id: int
    post_id: int


class Member:
    """One logged-in member (the admin is also every forum's moderator). ``forum_id``: the
    forum every reply, quote, edit and delete is in (3.0's posting.php wants ``f`` with ``p``)."""

    def __init__(self, base_url: str, username: str, password: str, forum_id: int | None = None) -> None:
        self.base = base_url
        self.forum = f"&f={forum_id}" if forum_id else ""
        self.username = username
        self.password = password
        self.browser = Browser(BROWSER_UA)

    def login(self) -> None:
        page = self.browser.get(f"{self.base}/ucp.php?mode=login").text
        fields = hidden_fields(page, "login")
        fields.update(username=self.username, password=self.password, login="Login")
        _wait_next_second()
        answer = self.browser.post(f"{self.base}/ucp.php?mode=login", fields)
        if f"Logout [ {self.username} ]" not in answer.text and "mode=logout" not in answer.text:
            raise FrontEndError(f"login {self.username}: {_message(answer.text)}")

    def signature(self, text: str) -> None:
        url = f"{self.base}/ucp.php?i=ucp_profile&mode=signature"
        page = self.browser.get(url).text
        if 'id="postform"' not in page:  # 3.0 names the module by its short name
            url = f"{self.base}/ucp.php?i=profile&mode=signature"
            page = self.browser.get(url).text
        fields = hidden_fields(page, "postform")
        fields.update(signature=text, submit="Submit")
        _wait_next_second()
        answer = self.browser.post(url, fields)
        if "profile has been updated" not in answer.text:
            raise FrontEndError(f"signature {self.username}: {_message(answer.text)}")

    def new_topic(self, forum_id: int, subject: str, message: str, *, sticky: bool = False) -> Posted:
        """``sticky``: the form's "Post topic as: Sticky" (moderators only)."""
        return self._post(f"posting.php?mode=post&f={forum_id}", message, subject=subject,
                          extra={"topic_type": "1"} if sticky else None)

    def reply(self, topic_id: int, message: str) -> Posted:
        return self._post(f"posting.php?mode=reply{self.forum}&t={topic_id}", message)

    def quote(self, post_id: int, message: str) -> Posted:
        """Reply quoting a post: the form comes pre-filled with ``[quote=…]…[/quote]``."""
        return self._post(f"posting.php?mode=quote{self.forum}&p={post_id}", message, keep_text=True)

    def edit(self, post_id: int, message: str, reason: str = "") -> Posted:
        return self._post(f"posting.php?mode=edit{self.forum}&p={post_id}", message, edit_reason=reason)

    def soft_delete(self, post_id: int, reason: str = "") -> None:
        """A moderator's delete through the post's delete confirmation (soft: phpBB 3.1+
        keeps the row with ``post_visibility`` 2, which guests no longer see)."""
        url = f"{self.base}/posting.php?mode=delete{self.forum}&p={post_id}"
        page = self.browser.get(url).text
        fields = hidden_fields(page, "confirm")
        fields.update(delete_reason=reason, confirm="Yes")
        answer = self.browser.post(form_action(page, "confirm", self.base), fields)
        if "deleted" not in _message(answer.text).lower():
            raise FrontEndError(f"delete {post_id}: {_message(answer.text)}")

    def _post(self, path: str, message: str, *, subject: str | None = None,
              keep_text: bool = False, edit_reason: str | None = None,
              extra: dict[str, str] | None = None) -> Posted:
        url = f"{self.base}/{path}"
        page = self.browser.get(url).text
        fields = hidden_fields(page, "postform")
        found = re.search(r'<input[^>]*name="subject"[^>]*value="([^"]*)"', page)
        fields["subject"] = subject if subject is not None else html.unescape(found.group(1) if found else "")
        prefilled = re.search(r'(?s)<textarea[^>]*name="message"[^>]*>(.*?)</textarea>', page)
        before = html.unescape(prefilled.group(1)).strip() if keep_text and prefilled else ""
        fields["message"] = f"{before}\n{message}" if before else message
        if edit_reason is not None:
            fields["edit_reason"] = edit_reason
        fields.update(extra or {}, post="Submit")
        _wait_until(int(fields.get("lastclick") or time.time()) + 2)
        answer = self.browser.post(form_action(page, "postform", self.base), fields, follow=False)
        location = answer.header("Location") or _meta_refresh(answer.text)
        if "viewtopic.php" not in location:
            raise FrontEndError(f"{path}: {_message(answer.text)}")
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
        if "p" in query:  # a reply or an edit: viewtopic.php?p=N#pN
            post_id = int(query["p"][0])
            page = self.browser.get(urllib.parse.urljoin(url, location)).text
            topic_id = int(re.search(r'<h2[^>]*><a href="[^"]*?[?&;]t=(\d+)', page).group(1))
        else:  # a new topic: viewtopic.php?t=N, its first post is the page's first
            topic_id = int(query["t"][0])
            page = self.browser.get(urllib.parse.urljoin(url, location)).text
            post_id = int(re.search(r'<div id="p(\d+)" class="post ', page).group(1))
        return Posted(topic_id, post_id)


def register(base_url: str, username: str, password: str) -> None:
    """A guest's registration through the board's own form (3.1, which has no ``user:add``):
    the terms agreed to, then the form; the harness turned the CAPTCHA and activation off."""
    browser = Browser(BROWSER_UA)
    url = f"{base_url}/ucp.php?mode=register"
    page = browser.get(url).text
    fields = hidden_fields(page, "agreement")
    fields["agreed"] = "I agree to these terms"
    _wait_next_second()
    page = browser.post(form_action(page, "agreement", base_url), fields).text
    fields = hidden_fields(page, "register")
    fields.update(username=username, new_password=password, password_confirm=password,
                  email=f"{username}@example.test", lang="en", tz="UTC", submit="Submit")
    _wait_next_second()
    answer = browser.post(form_action(page, "register", base_url), fields)
    if "account has been created" not in answer.text:
        raise FrontEndError(f"register {username}: {_message(answer.text)}")


def hidden_fields(page: str, form_id: str) -> dict[str, str]:
    """What a browser sends of the form ``form_id`` untouched: its hidden inputs and its
    checked boxes and radio buttons (``attach_sig`` is one), the last value winning as PHP
    reads them."""
    form = _form(page, form_id)
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input\b[^>]*>", form):
        if re.search(r'type="hidden"', tag) or (
                re.search(r'type="(?:checkbox|radio)"', tag) and re.search(r"\schecked\b", tag)):
            name = re.search(r'name="([^"]+)"', tag)
            value = re.search(r'value="([^"]*)"', tag)
            if name:
                fields[name.group(1)] = html.unescape(value.group(1)) if value else "on"
    return fields


def _form(page: str, form_id: str) -> str:
    found = re.search(rf'(?s)<form\b[^>]*id="{form_id}"[^>]*>.*?</form>', page)
    if not found:
        raise FrontEndError(f"no form #{form_id} on the page: {_message(page)}")
    return found.group(0)


def form_action(page: str, form_id: str, base: str) -> str:
    action = re.search(r'action="([^"]+)"', _form(page, form_id)).group(1)
    return urllib.parse.urljoin(base + "/", html.unescape(action))


def _meta_refresh(page: str) -> str:
    """3.0 answers a post with a message page that refreshes to the post after 3 seconds."""
    found = re.search(r'<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)"', page, re.I)
    return html.unescape(found.group(1)) if found else ""


def _message(page: str) -> str:
    """The board's message box (``#message`` / ``.error``), else the page's visible text."""
    for pattern in (r'(?s)<div id="message"[^>]*>(.*?)</div>', r'(?s)<p class="error">(.*?)</p>',
                    r'(?s)<div class="error">(.*?)</div>'):
        found = re.search(pattern, page)
        if found:
            return _text(found.group(1))
    return _text(page)[-400:]


def _text(fragment: str) -> str:
    fragment = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _wait_until(moment: int) -> None:
    """3.0's posting.php takes a form sent less than 2 seconds after it was printed
    (``lastclick``) for a double click and cancels it."""
    time.sleep(max(0.0, moment - time.time()) + 0.05)
    _wait_next_second()


def _wait_next_second() -> None:
    """phpBB's ``check_form_key`` refuses a form sent within the second it was printed."""
    time.sleep(1.05 - (time.time() % 1) + 0.05)
