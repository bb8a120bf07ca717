"""XenForo 2.x's node list (``forum_list``: ``div.block--category``, ``div.node`` with
``h3.node-title``; sub-forums of a listed forum as ``a.subNodeLink``) and thread list
(``forum_view``: ``div.structItem--thread`` rows, sticky ones in
``structItemContainer-group--sticky`` on page 1 only), as in tests/fixtures/xenforo-2. A forum
guests may not view is not listed, as XenForo hides such nodes. A link forum is a
``div.node.node--link`` whose title links its address itself, as on soloarquitectura.com's real
2.0 index (tests/fixtures/xenforo-2-es-soloarquitectura-index): in its category's block, and
among its parent's nodes on the parent's page (the same node list); no capture shows one as a
``subNodeLink``, so the index does not print it there."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import list_pages
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Forum, LinkForum, SampleForum, Thread
from forum_harvest.sample_forum.xenforo.chrome import (document, forum_path, page_header, pager, slug, thread_path,
                                                       time_tag)

THREADS_PER_PAGE = 20  # XenForo's "Threads per page" default


def listed_forums(forum: SampleForum) -> list[Forum]:
    return [f for f in forum.forums if not f.members_only]


def _node(view: View, forum: Forum) -> str:
    subs = "".join(f'<li><a href="{view.base_url}{forum_path(s.forum_id, s.name)}" class="subNodeLink subNodeLink--forum">'
                   f"{escape(s.name)}</a></li>" for s in view.forum.subforums(forum.forum_id))
    threads = [t for t in view.forum.threads if t.forum_id == forum.forum_id]
    messages = sum(len(view.forum.thread_posts(t.thread_id)) for t in threads)
    return f"""
<div class="node node--id{forum.forum_id} node--depth2 node--forum node--read">
	<div class="node-body">
		<span class="node-icon" aria-hidden="true"><i></i></span>
		<div class="node-main js-nodeMain">
			<h3 class="node-title"><a href="{view.base_url}{forum_path(forum.forum_id, forum.name)}" data-xf-init="element-tooltip" data-shortcut="node-description">{escape(forum.name)}</a></h3>
			<div class="node-description node-description--tooltip js-nodeDescTooltip">{escape(forum.description)}</div>
			{f'<div class="node-subNodesFlat"><span class="node-subNodesLabel">Sub-forums:</span><ol class="node-subNodeFlatList">{subs}</ol></div>' if subs else ""}
		</div>
		<div class="node-stats"><dl class="pairs pairs--rows"><dt>Threads</dt><dd>{len(threads)}</dd></dl>
			<dl class="pairs pairs--rows"><dt>Messages</dt><dd>{messages}</dd></dl></div>
	</div>
</div>"""


def _link_node(link: LinkForum) -> str:
    return f"""
<div class="node node--depth2 node--link node--unread">
	<div class="node-body">
		<span class="node-icon" aria-hidden="true"><i></i></span>
		<div class="node-main js-nodeMain">
			<h3 class="node-title">
				<a href="{escape(link.url)}" data-xf-init="" data-shortcut="node-description">{escape(link.name)}</a>
			</h3>
			<div class="node-description">{escape(link.description)}</div>
			<div class="node-meta"></div>
		</div>
	</div>
</div>"""


def index(view: View) -> str:
    site = view.forum
    blocks = []
    for category in site.categories:
        nodes = [f for f in listed_forums(site) if f.category == category.gid and f.parent_forum_id is None]
        blocks.append(f"""
<div class="block block--category block--category{category.gid}">
	<span class="u-anchorTarget" id="{slug(category.name)}.{category.gid}"></span>
	<div class="block-container">
		<h2 class="block-header"><a href="{view.base_url}categories/{slug(category.name)}.{category.gid}/">{escape(category.name)}</a></h2>
		<div class="block-body">{"".join(_node(view, f) for f in nodes)}{"".join(map(_link_node, site.links_in(category.gid)))}
		</div>
	</div>
</div>""")
    body = page_header(view, [], site.site_name) + '<div class="p-body-main"><div class="p-body-content">' + "".join(blocks) + "</div></div>"
    return document(view, "forum_list", site.site_name, body, canonical="")



def _row(view: View, thread: Thread) -> str:
    site, base = view.forum, view.base_url
    posts = site.thread_posts(thread.thread_id)
    starter, last = site.users[thread.author], posts[-1]
    poster = site.users[last.author]
    path = thread_path(thread.thread_id, thread.title)
    sticky = ('<li><i class="structItem-status structItem-status--sticky" aria-hidden="true" title="Sticky"></i>'
              '<span class="u-srOnly">Sticky</span></li>') if thread.sticky else ""
    return f"""
