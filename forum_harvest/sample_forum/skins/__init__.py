"""Skins: each template family is a table of its own page renderers.

``skin_of(look)`` gives the ``Skin`` a page is rendered with; routes only call its entries.
Every skin renders the same forum, so a crawl of any skin must export the same ground truth
(minus what the family cannot show, listed in ``Skin.shows``).
"""

from __future__ import annotations

from forum_harvest.sample_forum.look import Look
from forum_harvest.sample_forum.skins.base import Skin
from forum_harvest.sample_forum.skins.custom import CUSTOM
from forum_harvest.sample_forum.skins.d7 import D7
from forum_harvest.sample_forum.skins.x25 import X25
from forum_harvest.sample_forum.skins.x35 import X35

SKINS: dict[str, Skin] = {"x35": X35, "x25": X25, "d7": D7, "custom": CUSTOM}


def skin_of(look: Look) -> Skin:
    return SKINS[look.skin]


__all__ = ["SKINS", "Skin", "skin_of"]
