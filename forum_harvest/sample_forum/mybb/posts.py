"""A post and a thread page as MyBB 1.8's ``postbit`` and ``showthread`` print them (see
tests/fixtures/mybb-1.8): ``div.post#post_N`` with the author in ``.author_information
.largetext``, ``#N`` in ``.post_head``, ``span.post_date`` holding the edit line
(``span.edited_post``), the message in ``div.post_body`` (quotes ``blockquote.mycode_quote``
with their ``cite``), ``div.signature``, attachments in the ``fieldset`` "Attached Files".

The sample's Discuz-only content as MyBB shows it (``engine_shows``): MyBB has neither paid
messages nor a ``[hide]`` MyCode, so a paid message is printed in full and a ``[hide]`` block's
lines as ordinary lines; a banned member's posts look like anyone's.
"""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import InlineMarkup, forum_trail, lines_html, quoted_post_id, thread_pages
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Attachment, Post, Thread
from forum_harvest.sample_forum.mybb.chrome import (document, forum_url, member, navigation, pagination, shown_time,
                                                    thread_url)

POSTS_PER_PAGE = 10  # MyBB's "postsperpage" default


def _picture(file: Attachment, base: str) -> str:
    title = f"Filename: {escape(file.filename)}&#13;Size: {file.size_kb} KB&#13;{shown_time(file.uploaded_at)}"
    return (f'<a href="attachment.php?aid={file.aid}" target="_blank"><img src="{escape(base + file.path)}"'
            f' class="attachment" alt="" title="{title}" /></a>')


def _file(file: Attachment, icon: bool = True) -> str:
    """``postbit_attachments_attachment``; ``icon``: its file-type icon first (left out where the
    file is placed in the text: the reader would take the icon for a picture of the message)."""
    shown = "" if not icon else '<img src="images/attachtypes/zip.png" title="File" border="0" alt="" />&nbsp;&nbsp;'
    return (f'{shown}<a href="attachment.php?aid={file.aid}" target="_blank" title="{shown_time(file.uploaded_at)}">'
            f'{escape(file.filename)}</a> (Size: {file.size_kb} KB / Downloads: {file.downloads})')


def _inline(base: str) -> InlineMarkup:
    return InlineMarkup(
        '<a href="{href}" target="_blank" rel="noopener" class="mycode_url">{text}</a>',
        lambda image: (f'<img src="{escape(base + image.src)}" loading="lazy" alt="[Image: {escape(image.src)}]"'
                       ' class="mycode_img" />'),
        lambda file: _picture(file, base) if file.is_image else _file(file, icon=False))


def _quote(view: View, post: Post) -> str:
    quote, pid = post.quote, quoted_post_id(view.forum, post)
    return (f'<blockquote class="mycode_quote"><cite><span> ({shown_time(quote.posted_at)})</span>'
            f'{escape(quote.author)} Wrote:  <a href="{view.base_url}showthread.php?pid={pid}#pid{pid}" class="quick_jump"></a>'
            f"</cite>{escape(quote.text, quote=False)}</blockquote><br />\n")


def _attached(post: Post, base: str) -> str:
    """``postbit_attachments``: the files not placed in the text."""
    if not post.attachments_below:
        return ""
    items = "<br />\n".join(_picture(f, base) if f.is_image else _file(f) for f in post.attachments_below)
    return f'<fieldset>\n<legend><strong>Attached Files</strong></legend>\n{items}\n</fieldset>'


def _edited(view: View, post: Post) -> str:
    if not post.edit:
        return ""
    editor = view.forum.users[post.edit.editor]
    return (f'<span class="edited_post">(This post was last modified: {shown_time(post.edit.edited_at)}'
            f' by {member(view, editor)}.)</span>')


def postbit(view: View, post: Post, title: str) -> str:
    user = view.forum.users[post.author]
    message = lines_html(post.lines + post.hidden_lines, _inline(view.base_url).html,
                         '<li>').replace("<ul>", '<ul class="mycode_list">')
    if post.quote:
        message = _quote(view, post) + message
    signature = (f'<div class="signature scaleimages">\n{user.signature_html}\n</div>'
                 if post.show_signature and user.signature_html else "")
    subject = title if post.floor == 1 else f"RE: {title}"
    return f"""
<a name="pid{post.post_id}" id="pid{post.post_id}"></a>
<div class="post " style="" id="post_{post.post_id}">
<div class="post_author">
	<div class="author_information">
			<strong><span class="largetext">{member(view, user)}</span></strong><br />
			<span class="smalltext">Member<br /></span>
	</div>
</div>
<div class="post_content">
	<div class="post_head">
<div class="float_right" style="vertical-align: top">
<strong><a href="showthread.php?tid={post.thread_id}&amp;pid={post.post_id}#pid{post.post_id}" title="{escape(subject)}">#{post.floor}</a></strong>
</div>
		<span class="post_date">{shown_time(post.posted_at)} <span class="post_edit" id="edited_by_{post.post_id}">{_edited(view, post)}</span></span>
	</div>
	<div class="post_body scaleimages" id="pid_{post.post_id}">
		{message}
	</div>
	{_attached(post, view.base_url)}
	{signature}
	<div class="post_meta" id="post_meta_{post.post_id}"></div>
</div>
</div>"""


def thread_page(view: View, thread: Thread, page: int) -> str:
    site = view.forum
    forum = site.forum(thread.forum_id)
    trail = [(forum_url(number), name) for number, name in forum_trail(site, forum)]
    nav = pagination(lambda n: thread_url(thread.thread_id, n), page,
                     thread_pages(site, thread.thread_id, POSTS_PER_PAGE))
    shown = site.thread_posts(thread.thread_id)[(page - 1) * POSTS_PER_PAGE:page * POSTS_PER_PAGE]
    body = f"""{navigation(view, trail, thread.title)}
<br />
{nav}
	<table border="0" cellspacing="0" cellpadding="5" class="tborder tfixed clear">
		<tr>
			<td class="thead">
				<div><strong>{escape(thread.title)}</strong></div>
			</td>
		</tr>
<tr><td id="posts_container">
	<div id="posts">{"".join(postbit(view, post, thread.title) for post in shown)}
	</div>
</td></tr>
	</table>
{nav}"""
    return document(view, thread.title, body)
