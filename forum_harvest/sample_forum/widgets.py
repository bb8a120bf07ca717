"""How a template prints pictures and attachments in a message: X's ``ignore_js_op`` widgets
(image zoom menu, file ``dl.tattl``), and ``div.pattl`` for attachments below the message."""

from __future__ import annotations

import base64
import random
import string
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from forum_harvest.sample_forum.clock import DEFAULT, TimeStyle
from forum_harvest.sample_forum.model import Attachment, Image, Post


@dataclass(frozen=True)
class Markup:
    """A template's HTML for an ``[img]`` picture (drawing ids from the post's ``rng``), for
    an attachment placed in the text (given the thread id and the site's time style) and, when
    the engine's differs from X's, for the anti-copy junk at a line break (given the site name)."""

    image: Callable[[Image, random.Random], str]
    attachment: Callable[[Attachment, int, TimeStyle], str]
    jammer: Callable[[random.Random, str], str] | None = None


def attachment_token(attachment: Attachment, thread_id: int) -> str:
    raw = f"{attachment.aid}|{attachment.path[-12:-4]}|{int(attachment.uploaded_at.timestamp())}|0|{thread_id}"
    return base64.b64encode(raw.encode()).decode().replace("=", "%3D")


def image_widget(a: Attachment, thread_id: int, times: TimeStyle = DEFAULT) -> str:
    token = attachment_token(a, thread_id)
    return f"""<ignore_js_op>

<img id="aimg_{a.aid}" aid="{a.aid}" src="static/image/common/none.gif" zoomfile="{a.path}" file="{a.path}" class="zoom" onclick="zoom(this, this.src, 0, 0, 0)" width="600" inpost="1" onmouseover="showMenu({{'ctrlid':this.id,'pos':'12'}})" />

<div class="tip tip_4 aimg_tip" id="aimg_{a.aid}_menu" style="position: absolute; display: none" disautofocus="true">
<div class="xs0">
<p><strong>{escape(a.filename)}</strong> <em class="xg1">({a.size_kb} KB, 下载次数: {a.downloads})</em></p>
<p>
<a href="forum.php?mod=attachment&amp;aid={token}&amp;nothumb=yes" target="_blank">下载附件</a>
<a href="javascript:;" onclick="showWindow(this.id, this.getAttribute('url'), 'get', 0);" id="savephoto_{a.aid}" url="home.php?mod=spacecp&amp;ac=album&amp;op=saveforumphoto&amp;aid={a.aid}&amp;handlekey=savephoto_{a.aid}">保存到相册</a>
</p>
<p class="xg1 y">{times.ymd_hm(a.uploaded_at)} 上传</p>
</div>
<div class="tip_horn"></div>
</div>

</ignore_js_op>"""


def file_widget(a: Attachment, thread_id: int, times: TimeStyle = DEFAULT) -> str:
    token = attachment_token(a, thread_id)
    return f"""<ignore_js_op>

<dl class="tattl">
<dt>
<img src="static/image/filetype/common.gif" border="0" class="vm" alt="" />
</dt>
<dd>
<p class="attnm">
<a href="forum.php?mod=attachment&amp;aid={token}" onmouseover="showMenu({{'ctrlid':this.id,'pos':'12'}})" id="aid{a.aid}" target="_blank">{escape(a.filename)}</a>

<div class="tip tip_4" id="aid{a.aid}_menu" style="display: none" disautofocus="true">
<div class="tip_c">
<p class="y">{times.ymd_hm(a.uploaded_at)} 上传</p>
<p>下载次数: {a.downloads}</p>
<div class="tip_horn"></div>
</div>
</div>
</p>
<p>{a.size_kb} KB, 下载次数: {a.downloads}</p>

<p>
</p>

</dd>
</dl>

</ignore_js_op>"""


def robot_image(a: Attachment) -> str:
    """X's ``discuzcode.htm`` for a robot (``{if !IS_ROBOT}`` … ``{else}``): the picture's own
    URL in ``src``, no zoom menu."""
    return f'<ignore_js_op>\n<img src="{a.path}" alt="{escape(a.filename)}" title="{escape(a.filename)}" />\n</ignore_js_op>'


def pattl(post: Post, times: TimeStyle = DEFAULT, markup: Markup | None = None) -> str:
    """Attachments not placed in the text, listed under the message as Discuz does."""
    if not post.attachments_below:
        return ""
    items = []
    for a in post.attachments_below:
        widget = (markup or X_MARKUP).attachment(a, post.thread_id, times)
        items.append(widget.replace('inpost="1" ', ""))
    return '<div class="pattl">\n' + "\n".join(items) + "\n</div>\n"


def _image(part: Image, rng: random.Random) -> str:
    aimg = "".join(rng.choices(string.ascii_letters, k=5))
    return (f'<img id="aimg_{aimg}" onclick="zoom(this, this.src, 0, 0, 0)" class="zoom" src="{part.src}" '
            'onmouseover="img_onmouseoverfunc(this)" onload="thumbImg(this)" border="0" alt="" />')


def _attachment(a: Attachment, thread_id: int, times: TimeStyle = DEFAULT) -> str:
    return image_widget(a, thread_id, times) if a.is_image else file_widget(a, thread_id, times)


def _robot_attachment(a: Attachment, thread_id: int, times: TimeStyle = DEFAULT) -> str:
    return robot_image(a) if a.is_image else file_widget(a, thread_id, times)


X_MARKUP = Markup(_image, _attachment)
X_ROBOT_MARKUP = Markup(_image, _robot_attachment)  # what IS_ROBOT changes: attached pictures
