"""Which requests Discuz! serves its robot templates to (``IS_ROBOT``), per engine version.

Every version defines ``IS_ROBOT`` from the User-Agent with two word lists, compared in lower
case: spider words (``bot``, ``crawl``, ``spider``, ``slurp``, ``sohu-search``, ``lycos``,
``robozilla``) and browser words (``msie``, ``netscape``, ``opera``, ``konqueror``, ``mozilla``).
6.x/7.x (``getrobot()``) and X2 – X3.2 (``checkrobot()``) ask the browser words first: a UA
naming a browser is no robot unless it holds ``http://`` (``Mozilla/5.0 (compatible;
Googlebot/2.1; +http://www.google.com/bot.html)`` is one). X3.4 and X3.5 ask the spider words
first: any UA with one of them is a robot, whatever browser it names. (6.0's ``getrobot()``
compared case-sensitively, ``Bot|Crawl|Spider``, with no ``http://`` exception: our "crawler"
was no robot there; the d7 skin follows 7.x.)

What the robot templates change is each skin's business (``View.robot``).
"""

from __future__ import annotations

SPIDER_WORDS = ("bot", "crawl", "spider", "slurp", "sohu-search", "lycos", "robozilla")
BROWSER_WORDS = ("msie", "netscape", "opera", "konqueror", "mozilla")
# Skins of X3.4+ installations (their own checkrobot() order); the others are older engines.
SPIDERS_FIRST = frozenset({"x35", "custom", "touch"})


def _has(agent: str, words: tuple[str, ...]) -> bool:
    return any(word in agent for word in words)


def is_robot(user_agent: str | None, skin: str) -> bool:
    """Whether a site of this skin's engine takes ``user_agent`` for a search engine robot."""
    agent = (user_agent or "").lower()
    if skin in SPIDERS_FIRST:
        return _has(agent, SPIDER_WORDS)
    if "http://" not in agent and _has(agent, BROWSER_WORDS):
        return False
    return _has(agent, SPIDER_WORDS)
