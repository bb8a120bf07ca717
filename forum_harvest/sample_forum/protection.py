"""Protection modes of the sample forum: what a protected or throttling site answers instead
of its pages, in the shapes real ones use (``sample-forum serve --protect MODE``).

- ``js-challenge``: a small page whose script computes a cookie and reloads (the yunsuo /
  安全狗 / CDN shape); a request carrying that cookie (``fh_verify``, which a browser would
  have computed; a user copies it into the site profile's cookies) gets the forum.
- ``cc``: Discuz's own CC protection (``attackevasive``) page "频繁刷新限制".
- ``waf403`` / ``waf503``: a web application firewall's block page with that status.
- ``login``: every page redirects to the login form unless the member cookie ``fh_auth`` is sent.

robots.txt stays readable in every mode, as on real sites.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from forum_harvest.sample_forum.routes import Response

PROTECTION_MODES = ("js-challenge", "cc", "waf403", "waf503", "login")
PASS_COOKIES = {"js-challenge": ("fh_verify", "0d5a7c"), "login": ("fh_auth", "member")}
LOGIN_PATH = "/member.php?mod=logging&action=login"

JS_CHALLENGE = """<html><head><title>安全验证</title><meta charset="utf-8" /></head><body>
<noscript>请开启浏览器的 JavaScript 后刷新本页</noscript>
<script type="text/javascript">
var security_verify_data = "313932302c31303830";
function stringToHex(s) { var r = ""; for (var i = 0; i < s.length; i++) { r += s.charCodeAt(i).toString(16); } return r; }
document.cookie = "fh_verify=" + stringToHex("\\r\\x5a\\x7c").slice(0, 6) + "; path=/";
setTimeout(function () { location.href = location.pathname + location.search; }, 200);
</script></body></html>"""

# Discuz's securitymessage() page (attackevasive 1), with its reload script.
CC_PROTECTION = """<html><head><title>频繁刷新限制</title></head><body bgcolor="#FFFFFF">
<script language="JavaScript">function reload() {	document.location.reload();}setTimeout("reload()", 1001);</script>
<table cellpadding="0" cellspacing="0" border="0" width="700" align="center" height="85%"><tr align="center" valign="middle"><td>
<table cellpadding="10" cellspacing="0" border="0" width="80%" align="center"><tr><td valign="middle" align="center" bgcolor="#EBEBEB">
<br /><br /> <b style="font-size: 16px">频繁刷新限制</b> <br /><br />您访问本站速度过快或者刷新间隔时间小于两秒！请等待页面自动跳转 ...<br /><br />
</td></tr></table></td></tr></table></body></html>"""

WAF_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8" /><title>{status} - 网站防火墙</title></head>
<body><h1>您的请求被网站防火墙拦截</h1><p>可能原因：访问过于频繁，或请求含有不安全的内容。</p>
<p>事件编号：{status}-8f3a2c</p></body></html>"""

LOGIN_FORM = """<!DOCTYPE html><html><head><meta charset="utf-8" /><title>登录 - 示例论坛</title></head>
<body><form method="post" name="login" action="member.php?mod=logging&amp;action=login&amp;loginsubmit=yes">
<table><tr><th>用户名</th><td><input type="text" name="username" /></td></tr>
<tr><th>密码</th><td><input type="password" name="password" /></td></tr></table>
<button type="submit" name="loginsubmit">登录</button></form></body></html>"""


def protection_response(mode: str | None, target: str, cookie_header: str | None) -> Response | None:
    """What the protected site answers for ``target``; None when the forum itself answers."""
    if mode is None or target.startswith("/robots.txt") or _has_pass(mode, cookie_header):
        return None
    if mode == "js-challenge":
        return Response(200, JS_CHALLENGE)
    if mode == "cc":
        return Response(200, CC_PROTECTION)
    if mode in ("waf403", "waf503"):
        status = int(mode.removeprefix("waf"))
        return Response(status, WAF_PAGE.format(status=status))
    if target.startswith(LOGIN_PATH):
        return Response(200, LOGIN_FORM)
    return Response(302, "", headers={"Location": LOGIN_PATH})


def _has_pass(mode: str, cookie_header: str | None) -> bool:
    if mode not in PASS_COOKIES or not cookie_header:
        return False
    name, value = PASS_COOKIES[mode]
    cookie = SimpleCookie(cookie_header)
    return name in cookie and cookie[name].value == value
