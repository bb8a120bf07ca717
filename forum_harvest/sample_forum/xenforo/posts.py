"""A post as XenForo 2.x's ``post_macros`` prints it (see tests/fixtures/xenforo-2):
``article.message--post`` with the author block, the attribution (``time.u-dt``, ``#N``), the
message in ``div.bbWrapper``, ``div.message-lastEdit``, ``aside.message-signature``.

The sample's Discuz-only content as XenForo shows it: a banned member's posts stay readable,
titled "Banned"; a ``[hide]`` block and a paid message become the stand-in XenForo's hide
add-ons print for guests ("You must log in or register to view this content."); an attachment
placed in the text is a picture in a link to it, or, a file, "View attachment N" (no name);
those not placed in it are listed in ``section.message-attachments``.
"""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import InlineMarkup, lines_html, quoted_post_id
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Attachment, Image, Post, User
from forum_harvest.sample_forum.xenforo.chrome import thread_path, time_tag

HIDDEN = "You must log in or register to view this content."


def _image(image: Image, base: str) -> str:
    src = escape(base + image.src)
    return f'<img src="{src}" data-url="{src}" class="bbImage " data-zoom-target="1" style="" alt="" />'


def _placed(file: Attachment, base: str) -> str:
    if file.is_image:
        return (f'<a href="{base}attachments/{file.aid}/" target="_blank"><img src="{escape(base + file.path)}" class="bbImage"'
                f' alt="{escape(file.filename)}" title="{escape(file.filename)}" width="" height="" loading="lazy" /></a>')
    # ``bb_code_tag_attach``: a file placed in the text is a link that names its id, not the file.
    return f'<a href="{base}attachments/{file.aid}/" target="_blank">View attachment {file.aid}</a>'


def _inline(base: str) -> InlineMarkup:
    return InlineMarkup('<a href="{href}" target="_blank" class="link link--external" rel="nofollow ugc noopener">{text}</a>',
                        lambda image: _image(image, base), lambda file: _placed(file, base))


def _quote(view: View, post: Post) -> str:
    quote, pid = post.quote, quoted_post_id(view.forum, post)
    return f"""<blockquote class="bbCodeBlock bbCodeBlock--expandable bbCodeBlock--quote js-expandWatch" data-quote="{escape(quote.author)}" data-source="post: {pid}" data-attributes="member: {view.forum.users[quote.author].uid}">
	<div class="bbCodeBlock-title"><a href="{view.base_url}goto/post?id={pid}" class="bbCodeBlock-sourceJump" rel="nofollow" data-xf-click="attribution" data-content-selector="#post-{pid}">{escape(quote.author)} said:</a></div>
	<div class="bbCodeBlock-content">
		<div class="bbCodeBlock-expandContent js-expandContent ">{escape(quote.text, quote=False)}</div>
		<div class="bbCodeBlock-expandLink js-expandLink"><a role="button" tabindex="0">Click to expand...</a></div>
	</div>
</blockquote>"""


def _message(view: View, post: Post) -> str:
    if post.paid:
        return f'<div class="bbCodeBlock bbCodeBlock--hide"><div class="bbCodeBlock-content">{HIDDEN}</div></div>'
    shown = lines_html(post.lines, _inline(view.base_url).html, '<li data-xf-list-type="ul">')
    if post.quote:
        shown = _quote(view, post) + shown
    if post.hidden_lines:
        shown += f'<br />\n<div class="bbCodeBlock bbCodeBlock--hide"><div class="bbCodeBlock-content">{HIDDEN}</div></div>'
    return shown


