"""What the board holds, read from its SQLite tables: the ground truth a reader is checked
against. Post text is phpBB's stored form (s9e XML in 3.2+); ``plain_text`` turns it into the
words a reader sees, quotes left out (a reader takes them out of the body too)."""

from __future__ import annotations

import html
import re
import sqlite3
from pathlib import Path

_MARKUP = re.compile(r"<s>.*?</s>|<e>.*?</e>", re.S)  # the BBCode tags kept in the XML
_QUOTE = re.compile(r"<QUOTE\b[^>]*>.*</QUOTE>", re.S)  # outermost quote (greedy: nested ones inside)
_IMAGE = re.compile(r"<IMG\b[^>]*>.*?</IMG>", re.S)
IMAGE = "[image]"


# 3.0 and 2.0 store BBCode with the post's uid in each tag: [b:uid]…[/b:uid],
# [quote=&quot;X&quot;:uid] (3.0), [quote:uid="X"] and [code:1:uid] (2.0); 2.0's [url] has no uid.
_QUOTE_30 = re.compile(r"\[quote(?:=[^\]]*)?:(?P<uid>[a-z0-9]+)(?:=\"[^\"]*\")?\].*\[/quote:(?P=uid)\]", re.S)
_IMAGE_30 = re.compile(r"\[img:(?P<uid>[a-z0-9]+)\].*?\[/img:(?P=uid)\]", re.S)
_TAG_30 = re.compile(r"\[/?[a-z*]+(?:=[^\]]*)?(?::[a-z0-9])?:[a-z0-9]{5,10}\]|\[/?url(?:=[^\]]*)?\]")


def plain_text(post_text: str, image: str = IMAGE) -> str:
    """The visible words of a stored post (3.2+'s XML or 3.0's BBCode with uids), quotes and
    BBCode tags left out, an image as ``image``, whitespace collapsed."""
    if not post_text.startswith(("<r>", "<t>")):  # 3.0
        post_text = _TAG_30.sub("", _IMAGE_30.sub(f" {image} ", _QUOTE_30.sub(" ", post_text)))
        post_text = re.sub(r"<!-- \w+ -->", "", post_text)
    text = _IMAGE.sub(f" {image} ", _QUOTE.sub(" ", post_text))
    text = _MARKUP.sub("", text)
    text = re.sub(r"<br\s*/?>|<LI>|</LI>", "\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(text.split())


def truth(database: Path) -> dict:
    connection = sqlite3.connect(database)
    connection.row_factory = sqlite3.Row
    try:
        posts = [dict(row) for row in connection.execute(
            "SELECT p.post_id, p.topic_id, p.forum_id, COALESCE(u.username, p.post_username) AS author,"
            " p.post_time, p.post_visibility, p.post_edit_count, p.post_edit_time,"
            " p.post_edit_reason, e.username AS edited_by, p.post_text"
            " FROM phpbb_posts p LEFT JOIN phpbb_users u ON u.user_id = p.poster_id"
            " LEFT JOIN phpbb_users e ON e.user_id = p.post_edit_user ORDER BY p.post_id")]
        topics = [dict(row) for row in connection.execute(
            "SELECT topic_id, forum_id, topic_title, topic_type, topic_posts_approved,"
            " topic_views, topic_first_poster_name, topic_last_poster_name, topic_last_post_time"
            " FROM phpbb_topics ORDER BY topic_id")]
        forums = [dict(row) for row in connection.execute(
            "SELECT forum_id, parent_id, forum_name, forum_type FROM phpbb_forums ORDER BY left_id")]
        config = dict(connection.execute(
            "SELECT config_name, config_value FROM phpbb_config WHERE config_name IN"
            " ('posts_per_page', 'topics_per_page', 'board_timezone', 'default_dateformat',"
            " 'sitename', 'version')").fetchall())
    finally:
        connection.close()
    for post in posts:
        post["text"] = plain_text(post["post_text"])
    return {"posts": posts, "topics": topics, "forums": forums, "config": config}
