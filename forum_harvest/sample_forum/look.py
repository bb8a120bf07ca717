"""How the sample forum looks: its template family (skin), language pack and clock.

The forum's content never depends on the look: every look serves the same threads and posts,
so one ground truth (``SampleForum.truth_records()``) checks a crawl of any of them.
"""

from __future__ import annotations

from dataclasses import dataclass

SKINS = ("x35", "x25", "d7", "custom", "touch")
LANGUAGES = ("zh_cn", "zh_tw", "en")


@dataclass(frozen=True)
class Look:
    """``skin``: x35 (Discuz! X3.5 default template), x25 (X2.5 default), d7 (Discuz! 6.x/7.x),
    custom (a heavily customised X3 skin), touch (the X3 mobile template); ``lang``: the
    language pack; ``clock12``: the site prints times on a 12-hour clock (``09:36 PM``);
    ``real_archiver``: the X archiver as X3.5 prints it (sub-forums first, unclosed ``li``,
    ``**** Hidden Message *****``, picture URLs) instead of the simplified one;
    ``posts_per_page``/``topics_per_page``: the sizes the site's admin set (None: the engine's
    install default), which change how the engines that page by offset page, not what they show.
    """

    skin: str = "x35"
    lang: str = "zh_cn"
    clock12: bool = False
    real_archiver: bool = False
    posts_per_page: int | None = None
    topics_per_page: int | None = None

    def __post_init__(self) -> None:
        if self.skin not in SKINS:
            raise ValueError(f"unknown skin {self.skin!r}: choose one of {', '.join(SKINS)}")
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown language pack {self.lang!r}: choose one of {', '.join(LANGUAGES)}")
