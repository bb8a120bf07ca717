"""A topic page as Invision Community 4.x's ``forums/front/topics/topic`` and ``post`` print it
(see tests/fixtures/invision-4.7 and docs/engines/invision.md): ``article#elComment_N`` with
the author pane (``h3.cAuthorPane_author``, the group in ``li[data-role=group]``), the content
box ``div[data-commentid][data-quotedata]``, "Posted <time>", the message in
``div[data-role=commentContent]`` ending with the edit line, the signature below it.

The sample's Discuz-only content as Invision shows it (``engine_shows``): Invision has neither
paid messages nor a hide tag, so both are printed in full; a banned member's posts stay
readable, the member in the group "Banned"; attachments are all placed in the message (4.x
lists none below it): those not placed in the text follow it.
"""

from __future__ import annotations

import json
from html import escape

from forum_harvest.sample_forum.engine_pages import InlineMarkup, forum_trail, lines_html, quoted_post_id, thread_pages
from forum_harvest.sample_forum.invision.chrome import document, forum_path, pager, time_tag, topic_path
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.media import INVISION_ATTACHMENT
from forum_harvest.sample_forum.model import Attachment, Post, Thread

# Set by the sample's admin (4.x's ``forums_posts_per_page`` default is 25, applications/forums/
# data/settings.json): 20 puts the post ``mutations.later`` edits on its topic's last page,
# which a recrawl reads again, as on the other engines' samples.
POSTS_PER_PAGE = 20


def _attachment(file: Attachment, base: str) -> str:
    if file.is_image:
        return (f'<a class="ipsAttachLink ipsAttachLink_image" href="{escape(base + file.path)}" data-fileid="{file.aid}"'
                f' rel=""><img class="ipsImage ipsImage_thumbnailed" data-fileid="{file.aid}"'
                f' src="{escape(base + file.path)}" alt="{escape(file.filename)}"></a>')
    return (f'<a class="ipsAttachLink" data-fileid="{file.aid}" href="{base}{INVISION_ATTACHMENT.lstrip("/")}?id={file.aid}"'
            f' rel="">{escape(file.filename)}</a>')


def _inline(base: str) -> InlineMarkup:
    return InlineMarkup('<a href="{href}" rel="external nofollow">{text}</a>',
                        lambda image: f'<img class="ipsImage" src="{escape(base + image.src)}" alt="">',
                        lambda file: _attachment(file, base))


def _quote(view: View, post: Post) -> str:
    quote = post.quote
    return (f'<blockquote class="ipsQuote" data-ipsquote="" data-ipsquote-contentapp="forums"'
            f' data-ipsquote-contentclass="forums_Topic" data-ipsquote-contentcommentid="{quoted_post_id(view.forum, post)}"'
            f' data-ipsquote-contentid="{post.thread_id}" data-ipsquote-contenttype="forums"'
            f' data-ipsquote-timestamp="{int(quote.posted_at.timestamp())}" data-ipsquote-userid="{view.forum.users[quote.author].uid}"'
            f' data-ipsquote-username="{escape(quote.author)}">'
            f'<div class="ipsQuote_citation">{escape(quote.author)} said:</div>'
            f'<div class="ipsQuote_contents"><p>{escape(quote.text, quote=False)}</p></div></blockquote>\n')


def _edit_line(post: Post) -> str:
    """``commentEditLine``, at the message's end."""
    if not post.edit:
        return ""
    return (f"\n<span class='ipsType_reset ipsType_medium ipsType_light' data-excludequote>\n"
            f"<strong>Edited {time_tag(post.edit.edited_at)} by {escape(post.edit.editor)}</strong>\n</span>")


def _message(view: View, post: Post) -> str:
    base = view.base_url
    shown = lines_html(post.lines + post.hidden_lines, _inline(base).html, "<li>")
    below = "".join(f"<p>{_attachment(file, base)}</p>" for file in post.attachments_below)
    return (_quote(view, post) if post.quote else "") + f"<p>{shown}</p>{below}{_edit_line(post)}"


def _post(view: View, post: Post, title: str) -> str:
    user = view.forum.users[post.author]
    base = view.base_url
    profile = f"{base}profile/{user.uid}-{escape(user.name)}/"
    link = f"{base}{topic_path(post.thread_id, title)}?do=findComment&amp;comment={post.post_id}"
    quote_data = escape(json.dumps({"userid": user.uid, "username": post.author, "timestamp": int(post.posted_at.timestamp()),
                                    "contentapp": "forums", "contenttype": "forums", "contentid": post.thread_id,
                                    "contentclass": "forums_Topic", "contentcommentid": post.post_id}))
    signature = (f"<div data-role=\"memberSignature\" class='ipsResponsive_hidePhone ipsBorder_top ipsPadding_vertical'>"
                 f"<div class='ipsType_light ipsType_richText' data-ipsLazyLoad>{user.signature_html}</div></div>"
                 if post.show_signature and user.signature_html else "")
    return f"""
<a id="comment-{post.post_id}"></a>
<article id="elComment_{post.post_id}" class="cPost ipsBox ipsResponsive_pull ipsComment ipsComment_parent ipsClearfix ipsClear ipsColumns ipsColumns_noSpacing ipsColumns_collapsePhone">
<aside class="ipsComment_author cAuthorPane ipsColumn ipsColumn_medium ipsResponsive_hidePhone">
<h3 class="ipsType_sectionHead cAuthorPane_author ipsType_blendLinks ipsType_break"><strong><a href="{profile}" class="ipsType_break">{escape(post.author)}</a></strong></h3>
<ul class="cAuthorPane_info ipsList_reset"><li data-role="group">{"Banned" if user.banned else "Members"}</li></ul>
</aside>
<div class="ipsColumn ipsColumn_fluid ipsMargin:none">
<div id="comment-{post.post_id}_wrap" data-controller="core.front.core.comment" data-commentapp="forums" data-commenttype="forums" data-commentid="{post.post_id}" data-quotedata="{quote_data}" class="ipsComment_content ipsType_medium">
<div class="ipsComment_meta ipsType_light ipsFlex ipsFlex-ai:center ipsFlex-jc:between ipsFlex-fd:row-reverse">
<div class="ipsType_reset ipsResponsive_hidePhone"><a href="{link}" rel="nofollow" class="ipsType_blendLinks">Posted {time_tag(post.posted_at)}</a></div>
</div>
<div class="cPost_contentWrap">
<div data-role="commentContent" class="ipsType_normal ipsType_richText ipsPadding_bottom ipsContained" data-controller="core.front.core.lightboxedImages">
{_message(view, post)}
</div>
</div>
{signature}
</div>
</div>
</article>"""


def thread_page(view: View, thread: Thread, page: int) -> str:
    site = view.forum
    forum = site.forum(thread.forum_id)
    trail = [(forum_path(number, name), name) for number, name in forum_trail(site, forum)]
    total = thread_pages(site, thread.thread_id, POSTS_PER_PAGE)
    nav = pager(view, lambda n: topic_path(thread.thread_id, thread.title, n), page, total, POSTS_PER_PAGE)
    shown = site.thread_posts(thread.thread_id)[(page - 1) * POSTS_PER_PAGE:page * POSTS_PER_PAGE]
    body = (f"<div data-controller='core.front.core.commentFeed' data-feedID='topic-{thread.thread_id}'>{nav}"
            f"<div data-role='commentFeed'>{''.join(_post(view, post, thread.title) for post in shown)}</div>{nav}</div>")
    return document(view, "topic", thread.thread_id, thread.title, trail, body)
