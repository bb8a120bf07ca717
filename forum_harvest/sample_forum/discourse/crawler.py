"""The sample forum as the HTML Discourse serves crawlers (and browsers without JavaScript), in
the markup of a page a Discourse 2.8 site really served (tests/fixtures/discourse/t-177814.html)
and of the crawler templates (``app/views/topics/show.html.erb``, ``app/views/list/list.erb``,
``app/views/categories/index.html.erb``), as the crawler layout prints them (no preloaded JSON):

- a topic page: ``#topic-title h1`` and the category's breadcrumb link, one
  ``div.topic-body.crawler-post`` per post (``span.creator [itemprop=name]``,
  ``time.post-time[datetime]``, ``meta[itemprop=dateModified]`` the last edit,
  ``span[itemprop=position]`` "#N", the cooked message in ``div.post``), then the pager
  (``div[role=navigation]`` with ``a[rel=next]``) and ``link[rel=next]`` in the head;
- a topic list: a category's ``h1`` links (its parent, itself), on its first page links to its
  sub-categories, ``table.topic-list`` of ``tr.topic-list-item`` (``a.raw-topic-link``,
  ``span.posts`` the replies, ``span.views``, the last post's date), ``a[rel=next]`` only while
  the page is full;
- the category list: ``table.category-list``, one ``td.category h3 a`` per top-level category;
- a page a guest may not see or that does not exist: the "Oops!" page, 403 or 404.
"""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.discourse import site as d
from forum_harvest.sample_forum.discourse.cooked import cooked
from forum_harvest.sample_forum.engine_pages import listed_forums
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Forum, Post, Thread
from forum_harvest.sample_forum.routes import Response

GENERATOR = "Discourse 3.2.0 - https://github.com/discourse/discourse version 5f5f7a1b0e2d0c9a3b8e6f4d2c1a0b9e8d7c6f5a"


def document(view: View, title: str, body: str, head: str = "") -> str:
    base = view.base_url
    return f"""<!DOCTYPE html>
<html lang="en" class="desktop-view not-mobile-device text-size-normal anon">
  <head>
    <meta charset="utf-8">
    <title>{escape(title)} - {view.site}</title>
    <meta name="generator" content="{GENERATOR}">
    {head}
  </head>
  <body class="crawler">
    <header><a href="{base}">{view.site}</a></header>
    <div id="main-outlet" class="wrap" role="main">
{body}
    </div>
    <footer class="container wrap">
      <nav class='crawler-nav'>
        <ul>
        <li itemscope itemtype='http://schema.org/SiteNavigationElement'><span itemprop='name'><a href='/' itemprop="url">Home </a></span></li>
        <li itemscope itemtype='http://schema.org/SiteNavigationElement'><span itemprop='name'><a href='/categories' itemprop="url">Categories </a></span></li>
        </ul>
      </nav>
    </footer>
  </body>
</html>
"""


def oops(view: View, status: int) -> Response:
    """``exceptions/not_found`` as a guest gets it for a page that is gone or private."""
    body = ("<div class='page-not-found'><h1 class='title'>Oops! That page doesn’t exist or is private.</h1></div>")
    return Response(status, document(view, "Page Not Found", body))


def _post(view: View, post: Post) -> str:
    user = view.forum.users[post.author]
    return f"""      <div itemscope itemtype='http://schema.org/DiscussionForumPosting' class='topic-body crawler-post'>
        <div class='crawler-post-meta'>
          <span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person">
            <a itemprop="url" href='{view.base_url}u/{escape(user.name)}'><span itemprop='name'>{escape(user.name)}</span></a>
          </span>
          <link itemprop="mainEntityOfPage" href="{view.base_url}{d.topic_path(post.thread_id)}">
          <span class="crawler-post-infos">
              <time itemprop='datePublished' datetime='{d.iso(post.posted_at, seconds=True)}' class='post-time'>
                {post.posted_at:%B %-d, %Y, %-I:%M}{post.posted_at.strftime('%p').lower()}
              </time>
              <meta itemprop='dateModified' content='{d.iso(d.last_edit(post), seconds=True)}'>
          <span itemprop='position'>#{post.post_number}</span>
          </span>
        </div>
        <div class='post' itemprop='articleBody'>
          {cooked(view.forum, post, view.base_url)}
        </div>
      </div>
"""


def topic_page(view: View, thread: Thread, page: int) -> Response:
    site = view.forum
    if not d.page_exists(site, thread.thread_id, page):
        return oops(view, 404)
    forum = site.forum(thread.forum_id)
    url = f"{view.base_url}{d.topic_path(thread.thread_id)}"
    shown = d.page_posts(site, thread.thread_id, page)
    # TopicView#next_page: while the highest post number is past the page's last post.
    more = bool(shown) and shown[-1].post_number < max(p.post_number for p in site.thread_posts(thread.thread_id))
    pager = (f"""      <div role='navigation' itemscope itemtype='http://schema.org/SiteNavigationElement' class="topic-body crawler-post">
        <span itemprop='name'><b><a rel="next" itemprop="url" href="/{d.topic_path(thread.thread_id)}?page={page + 1}">next page →</a></b></span>
      </div>""" if more else "")
    body = f"""      <div id="topic-title">
        <h1><a href="{url}">{escape(thread.title)}</a></h1>
        <div class="topic-category" itemscope itemtype="http://schema.org/BreadcrumbList">
          <span itemprop="itemListElement" itemscope itemtype="http://schema.org/ListItem">
            <a href="{view.base_url}{d.category_path(forum)}" class="badge-wrapper bullet" itemprop="item">
              <span class='category-name' itemprop='name'>{escape(forum.name)}</span>
            </a>
            <meta itemprop="position" content="1" />
          </span>
        </div>
      </div>
{"".join(_post(view, post) for post in shown)}{pager}"""
    canonical = url + (f"?page={page}" if page > 1 else "")
    head = f'<link rel="canonical" href="{canonical}" />' + (
        f'\n    <link rel="next" href="/{d.topic_path(thread.thread_id)}?page={page + 1}">' if more else "")
    return Response(200, document(view, thread.title, body, head))


