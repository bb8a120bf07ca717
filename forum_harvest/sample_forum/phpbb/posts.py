"""A post and a topic page as phpBB 3.3 prosilver's ``viewtopic_body`` prints them (see
tests/fixtures/phpbb-33-live): ``div.post#pN`` with ``dl.postprofile``, the subject, the byline
``p.author`` (``<time datetime>``), the message in ``div.content`` (quotes as
``blockquote > div > cite``), the edit notice ``div.notice`` and ``div.signature``.

The sample's Discuz-only content as phpBB shows it (``engine_shows``): phpBB has neither paid
messages nor a ``[hide]`` BBCode, so a paid message is printed in full and a ``[hide]`` block's
lines as ordinary lines; a banned member's posts look like anyone's. Attachments as
``attachment.html`` prints them: those placed in the text in ``div.inline-attachment``, the
others in ``dl.attachbox`` below the message; a picture shown whole (``src`` the sample's own
file path, as the other engines' samples do).
"""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import InlineMarkup, forum_trail, lines_html, quoted_post_id
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Attachment, Post, Thread
from forum_harvest.sample_forum.phpbb.chrome import (document, member, pagination, post_url, shown_time, time_tag,
                                                     topic_url)

POSTS_PER_PAGE = 10  # phpBB's "Posts per page" install default


def posts_per_page(view: View) -> int:
    """The board's "Posts per page": as its admin set it, else the install default."""
    return view.look.posts_per_page or POSTS_PER_PAGE


def _inline(base: str) -> InlineMarkup:
    return InlineMarkup('<a href="{href}" class="postlink">{text}</a>',
                        lambda image: f'<img src="{escape(base + image.src)}" class="postimage" alt="Image">',
                        lambda file: f'<div class="inline-attachment">{_attachment(file, base)}</div>')


def _attachment(file: Attachment, base: str) -> str:
    """``attachment.html``'s ``dl.file``: a picture shown whole, or the file's link; its ``dd``
    says the size and the count."""
    if file.is_image:
        return (f'<dl class="file"><dt class="attach-image"><img src="{escape(base + file.path)}" class="postimage"'
                f' alt="{escape(file.filename)}" onclick="viewableArea(this);" /></dt>'
                f'<dd>{escape(file.filename)} ({file.size_kb} KiB) Viewed {file.downloads} times</dd></dl>')
    return (f'<dl class="file"><dt><img src="./images/upload_icons/zip.gif" alt="" /> <a class="postlink"'
            f' href="./download/file.php?id={file.aid}">{escape(file.filename)}</a></dt>'
            f'<dd>({file.size_kb} KiB) Downloaded {file.downloads} times</dd></dl>')


def _attachbox(post: Post, base: str) -> str:
    """``dl.attachbox`` below the message: the files not placed in the text."""
    if not post.attachments_below:
        return ""
    files = "".join(f"\n\t\t<dd>{_attachment(file, base)}</dd>" for file in post.attachments_below)
    return f'<dl class="attachbox">\n\t\t<dt>Attachments</dt>{files}\n\t</dl>'


def _quote(view: View, post: Post) -> str:
    quote, pid = post.quote, quoted_post_id(view.forum, post)
    author = view.forum.users[quote.author]
    return (f'<blockquote cite="{post_url(pid)}"><div><cite>'
            f'<a href="./memberlist.php?mode=viewprofile&amp;u={author.uid}">{escape(author.name)}</a> wrote:'
            f' <a href="{post_url(pid)}" data-post-id="{pid}" onclick="if(document.getElementById(hash.substr(1)))href=hash">↑</a>'
            f'<span class="responsive-hide">{shown_time(quote.posted_at)}</span></cite>\n'
            f'{escape(quote.text, quote=False)}\n</div></blockquote>\n')


def _content(view: View, post: Post) -> str:
    lines = post.lines + post.hidden_lines
    shown = lines_html(lines, _inline(view.base_url).html, "<li>")
    return (_quote(view, post) if post.quote else "") + shown


def _notice(view: View, post: Post) -> str:
    if not post.edit:
        return ""
    editor = view.forum.users[post.edit.editor]
    return (f'<div class="notice">\n\t\t\t\t\tLast edited by {member(editor)} on {shown_time(post.edit.edited_at)},'
            f' edited 1 time in total.\n\t\t\t\t</div>')


def post_div(view: View, post: Post, title: str, alternate: int) -> str:
    user = view.forum.users[post.author]
    subject = title if post.floor == 1 else f"Re: {title}"
    signature = (f'<div id="sig{post.post_id}" class="signature">{user.signature_html}</div>'
                 if post.show_signature and user.signature_html else "")
    posts = sum(p.author == post.author for p in view.forum.posts)
    return f"""
		<div id="p{post.post_id}" class="post has-profile bg{alternate}">
		<div class="inner">
		<dl class="postprofile" id="profile{post.post_id}">
			<dt class="no-profile-rank no-avatar">
				<div class="avatar-container"></div>
				{member(user)}
			</dt>
			<dd class="profile-posts"><strong>Posts:</strong> {posts}</dd>
		</dl>
		<div class="postbody">
			<div id="post_content{post.post_id}">
			<h3{' class="first"' if post.floor == 1 else ""}><a href="{post_url(post.post_id)}">{escape(subject)}</a></h3>
			<p class="author">
				<span><i class="icon fa-file fa-fw icon-lightgray icon-md" aria-hidden="true"></i><span class="sr-only">Post</span></span>
				<span class="responsive-hide">by <strong>{member(user)}</strong> &raquo; </span>{time_tag(post.posted_at)}
			</p>
			<div class="content">{_content(view, post)}</div>
			{_attachbox(post, view.base_url)}
			{_notice(view, post)}
			{signature}
			</div>
		</div>
		<div class="back2top"><a href="#top" class="top" title="Top"><i class="icon fa-chevron-circle-up fa-fw icon-gray" aria-hidden="true"></i><span class="sr-only">Top</span></a></div>
		</div>
		</div>"""


def topic_page(view: View, thread: Thread, start: int) -> str:
    """The posts from offset ``start`` on, as ``viewtopic.php?t=N&start=K`` shows them."""
    site = view.forum
    posts = site.thread_posts(thread.thread_id)
    forum = site.forum(thread.forum_id)
    size = posts_per_page(view)
    nav = pagination(lambda offset: topic_url(thread.thread_id, offset), start, size, len(posts), "post")
    shown = posts[start:start + size]
    body = f"""<h2 class="topic-title"><a href="{topic_url(thread.thread_id)}">{escape(thread.title)}</a></h2>
<div class="action-bar bar-top">
	{nav}
</div>
{"".join(post_div(view, post, thread.title, 2 - n % 2) for n, post in enumerate(shown))}
<div class="action-bar bar-bottom">
	{nav}
</div>
<div class="action-bar actions-jump">
	<p class="jumpbox-return"><a href="./viewforum.php?f={forum.forum_id}" class="left-box arrow-left" accesskey="r">
		<i class="icon fa-angle-left fa-fw icon-black" aria-hidden="true"></i><span>Return to “{escape(forum.name)}”</span></a></p>
</div>"""
    page = start // size + 1
    title = thread.title + (f" - Page {page}" if page > 1 else "")
    return document(view, title, body, "viewtopic", forum_trail(site, forum))
