"""Remove a site's name where the site injected it into a post's text, keep it where it is meant.

Some Discuz! sites write their name into the text they serve (``我老秘网区`` where the author
wrote ``我区``). Once the markup is gone the name is ordinary text, so only its context can tell
an injected occurrence from a genuine mention. The rule (mode ``injected``, the default):

An occurrence is **genuine**, and kept, when

1. it sits inside quotation or title marks on its line (``“老秘网是个好地方”``, ``《老秘网》``,
   ``"…"``, ``「…」``): quoted words are the author's, whatever they name; or
2. it stands as a word of its own: its **left** side is the start of the line, whitespace,
   punctuation or a word that introduces a place or name (``访问``, ``欢迎``, ``来到``, ``在``,
   ``是``, ``关注``, ``本站``…), **and** its **right** side is the end of the line, whitespace,
   punctuation or a word that follows a name (``的``, ``上``, ``里``, ``是``, ``网友``, ``论坛``…).

Every other occurrence is **injected** and removed: it splits a phrase (``我|区``,
``步伐|。`` after an ordinary character). An occurrence inside a longer Latin word
(``examplebbs``) is not the name at all. Mode ``all`` removes every occurrence, ``off`` none.
Longer names are matched first, so ``老秘网论坛`` wins over ``老秘网``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MODES = ("injected", "all", "off")
LEFT_CUES = (
    "访问", "欢迎", "来到", "来自", "登录", "登陆", "注册", "加入", "关注", "感谢", "推荐", "介绍",
    "浏览", "打开", "搜索", "发布", "转载", "转自", "名叫", "名为", "叫做", "本站", "我们", "咱们",
    "各位", "在", "到", "是", "逛", "上", "去", "从", "于", "和", "与", "及", "叫", "即",
)
RIGHT_CUES = (
    "网友", "会员", "站长", "版主", "论坛", "社区", "首页", "官网", "网站", "平台", "账号", "帐号",
    "发帖", "注册", "里面", "上面", "这里", "的", "上", "里", "中", "内", "是", "有", "和", "与",
    "及", "吧", "啊", "呢", "了", "吗", "呀", "看", "找", "发", "学", "等", "一",
)
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉", '"': '"'}
_LEFT_CUE = re.compile("(?:" + "|".join(map(re.escape, LEFT_CUES)) + ")$")
_RIGHT_CUE = re.compile("^(?:" + "|".join(map(re.escape, RIGHT_CUES)) + ")")


def _is_word_char(char: str) -> bool:
    """A character that can be part of a phrase (not punctuation, not whitespace)."""
    return char.isalnum()


def _inside_quotes(line: str, start: int) -> bool:
    """Whether ``start`` lies inside an open pair of quotation or title marks on this line."""
    expected_closers: list[str] = []
    for char in line[:start]:
        if expected_closers and char == expected_closers[-1]:
            expected_closers.pop()
        elif char in QUOTE_PAIRS:
            expected_closers.append(QUOTE_PAIRS[char])
    return bool(expected_closers)


def _stands_alone(line: str, start: int, end: int) -> bool:
    before, after = line[:start], line[end:]
    left = not before or not _is_word_char(before[-1]) or bool(_LEFT_CUE.search(before))
    right = not after or not _is_word_char(after[0]) or bool(_RIGHT_CUE.match(after))
    return left and right


def _inside_latin_word(line: str, start: int, end: int, name: str) -> bool:
    if not name.isascii():
        return False
    before, after = line[start - 1:start], line[end:end + 1]
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())


def is_injected(line: str, start: int, end: int) -> bool:
    """Whether the site name at ``line[start:end]`` was injected by the site (see module doc)."""
    return not (_inside_quotes(line, start) or _stands_alone(line, start, end))


def _pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    unique = sorted({name.strip() for name in names if name and name.strip()}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, unique)), re.I) if unique else None


def _clean_line(line: str, pattern: re.Pattern[str], mode: str) -> tuple[str, int]:
    kept: list[str] = []
    removed = 0
    position = 0
    for match in pattern.finditer(line):
        start, end = match.span()
        if _inside_latin_word(line, start, end, match[0]):
            continue
        if mode == "all" or is_injected(line, start, end):
            kept.append(line[position:start])
            position = end
            removed += 1
    kept.append(line[position:])
    return "".join(kept), removed


def remove_site_names(text: str, names: Iterable[str], mode: str = "injected") -> tuple[str, int]:
    """Return ``text`` without the injected occurrences of ``names`` and how many went."""
    if mode not in MODES:
        raise ValueError(f"site-name mode {mode!r}: expected one of {', '.join(MODES)}")
    pattern = _pattern(names) if mode != "off" and text else None
    if pattern is None:
        return text, 0
    lines, removed = [], 0
    for line in text.split("\n"):
        cleaned, count = _clean_line(line, pattern, mode)
        lines.append(cleaned)
        removed += count
    return "\n".join(lines), removed
