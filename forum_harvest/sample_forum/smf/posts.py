"""A message and a topic page as SMF 2.1's ``Display.template.php`` prints them (see
tests/fixtures/smf-2.1): ``div.windowbg#msgK`` with the poster in ``.poster h4``, the reply
number ``#N`` in ``span.page_number`` (none on the topic's first message), the time in
``.postinfo a.smalltext``, the edit line in ``span.modified`` ("Last Edit: T by X"), the message
in ``div.inner#msg_K`` (``parse_bbc``: ``<br>`` lines, ``ul.bbc_list``, ``a.bbc_link``,
``img.bbc_img``, quotes ``blockquote.bbc_standard_quote`` with their ``cite`` "Quote from: X on
T"), the signature in ``div.signature``, files below the message in ``div.attachments``.

Attachments: one placed in the text (``[attach]``) is a file's ``a.bbc_link`` to
``index.php?action=dlattach;attach=N``; the forum has "don't show attachments under the post if
they are already embedded in it" on, so only the others are listed below (``div.attached``:
the picture in ``attachments_top``, then the name's link, size and count). A picture's ``src``
is the sample's own file path, as every engine's sample prints it (the truth's ``images``;
its download link answers the same bytes): SMF 2.1 prints a picture placed in the text as an
``img.bbc_img`` whose ``src`` is that download link, so the sample puts the link (``…;image``,
2.1's thumbnail link) around the picture to say which attachment it is.

The sample's Discuz-only content as SMF shows it (``engine_shows``): SMF has neither paid
messages nor a ``[hide]`` BBCode, so a paid message is printed in full and a ``[hide]`` block's
lines as ordinary lines; a banned member's posts look like anyone's.
"""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import InlineMarkup, lines_html, quoted_post_id
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Attachment, Post, Thread
from forum_harvest.sample_forum.smf.chrome import (document, download_url, member, message_url, pagers, shown_time,
                                                   topic_url)
from forum_harvest.sample_forum.smf.lists import board_trail, messages_per_page


def _picture(view: View, file: Attachment) -> str:
    return (f'<a href="{download_url(view, file.aid)};image" id="link_{file.aid}"><img src="{escape(view.base_url + file.path)}"'
            f' alt="" title="{escape(file.filename)}" class="bbc_img"></a>')


def _inline(view: View) -> InlineMarkup:
    return InlineMarkup(
        '<a href="{href}" class="bbc_link" target="_blank" rel="noopener">{text}</a>',
        lambda image: f'<img src="{escape(view.base_url + image.src)}" alt="" class="bbc_img" loading="lazy">',
        lambda file: (_picture(view, file) if file.is_image
                      else f'<a href="{download_url(view, file.aid)}" class="bbc_link">{escape(file.filename)}</a>'))


def _attached(view: View, file: Attachment) -> str:
    """``div.attached``: a picture shown above its name, then the size and the count."""
    top = f"""
										<div class="attachments_top">
											<img src="{escape(view.base_url + file.path)}" alt="" loading="lazy" class="atc_img">
										</div><!-- .attachments_top -->""" if file.is_image else ""
    count = f"{file.size_kb} KB, 640x480<br>viewed {file.downloads} times" if file.is_image else \
        f"{file.size_kb} KB<br>downloaded {file.downloads} times"
    return f"""
									<div class="attached">{top}
										<div class="attachments_bot">
											<a href="{download_url(view, file.aid)}"><img src="{view.base_url}Themes/default/images/icons/clip.png" class="centericon" alt="*">&nbsp;{escape(file.filename)}</a> 
											<br>{count}
										</div><!-- .attachments_bot -->
									</div><!-- .attached -->"""


def _attachments(view: View, post: Post) -> str:
    if not post.attachments_below:
        return ""
    return (f'\n							<div id="msg_{post.post_id}_footer" class="attachments">'
            f'{"".join(_attached(view, f) for f in post.attachments_below)}\n'
            f'							</div><!-- #msg_[id]_footer -->')


def _quote(view: View, post: Post) -> str:
    quote = post.quote
    text = "<br>".join(escape(line, quote=False) for line in quote.text.split("\n"))
    return (f'<blockquote class="bbc_standard_quote"><cite><a href="{message_url(view, quoted_post_id(view.forum, post))}">'
            f'Quote from: {escape(quote.author)} on {shown_time(view, quote.posted_at)}</a></cite>{text}<br></blockquote>')


