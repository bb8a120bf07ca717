"""Layout families of a Discuz! thread page, each a table of where things are.

What stays stable across versions and skins are the ids Discuz's own JavaScript needs
(``table#pid{pid}``, ``div#post_{pid}``, ``#postmessage_{pid}``, ``#postnum{pid}``,
``em#authorposton{pid}``); classes, columns and labels change. A family is chosen from what
the page shows (``detect``), never from a version string a skin may have replaced. Each
family lists, most specific first, where a post's author, time and floor are; a reader that
finds none of them falls back on shapes (``scraper.engines.discuz.pages.thread``). ``$pid`` in an XPath is
the post's id (an XPath using it is skipped for a post without one). See ``docs/engines/discuz.md`` for the facts behind each table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMERIC_ID = "[translate(substring-after(@id, '{prefix}'), '0123456789', '') = ''][string-length(@id) > {length}]"


def numeric_id(prefix: str) -> str:
    """Predicate: ``@id`` is ``prefix`` followed by digits only (``post_new`` is no post)."""
    return f"[starts-with(@id, '{prefix}')]" + _NUMERIC_ID.format(prefix=prefix, length=len(prefix))


@dataclass(frozen=True)
class PostLayout:
    name: str
    detect: str  # XPath: the page is of this family when it matches
    # Post containers: an XPath, and where such a container opens in the raw HTML (to parse
    # each post on its own when the page's tree lost some); the first XPath that finds as
    # many posts as the raw HTML opens wins.
    posts: tuple[tuple[str, re.Pattern[str]], ...]
    post_id: tuple[str, ...]  # XPaths (relative to the post) of attributes holding the pid
    author: tuple[str, ...]
    time: tuple[str, ...]
    floor: tuple[str, ...]
    message: tuple[str, ...]
    signature: tuple[str, ...]
    # Touch pages print a reply's subject as an ``h2`` inside the message: not the body.
    message_heading: bool = False
    banned_notice: str = ""  # the block replacing a banned author's or a blocked post's message
    # The attachments listed below the message (outside it), read with the message.
    attachment_list: tuple[str, ...] = ()


_DIV_POST = re.compile(r"<div\b[^>]*?\bid=[\"']?post_\d+[\"'\s>]", re.I)
_TABLE_PID = re.compile(r"<table\b[^>]*?\bid=[\"']?pid\d+[\"'\s>]", re.I)
_LOCKED = ".//div[contains(@class, 'locked')]"

# X2 – X3.5 default template, and skins that keep its ids (columns and classes may change).
X = PostLayout(
    name="x",
    detect="/html",  # the fallback family: X's ids are what skins keep
    posts=(
        ("id('postlist')/div" + numeric_id("post_"), _DIV_POST),
        ("//div" + numeric_id("post_"), _DIV_POST),
        ("//table" + numeric_id("pid"), _TABLE_PID),
    ),
    post_id=("@id",),
    author=(
        ".//div[contains(@class, 'authi')]/a[contains(@class, 'xw1')]",
        ".//td[contains(@class, 'pls')]//div[contains(@class, 'authi')]//a[@href]",
        ".//div[contains(@class, 'authi')]//a[contains(@href, 'uid') or contains(@href, 'space-')][1]",
    ),
    time=(".//em[@id=concat('authorposton', $pid)]", ".//*[contains(@class, 'authi')]//em[span/@title]"),
    floor=(".//*[@id=concat('postnum', $pid)]", ".//*[starts-with(@id, 'postnum')]"),
    message=(".//*[@id=concat('postmessage_', $pid)]", ".//*[starts-with(@id, 'postmessage_')]"),
    signature=(".//div[contains(concat(' ', normalize-space(@class), ' '), ' sign ')]",),
    banned_notice=_LOCKED,
    attachment_list=(".//div[contains(concat(' ', normalize-space(@class), ' '), ' pattl ')]",),
)

# Discuz! 6.x / 7.x: ``div.mainbox.viewthread`` holding ``table#pid{pid}`` (7.x wraps it in
# ``div#post_{pid}``, 6.x does not), the author in ``td.postauthor cite`` (or
# ``a.posterlink``), the time in ``em#authorposton{pid}`` or a bare text node of
# ``div.postinfo`` after the font-size buttons.
D7 = PostLayout(
    name="d7",
    detect="//td[contains(@class, 'postauthor') or contains(@class, 'postcontent')]",
    posts=(("//table" + numeric_id("pid"), _TABLE_PID),),
    post_id=("@id",),
    author=(
        ".//td[contains(@class, 'postauthor')]//cite//a",
        ".//td[contains(@class, 'postauthor')]//cite",
        ".//a[contains(@class, 'posterlink')]",
        ".//td[contains(@class, 'postauthor')]//div[contains(@class, 'postinfo')]//a[contains(@href, 'uid')]",
    ),
    time=(".//em[@id=concat('authorposton', $pid)]", ".//td[contains(@class, 'postcontent')]//div[contains(@class, 'postinfo')]",
          ".//div[contains(@class, 'postinfo')][not(ancestor::td[contains(@class, 'postauthor')])]"),
    floor=(".//*[@id=concat('postnum', $pid)]", ".//*[starts-with(@id, 'postnum')]"),
    message=(".//*[@id=concat('postmessage_', $pid)]", ".//*[contains(@class, 't_msgfont')]"),
    signature=(".//div[contains(@class, 'signatures')]", ".//div[contains(@class, 'signature')]"),
    # 6.x/7.x print banned, blocked and paid-thread notices in div.locked or div.notice.
    banned_notice=".//div[contains(@class, 'postmessage')]/div[contains(@class, 'locked') or contains(@class, 'notice')]"
    " | .//div[contains(@class, 'locked')]",
    attachment_list=(".//div[contains(@class, 'postattachlist')]",),
)

# The touch (mobile) template: ``div.plc#pid{pid}`` (X3.5; older ones carry the pid only in
# ``href="#replybtn_{pid}"``), ``ul.authi`` with the floor, the author and the time.
TOUCH = PostLayout(
    name="touch",
    detect="//div[contains(@class, 'plc')]/div[contains(@class, 'pi')]/ul[contains(@class, 'authi')]",
    posts=(("//div[contains(@class, 'plc')][div[contains(@class, 'pi')]/ul[contains(@class, 'authi')]]",
            re.compile(r"<div\b[^>]*?\bclass=[\"']?plc\b", re.I)),),
    post_id=("@id", "div[contains(@class, 'pi')]/@href"),
    author=(
        ".//ul[contains(@class, 'authi')]/li[contains(@class, 'mtit')]/span[contains(@class, 'z')]",
        ".//ul[contains(@class, 'authi')]/li[1]/b",
        ".//ul[contains(@class, 'authi')]//a[contains(@href, 'uid')]",
    ),
    time=(".//ul[contains(@class, 'authi')]/li[contains(@class, 'mtime') or contains(@class, 'rela')]",),
    floor=(".//ul[contains(@class, 'authi')]/li[contains(@class, 'mtit')]/span[contains(@class, 'y')]",
           ".//ul[contains(@class, 'authi')]/li[1]/em"),
    message=(".//div[contains(concat(' ', normalize-space(@class), ' '), ' message ')]",),
    message_heading=True,
    signature=(),
    # The notice shares its classes with quotes (``div.grey.quote > blockquote``).
    banned_notice=".//div[contains(@class, 'message')]/div[contains(@class, 'grey') and contains(@class, 'quote')]"
    "[not(blockquote)]",
)

# Most specific first; X, whose ids skins keep, is the fallback.
FAMILIES = (TOUCH, D7, X)
