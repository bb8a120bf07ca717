"""Invision Community 5.x pages as its compiled templates print them (5.0's
``core/front/global/globalTemplate``, ``forums/front/topics/topic``, ``postContainer``,
``postHeader`` and ``post``, ``core/front/global/commentEditLine``, ``signature`` and
``userLink``, ``core/global/global/pagination``, ``forums/front/forums/forumDisplay`` and
``topicRow``, ``forums/front/index/index`` and ``forumRow``, ``DateTime::html()``; the sites of
GitHub ``ibikunzwe/vjnchat`` (5.0.0), see
docs/engines/invision.md), filled with made-up content. No saved 5.x page was found: these are
not real pages, but tests of the readers on the templates' shapes.
"""

from __future__ import annotations

SITE = "https://community.example/forums/"


def _time(iso: str, shown: str, short: str = "1 yr") -> str:
    """``DateTime::html()``: a long and a short text, one hidden by the style sheet."""
    return (f"<time datetime='{iso}' title='{shown}' data-short='{short}' class='ipsTime ipsTime--long'>"
            f"<span class='ipsTime__long'>{shown}</span><span class='ipsTime__short'>{short}</span></time>")


def _chrome(controller: str, item_id: int, title: str, body: str, header: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en-US" dir="ltr" data-ips-path="/forums/topic/{item_id}-x/" data-ips-scheme='light' data-ips-scheme-active='light' data-ips-scheme-default='system' data-ips-theme="1" data-ips-guest>
<head data-ips-hook="head">
<meta charset="utf-8">
<title data-ips-hook="title">{title} - Example Community</title>
<meta property="og:site_name" content="Example Community">
</head>
<body data-ips-hook="body" class="ipsApp ipsApp_front " data-contentClass="IPS\\forums\\Topic" data-controller="core.front.core.app" data-pageApp="forums" data-pageLocation="front" data-pageModule="forums" data-pageController="{controller}" data-id="{item_id}" >
<div class="ipsLayout" id="ipsLayout" data-ips-hook="layout"><div class="ipsLayout__app" data-ips-hook="app">
<nav class="ipsBreadcrumb ipsBreadcrumb--top " aria-label="Breadcrumbs">
<ol itemscope itemtype="https://schema.org/BreadcrumbList" class="ipsBreadcrumb__list">
<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a href="{SITE}" itemprop="item"><span itemprop="name">Home</span></a></li>
<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a href="{SITE}forum/3-general/" itemprop="item"><span itemprop="name">General</span></a></li>
<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a href="{SITE}forum/5-help/" itemprop="item"><span itemprop="name">Help</span></a></li>
</ol>
<ul class="ipsBreadcrumb__feed" data-ips-hook="feed"><li><a data-action="defaultStream" href="{SITE}discover/"><i class="fa-regular fa-file-lines"></i> <span data-role="defaultStreamName">All Activity</span></a></li></ul>
</nav>
<main data-ips-hook="main" class="ipsLayout__main" id="ipsLayout__main" tabindex="-1">
{header}
{body}
</main></div></div>
</body></html>"""


def _pager(base: str, current: int, pages: int, per_page: int) -> str:
    items = "".join(
        f"<li class='ipsPagination__page{' ipsPagination__active' if n == current else ''}'>"
        f"<a href='{base}page/{n}/' data-page='{n}'>{n}</a></li>" for n in range(1, pages + 1))
    return (f"<div class=\"ipsButtonBar__pagination\"><ul class='ipsPagination ' id='elPagination_1_2' "
            f"data-ipsPagination-seoPagination='true' data-pages='{pages}' data-ipsPagination "
            f"data-ipsPagination-pages=\"{pages}\" data-ipsPagination-perPage='{per_page}'>{items}</ul></div>")


def _user_link(member_id: int, name: str) -> str:
    return (f"<a href='{SITE}profile/{member_id}-{name}/' rel=\"nofollow\" data-ipsHover data-ipsHover-width='370' "
            f"data-ipsHover-target='{SITE}profile/{member_id}-{name}/?do=hovercard' title=\"Go to {name}'s profile\" "
            f"class=\"ipsUsername\" translate=\"no\">{name}</a>")


def _post(comment_id: int, author: str, epoch: int, iso: str, shown: str, content: str,
          signature: str = "", group: str = "Members", classic: bool = False) -> str:
    """``postContainer``: the modern layout prints ``postHeader`` (``aside.ipsEntry__header``) inside
    the article, the classic one an ``aside.ipsEntry__author-column``; both then print ``post``."""
    member = 7
    sig = (f"<div data-role=\"memberSignature\" class='ipsEntry__signature ipsResponsive_hidePhone'>"
           f"<div class='ipsRichText i-color_soft'>{signature}</div></div>") if signature else ""
    if classic:
        author_box = f"""<aside data-ips-hook="topicAuthorColumn" class="ipsEntry__author-column">
<div data-ips-hook="postUserPhoto" class="ipsAvatarStack"><a href="{SITE}profile/{member}-{author}/" class="ipsUserPhoto" aria-hidden="true" tabindex="-1"><img src="/x.png" alt="{author}" loading="lazy"></a></div>
<h3 data-ips-hook="postUsername" class="ipsEntry__username">{_user_link(member, author)}</h3>
<div data-ips-hook="postUserGroup" class="ipsEntry__group">{group}</div>
<ul data-ips-hook="postUserStats" class="ipsEntry__authorStats ipsEntry__authorStats--minimal"><li data-i-el="posts"><span><i class="fa-solid fa-comment"></i><span data-i-el="number">1.2k</span><span data-i-el="label">posts</span></span></li></ul>
</aside>"""
    else:
        author_box = f"""<aside data-ips-hook="topicAuthorColumn" class="ipsEntry__header" data-feedid="forums-ips_forums_topic-77">
<div class="ipsEntry__header-align"><div class="ipsPhotoPanel">
<div class="ipsAvatarStack" data-ips-hook="postUserPhoto"><a href="{SITE}profile/{member}-{author}/" class="ipsUserPhoto" aria-hidden="true" tabindex="-1"><img src="/x.png" alt="{author}" loading="lazy"></a><span class="ipsOnline" data-ipstooltip title="Online now"></span></div>
<div class="ipsPhotoPanel__text">
<h3 data-ips-hook="postUsername" class="ipsEntry__username">{_user_link(member, author)}<span class="ipsEntry__group">{group}</span></h3>
<p class="ipsPhotoPanel__secondary"><a href="{SITE}topic/77-a-topic/?do=findComment&amp;comment={comment_id}" rel="nofollow">{_time(iso, shown)}</a></p>
</div></div>
<ul data-ips-hook="postBadgesSecondary" class="ipsBadges"></ul>
</div></aside>"""
    return f"""<a id="findComment-{comment_id}"></a>
<div id="comment-{comment_id}"></div>
<article data-ips-hook="postWrapper" id="elComment_{comment_id}" class="
		ipsEntry js-ipsEntry  ipsEntry--{'post' if classic else 'simple'} 
        ">
{author_box}
<div id="comment-{comment_id}_wrap" data-controller="core.front.core.comment" data-feedid="forums-ips_forums_topic-77" data-commentapp="forums" data-commenttype="forums" data-commentid="{comment_id}" data-quotedata="{{&quot;userid&quot;:{member},&quot;username&quot;:&quot;{author}&quot;,&quot;timestamp&quot;:{epoch},&quot;contentapp&quot;:&quot;forums&quot;,&quot;contenttype&quot;:&quot;forums&quot;,&quot;contentid&quot;:77,&quot;contentclass&quot;:&quot;forums_Topic&quot;,&quot;contentcommentid&quot;:{comment_id}}}" class="ipsEntry__content js-ipsEntry__content">
<div class="ipsEntry__post">
<div class="ipsEntry__meta">
<a href="{SITE}topic/77-a-topic/?do=findComment&amp;comment={comment_id}" class="ipsEntry__date" rel="nofollow">{_time(iso, shown)}</a>
<ul data-ips-hook="postBadges" class="ipsBadges"></ul>
</div>
<div data-ips-hook="postContent" class="ipsRichText ipsRichText--user" data-role="commentContent" data-controller="core.front.core.lightboxedImages">
<div data-ipstruncate-deferredclasses="ipsEntry__truncate" data-ipstruncate data-ipstruncate-deferred="1" data-collapse-off-first-page>
{content}
</div>
{{EDIT}}
</div>
{sig}
</div>
<div class="ipsEntry__footer"><menu data-ips-hook="postFooterControls" class="ipsEntry__controls" data-role="commentControls"><li data-ipsquote-editor="topic_comment" data-ipsquote-target="#comment-{comment_id}" class="ipsJS_show"><a href="#" data-action="quoteComment" data-ipsquote-singlequote><i class="fa-solid fa-quote-left" aria-hidden="true"></i><span>Quote</span></a></li></menu></div>
</div>
</article>"""


QUOTED = """<blockquote data-ipsquote="" class="ipsQuote" data-ipsquote-contentapp="forums" data-ipsquote-contentclass="forums_Topic" data-ipsquote-contentcommentid="501" data-ipsquote-contentid="77" data-ipsquote-contenttype="forums" data-ipsquote-timestamp="1578521393" data-ipsquote-userid="7" data-ipsquote-username="alice">
<div class="ipsQuote_citation">alice said:</div>
<div class="ipsQuote_contents"><p>Does the board boot from the card?</p></div>
</blockquote>
<p>Yes, from the card first, then USB.</p>"""

EDIT_LINE = f"""<p class='i-color_soft i-font-size_-1 ipsEdited' data-excludequote data-el='edited'>
	<i class="fa-solid fa-pen-to-square i-margin-end_icon"></i> <strong class='i-font-weight_600'>Edited {_time('2020-01-09T08:00:05Z', 'January 9, 2020', '4 yr')} by bob</strong>
		<br>typo
</p>"""


def topic_page() -> str:
    """Page 2 of 3 of topic 77, 25 posts a page: a quote and a signature (modern layout), an
    edit line with a reason, a banned author (classic layout)."""
    posts = "\n".join((
        _post(502, "bob", 1578521400, "2020-01-08T22:10:00Z", "January 8, 2020", QUOTED,
              signature="<p>Bob's boards: RK3229, RK3318</p>").replace("{EDIT}", ""),
        _post(503, "bob", 1578556805, "2020-01-09T08:00:05Z", "January 9, 2020",
              "<p>Fixed the link above.</p>").replace("{EDIT}", EDIT_LINE),
        _post(504, "dave", 1578560000, "2020-01-09T08:53:20Z", "January 9, 2020", "<p>Thanks.</p>",
              group="Banned", classic=True).replace("{EDIT}", ""),
    ))
    header = """<header class="ipsPageHeader ipsPageHeader--topic ipsBox ipsPull"><div class="ipsPageHeader__row">
<div data-ips-hook="header" class="ipsPageHeader__primary"><div class="ipsPageHeader__title">
<h1 data-ips-hook="title">A topic</h1></div></div></div></header>"""
    feed = (f"<div id=\"comments\" data-controller=\"core.front.core.commentFeed,forums.front.topic.view\" "
            f"data-baseurl=\"{SITE}topic/77-a-topic/\"><div data-ips-hook=\"topicPostFeed\" id=\"elPostFeed\" "
            f"class=\"ipsEntries ipsPull ipsEntries--topic\" data-role=\"commentFeed\">"
            f"{_pager(f'{SITE}topic/77-a-topic/', 2, 3, 25)}<form>{posts}</form></div></div>")
    return _chrome("topic", 77, "A topic", feed, header)


def _topic_row(topic_id: int, title: str, author: str, replies: str, views: str, pinned: bool = False) -> str:
    pin = ("<span class='ipsBadge ipsBadge--icon ipsBadge--pinned ' title='Pinned' data-ipsTooltip>"
           "<i class=\"fa fa-solid fa-thumbtack\"></i></span>") if pinned else ""
    url = f"{SITE}topic/{topic_id}-t/"
    return f"""<li data-ips-hook="topicRow" class="ipsData__item  " data-rowid="{topic_id}" data-location="" data-ips-read>
<a href="{url}" class="ipsLinkPanel" aria-hidden="true" tabindex="-1"><span>{title}</span></a>
<div class="ipsData__icon"><span class="ipsUserPhoto"><img src="/x.png" alt="" loading="lazy"></span></div>
<div class="ipsData__content"><div class="ipsData__main">
<div class="ipsData__title"><h4 data-ips-hook="title"><a href="{url}" ><span>{title}</span></a></h4>
<ul class="ipsMiniPagination" id='elPagination_3'><li hidden><a href='{url}page/2/' data-ipsTooltip title='Go to page 2'>2</a></li></ul>
<div class="ipsBadges">{pin}</div></div>
<div class="ipsData__meta">{_user_link(9, author)}, <a href="{url}">{_time('2020-01-02T10:00:00Z', 'January 2, 2020')}</a></div>
</div>
<span data-role="activeUsers"></span>
<div class="ipsData__extra">
<ul data-ips-hook="stats" class="ipsData__stats">
<li  data-stattype="forums_comments" ><span class="ipsData__stats-icon" data-stat-value="{replies}" aria-hidden="true" data-ipstooltip title="{replies} replies"></span><span class="ipsData__stats-label">{replies} replies</span></li>
<li  data-stattype="num_views" ><span class="ipsData__stats-icon" data-stat-value="{views}" aria-hidden="true" data-ipstooltip title="{views} views"></span><span class="ipsData__stats-label">{views} views</span></li>
</ul>
<div data-ips-hook="latestData" class="ipsData__last">
<a href="{SITE}profile/3-erin/" class="ipsUserPhoto" aria-hidden="true" tabindex="-1"><img src="/x.png" alt="erin" loading="lazy"></a>
<div class="ipsData__last-text"><div class="ipsData__last-primary">{_user_link(3, 'erin')}</div>
<div class="ipsData__last-secondary"><a href="{url}?do=getLastComment" title="Go to last post">{_time('2020-02-01T12:00:00Z', 'February 1, 2020')}</a></div></div>
</div></div></div>
</li>"""


def forum_page() -> str:
    """Page 1 of 2 of forum 5, a sub-forum, a pinned topic and one with a shortened count."""
    sub = (f"<ol class=\"ipsData ipsData--table ipsData--category\"><li data-ips-hook=\"rowItem\" "
           f"class=\" ipsData__item ipsData__item--discussions \" data-forumid=\"8\" data-ips-read>"
           f"<div class=\"ipsData__content\"><div class=\"ipsData__main\"><div class=\"ipsData__title\">"
           f"<h3 data-ips-hook=\"title\"><a href=\"{SITE}forum/8-boot-issues/\">Boot issues</a></h3>"
           f"</div></div></div></li></ol>")
    rows = (_topic_row(77, "A topic", "bob", "52", "1,204", pinned=True)
            + _topic_row(78, "Another", "alice", "3", "12.5k"))
    header = ("<header class=\"ipsPageHeader ipsBox ipsPull\"><div class=\"ipsPageHeader__row\">"
              "<h1 data-ips-hook=\"title\" class=\"ipsPageHeader__title\">Help</h1></div></header>")
    return _chrome("forums", 5, "Help", sub + _pager(f"{SITE}forum/5-help/", 1, 2, 25)
                   + f"<ol class=\"ipsData ipsData--table ipsData--entries ipsData--table-topic-list\" "
                     f"id=\"elTable_1\" data-role=\"tableRows\">{rows}</ol>", header)


def index_page() -> str:
    return _chrome("index", 0, "Forums", f"""<section>
<ol class="ipsBlockSpacer" data-controller="core.global.core.table, forums.front.forum.forumList" data-baseurl="">
<li data-categoryid="3" class="ipsBox ipsBox--forumCategory ipsPull">
<h2 class="ipsBox__header"><a href="{SITE}forum/3-general/">General</a>
<button class="ipsBox__header-toggle" type="button" aria-controls="forum-category_3" aria-expanded="true"><span class="ipsInvisible">Toggle this category</span></button></h2>
<ol class="ipsData ipsData--table ipsData--category ipsData--forum-category ipsBox__content" id="forum-category_3">
<li data-ips-hook="rowItem" class=" ipsData__item ipsData__item--discussions " data-forumid="5" data-ips-read>
<a href="{SITE}forum/5-help/" class="ipsLinkPanel" aria-hidden="true" tabindex="-1"><span>Help</span></a>
<div class="ipsData__content"><div class="ipsData__main"><div class="ipsData__title">
<h3 data-ips-hook="title"><a href="{SITE}forum/5-help/">Help</a></h3></div>
<ul data-ips-hook="children" class="ipsSubList"><li class="ipsSubList__item ipsSubList__item--read"><a href="{SITE}forum/8-boot-issues/">Boot issues</a></li></ul></div>
<div class="ipsData__extra"><div class="ipsData__last"><div class="ipsData__last-text"><div class="ipsData__last-primary"><a href="{SITE}topic/77-a-topic/" title="A topic">A topic</a></div></div></div></div></div>
</li></ol></li></ol></section>""")
