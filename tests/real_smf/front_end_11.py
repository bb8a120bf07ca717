"""Members acting through SMF 1.1's own pages: where its forms differ from 2.x's
(``front_end.Member``). Registration is one form (``creator``) with the agreement's
``regagree`` box and no time gate; the signature is the profile's "Forum Profile" page; the
post form for a quote or an edit wants the session id in its URL (``sesc``, as the topic
page's "Quote" and "Modify" links carry it)."""

from __future__ import annotations

import re

from tests.real_smf.front_end import Form, FrontEndError, Member, read_form


class LegacyMember(Member):
    def __init__(self, base_url: str, username: str, password: str, charset: str = "utf-8") -> None:
        super().__init__(base_url, username, password, signup="register", charset=charset)

    def open_registration(self) -> None:
        form = read_form(self.browser.get(f"{self.index}?action=register").text, "creator")
        self._registration = Form(form.action, form.fields | {"regagree": "on"}, form.html)

    def signature(self, text: str) -> None:
        form = read_form(self.browser.get(f"{self.index}?action=profile;sa=forumProfile").text, "creator")
        answer = self.browser.post(form.action, form.fields | {"signature": text})
        self._expect(answer, "signature")
        if "sa=forumProfile" not in answer.url:
            raise FrontEndError(f"signature of {self.username} not saved ({answer.url})")

    def post_form(self, query: str) -> str:
        return self.browser.get(f"{self.index}?action=post;{query};sesc={self._session()}").text

    def _session(self) -> str:
        """The session id every page's "Logout" link carries."""
        found = re.search(r"action=logout;sesc=(\w+)", self.browser.get(self.index).text)
        if not found:
            raise FrontEndError(f"{self.username}: no session id on the board index")
        return found.group(1)
