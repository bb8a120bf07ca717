"""Invision Community 4.x's board index (``forums/front/index/index``: a ``li[data-categoryid]``
per category, ``forumRow`` per forum with its sub-forums in ``ul.ipsDataItem_subList``), a
category's page (its forums) and a forum's topic list (``forumDisplay``: sub-forums, then
``topicRow`` per topic: ``li.ipsDataItem[data-rowid]``, "By X", ``ul.ipsDataItem_stats``
replies and views, ``ul.ipsDataItem_lastPoster``, the ``fa-thumb-tack`` badge of a pinned
topic). Pinned topics sort first and take places in the pages; a forum guests may not view is
not listed."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import list_pages, listed_forums
from forum_harvest.sample_forum.invision.chrome import document, forum_path, pager, time_tag, topic_path
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Category, Forum, LinkForum, Thread, User

THREADS_PER_PAGE = 25  # 4.x's ``forums_topics_per_page`` default (applications/forums/data/settings.json)


def _member(view: View, user: User) -> str:
    return f"<a href='{view.base_url}profile/{user.uid}-{escape(user.name)}/'>{escape(user.name)}</a>"


def _forum_row(view: View, forum: Forum) -> str:
    base = view.base_url
    subs = "".join(f"<li><a href='{base}{forum_path(sub.forum_id, sub.name)}'>{escape(sub.name)}</a></li>"
                   for sub in view.forum.subforums(forum.forum_id) if not sub.members_only)
    return f"""<li class="cForumRow ipsDataItem ipsDataItem_responsivePhoto ipsClearfix" data-forumID="{forum.forum_id}">
<div class="ipsDataItem_main"><h4 class="ipsDataItem_title ipsType_large ipsType_break"><a href="{base}{forum_path(forum.forum_id, forum.name)}">{escape(forum.name)}</a></h4>
<div class="ipsDataItem_meta ipsType_richText">{escape(forum.description)}</div>
{f'<ul class="ipsDataItem_subList ipsList_inline">{subs}</ul>' if subs else ""}</div>
</li>"""


def _link_row(view: View, link: LinkForum) -> str:
    """A redirect forum's ``forumRow`` (4.x's ``forums/front/index``): the ``cForumIcon_redirect``
    status icon (a forum without an icon of its own), "(N visits to this link)" after its title,
    no counts or last post; its URL a forum's, which redirects."""
    return f"""<li class="cForumRow ipsDataItem ipsDataItem_responsivePhoto ipsClearfix" data-forumID="{link.forum_id}">
<div class="ipsDataItem_icon ipsDataItem_category"><span class='ipsItemStatus ipsItemStatus_large cForumIcon_redirect '><i class='fa fa-arrow-right'></i></span></div>
<div class="ipsDataItem_main"><h4 class="ipsDataItem_title ipsType_large ipsType_break"><a href="{view.base_url}{forum_path(link.forum_id, link.name)}">{escape(link.name)}</a>&nbsp;&nbsp;<span class='ipsType_light ipsType_medium'>(0 visits to this link)</span></h4>
<div class="ipsDataItem_meta ipsType_richText">{escape(link.description)}</div></div>
</li>"""


def _category(view: View, category: Category) -> str:
    forums = [f for f in listed_forums(view.forum) if f.category == category.gid and f.parent_forum_id is None]
    links = view.forum.links_in(category.gid)
    return f"""<li data-categoryID='{category.gid}' class='cForumRow ipsBox ipsSpacer_bottom'>
<h2 class="ipsType_sectionTitle ipsType_reset cForumTitle"><a href='{view.base_url}{forum_path(category.gid, category.name)}'>{escape(category.name)}</a></h2>
<ol class="ipsDataList ipsDataList_large ipsDataList_zebra" data-role="forums">{"".join(_forum_row(view, f) for f in forums)}{"".join(_link_row(view, link) for link in links)}</ol>
</li>"""


