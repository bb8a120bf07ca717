"""A post's attachments as phpwind 8.7 prints them (``require/bbscode.php``'s ``attachShow``,
``template/wind/read.htm``; compare ``tests/fixtures/phpwind-8.7``, thread 2): one placed in the text
(``[attachment=N]``, ``parseContent``) is ``span#att_N.f12`` holding a picture
(``parsePicHtml``: ``span#td_attN`` with the ``img``, "图片:name" in the hidden
``div#menu_attN``) or a file (``parseAttachHtml``: its type's icon, the link
``job.php?action=download&aid=N`` with the name, "(N K) 下载次数:N"); the others are listed below
the message in ``div#read_Att_{pid}`` (``read.htm``): pictures in ``div.imgList li#att_N``, files
in ``div#att_N`` ("附件:", the icon, ``a#fg_N``). None for a banned member's or a sold post.

Left out: ``cvpic`` appends ``?size`` to a picture's URL and the list below adds ``&mt=hash`` to a
download link; the sample's truth names the bare URLs."""

from __future__ import annotations

from html import escape
from math import ceil

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Attachment, Post


def _attached_image(view: View, file: Attachment) -> str:
    """``cvpic``: an uploaded picture at its full size (700 pixels at most)."""
    url = escape(view.base_url + file.path)
    return (f"<img src=\"{url}\" border=\"0\" onclick=\"if(this.parentNode.tagName!='A'&&this.width>=700)"
            f" window.open('{url}');\" style=\"max-width:700px;max-height:700px;\""
            f' onload="if(is_ie6&&this.offsetWidth>700)this.width=700;" >')


def _file_type(file: Attachment) -> str:
    """``pw_attachs.type`` (``require/postfunc.php``): img, txt, else zip; its icon's name."""
    return "img" if file.is_image else "txt" if file.filename.lower().endswith(".txt") else "zip"


def _size_k(file: Attachment) -> int:
    """``pw_attachs.size``: whole kilobytes, rounded up."""
    return max(1, ceil(file.size_kb))


def download_url(file: Attachment) -> str:
    return f"job.php?action=download&aid={file.aid}"


def _picture_name(file: Attachment) -> str:
    return (f'<div style="border:1px solid #ffffff;background:#f3f9fb;padding:5px 10px;">'
            f'<p><span class="mr10">图片:{escape(file.filename)}</span></p></div>')


def placed(view: View, file: Attachment) -> str:
    """``parseContent``: ``parsePicHtml`` or ``parseAttachHtml`` in ``span#att_N``."""
    aid = file.aid
    if file.is_image:
        shown = (f'<span id="td_att{aid}" onmouseover="postAttImgHover(\'menu_att{aid}\',\'td_att{aid}\');"'
                 f' style="display:inline-block;" class="J_attImg">{_attached_image(view, file)}</span>'
                 f'<div id="menu_att{aid}" class="fl" style="display:none;"><div class="pw_menu"'
                 f' style="position:absolute;z-index:1;">{_picture_name(file)}</div></div>')
    else:
        shown = (f'<b></b><img src="images/wind/file/{_file_type(file)}.gif" align="absbottom" /><a href="'
                 f'{download_url(file)}" onclick="return ajaxurl(this,\'&check=1\');"> {escape(file.filename)}</a>'
                 f" ({_size_k(file)} K) &#19979;&#36733;&#27425;&#25968;:{file.downloads} ")
    return f'<span id="att_{aid}" class="f12">{shown}</span>'


def listed_below(view: View, post: Post, pid: str) -> str:
    """``read.htm``'s ``div#read_Att_{pid}``: the files not placed in the text (none for a
    banned member's or a sold post)."""
    files = post.attachments_below
    if not files or view.forum.users[post.author].banned or post.paid:
        return ""
    pictures = "".join(
        f'\n\t\t<li id="att_{f.aid}">\n\t\t<span id="att_pic_sub_{f.aid}" onmouseover="postAttImgHover(\'att_pic_'
        f'{f.aid}\',\'att_pic_sub_{f.aid}\');">{_attached_image(view, f)}</span>\n\t\t<div id="att_pic_{f.aid}"'
        f' style="display:none;" class="fl"><div class="pw_menu" style="position:absolute;z-index:1;_margin-top:-13px;">'
        f"{_picture_name(f)}</div></div>\n\t\t</li>" for f in files if f.is_image)
    shown = (f'\n<div class="imgList">\n\t<ul class="cc one" style="display:" id="imgList_{post.floor - 1}_all">'
             f"{pictures}\n\t</ul>\n</div>" if pictures else "")
    shown += "".join(
        f'\n<div class="mb10" id="att_{f.aid}">\n\t附件: <img src="images/wind/file/{_file_type(f)}.gif"'
        f' align="absmiddle" /> <a id="fg_{f.aid}" href="{download_url(f)}" onclick="return ajaxurl(this,'
        f' \'&check=1\');"> <font color="red">{escape(f.filename)}</font></a> ({_size_k(f)} K) 下载次数:{f.downloads}'
        f"\n</div>" for f in files if not f.is_image)
    return f'\n\t\t\t\t\t<div id="read_Att_{pid}" class="mb10">{shown}\n\t\t\t\t\t</div>'
