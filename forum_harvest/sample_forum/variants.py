"""Site variants real Discuz! installations show, applied to rendered pages.

- URL rewriting ("伪静态"): Discuz rewrites links in its output buffer, so thread lists and
  threads link to ``forum-F-P.html`` and ``thread-T-P-1.html`` (from ``forum.php?mod=…`` and
  from 6.x/7.x's ``forumdisplay.php``/``viewthread.php``); both forms keep working.
- An undeclared charset: no ``charset`` in the Content-Type header nor in a ``<meta>``.
- A lying charset: ``declare_charset="utf-8"`` names UTF-8 in the header and ``<meta>`` of
  pages whose bytes are in ``charset`` (e.g. GBK).
- A copy saved by a site mirror (``saved_by_mirror``): ``<base href="./">``, the site's own
  absolute links made relative, member links dead (``javascript:;``), no ``SITEURL``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_AMP = r"&(?:amp;)?"
_THREAD_LINK = re.compile(
    rf"(?:forum\.php\?mod=viewthread{_AMP}|viewthread\.php\?)tid=(\d+)(?:{_AMP}extra=[^&\"'#]*)?(?:{_AMP}page=(\d+))?(?=[\"'#])"
)
_FORUM_LINK = re.compile(rf"(?:forum\.php\?mod=forumdisplay{_AMP}|forumdisplay\.php\?)fid=(\d+)(?:{_AMP}page=(\d+))?(?=[\"'#])")
_REWRITTEN = re.compile(r"^/(?:(thread)-(\d+)-(\d+)-\d+|(forum)-(\d+)-(\d+))\.html$")
_META_CHARSET = re.compile(r'<meta charset="[^"]*" />\n?|charset = \'[^\']*\', '
                           r'|<meta http-equiv="Content-Type" content="text/html; charset=[^"]*" />\n?')


@dataclass(frozen=True)
class Variant:
    charset: str = "utf-8"
    declare_charset: bool | str = True  # a name: the charset the pages claim to be in
    rewrite_urls: bool = False

    @property
    def declared_charset(self) -> str:
        return self.declare_charset if isinstance(self.declare_charset, str) else self.charset

    def content_type(self, media_type: str, charset: str | None = None) -> str:
        """``charset``: the response's own, when it differs from the site's (touch pages)."""
        if not self.declare_charset:
            return media_type
        declared = self.declare_charset if isinstance(self.declare_charset, str) else charset or self.charset
        return f"{media_type}; charset={declared}"

    def finish(self, html: str) -> str:
        if self.rewrite_urls:
            html = _THREAD_LINK.sub(lambda m: f"thread-{m[1]}-{m[2] or 1}-1.html", html)
            html = _FORUM_LINK.sub(lambda m: f"forum-{m[1]}-{m[2] or 1}.html", html)
        if not self.declare_charset:
            html = _META_CHARSET.sub("", html)
        return html


def dynamic_target(path: str) -> str:
    """The dynamic URL a rewritten path stands for (any other path unchanged)."""
    match = _REWRITTEN.match(path)
    if match is None:
        return path
    if match[1]:
        return f"/forum.php?mod=viewthread&tid={match[2]}&page={match[3]}"
    return f"/forum.php?mod=forumdisplay&fid={match[5]}&page={match[6]}"


_MEMBER_LINK = re.compile(r'href="(?:home|member|misc|search)\.php[^"]*"')
_SITEURL = re.compile(r"SITEURL = '[^']*', ")


def saved_by_mirror(html: str, base_url: str) -> str:
    """``html`` as a mirror saves it: nothing in it points back at ``base_url``."""
    html = html.replace(f'<base href="{base_url}', '<base href="./').replace(base_url, "./")
    return _SITEURL.sub("", _MEMBER_LINK.sub('href="javascript:;"', html))
