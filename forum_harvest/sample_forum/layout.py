"""Page chrome shared by the dynamic pages: head, header (#hd, #nv), breadcrumbs (#pt),
pagination (div.pg), footer (#ft) and the engine's message page."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import datetime
from html import escape

from forum_harvest.sample_forum.clock import TimeStyle
from forum_harvest.sample_forum.lang import PACKS, ZH_CN, Words
from forum_harvest.sample_forum.look import Look
from forum_harvest.sample_forum.model import SampleForum


@dataclass(frozen=True)
class View:
    """What a page is rendered for: the site, where it is served, when it is looked at, and
    how the site looks (skin, language pack, clock)."""

    forum: SampleForum
    base_url: str  # ends with "/", e.g. http://127.0.0.1:8090/
    viewed_at: datetime
    charset: str = "utf-8"
    look: Look = Look()
    robot: bool = False  # the request's User-Agent is a robot's (``robot_mode``): robot templates

    @property
    def words(self) -> Words:
        return PACKS[self.look.lang]

    @property
    def times(self) -> TimeStyle:
        return TimeStyle(self.words, self.look.clock12)

    @property
    def site(self) -> str:
        return escape(self.forum.site_name)

    @property
    def formhash(self) -> str:
        return hashlib.md5(f"formhash:{self.forum.seed}".encode()).hexdigest()[:8]


def document_start(view: View, canonical: str) -> tuple[str, str]:
    """The opening every page shares, and its canonical ``<link>`` (or "")."""
    link = f'<link href="{view.base_url}{canonical}" rel="canonical" />\n' if canonical else ""
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="{view.charset}" />
<meta name="renderer" content="webkit" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
""", link


def head(view: View, title: str, keywords: str, description: str, css: str, canonical: str = "") -> str:
    b = view.base_url
    start, link = document_start(view, canonical)
    return start + f"""<title>{title} -  Powered by Discuz!</title>
{link}<meta name="keywords" content="{keywords}" />
<meta name="description" content="{description} ,{view.site}" />
<meta name="generator" content="Discuz! X3.5" />
<meta name="author" content="Discuz! Team and Comsenz UI Team" />
<meta name="copyright" content="2001-2026 Discuz! Team." />
<meta name="MSSmartTagsPreventParsing" content="True" />
<meta http-equiv="MSThemeCompatible" content="Yes" />
<base href="{b}" /><link rel="stylesheet" type="text/css" href="data/cache/style_1_common.css?lUm" /><link rel="stylesheet" type="text/css" href="data/cache/style_1_{css}.css?lUm" /><script type="text/javascript">var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', VERHASH = 'lUm', charset = '{view.charset}', discuz_uid = '0', cookiepre = 'sF7q_2132_', cookiedomain = '', cookiepath = '/', showusercard = '1', attackevasive = '0', disallowfloat = 'newthread', creditnotice = '1|威望|,2|金钱|,3|贡献|', defaultstyle = '', SITEURL = '{b}', JSPATH = 'data/cache/', CSSPATH = 'data/cache/style_', DYNAMICURL = '';</script>
<script src="data/cache/common.js?lUm" type="text/javascript"></script>
<meta name="application-name" content="{view.site}" />
<link rel="archives" title="{view.site}" href="{b}archiver/" />
</head>
"""


def header(view: View, body_class: str) -> str:
    h = view.formhash
    return f"""
<body id="nv_forum" class="{body_class}" onkeydown="if(event.keyCode==27) return false;">
<div id="append_parent"></div><div id="ajaxwaitid"></div>
<div id="toptb" class="cl">
<div class="wp">
<div class="z"><a href="{view.base_url}" onclick="addFavorite(this.href, '{view.site}');return false;">收藏本站</a></div>
<div class="y"><a href="misc.php?mod=faq" target="_blank">帮助</a></div>
</div>
</div>
<div id="hd">
<div class="wp">
<div class="hdc cl"><h2><a href="./" title="{view.site}"><img src="static/image/common/logo.svg" alt="{view.site}" class="boardlogo" id="boardlogo" border="0" /></a></h2>
<form method="post" autocomplete="off" id="lsform" action="member.php?mod=logging&amp;action=login&amp;loginsubmit=yes&amp;infloat=yes&amp;lssubmit=yes" onsubmit="return lsSubmit();">
<div class="fastlg cl">
<div class="y pns">
<input type="text" name="username" id="ls_username" autocomplete="off" class="px vm" />
<input type="password" name="password" id="ls_password" class="px vm" autocomplete="off" />
<button type="submit" class="pn vm" style="width: 75px;"><em>登录</em></button>
&nbsp;<a href="member.php?mod=register" class="xi2 xw1">立即注册</a>
<input type="hidden" name="formhash" value="{h}" />
</div>
</div>
</form>
</div>
<div id="nv">
<a href="javascript:;" id="qmenu">快捷导航</a>
<ul><li class="a" id="mn_forum" ><a href="forum.php" hidefocus="true" title="BBS"  >论坛<span>BBS</span></a></li></ul>
</div>
<div id="scbar" class="cl">
<form id="scbar_form" method="post" autocomplete="off" action="search.php?searchsubmit=yes" target="_blank">
<input type="hidden" name="mod" id="scbar_mod" value="search" />
<input type="hidden" name="formhash" value="{h}" />
<input type="text" name="srchtxt" id="scbar_txt" value="请输入搜索内容" autocomplete="off" />
<button type="submit" name="searchsubmit" id="scbar_btn" sc="1" class="pn pnc" value="true"><strong class="xi2">搜索</strong></button>
<div id="scbar_hot">
<strong class="xw1">热搜: </strong>
<a href="search.php?mod=forum&amp;srchtxt=%E5%85%AC%E6%96%87&amp;formhash={h}&amp;searchsubmit=true&amp;source=hotsearch" target="_blank" class="xi2" sc="1">公文</a>
<a href="search.php?mod=forum&amp;srchtxt=discuz&amp;formhash={h}&amp;searchsubmit=true&amp;source=hotsearch" target="_blank" class="xi2" sc="1">discuz</a>
</div>
</form>
</div>
</div>
</div>

<div id="wp" class="wp">
"""


