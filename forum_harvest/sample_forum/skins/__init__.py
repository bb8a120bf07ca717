"""Skins: each template family is a table of its own page renderers.

``skin_of(look, mobile)`` gives the ``Skin`` a page is rendered with (an X3 site answers a
``mobile=2`` request with its touch template); routes only call its entries.
Every skin renders the same forum, so a crawl of any skin must export the same ground truth
(minus what the family cannot show: 6.x/7.x print times to the minute, archivers have no
post ids). A request the engine takes for a robot's (``robot_mode``, ``View.robot``) gets each
family's robot template: X's thread pages without floor links, plain attached pictures.
"""

from __future__ import annotations

from forum_harvest.sample_forum.look import Look
from forum_harvest.sample_forum.skins.base import Skin
from forum_harvest.sample_forum.skins.custom import CUSTOM
from forum_harvest.sample_forum.skins.d7 import D7
from forum_harvest.sample_forum.skins.touch import TOUCH
from forum_harvest.sample_forum.skins.x25 import X25
from forum_harvest.sample_forum.skins.x35 import X35

SKINS: dict[str, Skin] = {"x35": X35, "x25": X25, "d7": D7, "custom": CUSTOM, "touch": TOUCH}
WITH_TOUCH = {"x35", "custom", "touch"}  # X3 installations, which ship the touch template


def skin_of(look: Look, mobile: bool = False) -> Skin:
    return TOUCH if mobile and look.skin in WITH_TOUCH else SKINS[look.skin]


__all__ = ["SKINS", "Skin", "skin_of"]