def _row(view: View, thread: Thread) -> str:
    site = view.forum
    posts = site.thread_posts(thread.thread_id)
    url = f"{view.base_url}{d.topic_path(thread.thread_id)}"
    return f"""        <tr class="topic-list-item">
          <td class="main-link topic-list-data" itemprop='itemListElement' itemscope itemtype='http://schema.org/ListItem'>
            <meta itemprop='name' content='{escape(thread.title)}'>
            <meta itemprop='url' content='{url}'>
            <span class="link-top-line"><a href='{url}' class='title raw-link raw-topic-link'>{escape(thread.title)}</a></span>
          </td>
          <td class='posters topic-list-data'><a href="{view.base_url}u/{escape(thread.author)}" class="latest single">{escape(thread.author)}</a></td>
          <td class="replies num topic-list-data"><span class='posts' title='posts'>{len(posts) - 1}</span></td>
          <td class="views num topic-list-data"><span class='views' title='views'>{thread.views}</span></td>
          <td class="num topic-list-data">{posts[-1].posted_at:%b %-d, %Y}</td>
        </tr>
"""


def topic_list(view: View, category: Forum | None, topics: list[Thread], page: int, next_url: str) -> Response:
    """``/latest`` (``category`` None) or a category's list, page ``page`` (from 1)."""
    site = view.forum
    shown = topics[(page - 1) * d.TOPICS_PER_PAGE:page * d.TOPICS_PER_PAGE]
    heading = ""
    if category is not None:
        trail = [f for f in (site.forum(category.parent_forum_id or 0), category) if f]
        links = "\n    &nbsp;\n".join(f"""    <a href="{view.base_url}{d.category_path(f)}" itemprop="item">
      <span itemprop='name'>{escape(f.name)}</span>
    </a>""" for f in trail)
        children = [f for f in site.subforums(category.forum_id) if f in listed_forums(site)] if page == 1 else []
        subcategories = "".join(f"\n    <div class='subcategory'><a href='{view.base_url}{d.category_path(f)}'>"
                                f"{escape(f.name)}</a></div>" for f in children)
        heading = f"  <h1>\n{links}\n  </h1>\n  <br/>" + (f"\n  <div class='subcategories'>{subcategories}\n  </div>"
                                                         if subcategories else "")
    more = (f"\n  <div role='navigation' itemscope itemtype='http://schema.org/SiteNavigationElement'>"
            f"<span itemprop='url'><b><a href='{next_url}' rel='next' itemprop='name'>next page →</a></b></span></div>"
            if len(shown) == d.TOPICS_PER_PAGE else "")
    body = f"""{heading}
<div itemscope itemtype='http://schema.org/ItemList'>
  <meta itemprop='itemListOrder' content='http://schema.org/ItemListOrderDescending'>
  <table class='topic-list'>
    <thead class="topic-list-header">
      <tr class="topic-list-header-row">
        <th class="default topic-list-data">Topic</th><th class="posters topic-list-data"></th>
        <th class="posts num topic-list-data">Replies</th><th class="views num topic-list-data">Views</th>
        <th class="activity num topic-list-data">Activity</th>
      </tr>
    </thead>
    <tbody class="topic-list-body">
{"".join(_row(view, t) for t in shown)}    </tbody>
  </table>
</div>{more}"""
    return Response(200, document(view, category.name if category else "Latest", body))


def categories(view: View) -> Response:
    rows = "".join(f"""        <tr>
          <td class='category'>
            <div itemprop='itemListElement' itemscope itemtype='http://schema.org/ListItem'>
              <meta itemprop='url' content='{view.base_url}{d.category_path(f)}'>
              <h3><a href='{view.base_url}{d.category_path(f)}'><span itemprop='name'>{escape(f.name)}</span></a></h3>
              <div itemprop='description'>{escape(f.description)}</div>
            </div>
          </td>
          <td class='topics'><div title='{len(d.listed_topics(view.forum, f))} Topics'>{len(d.listed_topics(view.forum, f))}</div></td>
        </tr>
""" for f in listed_forums(view.forum) if f.parent_forum_id is None)
    body = f"""<div itemscope itemtype='http://schema.org/ItemList'>
  <table class='category-list'>
    <thead><tr><th class='category'>Category</th><th class='topics'>Topics</th></tr></thead>
    <tbody>
{rows}    </tbody>
  </table>
</div>"""
    return Response(200, document(view, "Categories", body))
