"""A sample post as Discourse's ``cooked`` HTML (what its JSON answers and its crawler view
both carry): each paragraph a ``<p>`` with ``<br>`` between its lines, list items one ``<ul>``;
a quote ``<aside class="quote" data-username data-post data-topic>`` with its ``div.title``
(avatar, "name:") and the quoted ``<blockquote>``; an ``[img]`` picture a plain ``<img>``; an
upload where it was placed: a picture in its ``div.lightbox-wrapper`` (``a.lightbox`` around
the ``img`` and ``div.meta`` with ``span.filename`` and ``span.informations``), another file
``a.attachment`` then its size in brackets. Discourse lists no attachments apart from the text:
the sample's files below a message are uploads at its end, one paragraph each
(``EngineShows.listed_at_end``).

As on the other engines without them (``engine_shows``), a ``[hide]`` block's lines and a paid
message are printed in full."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import InlineMarkup, markdown_blocks, quoted_post_id
from forum_harvest.sample_forum.model import Attachment, Line, Post, SampleForum


def _upload(file: Attachment, base: str) -> str:
    url = escape(base + file.path)
    if not file.is_image:
        return f'<a class="attachment" href="{url}">{escape(file.filename)}</a> ({file.size_kb} KB)'
    return (f'<div class="lightbox-wrapper"><a class="lightbox" href="{url}" data-download-href="{url}?dl=1"'
            f' title="{escape(file.filename)}"><img src="{url}" alt="{escape(file.filename.rsplit(".", 1)[0])}"'
            f' width="690" height="388"><div class="meta"><svg class="fa d-icon d-icon-far-image svg-icon"'
            f' aria-hidden="true"><use href="#far-image"></use></svg><span class="filename">{escape(file.filename)}'
            f'</span><span class="informations">1380×776 {file.size_kb} KB</span><svg class="fa d-icon'
            f' d-icon-discourse-expand svg-icon" aria-hidden="true"><use href="#discourse-expand"></use></svg></div>'
            f'</a></div>')


def _inline(base: str) -> InlineMarkup:
    return InlineMarkup('<a href="{href}" rel="noopener nofollow ugc">{text}</a>',
                        lambda image: f'<img src="{escape(base + image.src)}" alt="image" role="presentation">',
                        lambda file: _upload(file, base))


def _quote(site: SampleForum, post: Post, base: str) -> str:
    quote = post.quote
    source = next((p for p in site.thread_posts(post.thread_id) if p.post_id == quoted_post_id(site, post)), None)
    number = f' data-post="{source.post_number}" data-topic="{post.thread_id}"' if source else ""
    avatar = f"{base}letter_avatar_proxy/v4/letter/{site.users[quote.author].uid % 10}/45.png"
    return (f'<aside class="quote no-group" data-username="{escape(quote.author)}"{number}>\n<div class="title">\n'
            f'<div class="quote-controls"></div>\n<img loading="lazy" alt="" width="24" height="24" src="{avatar}"'
            f' class="avatar"> {escape(quote.author)}:</div>\n<blockquote>\n<p>{escape(quote.text, quote=False)}</p>\n'
            f'</blockquote>\n</aside>')


def cooked(site: SampleForum, post: Post, base: str) -> str:
    below = tuple(line for file in post.attachments_below for line in (Line(), Line((file,))))
    lines = post.lines + post.hidden_lines + below
    blocks = ([_quote(site, post, base)] if post.quote else []) + markdown_blocks(lines, _inline(base))
    return "\n".join(blocks)
