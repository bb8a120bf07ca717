"""Invision Community 4.x pages as its compiled templates print them (IPS 4.6.10's
``forums/front/topics/post``, ``core/front/global/commentEditLine`` and ``signature``,
``core/global/global/pagination``, ``forums/front/forums/topicRow``, ``forums/front/index/
forumRow``; repository ``lovecoding-git/xtralv``, see docs/engines/invision.md), filled with
made-up content: what the real saved page does not show (quotes, signatures, edit lines,
pagers, topic lists, the index). Not real pages: tests of the readers on the templates' shapes.
"""

from __future__ import annotations

SITE = "https://community.example/forums/"


def _chrome(controller: str, page_id: int, title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-US" dir="ltr"><head><title>{title} - Example Community</title>
<meta property="og:site_name" content="Example Community"></head>
<body class='ipsApp ipsApp_front ipsJS_has ipsClearfix' data-controller='core.front.core.app'
 data-pageApp='forums' data-pageLocation='front' data-pageModule='forums' data-pageController='{controller}'
 data-pageID='{page_id}'>
<nav class='ipsBreadcrumb ipsBreadcrumb_top ipsFaded_withHover'><ul data-role="breadcrumbList">
<li><a href='{SITE}'>Home</a></li>
<li><a href='{SITE}forum/3-general/'>General</a></li>
<li><a href='{SITE}forum/5-help/'>Help</a></li></ul></nav>
<h1 class='ipsType_pageTitle ipsContained_container'><span class='ipsType_break ipsContained'>{title}</span></h1>
{body}
</body></html>"""


def _pager(base: str, current: int, pages: int, per_page: int) -> str:
    items = "".join(
        f"<li class='ipsPagination_page{' ipsPagination_active' if n == current else ''}'>"
        f"<a href='{base}page/{n}/' data-page='{n}'>{n}</a></li>" for n in range(1, pages + 1))
    return (f"<ul class='ipsPagination' id='elPagination_1' data-ipsPagination-seoPagination='true' "
            f"data-pages='{pages}' data-ipsPagination data-ipsPagination-pages=\"{pages}\" "
            f"data-ipsPagination-perPage='{per_page}'>{items}</ul>")


def _post(comment_id: int, author: str, epoch: int, iso: str, shown: str, content: str,
          signature: str = "", group: str = "Members") -> str:
    sig = (f"<div data-role=\"memberSignature\" class='ipsResponsive_hidePhone ipsBorder_top ipsPadding_vertical'>"
           f"<div class='ipsType_light ipsType_richText' data-ipsLazyLoad>{signature}</div></div>") if signature else ""
    return f"""<a id="comment-{comment_id}"></a>
<article id="elComment_{comment_id}" class="cPost ipsBox ipsResponsive_pull ipsComment ipsComment_parent ipsClearfix ipsClear ipsColumns ipsColumns_noSpacing ipsColumns_collapsePhone">
<aside class="ipsComment_author cAuthorPane ipsColumn ipsColumn_medium ipsResponsive_hidePhone">
<h3 class="ipsType_sectionHead cAuthorPane_author ipsType_blendLinks ipsType_break"><strong><a href="{SITE}profile/7-x/" class="ipsType_break">{author}</a></strong></h3>
<ul class="cAuthorPane_info ipsList_reset"><li data-role="group">{group}</li></ul></aside>
<div class="ipsColumn ipsColumn_fluid ipsMargin:none">
<div id="comment-{comment_id}_wrap" data-controller="core.front.core.comment" data-commentapp="forums" data-commenttype="forums" data-commentid="{comment_id}" data-quotedata="{{&quot;userid&quot;:7,&quot;username&quot;:&quot;{author}&quot;,&quot;timestamp&quot;:{epoch},&quot;contentapp&quot;:&quot;forums&quot;,&quot;contenttype&quot;:&quot;forums&quot;,&quot;contentid&quot;:77,&quot;contentclass&quot;:&quot;forums_Topic&quot;,&quot;contentcommentid&quot;:{comment_id}}}" class="ipsComment_content ipsType_medium">
<div class="ipsComment_meta ipsType_light ipsFlex ipsFlex-ai:center ipsFlex-jc:between ipsFlex-fd:row-reverse">
<div class="ipsType_reset ipsResponsive_hidePhone"><a href="{SITE}topic/77-a-topic/?do=findComment&amp;comment={comment_id}" class="ipsType_blendLinks">Posted <time datetime='{iso}' title='{shown}' data-short='1 yr'>{shown}</time></a></div></div>
<div class="cPost_contentWrap">
<div data-role="commentContent" class="ipsType_normal ipsType_richText ipsPadding_bottom ipsContained" data-controller="core.front.core.lightboxedImages">
{content}
</div>
<ul class="ipsComment_controls ipsClearfix ipsItemControls_left" data-role="commentControls"><li><a href="#" data-action="quoteComment">Quote</a></li></ul>
</div>
{sig}
</div></div></article>"""


QUOTED = """<blockquote class="ipsQuote" data-ipsquote="" data-ipsquote-contentapp="forums" data-ipsquote-contentclass="forums_Topic" data-ipsquote-contentcommentid="501" data-ipsquote-contentid="77" data-ipsquote-contenttype="forums" data-ipsquote-timestamp="1578521393" data-ipsquote-userid="7" data-ipsquote-username="alice">
<div class="ipsQuote_citation">alice said:</div>
<div class="ipsQuote_contents"><p>Does the board boot from the card?</p></div>
</blockquote>
<p>Yes, from the card first, then USB.</p>"""

EDITED = """<p>Fixed the link above.</p>
<span class='ipsType_reset ipsType_medium ipsType_light' data-excludequote>
<strong>Edited <time datetime='2020-01-09T08:00:05Z' title='01/09/20 08:00  AM' data-short='4 yr'>January 9, 2020</time> by bob</strong>
<br>typo
</span>"""

LEGACY = """<blockquote class="ipsBlockquote" data-author="carol" data-cid="499" data-time="1578400000"><p>Old words.</p></blockquote>
<p>Imported from 3.x.</p>"""


def topic_page() -> str:
    """Page 2 of 3 of topic 77, 25 posts a page: a quote and a signature, an edit line with a
    reason, a 3.x quote, a banned author."""
    posts = "\n".join((
        _post(502, "bob", 1578521400, "2020-01-08T22:10:00Z", "January 8, 2020", QUOTED,
              signature="<p>Bob's boards: RK3229, RK3318</p>"),
        _post(503, "bob", 1578556805, "2020-01-09T08:00:05Z", "January 9, 2020", EDITED),
        _post(504, "dave", 1578560000, "2020-01-09T08:53:20Z", "January 9, 2020", LEGACY, group="Banned"),
    ))
    return _chrome("topic", 77, "A topic", _pager(f"{SITE}topic/77-a-topic/", 2, 3, 25) + posts)


def _topic_row(topic_id: int, title: str, author: str, replies: str, views: str, pinned: bool = False) -> str:
    pin = ("<span><span class=\"ipsBadge ipsBadge_icon ipsBadge_small ipsBadge_positive\" data-ipsTooltip title='Pinned'>"
           "<i class='fa fa-thumb-tack'></i></span></span>") if pinned else ""
    return f"""<li class="ipsDataItem ipsDataItem_responsivePhoto" data-rowID='{topic_id}'>
<div class='ipsDataItem_main'><h4 class='ipsDataItem_title ipsContained_container'>{pin}
<span class='ipsType_break ipsContained'><a href='{SITE}topic/{topic_id}-t/' class='' title='{title}'><span>{title}</span></a></span></h4>
<div class='ipsDataItem_meta ipsType_reset ipsType_light ipsType_blendLinks'><span>By <a href='{SITE}profile/9-{author}/'>{author}</a>, </span><time datetime='2020-01-02T10:00:00Z' title='01/02/20 10:00  AM'>January 2, 2020</time></div></div>
<ul class='ipsDataItem_stats'>
<li><span class='ipsDataItem_stats_number'>{replies}</span><span class='ipsDataItem_stats_type'>replies</span></li>
<li class='ipsType_light'><span class='ipsDataItem_stats_number'>{views}</span><span class='ipsDataItem_stats_type'>views</span></li></ul>
<ul class='ipsDataItem_lastPoster ipsDataItem_withPhoto ipsType_blendLinks'><li></li><li><a href='{SITE}profile/3-erin/'>erin</a></li>
<li class="ipsType_light"><a href='{SITE}topic/{topic_id}-t/?do=getLastComment' class='ipsType_blendLinks'><time datetime='2020-02-01T12:00:00Z' title='02/01/20 12:00  PM'>February 1, 2020</time></a></li></ul>
</li>"""


def forum_page() -> str:
    """Page 1 of 2 of forum 5, a sub-forum, a pinned topic and one with a shortened count."""
    sub = (f"<ol class='ipsDataList'><li class=\"cForumRow ipsDataItem ipsClearfix\" data-forumID=\"8\">"
           f"<div class='ipsDataItem_main'><h4 class='ipsDataItem_title ipsType_large ipsType_break'>"
           f"<a href='{SITE}forum/8-boot-issues/'>Boot issues</a></h4></div></li></ol>")
    rows = (_topic_row(77, "A topic", "bob", "52", "1,204", pinned=True)
            + _topic_row(78, "Another", "alice", "3", "12.5k"))
    return _chrome("forums", 5, "Help", sub + _pager(f"{SITE}forum/5-help/", 1, 2, 25)
                   + f"<ol class='ipsDataList cTopicList' data-role='tableRows'>{rows}</ol>")


def index_page() -> str:
    return _chrome("index", 0, "Forums", f"""<ol class='ipsList_reset cForumList' data-controller='core.global.core.table, forums.front.forum.forumList' data-baseURL=''>
<li data-categoryID='3' class='cForumRow ipsBox ipsSpacer_bottom'>
<h2 class="ipsType_sectionTitle ipsType_reset cForumTitle"><a href='{SITE}forum/3-general/'>General</a></h2>
<ol class="ipsDataList ipsDataList_large ipsDataList_zebra" data-role="forums">
<li class="cForumRow ipsDataItem ipsDataItem_responsivePhoto ipsClearfix" data-forumID="5">
<div class="ipsDataItem_main"><h4 class="ipsDataItem_title ipsType_large ipsType_break"><a href="{SITE}forum/5-help/">Help</a></h4>
<ul class="ipsDataItem_subList ipsList_inline"><li class=""><a href="{SITE}forum/8-boot-issues/">Boot issues</a></li></ul></div>
<ul class="ipsDataItem_lastPoster ipsDataItem_withPhoto"><li><a href='{SITE}topic/77-a-topic/?do=getLastComment'>A topic</a></li></ul>
</li></ol></li></ol>""")