def _attachments(view: View, post: Post) -> str:
    """The attachments not placed in the text (XenForo lists only those)."""
    files = list(post.attachments_below)
    if not files:
        return ""
    items = "".join(f"""
		<li class="file file--linked"><a class="u-anchorTarget" id="attachment-{a.aid}"></a>
			<a class="file-preview" href="{view.base_url}attachments/{a.aid}/" target="_blank"><span class="file-typeIcon"></span></a>
			<div class="file-content"><div class="file-info">
				<span class="file-name" title="{escape(a.filename)}">{escape(a.filename)}</span>
				<div class="file-meta">{a.size_kb} KB &middot; Views: {a.downloads}</div>
			</div></div>
		</li>""" for a in files)
    return f'<section class="message-attachments"><h4 class="block-textHeader">Attachments</h4><ul class="attachmentList">{items}</ul></section>'


def _user(view: View, user: User) -> str:
    href = f"{view.base_url}members/{user.uid}/"
    title = "Banned" if user.banned else "Administrator" if user.uid == 1 else "Member"
    return f"""<section itemscope itemtype="https://schema.org/Person" class="message-user">
		<div class="message-avatar "><div class="message-avatar-wrapper">
			<a href="{href}" class="avatar avatar--m avatar--default avatar--default--dynamic" data-user-id="{user.uid}" data-xf-init="member-tooltip"><span class="avatar-u{user.uid}-m" role="img" aria-label="{escape(user.name)}">{escape(user.name[0])}</span></a>
		</div></div>
		<div class="message-userDetails">
			<h4 class="message-name"><a href="{href}" class="username " dir="auto" data-user-id="{user.uid}" data-xf-init="member-tooltip" itemprop="name">{escape(user.name)}</a></h4>
			<h5 class="userTitle message-userTitle" dir="auto" itemprop="jobTitle">{title}</h5>
		</div>
		<span class="message-userArrow"></span>
	</section>"""


def post_article(view: View, post: Post, title: str) -> str:
    user = view.forum.users[post.author]
    link = f"{view.base_url}{thread_path(post.thread_id, title)}post-{post.post_id}"
    edit = (f'<div class="message-lastEdit">Last edited: {time_tag(post.edit.edited_at, view.viewed_at)}</div>'
            if post.edit and not post.paid else "")
    signature = (f'<aside class="message-signature"><div class="bbWrapper">{user.signature_html}</div></aside>'
                 if post.show_signature and user.signature_html else "")
    return f"""
	<article class="message message--post js-post js-inlineModContainer  "
		data-author="{escape(post.author)}"
		data-content="post-{post.post_id}"
		id="js-post-{post.post_id}">
		<span class="u-anchorTarget" id="post-{post.post_id}"></span>
		<div class="message-inner">
			<div class="message-cell message-cell--user">
	{_user(view, user)}
			</div>
			<div class="message-cell message-cell--main">
				<div class="message-main js-quickEditTarget">
					<header class="message-attribution message-attribution--split">
						<div class="message-attribution-main">
							<a href="{link}" class="u-concealed" rel="nofollow">
								{time_tag(post.posted_at, view.viewed_at)}
							</a>
						</div>
						<ul class="message-attribution-opposite message-attribution-opposite--list">
							<li><a href="{link}" data-xf-init="share-tooltip" data-href="{view.base_url}posts/{post.post_id}/share" rel="nofollow"><i class="fa--xf far fa-share-alt" aria-hidden="true"></i></a></li>
							<li><a href="{link}" rel="nofollow">
										#{post.floor}
									</a></li>
						</ul>
					</header>
					<div class="message-content js-messageContent">
						<div class="message-userContent lbContainer js-lbContainer " data-lb-id="post-{post.post_id}">
							<article class="message-body js-selectToQuote">
								<div class="bbWrapper">{_message(view, post)}</div>
								<div class="js-selectToQuoteEnd">&nbsp;</div>
							</article>
							{_attachments(view, post)}
						</div>
						{edit}
						{signature}
					</div>
					<footer class="message-footer">
						<div class="message-actionBar actionBar"></div>
						<div class="js-historyTarget message-historyTarget toggleTarget" data-href="trigger-href"></div>
					</footer>
				</div>
			</div>
		</div>
	</article>
"""
