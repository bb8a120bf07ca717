"""phpwind 8.7's tables (``expected.json`` of tests/fixtures/phpwind-8.7*) as the shared truth
reader takes them: a quote is stored as the quote button wrote it (``require/postreply.php``,
``lang_post.php`` ``info_post_2``): the quoted member's link, a gray ":", the text, a link
back with a picture; read as ``[quote=NAME]`` and the text."""

from __future__ import annotations

import re

_QUOTE = re.compile(r"\[quote\]\[url=[^\]]*u\.php\?username=([^\]]+)\][^\[]*\[/url\]"
                    r"\[color=gray\]:\[/color\]")
_BACK_LINK = re.compile(r"\[url=[^\]]*job\.php\?action=topost[^\]]*\]\[img\][^\[]*\[/img\]\[/url\]")


def bbcode(content: str) -> str:
    return _BACK_LINK.sub("", _QUOTE.sub(r"[quote=\1]", content))


def banned(truth: dict) -> set[str]:
    """Members of group 6 (禁止发言): their posts are shielded."""
    return {s["username"] for s in truth["signatures"] if s.get("groupid") == 6}
