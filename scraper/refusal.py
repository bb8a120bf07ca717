"""What a site sends instead of content when it refuses a crawler, recognised by shape.

A JavaScript challenge (a small page whose script sets a cookie or a URL parameter and
reloads: yunsuo, 安全狗 safedog, 加速乐, Aliyun, Cloudflare...), Discuz's own CC protection
(``source/class/discuz/discuz_application.php`` ``attackevasive``: "频繁刷新限制",
"页面重载开启", "代理服务器访问限制", a question form), a rate-limit page, a login form
where a page was expected, a WAF's 403/503. Pure functions over status, URL and text: the
downloader middleware :mod:`scraper.page_checks` decides what to do about them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from parsel import Selector

from scraper.engines import detect

# Bigger pages are forum pages that merely contain a script; challenges are a few KB.
CHALLENGE_MAX_CHARS = 64 * 1024
CHALLENGE_MARKERS = re.compile(
    r"yunsuo_session_verify|security_verify_data|security_session_verify|safedog|__jsl_clearance"
    r"|acw_sc__v2|_cf_chl|cf-chl|cf_chl_opt|challenge-platform|Checking your browser|Just a moment"
    r"|__tst_status|waf_cookie|_waf_",
    re.I,
)
RELOADING_SCRIPT = re.compile(
    r"document\.cookie\s*=|location\.reload|location\.replace|(?:window\.|document\.)?location"
    r"(?:\.href)?\s*=",
    re.I,
)
CC_WORDINGS = re.compile(
    r"频繁刷新限制|頻繁刷新限制|刷新间隔时间小于|刷新間隔時間小於|页面重载开启|頁面重載開啟|代理服务器访问限制"
    r"|访问过于频繁|訪問過於頻繁|请求过于频繁|請求過於頻繁|访问太频繁|訪問太頻繁|name=\"secqsubmit\"",
)
WAF_WORDINGS = re.compile(
    r"\bWAF\b|防火墙|防火牆|安全狗|云锁|雲鎖|拦截|攔截|Access Denied|Request blocked|been blocked"
    r"|Forbidden|Web Application Firewall|安全防护|安全防護|非法请求|非法請求",
    re.I,
)
LOGIN_URL = re.compile(r"member\.php\?(?:[^#]*&)?mod=logging|[/?&](?:login|logging)(?:\.php|\b)", re.I)
LOGIN_FORM = re.compile(r"<input[^>]+type=[\"']?password", re.I)
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
# A page of the forum, in any version's markup (X ids, 6.x/7.x post tables and links, archiver).
DISCUZ_CONTENT = re.compile(
    r"id=[\"']?(?:postlist|threadlist|messagetext|category_|pid\d|post_\d|postmessage_\d)|normalthread_"
    r"|class=[\"']?(?:archiver_post|postauthor)\b|viewthread\.php\?tid=|forumdisplay\.php\?fid=",
    re.I,
)
# Posts or thread rows as Discuz writes them: a page showing them is the site's own, whatever
# its posts say (a post may well quote a CC page's wording). A cheap test, before the rest.
# Another engine's own page, its error pages included (XenForo answers "no permission" with 403).
ENGINE_PAGE = re.compile(r"<html[^>]*\bid=[\"'](?:XF|XenForo)[\"']", re.I)
# Invision's ``<body class="ipsApp …">`` (its 403 and 404 error pages too), after a head that
# may be long: looked for in the first CHALLENGE_MAX_CHARS.
ENGINE_BODY = re.compile(r"<body[^>]*\bclass=[\"']ipsApp\b", re.I)
SHOWS_CONTENT = ('id="postlist"', 'id="threadlist"', "normalthread_", 'id="postmessage_', 'class="postauthor',
                 'class="archiver_post', 'id="pid')
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.I | re.S)


# What the user can do; we never try to get past a protection ourselves.
ADVICE = ("add the cookies of your logged-in browser to [sites.NAME] cookies in forum-harvest.toml, "
          "or crawl slower (-s DOWNLOAD_DELAY=10 -s CONCURRENT_REQUESTS_PER_DOMAIN=1) later")


@dataclass(frozen=True)
class Refusal:
    kind: str  # throttled | cc-protection | js-challenge | login-form | waf
    seen: str  # what came back, for the one line the user reads

    def __str__(self) -> str:
        return f"refused ({self.kind}): {self.seen}"


def refusal_of(status: int, url: str, text: str) -> Refusal | None:
    """The refusal this response is, or None for a page of the site (or an ordinary error)."""
    if status == 429:
        return Refusal("throttled", "HTTP 429 Too Many Requests")
    if (login := login_redirect(url)) is not None:
        return login
    if status >= 400 and status not in (403, 503):
        return None
    if any(marker in text for marker in SHOWS_CONTENT):
        return None
    forum_markup = (DISCUZ_CONTENT.search(text) is not None or ENGINE_PAGE.search(text[:4096]) is not None
                    or ENGINE_BODY.search(text[:CHALLENGE_MAX_CHARS]) is not None)
    # Protection pages hide their wording in entities; a forum page writes its own plainly,
    # and decoding a whole forum page (~0.4 ms) is a tenth of what reading it costs.
    readable = text[:CHALLENGE_MAX_CHARS] if forum_markup else html.unescape(text[:CHALLENGE_MAX_CHARS])
    blocked = status == 403 or (status == 503 and WAF_WORDINGS.search(readable))
    if blocked and not forum_markup:
        return Refusal("waf", f"HTTP {status} from a firewall \"{_title(readable)}\"")
    if CC_WORDINGS.search(readable):
        return Refusal("cc-protection", f"the forum's CC protection page \"{_title(readable)}\"")
    if forum_markup:
        return None  # a forum page, or a Discuz message (no permission, deleted...)
    if len(text) <= CHALLENGE_MAX_CHARS and (CHALLENGE_MARKERS.search(text) or (any(
            RELOADING_SCRIPT.search(script) for script in _SCRIPT.findall(text)) and not _an_engine_s_page(text))):
        return Refusal("js-challenge", f"a JavaScript challenge page \"{_title(readable)}\" (HTTP {status})")
    if LOGIN_FORM.search(text) and re.search(r"登录|登錄|log\s*in|sign\s*in", _title(readable), re.I) \
            and not _an_engine_s_page(text):
        return Refusal("login-form", f"a login form \"{_title(readable)}\"")
    return None


def _an_engine_s_page(text: str) -> bool:
    """A page a forum engine recognizes as its own: its script is the forum's, not a
    challenge's (phpBB 3.0's subsilver2 sets ``document.location.href`` to jump to a page), and
    its login box is the forum's answer for this page (phpBB's "The board requires you to be
    registered and logged in to view this forum.", which the engine reads as
    ``login_required``), not a wall before the site. Asked only of a page about to be taken for
    a challenge or a login form."""
    return detect(Selector(text=text)) is not None


def login_redirect(url: str) -> Refusal | None:
    """A request that ended on the login page (e.g. robots.txt forbade following there)."""
    return Refusal("login-form", f"a redirect to the login page {url}") if LOGIN_URL.search(url) else None


def _title(text: str) -> str:
    match = TITLE.search(text)
    title = " ".join(match.group(1).split()) if match else ""
    return re.sub(r"<[^>]+>", "", title)[:80] or "untitled"
