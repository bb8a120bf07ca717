"""Which forum engine prints the sample forum: Discuz! (every look of ``skins/``) or another
engine's templates. Each entry answers a request target the way ``routes.respond`` does."""

from __future__ import annotations

from collections.abc import Callable

from forum_harvest.sample_forum import routes, vbulletin, xenforo
from forum_harvest.sample_forum.layout import View

Responder = Callable[[View, str], routes.Response]

ENGINES: dict[str, Responder] = {"discuz": routes.respond, "xenforo": xenforo.respond, "vbulletin": vbulletin.respond}


def responder(engine: str) -> Responder:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    return ENGINES[engine]