def breadcrumbs(view: View, trail: list[tuple[str, str]]) -> str:
    links = "".join(f' <em>&rsaquo;</em> <a href="{href}">{escape(text)}</a>' for href, text in trail)
    return (f'<div id="pt" class="bm cl">\n<div class="z">\n<a href="./" class="nvhm" title="首页">{view.site}</a>'
            f'<em>&raquo;</em><a href="forum.php">论坛</a>{links}\n</div>\n</div>\n')


def pager(base: str, page: int, total: int, words: Words = ZH_CN) -> str:
    """``div.pg`` as Discuz prints it; nothing at all for a single page."""
    if total <= 1:
        return ""
    out = [f'<a href="{base}{page - 1}" class="prev">&nbsp;&nbsp;</a>'] if page > 1 else []
    for number in range(max(1, page - 4), min(total, page + 5) + 1):
        out.append(f"<strong>{number}</strong>" if number == page else f'<a href="{base}{number}">{number}</a>')
    out.append(f'<label><input type="text" name="custompage" class="px" size="2" title="输入页码，按回车快速跳转" '
               f'value="{page}" onkeydown="if(event.keyCode==13) {{window.location=\'{base}\'+this.value;; doane(event);}}" />'
               f'<span title="{words.pages_total.format(n=total)}">{words.pages_of.format(n=total)}</span></label>')
    if page < total:
        out.append(f'<a href="{base}{page + 1}" class="nxt">{words.next_page}</a>')
    return '<div class="pg">' + "".join(out) + "</div>"


def footer(view: View, key: str) -> str:
    rng = random.Random(key)
    return f"""</div>
<div id="ft" class="wp cl">
<div id="flk" class="y">
<p>
<a href="archiver/" >Archiver</a><span class="pipe">|</span><a href="forum.php?showmobile=yes" >手机版</a><span class="pipe">|</span><a href="forum.php?mod=misc&action=showdarkroom" >小黑屋</a><span class="pipe">|</span><strong><a href="./" target="_blank">{view.site}</a></strong>
</p>
<p class="xs0">
GMT+8, {view.times.ymd_hm(view.viewed_at)}<span id="debuginfo">
, Processed in 0.0{rng.randint(10000, 39999)} second(s), {rng.randint(8, 20)} queries
.
</span>
</p>
</div>
<div id="frt">
<p>Powered by <strong><a href="https://www.discuz.vip/" target="_blank">Discuz!</a></strong> <em>X3.5</em></p>
<p class="xs0">&copy; 2001-2026 <a href="https://code.dismall.com/" target="_blank">Discuz! Team</a>.</p>
</div></div>
<script src="home.php?mod=misc&ac=sendmail&rand={int(view.viewed_at.timestamp())}" type="text/javascript"></script>
</body>
</html>"""


def message_page(view: View, text: str) -> str:
    """What Discuz answers (HTTP 200) for a missing thread or forum."""
    body = f"""<div id="ct" class="wp cl w">
<div class="nfl">
<div class="f_c altw">
<div id="messagetext" class="alert_error">
<p>{text}</p>
<script type="text/javascript">
if(history.length > (BROWSER.ie ? 0 : 1)) {{
document.write('<p class="alert_btnleft"><a href="javascript:history.back()">[ 点击这里返回上一页 ]</a></p>');
}} else {{
document.write('<p class="alert_btnleft"><a href="./">[ {view.site} 首页 ]</a></p>');
}}
</script>
</div>
</div>
</div>
</div>
"""
    return (head(view, f"提示信息 -  {view.site}", "", "提示信息", "forum_index") + header(view, "pg_")
            + body + footer(view, text))


def portal_page(view: View) -> str:
    """``portal.php``, which many sites serve at ``/``: articles, no forum list (the nav
    links to forum.php, like any page)."""
    body = """<div id="ct" class="wp cl">
<div class="mn"><div class="bm"><div class="bm_h"><h2>站点动态</h2></div>
<div class="bm_c"><ul><li><a href="portal.php?mod=view&amp;aid=1">欢迎来到本站</a></li></ul></div></div></div>
</div>
"""
    return head(view, f"门户 -  {view.site}", "", "门户", "portal_index") + header(view, "pg_index") + body + footer(view, "portal")
