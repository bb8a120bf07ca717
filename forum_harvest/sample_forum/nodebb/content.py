"""A sample post as NodeBB's ``content`` (markdown rendered by ``nodebb-plugin-markdown``, what
its API answers and its HTML pages both carry): paragraphs ``<p dir="auto">`` with ``<br />``
between their lines, list items one ``<ul>``; a quote as 4.x's Quote button writes it,
``> @Name [said](/post/PID):`` above the quoted lines, rendered as a ``<blockquote>`` whose
first paragraph is that header (the mention by ``nodebb-plugin-mentions``); a picture by URL an
``img.img-markdown``; an upload as the composer writes it, a picture ``![name](url)`` and a
file ``[name](url)``, under ``/assets/uploads/files/``. NodeBB lists no attachments apart from
the text: the sample's files below a message are uploads at its end, one paragraph each
(``EngineShows.listed_at_end``). NodeBB has no hidden blocks or paid messages: their lines are
printed in full."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import InlineMarkup, markdown_blocks, quoted_post_id
from forum_harvest.sample_forum.engine_shows import NODEBB_UPLOADS
from forum_harvest.sample_forum.model import Attachment, Image, Line, Post, SampleForum
from forum_harvest.sample_forum.nodebb.site import slugify

PARAGRAPH = '<p dir="auto">'


def _picture(src: str, alt: str) -> str:
    return f'<img src="{escape(src)}" alt="{escape(alt)}" class=" img-fluid img-markdown" />'


def _upload(file: Attachment, base: str) -> str:
    url = f"{base}{NODEBB_UPLOADS}{file.path}"
    return _picture(url, file.filename) if file.is_image else f'<a href="{escape(url)}">{escape(file.filename)}</a>'


def _image(image: Image, base: str) -> str:
    return _picture(image.src if image.src.startswith(("http://", "https://")) else base + image.src, "image")


def _quote(site: SampleForum, post: Post, base: str) -> str:
    quote = post.quote
    name = slugify(quote.author, keep_case=True)
    return (f'<blockquote>\n{PARAGRAPH}<a class="plugin-mentions-user plugin-mentions-a"'
            f' href="{base}user/{escape(slugify(quote.author))}" aria-label="Profile: {escape(name)}">@<bdi>'
            f'{escape(name)}</bdi></a> <a href="/post/{quoted_post_id(site, post)}">said</a>:</p>\n'
            f'{PARAGRAPH}{escape(quote.text, quote=False)}</p>\n</blockquote>')


def content(site: SampleForum, post: Post, base: str) -> str:
    inline = InlineMarkup('<a href="{href}" rel="nofollow ugc">{text}</a>', lambda image: _image(image, base),
                          lambda file: _upload(file, base))
    below = tuple(line for file in post.attachments_below for line in (Line(), Line((file,))))
    blocks = markdown_blocks(post.lines + post.hidden_lines + below, inline, PARAGRAPH, "<br />\n")
    return "\n".join(([_quote(site, post, base)] if post.quote else []) + blocks) + "\n"


def signature(html: str | None) -> str:
    """A member's signature as NodeBB renders it (markdown), '' when none."""
    return f"{PARAGRAPH}{html}</p>\n" if html else ""
