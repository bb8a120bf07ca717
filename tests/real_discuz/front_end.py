"""Members and moderators acting through Discuz's own pages, as a browser would.

Every write is the POST the site's form or AJAX dialog sends (``inajax=1`` answers are short
XML with the outcome), with the page's ``formhash``; nothing writes the forum tables directly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from tests.real_discuz.http_client import BROWSER_UA, Browser, Response


class FrontEndError(RuntimeError):
    """Discuz answered a front-end action with an error message instead of success."""


@dataclass(frozen=True)
class Posted:
    tid: int
    pid: int


class Member:
    """One logged-in member (the admin is also the forum's moderator)."""

    def __init__(self, base_url: str, username: str, password: str, charset: str = "utf-8",
                 write: Callable[[str], str] = str) -> None:
        """``charset``: the forum's, which its forms are sent in; ``write``: how this member
        writes the harness's (simplified) texts: as they are, or ``chinese.Traditional``."""
        self.base = base_url
        self.username = username
        self.password = password
        self.browser = Browser(BROWSER_UA, charset)
        self.write = write

    # -- account -----------------------------------------------------------------------------
    def register(self, email: str) -> None:
        """The register form's inputs have per-site random names (``reginput``); they are
        read from the form in order: username, password, password again, email."""
        page = self.browser.get(f"{self.base}/member.php?mod=register").text
        form = _form(page, "registerform")
        names = re.findall(r'<input type="(?:text|password)" id="([^"]+)" name=""', form)
        if len(names) < 4:
            raise FrontEndError(f"register form not understood ({len(names)} inputs)")
        fields = {"regsubmit": "yes", "formhash": _formhash(form), "referer": self.base + "/",
                  "activationauth": "", names[0]: self.username, names[1]: self.password,
                  names[2]: self.password, names[3]: email}
        if "agreebbrule" in form:
            fields["agreebbrule"] = "1"
        answer = self.browser.post(f"{self.base}/member.php?mod=register&inajax=1", fields)
        _expect_success(answer, "register " + self.username)

    def login(self) -> None:
        page = self.browser.get(f"{self.base}/member.php?mod=logging&action=login").text
        answer = self.browser.post(
            f"{self.base}/member.php?mod=logging&action=login&loginsubmit=yes&inajax=1",
            {"formhash": _formhash(page), "referer": self.base + "/", "loginfield": "username",
             "username": self.username, "password": self.password, "questionid": "0",
             "answer": "", "cookietime": "2592000"})
        _expect_success(answer, "login " + self.username)

    # -- posting -----------------------------------------------------------------------------
    def new_thread(self, fid: int, subject: str, message: str) -> Posted:
        url = f"{self.base}/forum.php?mod=post&action=newthread&fid={fid}"
        fields = {"formhash": self._formhash_of(url), "subject": self.write(subject),
                  "message": self.write(message), "wysiwyg": "0", "allownoticeauthor": "1",
                  "usesig": "1"}
        answer = self.browser.post(url + "&extra=&topicsubmit=yes&inajax=1", fields)
        return _posted(_expect_success(answer, f"new thread {subject!r}"))

    def reply(self, fid: int, tid: int, message: str, quote: int | None = None) -> Posted:
        """``quote``: the pid this reply quotes, as the post's 引用 button does: its reply form
        (``&repquote=``) carries the quote's BBCode in hidden inputs (``noticetrimstr``), which
        Discuz puts before the message (``post_newreply.php``, ``model_forum_post.php``)."""
        url = f"{self.base}/forum.php?mod=post&action=reply&fid={fid}&tid={tid}"
        page = self.browser.get(url + (f"&repquote={quote}" if quote else "")).text
        fields = {"formhash": _formhash(page), "subject": "", "message": self.write(message),
                  "wysiwyg": "0", "usesig": "1"}
        if quote:
            fields |= _hidden_inputs(page, ("noticetrimstr", "noticeauthor", "noticeauthormsg", "reppid"))
            if not fields["noticetrimstr"]:
                raise FrontEndError(f"the reply form quoting pid {quote} holds no quote")
        answer = self.browser.post(url + "&extra=&replysubmit=yes&inajax=1", fields)
        return _posted(_expect_success(answer, f"reply to {tid}"))

    def edit(self, fid: int, tid: int, pid: int, message: str, subject: str = "") -> None:
        url = f"{self.base}/forum.php?mod=post&action=edit&fid={fid}&tid={tid}&pid={pid}"
        page = self.browser.get(url).text
        if not subject:
            found = re.search(r'name="subject"[^>]*value="([^"]*)"', page)
            subject = found.group(1) if found else ""
        fields = {"formhash": _formhash(page), "subject": subject, "message": self.write(message),
                  "wysiwyg": "0", "delattachop": "0", "usesig": "1"}
        answer = self.browser.post(url + "&extra=&editsubmit=yes&inajax=1", fields)
        _expect_success(answer, f"edit of pid {pid}")

    def sign(self, signature: str) -> None:
        """The profile page's 个人签名 (``home.php?mod=spacecp&ac=profile&op=info``, ``sightml``);
        checked by reading the form again."""
        url = f"{self.base}/home.php?mod=spacecp&ac=profile&op=info"
        signature = self.write(signature)
        self.browser.post(url, {"formhash": self._formhash_of(url), "sightml": signature,
                                "profilesubmit": "true", "profilesubmitbtn": "true"})
        if html.escape(signature, quote=False) not in self.browser.get(url).text:
            raise FrontEndError(f"the signature of {self.username} was not saved")

    # -- moderation (topicadmin) -------------------------------------------------------------
    def delete_posts(self, fid: int, tid: int, pids: list[int], reason: str = "") -> None:
        """The thread page's "删除" of selected replies (``topicadmin&action=delpost``)."""
        url = (f"{self.base}/forum.php?mod=topicadmin&action=delpost&fid={fid}&tid={tid}"
               "&modsubmit=yes&infloat=yes&inajax=1")
        fields = [("formhash", self._formhash_of(
            f"{self.base}/forum.php?mod=viewthread&tid={tid}")), ("reason", reason),
            ("handlekey", "mods")] + [("topiclist[]", str(pid)) for pid in pids]
        _expect_success(self.browser.post(url, fields), f"delete of pids {pids}")

    def split(self, fid: int, tid: int, positions: list[int], subject: str) -> None:
        """Move the posts at ``positions`` into a new thread (``topicadmin&action=split``)."""
        url = (f"{self.base}/forum.php?mod=topicadmin&action=split&fid={fid}&tid={tid}"
               "&modsubmit=yes&infloat=yes&inajax=1")
        fields = {"formhash": self._formhash_of(
            f"{self.base}/forum.php?mod=viewthread&tid={tid}"), "subject": subject,
            "split": ",".join(map(str, positions)), "reason": "", "handlekey": "mods"}
        _expect_success(self.browser.post(url, fields), f"split of {tid} at {positions}")

    def ban(self, username: str, reason: str) -> None:
        """The moderator panel's 禁止发言 (``forum.php?mod=modcp&action=member&op=ban``, group 4),
        after the panel's own login (the moderator's password again). The panel answers with a
        page, not ``inajax`` XML: the caller checks the member's group."""
        panel = f"{self.base}/forum.php?mod=modcp"
        self.browser.post(f"{panel}&action=login", {
            "formhash": self._formhash_of(f"{panel}&action=login"), "submit": "yes",
            "login_panel": "yes", "cppwd": self.password})
        url = f"{panel}&action=member&op=ban"
        self.browser.post(url, {
            "formhash": self._formhash_of(f"{url}&username={username}"), "username": username,
            "uid": "", "bannew": "4", "banexpirynew": "", "reason": self.write(reason),
            "bansubmit": "true"})

    def _formhash_of(self, url: str) -> str:
        return _formhash(self.browser.get(url).text)


def _form(page: str, form_id: str) -> str:
    start = page.find(f'id="{form_id}"')
    if start < 0:
        raise FrontEndError(f"no form #{form_id} on the page: {_message(page)[:300]}")
    end = page.find("</form>", start)
    return page[start:end]


def _hidden_inputs(page: str, names: tuple[str, ...]) -> dict[str, str]:
    """The values of the form's hidden inputs ``names`` (as a browser sends them: unescaped)."""
    found = {}
    for name in names:
        match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page)
        found[name] = html.unescape(match.group(1)) if match else ""
    return found


def _formhash(page: str) -> str:
    found = re.search(r'name="formhash" value="(\w+)"', page) or re.search(
        r"formhash=(\w{8})", page)
    if not found:
        raise FrontEndError(f"no formhash on the page: {_message(page)[:300]}")
    return found.group(1)


def _expect_success(answer: Response, what: str) -> str:
    """An ``inajax`` answer: success calls ``succeedhandle_``, failure ``errorhandle_``."""
    text = answer.text
    if answer.status >= 400 or "succeedhandle_" not in text or "errorhandle_(" in text:
        raise FrontEndError(f"{what} failed (HTTP {answer.status}): {_message(text)[:400]}")
    return text


def _posted(answer: str) -> Posted:
    tid = re.search(r"'tid':'(\d+)'", answer)
    pid = re.search(r"'pid':'(\d+)'", answer)
    if not (tid and pid):
        raise FrontEndError(f"success without tid/pid: {_message(answer)[:300]}")
    return Posted(int(tid.group(1)), int(pid.group(1)))


def _message(text: str) -> str:
    cdata = re.search(r"<!\[CDATA\[(.*?)(?:<script|\]\]>)", text, re.S)
    plain = cdata.group(1) if cdata else re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", text)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", plain)).strip()
