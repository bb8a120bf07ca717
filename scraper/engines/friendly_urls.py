"""What the engines that route by a friendly path or ``index.php?/route`` query (XenForo,
Invision, Discourse, NodeBB) share: the site root in front of a route."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit


def root_before(url: str, prefix: str) -> str:
    """The root of the site ``url`` is on, whose route follows the path ``prefix`` (the
    directory, or its ``index.php`` when the route is the query)."""
    parts = urlsplit(url)
    prefix = prefix[:prefix.rfind("/") + 1] if prefix.endswith("index.php") else prefix
    return urlunsplit((parts.scheme, parts.netloc, prefix or "/", "", ""))


def split_route(path: str, route_start: re.Pattern[str]) -> tuple[str, str]:
    """(install prefix, route) of a path whose route begins where ``route_start`` first matches:
    ``/forum/t/x/5`` → (``/forum``, ``/t/x/5``); the whole path is the prefix when none does."""
    match = route_start.search(path)
    return (path[:match.start()], path[match.start():]) if match else (path.rstrip("/"), "")


def root_of_route(url: str, route_start: re.Pattern[str]) -> str:
    """The site root in front of the route of ``url`` (``split_route``)."""
    prefix, _ = split_route(urlsplit(url).path, route_start)
    return root_before(url, prefix + "/")
