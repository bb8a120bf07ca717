"""The administration control panel, as the admin's browser uses it: the ACP's own login (it
asks the password again, in a field named after a one-time ``credential``), then a module's
settings form sent with the changes asked and every other field as the form printed it."""

from __future__ import annotations

import html
import re

from tests.real_phpbb.front_end import FrontEndError, Member, _form, _text, _wait_next_second, form_action, hidden_fields

_SID = re.compile(r"[?&;]sid=([0-9a-f]{32})")


class AdminPanel:
    """The ACP of the board ``admin`` (a logged-in founder) is a member of."""

    def __init__(self, admin: Member) -> None:
        self.admin = admin
        self.sid = ""

    def login(self) -> None:
        page = self.admin.browser.get(f"{self.admin.base}/index.php").text
        sid = _SID.search(page).group(1)
        page = self.admin.browser.get(f"{self.admin.base}/adm/index.php?sid={sid}").text
        fields = hidden_fields(page, "login")
        fields.update(username=self.admin.username, login="Login")
        fields["password_" + fields["credential"]] = self.admin.password
        _wait_next_second()
        answer = self.admin.browser.post(form_action(page, "login", f"{self.admin.base}/adm"), fields).text
        if "Administration Control Panel" not in answer or not _SID.search(answer):
            raise FrontEndError(f"ACP login: {_text(answer)[-400:]}")
        self.sid = _SID.search(answer).group(1)

    def submit(self, module: str, mode: str, changes: dict[str, str]) -> str:
        """Send ``module``'s ``mode`` form (``acp_board``, the ACP's settings form) with
        ``changes`` (``config[NAME]`` values); returns the text of the answer's message box (a
        page that prints the form again has none: "")."""
        url = f"{self.admin.base}/adm/index.php?i={module}&mode={mode}&sid={self.sid}"
        page = self.admin.browser.get(url).text
        fields = form_fields(page, "acp_board")
        fields.update({f"config[{name}]": value for name, value in changes.items()}, submit="Submit")
        _wait_next_second()
        answer = self.admin.browser.post(form_action(page, "acp_board", f"{self.admin.base}/adm"), fields).text
        box = re.search(r'(?s)<div class="(successbox|errorbox)[^"]*">(.*?)</div>', answer)
        if box is not None and box.group(1) == "errorbox":
            raise FrontEndError(f"ACP {module} {mode}: {_text(box.group(2))[-400:]}")
        return _text(box.group(2)) if box else ""

    def add_link_forum(self, parent_id: int, name: str, link: str, permissions_from: int) -> None:
        """A link forum (``FORUM_LINK``, its clicks counted) under ``parent_id``, made with the
        ACP's "Create new forum" form, its permissions copied from ``permissions_from`` (the
        answer names no id: the board's tables do)."""
        url = (f"{self.admin.base}/adm/index.php?i=acp_forums&mode=manage&parent_id={parent_id}&action=add"
               f"&forum_name={name}&sid={self.sid}")
        page = self.admin.browser.get(url).text
        fields = form_fields(page, "forumedit")
        fields.update(forum_name=name, forum_type="2", forum_link=link, forum_link_track="1",
                      forum_perm_from=str(permissions_from), update="Submit")
        _wait_next_second()
        answer = self.admin.browser.post(form_action(page, "forumedit", f"{self.admin.base}/adm"), fields).text
        if 'class="successbox' not in answer:
            raise FrontEndError(f"ACP link forum: {_text(answer)[-400:]}")


def form_fields(page: str, form_id: str) -> dict[str, str]:
    """What a browser sends of a settings form untouched: ``hidden_fields`` and the text inputs'
    values, and each select's selected option (the first when none is: as a browser does)."""
    form = _form(page, form_id)
    fields = hidden_fields(page, form_id)
    for tag in re.findall(r"<input\b[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and re.search(r'type="text"', tag):
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, options in re.findall(r'(?s)<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form):
        chosen = re.search(r'<option\b[^>]*value="([^"]*)"[^>]*\sselected', options) \
            or re.search(r'<option\b[^>]*value="([^"]*)"', options)
        if chosen:
            fields[name] = html.unescape(chosen.group(1))
    return fields
