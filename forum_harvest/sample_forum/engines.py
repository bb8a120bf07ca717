"""Which forum engine prints the sample forum: Discuz! (every look of ``skins/``) or another
engine's templates. Each entry answers a request target the way ``routes.respond`` does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from forum_harvest.sample_forum import discourse, invision, mybb, nodebb, phpbb, phpwind, routes, smf, vbulletin, xenforo
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.look import Look
from forum_harvest.sample_forum.model import SampleForum

Responder = Callable[[View, str], routes.Response]

ENGINES: dict[str, Responder] = {"discuz": routes.respond, "xenforo": xenforo.respond, "vbulletin": vbulletin.respond,
                               "phpbb": phpbb.respond, "mybb": mybb.respond, "smf": smf.respond,
                               "invision": invision.respond, "phpwind": phpwind.respond,
                               "phpwind8": phpwind.respond_8, "discourse": discourse.respond,
                               # Discourse with its API closed to guests: the crawler HTML only
                               "discourse-html": discourse.respond_html_only, "nodebb": nodebb.respond}


def responder(engine: str) -> Responder:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    return ENGINES[engine]


def render(forum: SampleForum, target: str, base_url: str = "http://127.0.0.1/", viewed_at: datetime | None = None,
           charset: str = "utf-8", robot: bool = False, engine: str = "discuz", **look: str | bool) -> str:
    """The page a site with this look (or this ``engine``) serves for ``target`` (e.g.
    ``/viewthread.php?tid=3``), without HTTP: for tests of page readers. ``viewed_at``
    defaults to the forum's ``now``; ``robot``: the page as served to a search engine robot
    (``robot_mode``)."""
    view = View(forum, base_url, viewed_at or forum.now, charset, Look(**look), robot)
    return responder(engine)(view, target).body