<div class="structItem structItem--thread js-inlineModContainer js-threadListItem-{thread.thread_id}" data-author="{escape(thread.author)}">
	<div class="structItem-cell structItem-cell--icon"><div class="structItem-iconContainer">
		<a href="{base}members/{starter.uid}/" class="avatar avatar--s" data-user-id="{starter.uid}" data-xf-init="member-tooltip"><span class="avatar-u{starter.uid}-s" role="img" aria-label="{escape(starter.name)}">{escape(starter.name[0])}</span></a>
	</div></div>
	<div class="structItem-cell structItem-cell--main" data-xf-init="touch-proxy">
		<ul class="structItem-statuses">{sticky}</ul>
		<div class="structItem-title"><a href="{base}{path}" class="" data-tp-primary="on" data-xf-init="preview-tooltip" data-preview-url="{base}{path}preview">{escape(thread.title)}</a></div>
		<div class="structItem-minor"><ul class="structItem-parts">
			<li><a href="{base}members/{starter.uid}/" class="username " dir="auto" data-user-id="{starter.uid}" data-xf-init="member-tooltip">{escape(starter.name)}</a></li>
			<li class="structItem-startDate"><a href="{base}{path}" rel="nofollow">{time_tag(posts[0].posted_at, view.viewed_at)}</a></li>
		</ul></div>
	</div>
	<div class="structItem-cell structItem-cell--meta" title="First message reaction score: 0">
		<dl class="pairs pairs--justified"><dt>Replies</dt><dd>{thread.replies}</dd></dl>
		<dl class="pairs pairs--justified structItem-minor"><dt>Views</dt><dd>{thread.views}</dd></dl>
	</div>
	<div class="structItem-cell structItem-cell--latest ">
		<a href="{base}{path}latest" rel="nofollow">{time_tag(last.posted_at, view.viewed_at, "structItem-latestDate u-dt")}</a>
		<div class="structItem-minor"><a href="{base}members/{poster.uid}/" class="username " dir="auto" data-user-id="{poster.uid}" data-xf-init="member-tooltip">{escape(poster.name)}</a></div>
	</div>
</div>"""


def _subforums(view: View, forum: Forum) -> str:
    subs = view.forum.subforums(forum.forum_id)
    links = view.forum.links_in(forum.category, forum.forum_id)
    if not subs and not links:
        return ""
    return ('<div class="block block--nodes"><div class="block-container"><div class="block-body">'
            + "".join(_node(view, s) for s in subs) + "".join(map(_link_node, links)) + "</div></div></div>")


def forum_page(view: View, forum: Forum, page: int) -> str:
    site = view.forum
    threads = site.forum_threads(forum.forum_id)
    plain = [t for t in threads if not t.sticky]
    shown = plain[(page - 1) * THREADS_PER_PAGE:page * THREADS_PER_PAGE]
    sticky = [t for t in threads if t.sticky] if page == 1 else []
    total = list_pages(site, forum.forum_id, THREADS_PER_PAGE)
    nav = pager(view, lambda n: forum_path(forum.forum_id, forum.name, n), page, total)
    sticky_group = (f'<div class="structItemContainer-group structItemContainer-group--sticky">'
                    f'{"".join(_row(view, t) for t in sticky)}</div>') if sticky else ""
    trail = [] if forum.parent_forum_id is None else [
        (forum_path(forum.parent_forum_id, site.forum(forum.parent_forum_id).name), site.forum(forum.parent_forum_id).name)]
    body = f"""{page_header(view, trail, forum.name, escape(forum.description))}
<div class="p-body-main"><div class="p-body-content"><div class="p-body-pageContent">
{_subforums(view, forum)}
<div class="block" data-xf-init="" data-type="thread" data-href="{view.base_url}inline-mod/">
	<div class="block-outer"><div class="block-outer-main">{nav}</div></div>
	<div class="block-container">
		<div class="block-body">
			<div class="structItemContainer">{sticky_group}
				<div class="structItemContainer-group js-threadList">{"".join(_row(view, t) for t in shown)}
				</div>
			</div>
		</div>
	</div>
	<div class="block-outer block-outer--after">{nav}</div>
</div>
</div></div></div>"""
    return document(view, "forum_view", forum.name, body, canonical=forum_path(forum.forum_id, forum.name, page),
                    keys=f' data-container-key="node-{forum.forum_id}"')
