"""One member's visit to a running Discuz! 7.2 or 6.0 through its own pages: each form is
fetched, its fields read as a browser would (``front_end8``: hidden inputs such as
``formhash``, the textarea's text, which holds the ``[quote]`` when replying to a post), ours
filled in, and sent where the form says.

Discuz 7 answers a form with ``showmessage()`` (``templates/default/showmessage.htm``); the
harness checks the database rather than that text, which only says what went wrong."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable

from tests.real_phpwind import front_end8
from tests.real_phpwind.front_end8 import read_form


def answer_text(page: str) -> str:
    """The visible text of a Discuz answer (its message box, or the whole page)."""
    found = re.search(r'(?s)<div class="alert_\w+">(.*?)</div>', page)
    text = found.group(1) if found else re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", page)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


class Member(front_end8.Visitor):
    """A member of a Discuz 7 or 6 site: its forms and answers. ``local``: what this
    edition's member types for a text (``edition.localizer``: traditional characters in
    Big5), applied to the name and to every value sent."""

    def __init__(self, base: str, name: str, password: str, charset: str = "utf-8",
                 local: Callable[[str], str] = str) -> None:
        super().__init__(base, local(name), password, charset)
        self.local = local

    def submit(self, path: str, form_name: str, values: dict[str, str],
               files: list[tuple[str, str, bytes]] | None = None) -> str:
        return super().submit(path, form_name, {key: self.local(value) for key, value in values.items()},
                              files)

    def said(self, page: str) -> str:
        return answer_text(page)

    def register(self, email: str) -> str:
        return self.submit("register.php", "register", {
            "username": self.name, "password": self.password, "password2": self.password,
            "email": email, "regsubmit": "true"})

    def log_in(self) -> None:
        """Log in; a member who just registered is logged in already (the login page then
        says 欢迎您回来 instead of showing its form)."""
        if self.logged_in():
            return
        said = self.submit("logging.php?action=login", "login", {
            "username": self.name, "password": self.password, "cookietime": "2592000",
            "loginsubmit": "true"})
        if not self.logged_in():
            raise RuntimeError(f"login of {self.name} refused: {said}")

    def logged_in(self) -> bool:
        return "action=logout" in self.page("index.php")

    def new_thread(self, fid: int, subject: str, message: str, values: dict[str, str] | None = None,
                   files: list[tuple[str, str, bytes]] | None = None) -> str:
        """``values``, ``files``: a picture's, from ``picture()``."""
        return self.submit(f"post.php?action=newthread&fid={fid}", "postform", {
            "subject": subject, "message": message, "usesig": "1", "topicsubmit": "true",
            **(values or {})}, files)

    def picture(self, fid: int, name: str, data: bytes) -> tuple[dict[str, str], list, int | None]:
        """What a new thread's form sends with a picture: 6.0's has a file field
        (``attach[]``, sent with the post); 7.2's default uploader sends the file first
        (``upload()``) and the form names it (``attachnew``). Returns (values, files, the
        attachment's id when known before posting)."""
        if 'name="attach[]"' in self.page(f"post.php?action=newthread&fid={fid}"):
            return {"attachdesc[]": ""}, [("attach[]", name, data)], None
        aid = self.upload(name, data)
        return {f"attachnew[{aid}][description]": ""}, [], aid

    def reply(self, fid: int, tid: int, message: str, quote_pid: int = 0) -> str:
        """A reply; with ``quote_pid`` the quote button's form (``repquote``), whose textarea
        Discuz fills with the ``[quote]`` of that post."""
        path = f"post.php?action=reply&fid={fid}&tid={tid}"
        if quote_pid:
            path += f"&repquote={quote_pid}"
        form = read_form(self.page(path), "postform")
        return self.submit(path, "postform", {
            "message": form.fields.get("message", "") + message, "usesig": "1",
            "replysubmit": "true"})

    def edit(self, fid: int, tid: int, pid: int, message: str) -> str:
        return self.submit(f"post.php?action=edit&fid={fid}&tid={tid}&pid={pid}", "postform",
                           {"message": message, "editsubmit": "true"})

    def upload(self, name: str, data: bytes) -> int:
        """A picture sent as 7.2's Flash uploader sends it (``swfupload``, the post page's
        default): its settings from ``operation=config`` (the member's uid and upload hash),
        then the file as ``Filedata``, its name URL-encoded UTF-8; returns the attachment's
        id, which the post then names in ``attachnew``."""
        config = self.page("misc.php?action=swfupload&operation=config&type=image")
        uid, digest = (re.search(f"<{tag}>([^<]*)</{tag}>", config).group(1)
                       for tag in ("userid", "hash"))
        answer = self.browser.post_files(
            f"{self.base}/misc.php?action=swfupload&operation=upload&type=image",
            {"uid": uid, "hash": digest}, [("Filedata", urllib.parse.quote(name), data)]).text
        if not answer.strip().isdigit() or answer.strip() == "0":
            raise RuntimeError(f"upload of {name} refused: {answer[:200]}")
        return int(answer)

    def sign(self, text: str) -> str:
        """The signature, from the profile form that has it (``memcp_profile.htm``: type 2
        in 7.2, type 4 in 6.0)."""
        for typeid in (2, 4):
            path = f"memcp.php?action=profile&typeid={typeid}"
            if 'name="signaturenew"' in self.page(path):
                return self.submit(path, "reg", {"signaturenew": text, "editsubmit": "true"})
        raise RuntimeError("no profile form with a signature")
