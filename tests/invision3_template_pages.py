"""An IP.Board 3.x topic page as its compiled templates print it (3.4.8's ``skin_topic``
``topicViewTemplate`` and ``post``, ``skin_global`` ``userHoverCard``, ``userInfoPane``,
``signature_separator`` and ``paginationTemplate``: ``cache/skin_cache/cacheid_1`` of
repository ``lovecoding-git/xtralv``, see docs/engines/invision.md), filled with made-up
content. Not a real page: no saved 3.x topic page was found; a test of the reader on the
templates' shapes.
"""

from __future__ import annotations

SITE = "https://board.example/"


def _post(pid: int, position: int, author: str, member_id: int, iso: str, shown: str, content: str,
          group: str = "Members", signature: str = "", edit: str = "") -> str:
    if member_id:
        heading = "<h3 class='row2'>"
        card = (f"<span itemprop=\"creator name\" class=\"author vcard\"><a hovercard-ref=\"member\" hovercard-id=\"{member_id}\" "
                f"data-ipb=\"noparse\" class=\"_hovertrigger url fn name \" href='{SITE}user/{member_id}-{author}/' "
                f"title='View Profile'><span itemprop=\"name\">{author}</span></a></span>")
    else:
        heading, card = "<h3 class='guest row2'>", author
    sig = f"<div class=\"signature\" data-memberid=\"{member_id}\">\n\t{signature}\n</div>" if signature else ""
    return f"""<!--post:{pid}-->
<div class='post_block hentry clear clearfix  ' id='post_id_{pid}'>
		<a id='entry{pid}'></a>
		<div class='post_wrap' >
			{heading}
				<span class='post_id right ipsType_small desc blend_links'>
					<a itemprop="replyToUrl" data-entry-pid='{pid}' href='{SITE}topic/88-a-topic/page-2#entry{pid}' rel='bookmark' title='A topic: post #{position}'>
					#{position}
					<img src='{SITE}public/style_images/master/icon_share.png' class='small' title='A topic: post #{position}' />
					</a>
				</span>
				{card}
			</h3>
			<div class='author_info'>
				<div itemscope itemtype="http://schema.org/Person" class='user_details'>
	<span class='hide' itemprop="name">{author}</span>
	<ul class='basic_info'>
		<li class='group_title'>
			{group}
		</li>
	</ul>
</div>
			</div>
			<div class='post_body'>
				<p class='posted_info desc lighter ipsType_small'>
					Posted <abbr class="published" itemprop="commentTime" title="{iso}">{shown}</abbr>
				</p>
				<div itemprop="commentText" class='post entry-content '>
					{content}
					<br />
					{edit}
				</div>
				{sig}
				<ul id='postControlsNormal_{pid}' class='post_controls clear clearfix' ><li class='top hide'><a href='#ipboard_body' class='top' title='Back to top'>Back to top</a></li></ul>
			</div>
		</div>
	</div>
		<hr />
<script type="text/javascript">
var pid = parseInt({pid});
if ( pid > ipb.topic.topPid ){{
	ipb.topic.topPid = pid;
}}
</script>"""


QUOTED = """<blockquote class='ipsBlockquote' data-author="alice" data-cid="1001" data-time="1357769393"><p>Does it boot?</p></blockquote>
<p>It boots from the card.</p>"""

EDITED = """<p class='edit'>
							<strong>Edited by bob, 10 January 2013 - 08:00 AM.</strong>
								<br />
								<span class='reason'>typo</span>
						</p>"""

CITED = """<p class='citation'>bob, on 10 January 2013 - 07:55 AM, said:</p><div class='blockquote'><div class='quote'>It boots from the card.</div></div>
<p>Thanks, it works.</p>"""


def topic_page() -> str:
    """Page 2 of 3 of topic 88 in forum 5, 20 posts a page, 46 replies: a signature, a quote of
    3.2+, an edit line with a reason, a guest's post with a quote of 3.0–3.1, a banned author."""
    posts = "\n".join((
        _post(1001, 21, "alice", 7, "2013-01-09T22:09:53+00:00", "09 January 2013 - 10:09 PM",
              "<p>Is the card bootable?</p>", signature="<p>Alice's boards: RK3229</p>"),
        _post(1002, 22, "bob", 8, "2013-01-10T07:55:00+00:00", "10 January 2013 - 07:55 AM", QUOTED, edit=EDITED),
        _post(1003, 23, "Visitor", 0, "2013-01-10T09:00:00+00:00", "10 January 2013 - 09:00 AM", CITED, group="Guests"),
        _post(1004, 24, "mallory", 9, "2013-01-11T10:00:00+00:00", "11 January 2013 - 10:00 AM",
              "<p>Spam.</p>", group="Banned"),
    ))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xml:lang="en" lang="en" xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="content-type" content="text/html; charset=UTF-8" />
<title>A topic - Help - Example Board</title></head>
<body id='ipboard_body'><div id='ipbwrapper'>
<ol class='breadcrumb top ipsList_inline left'>
<li itemscope itemtype="http://data-vocabulary.org/Breadcrumb"><a href='{SITE}' itemprop="url"><span itemprop="title">Example Board</span></a></li>
<li itemscope itemtype="http://data-vocabulary.org/Breadcrumb"><a href='{SITE}forum/5-help/' itemprop="url"><span itemprop="title">Help</span></a></li></ol>
<div id='content' class='clearfix'>
<script type="text/javascript">
//<![CDATA[
	ipb.topic.inSection    = 'topicview';
	ipb.topic.topic_id     = 88;
	ipb.topic.forum_id     = 5;
	ipb.topic.redirectPost = 1;
	ipb.topic.start_id     = 20;
	ipb.topic.page_id      = 2;
	ipb.topic.topPid       = 0;
	ipb.topic.counts       = {{ postTotal: 47,
							  curStart:  ipb.topic.start_id,
							  perPage:   20 }};
//]]>
</script>
<div itemscope itemtype="http://schema.org/Article" class='ipsBox_withphoto'>
	<h1 itemprop="name" class='ipsType_pagetitle'>A topic</h1>
	<meta itemprop="interactionCount" content="UserComments:47" />
</div>
<div class='topic_controls clearfix'><div class='pagination clearfix left '>
		<ul class='ipsList_inline left pages'><li class='pagejump clickable pj1'><a href='#'>Page 2 of 3 </a></li>
		<li class='page'><a href="{SITE}topic/88-a-topic/" title="1">1</a></li>
		<li class='page active'>2</li>
		<li class='page'><a href="{SITE}topic/88-a-topic/page-3" title="3">3</a></li></ul></div></div>
<div class='topic hfeed clear clearfix'><div class='maintitle ipsFilterbar clear clearfix'></div>
<div class='ipsBox'><div class='ipsBox_container' id='ips_Posts'>
{posts}
</div></div></div></div></div></body></html>"""
