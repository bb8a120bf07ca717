"""What a NodeBB page says, as the JSON object of its read API: the answer itself for an
``/api/…`` URL, the same object for an HTML page, which carries it whole in
``<script id="ajaxify-data" type="application/json">`` (``src/middleware/render.js``: the
options the page was rendered from, ``JSON.stringify``'d with ``</`` written ``<\\/``)."""

from __future__ import annotations

from html import unescape
from typing import Any

from scraper.engines.fragments import page_tree
from scraper.engines.json_answers import json_object, json_of

AJAXIFY_DATA = "//script[@id='ajaxify-data'][@type='application/json']/text()"


def answer(response: Any) -> dict[str, Any] | None:
    """The page's object, None when the response is neither an API answer nor a NodeBB page
    (the plain ``Not Found`` a spider is served for a missing topic)."""
    found = json_of(response)
    if found is not None:
        return found
    embedded = page_tree(response).xpath(AJAXIFY_DATA).get()
    return json_object(embedded) if embedded else None


def text(value: Any) -> str | None:
    """A text field as shown: NodeBB escapes titles and names for HTML in its answers
    (``Café &amp; Co``)."""
    return unescape(value) if isinstance(value, str) and value else None


def fields(value: Any) -> dict[str, Any]:
    """A nested object of an answer (``user``, ``teaser``, ``editor``), {} when it has none."""
    return value if isinstance(value, dict) else {}