def index(view: View) -> str:
    body = (f"<ol class='ipsList_reset cForumList' data-controller='core.global.core.table, forums.front.forum.forumList'>"
            f"{''.join(_category(view, c) for c in view.forum.categories)}</ol>")
    return document(view, "index", 0, "Forums", [], body)


def category_page(view: View, category: Category) -> str:
    return document(view, "forums", category.gid, category.name, [],
                    f"<ol class='ipsList_reset cForumList'>{_category(view, category)}</ol>")


def _topic_row(view: View, thread: Thread) -> str:
    site, base = view.forum, view.base_url
    posts = site.thread_posts(thread.thread_id)
    pin = ("<span><span class=\"ipsBadge ipsBadge_icon ipsBadge_small ipsBadge_positive\" data-ipsTooltip title='Pinned'>"
           "<i class='fa fa-thumb-tack'></i></span></span>") if thread.sticky else ""
    return f"""<li class="ipsDataItem ipsDataItem_responsivePhoto" data-rowID='{thread.thread_id}'>
<div class='ipsDataItem_main'><h4 class='ipsDataItem_title ipsContained_container'>{pin}
<span class='ipsType_break ipsContained'><a href='{base}{topic_path(thread.thread_id, thread.title)}' class='' title='{escape(thread.title)}'><span>{escape(thread.title)}</span></a></span></h4>
<div class='ipsDataItem_meta ipsType_reset ipsType_light ipsType_blendLinks'><span>By {_member(view, site.users[thread.author])}, </span>{time_tag(posts[0].posted_at)}</div></div>
<ul class='ipsDataItem_stats'>
<li><span class='ipsDataItem_stats_number'>{thread.replies:,}</span><span class='ipsDataItem_stats_type'>{'reply' if thread.replies == 1 else 'replies'}</span></li>
<li class='ipsType_light'><span class='ipsDataItem_stats_number'>{thread.views:,}</span><span class='ipsDataItem_stats_type'>{'view' if thread.views == 1 else 'views'}</span></li></ul>
<ul class='ipsDataItem_lastPoster ipsDataItem_withPhoto ipsType_blendLinks'><li>{_member(view, site.users[posts[-1].author])}</li>
<li class="ipsType_light"><a href='{base}{topic_path(thread.thread_id, thread.title)}?do=getLastComment' class='ipsType_blendLinks'>{time_tag(posts[-1].posted_at)}</a></li></ul>
</li>"""


def forum_page(view: View, forum: Forum, page: int) -> str:
    site = view.forum
    shown = site.forum_threads(forum.forum_id)[(page - 1) * THREADS_PER_PAGE:page * THREADS_PER_PAGE]
    total = list_pages(site, forum.forum_id, THREADS_PER_PAGE, stickies_paged=True)
    nav = pager(view, lambda n: forum_path(forum.forum_id, forum.name, n), page, total, THREADS_PER_PAGE)
    subs = [f for f in site.subforums(forum.forum_id) if not f.members_only]
    category = site.category(forum.category)
    trail = [(forum_path(category.gid, category.name), category.name)]
    if forum.parent_forum_id:
        parent = site.forum(forum.parent_forum_id)
        trail.append((forum_path(parent.forum_id, parent.name), parent.name))
    links = site.links_in(forum.category, forum.forum_id)
    body = (("<ol class='ipsDataList ipsDataList_large' data-role='forums'>" + "".join(_forum_row(view, f) for f in subs)
             + "".join(_link_row(view, link) for link in links) + "</ol>") if subs or links else "") + (
        f"{nav}<ol class='ipsDataList ipsDataList_zebra ipsClear cForumTopicTable cTopicList' data-role='tableRows'>"
        f"{''.join(_topic_row(view, t) for t in shown)}</ol>{nav}")
    return document(view, "forums", forum.forum_id, forum.name,
                    trail + [(forum_path(forum.forum_id, forum.name), forum.name)], body)
