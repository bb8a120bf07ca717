"""What the renderers of engines other than Discuz (``xenforo/``, ``vbulletin/``, ``phpbb/``)
share: BB code lines as HTML, page counts (engines page by count, sticky threads on page 1 only), the
post a quote was taken from."""

from __future__ import annotations

from collections.abc import Callable

from forum_harvest.sample_forum.model import Inline, Line, Post, SampleForum


def lines_html(lines: tuple[Line, ...], inline: Callable[[Inline], str], list_item: str) -> str:
    """BB code lines as these engines render them: ``<br />`` between lines, each run of
    ``[list]`` items one ``<ul>`` of ``list_item`` (the ``<li …>`` opening tag)."""
    out: list[str] = []
    items: list[str] = []
    for line in lines:
        text = "".join(inline(part) for part in line.parts)
        if line.list_item:
            items.append(f"{list_item}{text}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        out.append(text)
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "<br />\n".join(out)


def thread_pages(site: SampleForum, thread_id: int, per_page: int) -> int:
    return max(1, -(-len(site.thread_posts(thread_id)) // per_page))


def list_pages(site: SampleForum, forum_id: int, per_page: int, stickies_paged: bool = False) -> int:
    """Sticky threads stand on page 1 only, above its ``per_page`` others; ``stickies_paged``:
    they take places among the ``per_page`` (phpBB sorts them first and pages them all)."""
    listed = [t for t in site.forum_threads(forum_id) if stickies_paged or not t.sticky]
    return max(1, -(-len(listed) // per_page))


def quoted_post_id(site: SampleForum, post: Post) -> int:
    """The id of the post ``post`` quotes (its author's, at the quote's minute), 0 if none is found."""
    quote = post.quote
    source = next((p for p in site.thread_posts(post.thread_id)
                   if p.author == quote.author and p.posted_at.replace(second=0) == quote.posted_at), None)
    return source.post_id if source else 0
