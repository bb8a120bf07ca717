"""What phpwind prints instead of a message a guest may not read, 8.x and 9.x alike: a banned
member's post is the notice "用户被禁言,该主题自动屏蔽!" alone (9.x ``div.shield``, 8.x
``shield()``'s yellow ``span``): ``author_banned``, no body; a ``[post]`` or ``[hide]``
stand-in (``wording.HIDDEN``) and a ``[sell]`` message's boxes (9.x ``div.content_sell``, 8.x
``div.quoteTips`` and the ``div.b`` warning: the price line, "此段为出售的内容，购买后显示")
are taken out: ``content_hidden``."""

from __future__ import annotations

import re

from lxml import etree

from scraper.engines.fragments import drop, take_stand_ins, text_of
from scraper.engines.phpwind.wording import BANNED, HIDDEN

_SELL_BOXES = (".//div[contains(@class, 'content_sell') or contains(@class, 'quoteTips')"
               " or contains(concat(' ', @class, ' '), ' b ')]")
_SOLD = re.compile(r"此帖售价|此段为出售的内容|购买后，将显示帖子中所有出售内容")


def take(message: etree._Element | None) -> tuple[bool, bool]:
    """(banned, hidden) of ``message``, emptied of the banned notice, its stand-ins taken out."""
    if message is None:
        return False, False
    text = text_of(message)
    if BANNED.search(text) and not BANNED.sub("", text).strip(" !！"):
        for child in list(message):
            drop(child)
        message.text = None
        return True, False
    sold = [box for box in message.xpath(_SELL_BOXES) if _SOLD.search(text_of(box))]
    for box in sold:
        drop(box)
    return False, take_stand_ins(message, HIDDEN) or bool(sold)