def _message(view: View, post: Post) -> str:
    shown = lines_html(post.lines + post.hidden_lines, _inline(view).html, "<li>")
    shown = shown.replace("<br />\n", "<br>").replace("<ul>", '<ul class="bbc_list">')
    return (_quote(view, post) if post.quote else "") + shown


def _edited(view: View, post: Post) -> str:
    if not post.edit:
        return ""
    return (f'<span class="lastedit">Last Edit</span>: {shown_time(view, post.edit.edited_at)}'
            f' by {escape(post.edit.editor)}')


def message(view: View, post: Post, title: str, reply: int) -> str:
    """One message; ``reply``: its place after the topic's first (0 for the first)."""
    user = view.forum.users[post.author]
    subject = escape(title if reply == 0 else f"Re: {title}")
    number = f'\n								<span class="page_number floatright">#{reply}</span>' if reply else ""
    signature = (f'\n							<div class="signature" id="msg_{post.post_id}_signature">\n'
                 f'								{user.signature_html}\n							</div>'
                 if post.show_signature and user.signature_html else "")
    edited = _edited(view, post)
    return f"""
				<div class="windowbg" id="msg{post.post_id}">
					<div class="post_wrapper">
						<div class="poster">
							<h4>
								{member(view, user)}
							</h4>
							<ul class="user_info">
								<li class="postgroup">Newbie</li>
								<li class="poster_ip">Logged</li>
							</ul>
						</div><!-- .poster -->
						<div class="postarea">
							<div class="keyinfo">
								<div id="subject_{post.post_id}" class="subject_title subject_hidden">
									<a href="{message_url(view, post.post_id)}" rel="nofollow">{subject}</a>
								</div>{number}
								<div class="postinfo">
									<a href="{message_url(view, post.post_id)}" rel="nofollow" title="{f'Reply #{reply} - ' if reply else ''}{subject}" class="smalltext">{shown_time(view, post.posted_at)}</a>
									<span class="spacer"></span>
									<span class="smalltext modified floatright{' mvisible' if edited else ''}" id="modified_{post.post_id}">{edited}
									</span>
								</div>
								<div id="msg_{post.post_id}_quick_mod"></div>
							</div><!-- .keyinfo -->
							<div class="post">
								<div class="inner" data-msgid="{post.post_id}" id="msg_{post.post_id}">
									{_message(view, post)}
								</div>
							</div><!-- .post -->{_attachments(view, post)}
							<div class="under_message">
							</div><!-- .under_message -->
						</div><!-- .postarea -->
						<div class="moderatorbar">{signature}
						</div><!-- .moderatorbar -->
					</div><!-- .post_wrapper -->
				</div><!-- $message[css_class] -->
				<hr class="post_separator">"""


def topic_page(view: View, thread: Thread, start: int) -> str:
    site = view.forum
    posts = site.thread_posts(thread.thread_id)
    size = messages_per_page(view)
    page, above, below = pagers(lambda offset: topic_url(view, thread.thread_id, offset), start, size, len(posts))
    shown = "".join(message(view, post, thread.title, start + n) for n, post in enumerate(posts[start:start + size]))
    body = f"""		<div id="display_head" class="information">
			<h2 class="display_title">
				<span id="top_subject">{escape(thread.title)}</span>
			</h2>
			<p>Started by {escape(thread.author)}, {shown_time(view, posts[0].posted_at)}</p>
		</div><!-- #display_head -->
		<div class="pagesection top">
			{above}
		</div>
		<div id="forumposts">
			<form action="{view.base_url}index.php?action=quickmod2;topic={thread.thread_id}.{start}" method="post" accept-charset="UTF-8" name="quickModForm" id="quickModForm">{shown}
			</form>
		</div><!-- #forumposts -->
		<div class="pagesection">
			{below}
		</div>"""
    title = thread.title + (f" - Page {page}" if page > 1 else "")
    forum = site.forum(thread.forum_id)
    trail = board_trail(view, forum) + [(topic_url(view, thread.thread_id), thread.title)]
    return document(view, title, body, trail, f'<link rel="canonical" href="{topic_url(view, thread.thread_id, start)}">')
