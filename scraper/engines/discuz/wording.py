"""Notices the Discuz engine writes into a message: the edit notice and the notices that
stand in for content a guest may not see or a banned author wrote. One place for their
wording in every language pack we know, shared by the cleaning stage and the page readers
(``scraper.engines.discuz.pages``).

Wording, as the engine prints it (facts from the Discuz sources and language packs):

- Edit notice, ``lang_misc.php`` ``post_edit``/``post_edithtml``/``post_editnobbcode``:
  ``[i=s] 本帖最后由 {editor} 于 {edittime} 编辑 [/i]`` (Simplified),
  ``[i=s] 本帖最後由 {editor} 於 {edittime} 編輯 [/i]`` (Traditional),
  ``[i=s] 本文章最後由 {editor} 於 {edittime} 編輯 [/i]`` (Traditional with Taiwan's terms:
  the DiscuzX_TW pack of X3.5, MyXNova/DiscuzX_TW@d89dcb8e; tests/fixtures/discuz-x35-big5),
  ``[i=s]This post was last edited by {editor} at {edittime}[/i]`` (English; the pack's own
  regexp says ``on``), and ``[ 本帖最后由 … 编辑 ]`` when BBCode is off. Templates render it as
  ``<i class="pstatus">``; some sites print the BBCode literally; the archiver as plain text.
  A sentence in another language is not recognised, and so stays in the body.
- Hidden content: the archiver (``archivermessage()`` in X1.5–X3.5, ``thread.inc.php`` in
  6.x/7.x) replaces a ``[hide]`` block with ``<b>**** Hidden Message *****</b>``, in English
  whatever the language pack; thread pages print ``本帖隐藏的内容需要回复才可以浏览`` or
  ``游客，如果您要查看本帖隐藏内容请回复`` (the member's name instead of 游客 when logged in;
  Traditional ``本帖隱藏的內容需要回復才可以瀏覽``, ``如果您要查看本帖隱藏內容請回覆``), and for a
  paid thread ``本主题需向作者支付 N 才能浏览``; ``lang_misc.php`` ``post_hidden``/``post_sold``:
  ``**** 本内容被作者隐藏 ****`` (``本內容被作者隱藏``, English ``This content is hidden by the
  author``) and ``**** 本内容购买后可见 ****`` (``本內容購買後可見``).
- Banned: ``**** 作者被禁止或删除 内容自动屏蔽 ****`` (``post_banned``), ``**** 该帖被屏蔽 ****``
  (``post_single_banned``), Traditional ``作者被禁止或刪除 內容自動屏蔽`` (DiscuzX_TW:
  ``內容自動禁止``), ``該帖被屏蔽``, English
  ``Author banned or removed Content automatically blocked``, ``This post is blocked``.
"""

from __future__ import annotations

import re

# The time starts with a digit or a relative word, so an editor named 于… or "Mat on…" is whole.
# Names (at most 15 characters in Discuz) and times are short: bounded, a hostile line of a
# thousand 于 costs linear time, not quadratic.
_TIME_START = r"(?=\d|今天|昨天|前天|刚刚|剛剛|半|today|yesterday|(?:the\s+)?day\s+before|just\s+now|half)"
EDIT_NOTICES = (
    re.compile(rf"本(?:帖|文章)最[后後]由\s*(?P<author>.{{1,40}}?)\s*[于於]\s*{_TIME_START}(?P<time>.{{1,60}}?)\s*[编編][辑輯]",
               re.I),
    re.compile(rf"This post was last edited by\s+(?P<author>.{{1,40}}?)\s+(?:at|on)\s+{_TIME_START}"
               rf"(?P<time>.{{1,60}}?)\s*\.?\s*$", re.I),
)
# ``[i=s] notice [/i]`` at the start of a line (printed literally), or ``[ notice ]`` (BBCode off).
_LITERAL_EDIT = re.compile(
    r"^\s*\[i(?:=s)?\]\s*(?P<notice>[^\[\]]{1,200}?)\s*\[/i\]\s*|^\s*\[\s*(?P<bare>[^\[\]]{1,200}?)\s*\]\s*$", re.I
)

HIDDEN_NOTICE = re.compile(
    r"\*{3,}\s*(?:Hidden Message|本内容被作者隐藏|本內容被作者隱藏|This content is hidden by the author"
    r"|本内容购买后可见|本內容購買後可見)\s*\*{3,}"
    r"|本帖隐藏的?内容需要回复才可以浏览|(?:游客，)?如果您要查看本帖隐藏内容请回复|本主题需向作者支付[^<\n]*?才能浏览"
    r"|本帖隱藏的?內容需要回[復覆]才可以瀏覽|(?:遊客，)?如果您要查看本帖隱藏內容請回[覆復]|本主題需向作者支付[^<\n]*?才能瀏覽",
    re.I,
)

# What the engine prints instead of a banned author's (or a blocked) post: ``post_banned``,
# ``post_single_banned`` of ``lang_misc.php`` (Simplified, Traditional, English).
BANNED_NOTICE = re.compile(
    r"作者被禁止或[删刪]除|内容自动屏蔽|內容自動(?:屏蔽|禁止)|[该該]帖被屏蔽|Author banned or removed|This post is blocked"
    r"|author is banned or deleted|content is automatically blocked", re.I
)


def edit_notice(text: str) -> re.Match | None:
    """The edit notice in ``text`` (groups ``author`` and ``time``), in any pack we know."""
    text = " ".join(text.replace("\u00a0", " ").split())
    for pattern in EDIT_NOTICES:
        if match := pattern.search(text):
            return match
    return None


def split_edit_line(line: str) -> tuple[str | None, str]:
    """``(notice, rest of the line)`` when ``line`` is an edit notice: the whole line as plain
    text, or a literal ``[i=s] … [/i]`` at its start (what follows it stays). ``(None, line)``
    otherwise."""
    literal = _LITERAL_EDIT.match(line)
    if literal:
        notice = literal["notice"] or literal["bare"]
        if _is_whole_notice(notice):
            return notice, line[literal.end():] if literal["notice"] else ""
    if _is_whole_notice(line):
        return line.strip(), ""
    return None, line


def _is_whole_notice(text: str) -> bool:
    text = " ".join(text.replace("\u00a0", " ").replace("\u3000", " ").split())
    return any(pattern.fullmatch(text) for pattern in EDIT_NOTICES)
