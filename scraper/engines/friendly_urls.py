"""What the engines that route by a friendly path or ``index.php?/route`` query (XenForo,
Invision) share: the site root in front of a route."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def root_before(url: str, prefix: str) -> str:
    """The root of the site ``url`` is on, whose route follows the path ``prefix`` (the
    directory, or its ``index.php`` when the route is the query)."""
    parts = urlsplit(url)
    prefix = prefix[:prefix.rfind("/") + 1] if prefix.endswith("index.php") else prefix
    return urlunsplit((parts.scheme, parts.netloc, prefix or "/", "", ""))
