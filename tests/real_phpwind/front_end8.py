"""One member's visit to a running phpwind 8.7 through its own pages: each form is fetched,
its fields read as a browser would (hidden inputs, defaults, the textarea's text: the quote
8.7 puts there), ours filled in, and sent where the form says.

8.7 answers a form with ``Showmsg`` (``template/wind/showmsg.htm``: the text in
``div.regIgnore p.f14``) or, for the post forms it sends with ``ajax=1``, a bare line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup

from tests.real_discuz.http_client import Browser, Response

SUCCESS = ("成功", "success", "完成")


@dataclass
class Form:
    action: str
    fields: dict[str, str]


def read_form(page: str, name: str) -> Form:
    """The form named (or with the id) ``name``: its action and its fields' values."""
    soup = BeautifulSoup(page, "html.parser")
    form = soup.find("form", attrs={"name": name}) or soup.find("form", id=name)
    if form is None:
        raise RuntimeError(f"no form {name!r} on the page: {answer_text(page)[:300]}")
    fields: dict[str, str] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        key = field.get("name")
        if not key or field.get("disabled") is not None:
            continue
        kind = (field.get("type") or "text").lower()
        if field.name == "textarea":
            fields[key] = field.get_text()
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            fields[key] = chosen.get("value", chosen.get_text()) if chosen else ""
        elif kind in ("checkbox", "radio"):
            if field.get("checked") is not None:
                fields[key] = field.get("value", "on")
        elif kind not in ("submit", "button", "image", "file", "reset"):
            fields.setdefault(key, field.get("value", ""))
    return Form(form.get("action", ""), fields)


def answer_text(page: str) -> str:
    """What a phpwind answer says: Showmsg's message, or the page's text."""
    found = re.search(r'(?s)<div class="regIgnore">\s*<p class="f14[^"]*">(.*?)</p>', page)
    text = found.group(1) if found else re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", page)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


class Visitor:
    """A member's browser on a site whose pages answer forms: fetch a form, fill it, send it.
    ``charset``: the edition's, which a browser reads the pages and sends the forms in."""

    def __init__(self, base: str, name: str, password: str, charset: str = "utf-8") -> None:
        self.base, self.name, self.password = base, name, password
        self.browser = Browser(charset=charset)

    def page(self, path: str) -> str:
        return self.browser.get(f"{self.base}/{path}").text

    def submit(self, path: str, form_name: str, values: dict[str, str],
               files: list[tuple[str, str, bytes]] | None = None) -> str:
        """Fetch ``path``, fill in its form ``form_name``, send it; what the answer says."""
        form = read_form(self.page(path), form_name)
        target = f"{self.base}/{form.action.replace('&amp;', '&') or path}"
        fields = form.fields | values
        answer: Response = (self.browser.post_files(target, fields, files) if files
                            else self.browser.post(target, fields))
        return self.said(answer.text)

    def said(self, page: str) -> str:
        """What the engine's answer to a form says (phpwind 8.7's Showmsg here)."""
        return answer_text(page)


class Member(Visitor):
    """phpwind 8.7's member."""

    def register(self, email: str) -> str:
        return self.submit("register.php", "register", {
            "regname": self.name, "regpwd": self.password, "regpwdrepeat": self.password,
            "regemail": email, "rgpermit": "1"})

    def log_in(self) -> None:
        said = self.submit("login.php", "login", {"pwuser": self.name, "pwpwd": self.password,
                                                  "lgt": "0", "cktime": "31536000"})
        if not any(c.name.endswith("winduser") for c in self.browser.cookies):
            raise RuntimeError(f"login of {self.name} refused: {said}")

    def new_thread(self, fid: int, title: str, body: str,
                   files: list[tuple[str, str, bytes]] | None = None) -> str:
        return self.submit(f"post.php?fid={fid}", "FORM",
                           {"atc_title": title, "atc_content": body, "atc_usesign": "1"}, files)

    def reply(self, fid: int, tid: int, body: str, quote: tuple[int, int] | None = None) -> str:
        """A reply; ``quote`` (pid, its position ``lou`` in the thread): the quote button's
        form (``read.htm``: ``post.php?action=quote…&pid=…&article=lou``), which 8.7 fills
        with the ``[quote]`` of that post (``article`` 0: the thread's own post)."""
        if quote is None:
            path = f"post.php?action=reply&fid={fid}&tid={tid}"
            values = {"atc_content": body}
        else:
            pid, lou = quote
            path = f"post.php?action=quote&fid={fid}&tid={tid}&pid={pid}&article={lou}"
            values = {}
        form = read_form(self.page(path), "FORM")
        values.setdefault("atc_content", form.fields.get("atc_content", "") + body)
        return self.submit(path, "FORM", values | {"atc_usesign": "1"})

    def modify(self, fid: int, tid: int, pid: str, body: str, title: str = "") -> str:
        path = f"post.php?action=modify&fid={fid}&tid={tid}&pid={pid}&article=0"
        values = {"atc_content": body}
        if title:
            values["atc_title"] = title
        return self.submit(path, "FORM", values)

    def sign(self, text: str) -> str:
        """The signature, from the profile's basic form (``u/themes/default/info_base.htm``)."""
        return self.submit("profile.php?action=modify", "creator", {"prosign": text})
