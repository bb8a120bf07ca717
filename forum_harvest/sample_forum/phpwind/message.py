"""A post's message as phpwind 9.1 prints it (``src/library/ubb/PwUbbCode.php``,
``src/service/attach/srv/PwAttachDisplay.php``, ``src/service/forum/srv/PwThreadDisplay.php``):
lines joined by ``<br />``, ``[list]`` as ``<ul><li>``, links ``<a href="URL " target="_blank">``
(``createUrl`` leaves a space in the href), ``[img]`` as ``img.J_post_img``, a quote
(``createQoute``) as ``blockquote.blockquote`` with the quoted member's link, "：" and the
quoted text, then "回到原帖" (none for the thread's own post, which has no pid); attachments
placed in the text (``[attachment=N]``) in ``span#J_att_N``, the others in ``read_floor.htm``'s
``div.read_attach_pic`` and ``div.read_attach_downattach`` below.

What a guest sees instead (``engine_shows``): a ``[post]`` block (the sample's ``[hide]``)
is ``div.content_hidden#J_need_reply``, a ``[sell]`` message (the sample's paid one) the
``div.content_sell`` price line and "此段为出售的内容，购买后显示", a banned member's post
(group 6) ``div.shield`` "用户被禁言,该主题自动屏蔽!" with no attachments."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.access import PRICE
from forum_harvest.sample_forum.engine_pages import InlineMarkup, lines_html, quoted_post_id
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Attachment, Post
from forum_harvest.sample_forum.phpwind.chrome import auto_time, space_by_name

BANNED_NOTICE = "用户被禁言,该主题自动屏蔽!"
HIDDEN_NOTICE = "本部分内容设定了隐藏,需要回复后才能看到"
SOLD_NOTICE = "此段为出售的内容，购买后显示"


def download_url(view: View, file: Attachment) -> str:
    return f"{view.base_url}index.php?m=bbs&c=attach&a=download&aid={file.aid}"


def _picture(view: View, src: str, original: bool) -> str:
    """``createImg`` without lazy loading (``read.image_lazy`` off, the install default)."""
    src = escape(view.base_url + src)
    click = (f" title=\"点击查看原图\" onclick=\"if(this.parentNode.tagName!='A') window.open('{src}');\"" if original
             else " onclick=\"if(this.parentNode.tagName!='A'&&this.width>screen.width-461) window.open(this.src);\"")
    return f'<img class="J_post_img" src="{src}" border="0"{click} />'


def _placed(view: View, file: Attachment) -> str:
    """``PwAttachDisplay::bulidHtml``: a picture (``parsePicHtml``) or a file (``parseAttachHtml``)."""
    name = escape(file.filename)
    if file.is_image:
        shown = (f'<span id="td_att_{file.aid}" class="J_attach_img_wrap single_img"><div class="img_info J_img_info">'
                 f"<p>图片：{name}</p></div>{_picture(view, file.path, original=True)}</span>")
    else:
        url, ext = download_url(view, file), file.filename.rsplit(".", 1)[-1]
        shown = (f'<span class="file_insert"><a href="{url}" class="mr5 J_post_attachs" data-id="{file.aid}"'
                 f' data-price="0" data-type="0" data-typelang="" data-util="" data-credit="0" data-role="attach"'
                 f' data-size="{file.size_kb}" data-hits="{file.downloads}" data-descrip=""><span class="file_list_wrap">'
                 f'<span class="file_icon_{ext}"></span></span>{name}</a><div class="img_info"'
                 f' id="J_attach_post_info_{file.aid}" style="display: none;"><p>类型：</p><p>售价：0</p>'
                 f'<p>大小：{file.size_kb}KB</p><p>下载：<span class="J_attach_count_{file.aid}">{file.downloads}</span>次</p>'
                 f'<p>描述：</p><p><a href="{url}" data-insertid="{file.aid}" class="J_attach_post_buy mr10"'
                 f' data-countrel=".J_attach_count_{file.aid}">[下载]</a></p></div></span>')
    return f'<span id="J_att_{file.aid}">{shown}</span>'


def _inline(view: View) -> InlineMarkup:
    return InlineMarkup('<a href="{href} " target="_blank">{text}</a>',
                        lambda image: _picture(view, image.src, original=False), lambda file: _placed(view, file))


def _quote(view: View, post: Post) -> str:
    quote, pid = post.quote, quoted_post_id(view.forum, post)
    source = next((p for p in view.forum.thread_posts(post.thread_id) if p.post_id == pid), None)
    back = (f'<a href="{view.base_url}index.php?c=read&a=jump&pid={pid}" class="return">回到原帖</a>'
            if source is not None and source.floor > 1 else "")
    return (f'<blockquote class="blockquote cc"><span class="fl"><a href={space_by_name(view, quote.author)}>'
            f'{escape(quote.author)}</a>：{escape(quote.text, quote=False)}</span>{back}</blockquote>')


def _sold(view: View, post: Post) -> str:
    cost, unit = PRICE.split()
    return (f'<div class="content_sell" id="J_content_sell"><h6><span class="mr10">此帖售价 <span id="J_buy_price">'
            f'{cost}</span> <span id="J_buy_util">{unit}</span>,已有 <span id="J_buy_count">0</span> 人购买</span>'
            f' <a href="{view.base_url}index.php?c=buythread&a=record&tid={post.thread_id}&pid=0" title="查看记录"'
            f' class="mr10 fn J_buy_record" data-buycount="">[记录]</a> <a href="{view.base_url}index.php?c=buythread'
            f'&tid={post.thread_id}&pid=0" title="购买" class="fn J_post_buy J_qlogin_trigger" data-credit="0"'
            f' data-price="{cost}" data-util="{unit}" data-role="post">[购买]</a></h6></div>'
            f'<div class="content_sell"><h6>{SOLD_NOTICE}</h6></div>')


def message(view: View, post: Post) -> str:
    """What ``div.editor_content`` holds for ``post``."""
    if view.forum.users[post.author].banned:
        return f'<div class="shield">{BANNED_NOTICE}</div>'
    if post.paid:
        return _sold(view, post)
    shown = lines_html(post.lines, _inline(view).html, "<li>")
    if post.hidden_lines:
        shown += f'<br /><div class="content_hidden" id="J_need_reply">{HIDDEN_NOTICE}</div>'
    return (_quote(view, post) + " " if post.quote else "") + shown


def attachments_below(view: View, post: Post) -> str:
    """``read_floor.htm``'s lists of the files not placed in the text (none for a banned
    member's post: ``bulidRead`` drops them; none for a sold one, whose truth shows none)."""
    files = post.attachments_below
    if not files or view.forum.users[post.author].banned or post.paid:
        return ""
    pictures = [f for f in files if f.is_image]
    others = [f for f in files if not f.is_image]
    out = ""
    if pictures:
        items = "".join(f'<li class="J_gallery_items"><span class="J_attach_img_wrap"><div class="img_info J_img_info">'
                        f"<p>图片：{escape(f.filename)}</p></div><a data-big=\"{escape(view.base_url + f.path)}\""
                        f' href="javascript:;">{_picture(view, f.path, original=True)}</a></span></li>' for f in pictures)
        out += (f'<div class="read_attach_pic">\n\t\t\t\t<div class="ct">\n\t\t\t\t\t<ul class="cc big_img J_gallery_list"'
                f' style="display:">{items}</ul>\n\t\t\t\t</div>\n\t\t\t</div>')
    if others:
        rows = "".join(f'\n\t\t\t\t\t<dd class="cc" id="J_att_{f.aid}"><span class="name" title=""><span class="file_list_wrap">'
                       f'<span class="file_icon_{f.filename.rsplit(".", 1)[-1]}"></span></span><a class="J_attach_post_buy"'
                       f' data-cost="" href="{download_url(view, f)}" data-credit="0" data-countrel="#J_attach_count_{f.aid}">'
                       f"{escape(f.filename)}</a>&nbsp;({f.size_kb}KB)&nbsp;</span>"
                       f'<span class="cost"><span class="" id="J_attach_count_{f.aid}">{f.downloads}</span></span>'
                       f'<span class="time">{auto_time(f.uploaded_at, view.viewed_at)}</span><span class="operate"></span></dd>'
                       for f in others)
        out += (f'<div class="read_attach_downattach">\n\t\t\t\t<dl>\n\t\t\t\t\t<dt class="cc"><span class="name">附件名称/大小'
                f'</span><span class="cost">下载次数</span><span class="time">最后更新</span><span class="operate"></span>'
                f"</dt>{rows}\n\t\t\t\t</dl>\n\t\t\t</div>")
    return out
