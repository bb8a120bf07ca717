"""What the renderers of engines other than Discuz (``xenforo/``, ``vbulletin/``, ``phpbb/``,
``mybb/``, ``smf/``, ``invision/``, ``phpwind/``, ``discourse/``, ``nodebb/``) share: a message's inline
parts and BB code lines as HTML, page counts (engines page by count, sticky threads on page 1
only unless they are paged with the others), the post a quote was taken from, the forums a
guest sees listed and a forum's trail of breadcrumbs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from urllib.parse import parse_qs, urlsplit

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Attachment, Forum, Image, Inline, Line, Link, Post, SampleForum, Thread
from forum_harvest.sample_forum.routes import Response, file_response


@dataclass(frozen=True)
class InlineMarkup:
    """How an engine prints the parts of a message's line: text escaped; a link through the
    engine's ``link`` template (``{href}`` and ``{text}``, escaped here); a picture placed by its
    URL (``image``) and a file uploaded to the post and placed in the text (``attachment``) by
    the engine's own markup."""

    link: str
    image: Callable[[Image], str]
    attachment: Callable[[Attachment], str]

    def html(self, part: Inline) -> str:
        if isinstance(part, str):
            return escape(part, quote=False)
        if isinstance(part, Link):
            return self.link.format(href=escape(part.href), text=escape(part.text, quote=False))
        if isinstance(part, Image):
            return self.image(part)
        return self.attachment(part)


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


def markdown_blocks(lines: tuple[Line, ...], inline: InlineMarkup, paragraph: str = "<p>",
                    line_break: str = "<br>\n") -> list[str]:
    """A message as a markdown engine renders it (Discourse's ``cooked``, NodeBB's content):
    each paragraph (a run of lines between blank ones) one ``paragraph`` element with
    ``line_break`` between its lines, each run of list items one ``<ul>``, in order."""
    blocks: list[str] = []
    paragraph_lines: list[str] = []
    items: list[str] = []

    def close() -> None:
        if paragraph_lines:
            blocks.append(paragraph + line_break.join(paragraph_lines) + "</p>")
            paragraph_lines.clear()
        if items:
            blocks.append("<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>")
            items.clear()

    for line in lines:
        text = "".join(inline.html(part) for part in line.parts)
        if line.list_item:
            if paragraph_lines:
                close()
            items.append(text)
        elif not line.parts:
            close()
        else:
            if items:
                close()
            paragraph_lines.append(text)
    close()
    return blocks


def thread_pages(site: SampleForum, thread_id: int, per_page: int) -> int:
    return max(1, -(-len(site.thread_posts(thread_id)) // per_page))


def list_pages(site: SampleForum, forum_id: int, per_page: int, stickies_paged: bool = False) -> int:
    """Sticky threads stand on page 1 only, above its ``per_page`` others; ``stickies_paged``:
    they take places among the ``per_page`` (phpBB sorts them first and pages them all)."""
    listed = [t for t in site.forum_threads(forum_id) if stickies_paged or not t.sticky]
    return max(1, -(-len(listed) // per_page))


def valid_start(start: int, per_page: int, total: int) -> int:
    """For engines paging by offset (phpBB, SMF): an offset on a page boundary, the last
    page's for one past the end."""
    last = max(0, (total - 1) // per_page * per_page)
    return min(start // per_page * per_page, last)


def quoted_post_id(site: SampleForum, post: Post) -> int:
    """The id of the post ``post`` quotes (its author's, at the quote's minute), 0 if none is found."""
    quote = post.quote
    source = next((p for p in site.thread_posts(post.thread_id)
                   if p.author == quote.author and p.posted_at.replace(second=0) == quote.posted_at), None)
    return source.post_id if source else 0


def listed_forums(site: SampleForum) -> list[Forum]:
    """The forums a guest sees listed: not the members-only one (engines hide a forum a guest
    may not view)."""
    return [f for f in site.forums if not f.members_only]


def link_redirect(site: SampleForum, forum_id: int | None) -> Response | None:
    """A link forum's page: ``302 Location:`` its link, as the engines that have them answer it
    (MyBB's ``forumdisplay.php``, phpBB's ``viewforum.php``, SMF 2's redirect board, XenForo's
    ``link-forums/``, Invision's redirect forum); None for any other forum."""
    link = site.link_forum(forum_id or 0)
    return Response(302, "", headers={"Location": link.url}) if link else None


def visible_category(site: SampleForum, category_id: int) -> Forum | None:
    """A forum a guest sees listed, as the category it is on engines of categories (Discourse,
    NodeBB)."""
    return next((f for f in listed_forums(site) if f.forum_id == category_id), None)


def visible_topic(site: SampleForum, topic_id: int) -> Thread | None:
    """The topic a guest may read: in a category guests see, readable (Discourse, NodeBB: a
    topic guests may not read sits in a category they may not see)."""
    thread = site.thread(topic_id)
    if thread is None or not thread.readable or visible_category(site, thread.forum_id) is None:
        return None
    return thread


def static_response(view: View, target: str, robots: str) -> Response | None:
    """A file's bytes (``routes.file_response``) or the engine's ``robots.txt``; None for a page."""
    if file := file_response(view, target):
        return file
    return Response(200, robots, "text/plain") if urlsplit(target).path == "/robots.txt" else None


def forum_trail(site: SampleForum, forum: Forum) -> list[tuple[int, str]]:
    """(id, name) from the category down to ``forum``: the category, the parent forum if any,
    the forum itself (for engines whose categories are forums: phpBB, MyBB)."""
    parent = site.forum(forum.parent_forum_id) if forum.parent_forum_id else None
    category = site.category(forum.category)
    return [(category.gid, category.name)] + [(f.forum_id, f.name) for f in (parent, forum) if f]


Query = dict[str, list[str]]


def query_number(query: Query, key: str) -> int | None:
    value = query.get(key, [""])[0]
    return int(value) if value.isdigit() else None


def by_script(view: View, target: str, index: Callable[[View], str],
              scripts: dict[str, Callable[[View, Query], Response]]) -> Response:
    """For engines addressed by script and query (phpBB, MyBB): the board index at the root
    and ``/index.php``, each script's answer to its query, a file's bytes (``routes.file_response``),
    a bare 404 for any other path."""
    if file := file_response(view, target):
        return file
    parts = urlsplit(target)
    if parts.path in ("/", "/index.php"):
        return Response(200, index(view))
    answer = scripts.get(parts.path)
    return answer(view, parse_qs(parts.query)) if answer else Response(404, "<h1>Not Found</h1>")
