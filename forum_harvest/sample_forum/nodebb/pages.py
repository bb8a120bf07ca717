"""The HTML pages of the sample NodeBB: each carries its answer whole in
``<script id="ajaxify-data" type="application/json">`` (``src/middleware/render.js``: ``</``
written ``<\\/``), which is what a reader takes from them, around a page in the harmony theme's
main shapes (``li[component="post"]`` with ``data-pid``, ``data-index``, ``data-timestamp``,
``data-username``; ``div[component="post/content"]``; category and topic links)."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from forum_harvest.sample_forum.routes import Response


def _post(post: dict[str, Any]) -> str:
    user = post["user"]
    return (f'<li component="post" class="pt-4" data-index="{post["index"]}" data-pid="{post["pid"]}"'
            f' data-uid="{user["uid"]}" data-timestamp="{post["timestamp"]}" data-username="{escape(user["username"])}"'
            f' data-userslug="{escape(user["userslug"])}" itemprop="comment">\n'
            f'<a component="post/anchor" data-index="{post["index"]}" id="{post["index"] + 1}"></a>\n'
            f'<meta itemprop="datePublished" content="{post["timestampISO"]}">\n'
            f'<a class="fw-bold" href="/user/{escape(user["userslug"])}">{escape(user["username"])}</a>\n'
            f'<a href="/post/{post["pid"]}" class="timeago text-muted" title="{post["timestampISO"]}"></a>\n'
            f'<div class="content text-break" component="post/content" itemprop="text">\n{post["content"]}</div>\n'
            + (f'<div component="post/signature" data-uid="{user["uid"]}">{user["signature"]}</div>\n'
               if user.get("signature") else "") + "</li>")


def _links(answer: dict[str, Any]) -> str:
    """What the page shows besides posts: its categories (with their children) and topics."""
    categories = list(answer.get("categories") or []) + list(answer.get("children") or [])
    shown = []
    while categories:
        category = categories.pop(0)
        categories.extend(category.get("children") or [])
        shown.append(f'<li component="categories/category" data-cid="{category["cid"]}">'
                     f'<a href="/category/{category["slug"]}">{category["name"]}</a></li>')
    shown += [f'<li component="category/topic" data-tid="{t["tid"]}"><a href="/topic/{t["slug"]}">{t["title"]}</a>'
              f' <span class="timeago" title="{t["lastposttimeISO"]}"></span></li>' for t in answer.get("topics") or []]
    return '<ul class="categories list-unstyled">\n' + "\n".join(shown) + "\n</ul>" if shown else ""


def html_page(answer: dict[str, Any], site_name: str, status: int = 200) -> Response:
    title = answer.get("titleRaw") or answer.get("name") or answer.get("title") or ""
    posts = "\n".join(_post(post) for post in answer.get("posts") or [])
    body = (f'<!DOCTYPE html>\n<html lang="en-GB" data-dir="ltr">\n<head>\n<title>{escape(title)} | {escape(site_name)}'
            f'</title>\n<meta name="viewport" content="width=device-width, initial-scale=1.0" />\n'
            f'<meta property="og:site_name" content="{escape(site_name)}" />\n</head>\n'
            f'<body class="{answer.get("bodyClass", "")} skin-noskin">\n<main id="panel" class="d-flex flex-column gap-3">\n'
            f'<h1 component="post/header">{escape(title)}</h1>\n{_links(answer)}\n'
            + (f'<ul component="topic" class="posts timeline" data-tid="{answer["tid"]}" data-cid="{answer["cid"]}">\n'
               f'{posts}\n</ul>\n' if "posts" in answer else "")
            + '</main>\n<script id="ajaxify-data" type="application/json">'
            + json.dumps(answer, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
            + "</script>\n</body>\n</html>\n")
    return Response(status, body)


def api_answer(answer: dict[str, Any], status: int = 200) -> Response:
    return Response(status, json.dumps(answer, ensure_ascii=False, separators=(",", ":")),
                    "application/json; charset=utf-8")

