"""A post as vBulletin 4.2's ``postbit_legacy`` prints it (see tests/fixtures/vbulletin-4):
``li.postcontainer#post_N`` with ``span.postdate``, ``a.postcounter`` "#N", the member's
``span.usertitle``, the message in ``div#post_message_N > blockquote.postcontent``, quotes as
``div.bbcode_container`` "Originally Posted by <strong>X</strong>", ``blockquote.signature``
and ``blockquote.lastedited`` ("Last edited by X; 06-15-2016 at 03:10 PM.").

The sample's Discuz-only content as vBulletin shows it: a banned member's posts stay readable,
titled "Banned"; a ``[hide]`` block and a paid message become a hide add-on's guest stand-in;
an attachment placed in the text is its picture in a link, or a link named after the file;
those not placed in it are listed under "Attached Files".
"""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import InlineMarkup, lines_html, quoted_post_id
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Attachment, Post, User
from forum_harvest.sample_forum.vbulletin.chrome import clock, date_span, day

HIDDEN = "You must be logged in to view this content."


def _placed(file: Attachment, base: str) -> str:
    if file.is_image:
        return (f'<a href="attachment.php?attachmentid={file.aid}" id="attachment{file.aid}" rel="Lightbox_0">'
                f'<img src="{escape(base + file.path)}" border="0" alt="Click image for larger version. Name: {escape(file.filename)}"'
                f' class="thumbnail" style="float:CONFIG" /></a>')
    return f'<a href="attachment.php?attachmentid={file.aid}">{escape(file.filename)}</a>'  # [ATTACH] of a file


def _inline(base: str) -> InlineMarkup:
    return InlineMarkup('<a href="{href}" target="_blank">{text}</a>',
                        lambda image: f'<img src="{escape(base + image.src)}" border="0" alt="" />',
                        lambda file: _placed(file, base))


def _quote(view: View, post: Post) -> str:
    quote, pid = post.quote, quoted_post_id(view.forum, post)
    return f"""<div class="bbcode_container">
	<div class="bbcode_quote">
		<div class="quote_container">
			<div class="bbcode_quote_container"></div>
				<div class="bbcode_postedby">
					<img src="images/misc/quote_icon.png" alt="Quote" /> Originally Posted by <strong>{escape(quote.author)}</strong>
					<a href="showthread.php?p={pid}#post{pid}" rel="nofollow"><img class="inlineimg" src="images/buttons/viewpost-right.png" alt="View Post" /></a>
				</div>
				<div class="message">{escape(quote.text, quote=False)}</div>
		</div>
	</div>
</div>"""


def _message(view: View, post: Post) -> str:
    if post.paid:
        return f'<div class="hidden_content">{HIDDEN}</div>'
    shown = (_quote(view, post) if post.quote else "") + lines_html(post.lines, _inline(view.base_url).html, '<li style="">')
    if post.hidden_lines:
        shown += f'<br />\n<div class="hidden_content">{HIDDEN}</div>'
    return shown


def _files(post: Post) -> str:
    """The attachments not placed in the text (vBulletin lists only those)."""
    files = list(post.attachments_below)
    if not files:
        return ""
    items = "".join(f'<li><img class="inlineimg" src="images/attach/file.png" alt="" /> '
                    f'<a href="attachment.php?attachmentid={a.aid}">{escape(a.filename)}</a> ({a.size_kb} KB, {a.downloads} views)</li>'
                    for a in files)
    return f'<div class="attachments"><fieldset class="postcontent"><legend>Attached Files</legend><ul>{items}</ul></fieldset></div>'


def _user(user: User, posts: int) -> str:
    title = "Banned" if user.banned else "Administrator" if user.uid == 1 else "Junior Member"
    return f"""<div class="userinfo">
			<div class="username_container">
				<div class="popupmenu memberaction">
	<a class="username offline popupctrl" href="member.php?u={user.uid}" title="{escape(user.name)} is offline"><strong>{escape(user.name)}</strong></a>
				</div>
				<img class="inlineimg onlinestatus" src="images/statusicon/user-offline.png" alt="{escape(user.name)} is offline" border="0" />
			</div>
			<span class="usertitle">
				{title}
			</span>
				<hr />
				<dl class="userinfo_extra">
					<dt>Posts</dt> <dd>{posts}</dd>
				</dl>
		</div>"""


def postbit(view: View, post: Post, title: str) -> str:
    user = view.forum.users[post.author]
    posts = sum(p.author == post.author for p in view.forum.posts)
    heading = f'<h2 class="title icon">\n\t\t\t\t\t{escape(title)}\n\t\t\t\t</h2>' if post.floor == 1 else ""
    signature = (f'<blockquote class="signature restore"><div class="signaturecontainer">{user.signature_html}</div></blockquote>'
                 if post.show_signature and user.signature_html else "")
    edit = post.edit
    edited = (f'<blockquote class="postcontent lastedited"><div>Last edited by {escape(edit.editor)}; '
              f'{day(edit.edited_at, view.viewed_at)} at <span class="time">{clock(edit.edited_at)}</span>.</div></blockquote>'
              if edit and not post.paid else "")
    return f"""
<li class="postbitlegacy postbitim postcontainer old" id="post_{post.post_id}">
	<div class="posthead">
			<span class="postdate old">
					{date_span(post.posted_at, view.viewed_at)}
			</span>
			<span class="nodecontrols">
					<a name="post{post.post_id}" href="showthread.php?p={post.post_id}&amp;viewfull=1#post{post.post_id}" class="postcounter">#{post.floor}</a><a id="postcount{post.post_id}" name="{post.floor}"></a>
			</span>
	</div>
	<div class="postdetails">
		{_user(user, posts)}
		<div class="postbody">
			<div class="postrow">
				{heading}
				<div class="content">
					<div id="post_message_{post.post_id}">
						<blockquote class="postcontent restore ">
							{_message(view, post)}
						</blockquote>
					</div>
				</div>
				{_files(post)}
				{signature}
				{edited}
			</div>
			<div class="cleardiv"></div>
		</div>
	</div>
		<div class="postfoot">
			<div class="textcontrols floatcontainer"><span class="postcontrols"></span></div>
		</div>
	<hr />
</li>"""
