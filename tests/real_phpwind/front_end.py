"""``python -m tests.real_phpwind.front_end BASE_URL ACTION ARGS…``: one member's visit to a
running phpwind 9 through its own forms (as the seeding of tests/fixtures/phpwind-9.1 was
done; the steps are in its README). ``PW_USER``/``PW_PASS``/``PW_MAIL`` name the member.

Every form wants the ``csrf_token`` cookie sent back as a field; a login is ``u/login/dorun``
then the ``welcome`` link it answers with (which sets the ``winduser`` cookie). Wind answers a
redirect with the status line ``HTTP/1.x 302``, which PHP's built-in server passes through:
serve it with ``-d auto_prepend_file=tests/real_phpwind/status_line.php``."""

from __future__ import annotations

import os
import re
import sys

from tests.real_discuz.http_client import Browser

_ERROR = re.compile(r'J_html_error">([^<]*)')


# Each form: its path and fields from the action's arguments. ``pid`` of a reply: the post
# quoted (its author and first 120 characters become [quote=X,pid]).
FORMS = {
    "thread": lambda title, body, fid="2": (f"index.php?m=bbs&c=post&a=doadd&fid={fid}",
                                           {"atc_title": title, "atc_content": body}),
    "reply": lambda tid, body, pid="0": (f"index.php?m=bbs&c=post&a=doreply&tid={tid}",
                                         {"atc_title": "", "atc_content": body, "pid": pid}),
    "modify": lambda tid, pid, title, body: (
        f"index.php?m=bbs&c=post&a=domodify&tid={tid}&pid={pid}",
        {"atc_title": title, "atc_content": body}),
    "sign": lambda text: ("index.php?m=profile&a=dorun", {"bbs_sign": text, "gender": "0"}),
}


class Member:
    """``charset``: the site's, which the member's browser reads and sends forms in."""

    def __init__(self, base: str, name: str, password: str, charset: str = "utf-8") -> None:
        self.base, self.name, self.password = base, name, password
        self.browser = Browser(charset=charset)

    def _token(self) -> str:
        return next(c.value for c in self.browser.cookies if c.name == "csrf_token")

    def post(self, path: str, files: list[tuple[str, str, bytes]] | None = None, **form: str) -> str:
        """The form's answer: phpwind's message ("操作成功") or the page. A page has been
        fetched before (it sets ``csrf_token``). ``files``: sent as a form with file inputs."""
        url, fields = f"{self.base}/{path}", {**form, "csrf_token": self._token()}
        answer = (self.browser.post_files(url, fields, files) if files else self.browser.post(url, fields)).text
        found = _ERROR.search(answer)
        return found.group(1) if found else answer[:300]

    def register(self, email: str) -> str:
        self.browser.get(f"{self.base}/index.php?m=u&c=register")
        return self.post("index.php?m=u&c=register&a=dorun", username=self.name,
                         password=self.password, repassword=self.password, email=email)

    def log_in(self) -> None:
        self.browser.get(f"{self.base}/index.php?m=u&c=login")
        answer = self.browser.post(f"{self.base}/index.php?m=u&c=login&a=dorun", {
            "username": self.name, "password": self.password, "csrf_token": self._token()}).text
        welcome = re.search(r'href="([^"]*a=welcome[^"]*)"', answer)
        if not welcome:
            raise RuntimeError(f"login of {self.name} refused: {_ERROR.search(answer)}")
        self.browser.get(welcome.group(1).replace("&amp;", "&"))


def main() -> int:
    base, action, *args = sys.argv[1:]
    member = Member(base, os.environ.get("PW_USER", "admin"), os.environ.get("PW_PASS", "admin12345"))
    if action == "register":
        print(member.register(os.environ.get("PW_MAIL", "member@example.com")))
        return 0
    member.log_in()
    path, form = FORMS[action](*args)
    print(member.post(path, **form))
    return 0


if __name__ == "__main__":
    sys.exit(main())
