"""Invision Community (IP.Board) 4.x and 5.x, and 3.x's topic pages, URL forms and quotes (closed source:
read from pages others saved and the compiled templates others published, see
docs/engines/invision.md)."""

from __future__ import annotations

from scraper.engines.invision import lists, pages, urls
from scraper.engines.invision.wording import WORDING
from scraper.engines.packaged import PackagedEngine

# 4.x's ``<body class="ipsApp ipsApp_front">`` on every front page (``globalTemplate``); its
# JavaScript controllers named ``core.front.…`` (``data-controller``), on every post too
# (``core.front.core.comment``); a post's ``article#elComment_N`` (4.x ``.ipsComment``, 5.x
# ``.ipsEntry``; 5.x's body is ``body.ipsApp.ipsApp_front`` too). 3.x's ``<body
# id="ipboard_body">`` (``skin_global`` ``globalTemplate``) and a post's ``div.post_block#post_id_N``.
MARKERS = (
    "//body[contains(concat(' ', normalize-space(@class), ' '), ' ipsApp ')]",
    "//*[starts-with(@data-controller, 'core.front.')]",
    "//article[starts-with(@id, 'elComment_')][contains(@class, 'ipsComment')]",
    "//article[starts-with(@id, 'elComment_')][contains(concat(' ', normalize-space(@class), ' '), ' ipsEntry ')]",
    "//body[@id='ipboard_body']",
    "//div[starts-with(@id, 'post_id_')][contains(concat(' ', normalize-space(@class), ' '), ' post_block ')]",
)

ENGINE = PackagedEngine("invision", "Invision Community", WORDING, MARKERS, urls=urls, pages=pages, lists=lists,
                        post_anchor="#comment-{post_id}", index_path="", message_statuses=(403, 404))
