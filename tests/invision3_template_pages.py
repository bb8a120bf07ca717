"""IP.Board 3.x pages as its compiled templates print them (3.4.8's ``skin_topic``
``topicViewTemplate`` and ``post``, ``skin_forum`` ``forumIndexTemplate``, ``topic`` and
``topicPrefixWrap``, ``skin_boards`` ``boardIndexTemplate``, ``skin_global`` ``userHoverCard``,
``userInfoPane``, ``signature_separator`` and ``paginationTemplate``: ``cache/skin_cache/
cacheid_1`` of repository ``lovecoding-git/xtralv``, see docs/engines/invision.md), filled
with made-up content. Not real pages: tests of the readers on the templates' shapes, for what
the real 3.4.7 pages (tests/fixtures/invision-3.4) do not show.
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


def _pager(base: str, current: int, pages: int, per_page: int) -> str:
    if pages == 1:
        return "<p class='pagination no_pages left ipsType_small'><span>Single page</span></p>"
    links = "".join(f"<li class='page active'>{n}</li>" if n == current else
                    f"<li class='page'><a href=\"{base}{'' if n == 1 else f'page-{n}'}\" title=\"{n}\">{n}</a></li>"
                    for n in range(1, pages + 1))
    return f"""<div class='pagination clearfix left '>
		<ul class='ipsList_inline left pages'>
			<li class='pagejump clickable pj7'>
					<a href='#'>Page {current} of {pages} </a>
					<script type='text/javascript'>
						ipb.global.registerPageJump( '7', {{ url: "{base}", stKey: 'st', perPage: {per_page}, totalPages: {pages}, anchor: '' }} );
					</script>
				</li>
			{links}
		</ul></div>"""


def topic_page(start: int = 20, total: int = 47, first_pid: int = 1001) -> str:
    """Of topic 88 in forum 5, 20 posts a page, the page that starts at post ``start`` (page 2
    of 3 by default, 46 replies): a signature, a quote of 3.2+, an edit line with a reason, a
    guest's post with a quote of 3.0–3.1, a banned author; post ids from ``first_pid``."""
    posts = "\n".join((
        _post(first_pid, start + 1, "alice", 7, "2013-01-09T22:09:53+00:00", "09 January 2013 - 10:09 PM",
              "<p>Is the card bootable?</p>", signature="<p>Alice's boards: RK3229</p>"),
        _post(first_pid + 1, start + 2, "bob", 8, "2013-01-10T07:55:00+00:00", "10 January 2013 - 07:55 AM", QUOTED,
              edit=EDITED),
        _post(first_pid + 2, start + 3, "Visitor", 0, "2013-01-10T09:00:00+00:00", "10 January 2013 - 09:00 AM", CITED,
              group="Guests"),
        _post(first_pid + 3, start + 4, "mallory", 9, "2013-01-11T10:00:00+00:00", "11 January 2013 - 10:00 AM",
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
	ipb.topic.start_id     = {start};
	ipb.topic.page_id      = {start // 20 + 1};
	ipb.topic.topPid       = 0;
	ipb.topic.counts       = {{ postTotal: {total},
							  curStart:  ipb.topic.start_id,
							  perPage:   20 }};
//]]>
</script>
<div itemscope itemtype="http://schema.org/Article" class='ipsBox_withphoto'>
	<h1 itemprop="name" class='ipsType_pagetitle'>A topic</h1>
	<meta itemprop="interactionCount" content="UserComments:{total}" />
</div>
<div class='topic_controls clearfix'>{_pager(f"{SITE}topic/88-a-topic/", start // 20 + 1, -(-total // 20), 20)}</div>
<div class='topic hfeed clear clearfix'><div class='maintitle ipsFilterbar clear clearfix'></div>
<div class='ipsBox'><div class='ipsBox_container' id='ips_Posts'>
{posts}
</div></div></div></div></div></body></html>"""


def _card(member_id: int, name: str) -> str:
    return (f"<a hovercard-ref=\"member\" hovercard-id=\"{member_id}\" data-ipb=\"noparse\" class=\"_hovertrigger url fn name \" "
            f"href='{SITE}user/{member_id}-{name}/' title='View Profile'><span itemprop=\"name\">{name}</span></a>")


def _topic_row(tid: int, title: str, starter: str, replies: int, views: str, last_poster: str, pinned: bool = False) -> str:
    prefix = "\n\t<span class='ipsBadge ipsBadge_green'>Pinned</span>&nbsp;\n" if pinned else ""
    return f"""<tr itemscope itemtype="http://schema.org/Article" class='__topic  expandable ' id='trow_{tid}' data-tid="{tid}">
	<td class='col_f_icon altrow short'><img src='{SITE}public/style_images/master/t_read_dot.png' alt='' /></td>
	<td class='col_f_content '>{prefix}
		<h4>
			<a itemprop="url" id="tid-link-{tid}" href="{SITE}topic/{tid}-a-topic/" title='{title} started on 09 January 2013 - 10:09 PM' class='topic_title'>
				<span itemprop="name">{title}</span>
			</a>
		</h4>
		<br />
		<span class='desc lighter blend_links'>
			Started by {_card(7, starter)}, <span itemprop="dateCreated">09 Jan 2013</span>
		</span>
	</td>
	<td class='col_f_preview __topic_preview'><a href='{SITE}topic/{tid}-a-topic/' class='expander closed' title='Preview topic'>&nbsp;</a></td>
	<td class='col_f_views desc blend_links'>
		<ul>
			<li>
				{replies} replies
				<meta itemprop="interactionCount" content="UserComments:{replies}"/>
			</li>
			<li class='views desc'>{views} views</li>
		</ul>
	</td>
	<td class='col_f_post'>
		<ul class='last_post ipsType_small'>
			<li>{_card(9, last_poster)}</li>
			<li><a href='{SITE}topic/{tid}-a-topic/?view=getlastpost' title='Go to last post: {title}'>11 Jan 2013</a></li>
		</ul>
	</td>
</tr>"""


def _page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xml:lang="en" lang="en" xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="content-type" content="text/html; charset=UTF-8" />
<title>{title}</title><meta property="og:site_name" content="Example Board"/></head>
<body id='ipboard_body'><div id='ipbwrapper'><div id='content' class='clearfix'>
{body}
</div></div></body></html>"""


def forum_page(replies: int = 46, pages: int = 2, other: bool = True) -> str:
    """Page 1 of ``pages`` of forum 5: a pinned topic (88, ``replies`` replies) and, when
    ``other``, another (89), with their counts and last posters."""
    rows = (_topic_row(88, "A topic", "alice", replies, "1,204", "mallory", pinned=True)
            + (_topic_row(89, "Another", "bob", 3, "12", "alice") if other else ""))
    return _page("Help - Example Board", f"""<h1 class='ipsType_pagetitle'>Help</h1>
<div class='topic_controls clearfix'>{_pager(f"{SITE}forum/5-help/", 1, pages, 40)}</div>
<div class='ipsBox'><div class='ipsBox_container'>
<table class='ipb_table topic_list hover_rows ' summary='Topics In This Forum &quot;Help&quot;' id='forum_table'>
{rows}
</table></div></div>""")


def index_page() -> str:
    """A category (3) holding a forum (5) with a sub-forum (8)."""
    return _page("Example Board", f"""<div id='category_3' class='category_block block_wrap'>
	<h3 class='maintitle'>
		<a class='toggle right' href='#' title="Toggle this category">Toggle this category</a> <a href="{SITE}forum/3-general/" title='View category'>General</a>
	</h3>
	<div class='ipsBox table_wrap'><div class='ipsBox_container'>
	<table class='ipb_table' summary="Forums within the category 'General'">
	<tr class=''>
		<td class='col_c_icon'><img src='{SITE}public/style_images/master/f_icon_read.png' /></td>
		<td class='col_c_forum'>
			<h4>
				<a href="{SITE}forum/5-help/" title='Go to forum'>Help</a>
			</h4>
			<p class='desc'>Ask here</p>
			<ol class='ipsList_inline ipsType_small subforums' id='subforums_5'>
				<li class='unread'><a href="{SITE}forum/8-boot-issues/" title='Go to forum'>Boot issues</a></li>
			</ol>
		</td>
	</tr>
	</table></div></div>
</div>""")


def index_page_31() -> str:
    """The index as 3.1 prints it (the markup of cadxp.com's real index, IP.Board 3.1, saved in
    GitHub ``silverfoxy/JSCryptoMinerStudy`` ``pagesource/cadxp.com`` at ``afccd315``): a forum
    row's cells carry no class (``td.altrow`` for the marker, a bare ``td`` for ``h4 a``)."""
    return _page("Example Board", f"""<div class='category_block block_wrap'>
	<h3 id='category_3' class='maintitle'><a class='toggle right' href='#' title="Toggle this category">Toggle this category</a> <a href="{SITE}forum/3-general/" title='View category'>General</a></h3>
	<table class='ipb_table' summary="Forums within the category 'General'">
		<tr class='header'>
			<th scope='col' class='col_c_icon'>&nbsp;</th>
			<th scope='col' class='col_c_forum'>Forum</th>
		</tr>
		<tr class='row1'>
			<td class='altrow'><a id='forum_img_5' href="{SITE}index.php?app=forums&amp;module=forums&amp;section=markasread&amp;marktype=forum&amp;forumid=5" class='forum_marker'><img src='{SITE}public/style_images/master/f_unread.png' alt='' /></a></td>
			<td>
				<h4><a href="{SITE}forum/5-help/" title='Go to forum'>Help</a></h4>
				<p class='desc'>Ask here</p>
			</td>
			<td class='altrow stats'><ul><li>25 topics</li><li>134 replies</li></ul></td>
			<td><ul class='last_post'><li><a href='{SITE}topic/88-a-topic/page__view__getlastpost' title='Go to last post'>13 March 2018 - 09:11 </a></li></ul></td>
		</tr>
	</table>
</div>""")


def empty_forum_page(name: str) -> str:
    """A forum with no topic: its title and a single-page pager."""
    return _page(f"{name} - Example Board", f"<h1 class='ipsType_pagetitle'>{name}</h1>\n"
                                            f"<div class='topic_controls clearfix'>{_pager('', 1, 1, 40)}</div>")


def error_page(message: str) -> str:
    """``skin_global_other`` ``Error``: what a guest gets for a topic that is gone (404)."""
    return _page("Error - Example Board", f"""<h1 class='ipsType_pagetitle'>An Error Occurred</h1>
<div class='ipsBox'>
	<div class='ipsBox_container ipsPad'>
		<span class="right desc ipsType_smaller ipsPad_top">[#10340] </span>
		<p class='ipsType_sectiontitle'>
			{message}
		</p>
		<p>Some useful links</p>
	</div>
</div>""")
