"""Injected site names: removed where they split a phrase, kept where the author meant them."""

from __future__ import annotations

import pytest

from pipeline.site_names import remove_site_names

NAME = "老秘网"

INJECTED = [
    ("我老秘网区正处于转型升级", "我区正处于转型升级"),
    ("严重制约了我老秘网区高质量发展的步伐", "严重制约了我区高质量发展的步伐"),
    ("区委老秘网组织部", "区委组织部"),
    ("作风建设老秘网永远在路上", "作风建设永远在路上"),
    ("高质量发展的步伐老秘网。", "高质量发展的步伐。"),
    ("老秘网今天我们在这里", "今天我们在这里"),
    ("。老秘网我们要通过", "。我们要通过"),
    ("第12条：时间老秘网表述", "第12条：时间表述"),
    ("Ctrl+H 批量老秘网替换", "Ctrl+H 批量替换"),
    ("第一段老秘网\n第二老秘网段", "第一段\n第二段"),
    ("学老秘网习了，老秘网收藏备用。", "学习了，收藏备用。"),
]

GENUINE = [
    "欢迎大家访问老秘网。",
    "欢迎访问老秘网",
    "老秘网是写材料的好地方",
    "我在老秘网上看到这篇文章。",
    "我是老秘网的老会员了",
    "他说：“老秘网区的帖子写得真好”",
    "书名就叫《老秘网年度精选》",
    "「老秘网」三个字很好记",
    "感谢老秘网，感谢各位网友",
    "本文转自老秘网",
    "老秘网网友整理",
    "注册老秘网账号",
    "老秘网",
    "大家好，老秘网论坛开张了！",
    "来自 老秘网 的分享",
]


@pytest.mark.parametrize(("text", "expected"), INJECTED)
def test_injected_occurrences_are_removed(text: str, expected: str) -> None:
    cleaned, removed = remove_site_names(text, [NAME])
    assert cleaned == expected
    assert removed == text.count(NAME)


@pytest.mark.parametrize("text", GENUINE)
def test_genuine_mentions_are_kept(text: str) -> None:
    assert remove_site_names(text, [NAME]) == (text, 0)


def test_mixed_line_removes_only_the_injected_one() -> None:
    text = "欢迎访问老秘网。我老秘网区的做法是“老秘网推荐”的。"
    assert remove_site_names(text, [NAME]) == ("欢迎访问老秘网。我区的做法是“老秘网推荐”的。", 1)


def test_mode_all_removes_every_occurrence_and_off_none() -> None:
    text = "欢迎访问老秘网。我老秘网区"
    assert remove_site_names(text, [NAME], mode="all") == ("欢迎访问。我区", 2)
    assert remove_site_names(text, [NAME], mode="off") == (text, 0)


def test_longest_name_first_and_several_names() -> None:
    text = "我老秘网论坛区和示例站县"
    assert remove_site_names(text, ["老秘网", "老秘网论坛", "示例站"]) == ("我区和县", 2)


def test_ascii_name_inside_a_latin_word_is_not_the_name() -> None:
    assert remove_site_names("examplebbs is a word", ["example"]) == ("examplebbs is a word", 0)
    assert remove_site_names("我Example区", ["example"]) == ("我区", 1)


def test_no_names_and_bad_mode() -> None:
    assert remove_site_names("我老秘网区", []) == ("我老秘网区", 0)
    assert remove_site_names("我老秘网区", ["", "  "]) == ("我老秘网区", 0)
    with pytest.raises(ValueError, match="site-name mode"):
        remove_site_names("x", [NAME], mode="some")
