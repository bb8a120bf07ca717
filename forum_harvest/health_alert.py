"""Tell someone a crawl run was degraded: a JSON POST to the ``[health] webhook_url`` of the
config file. The body is ``{"status": "degraded", "start_url", "reasons": [...], "pages",
"posts_new", "posts_changed"}``. A webhook that cannot be reached is reported in one line and
does not change the crawl's outcome."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from forum_harvest.config import HealthConfig
from forum_harvest.crawl_outcome import CrawlOutcome


def alert_body(start_url: str, outcome: CrawlOutcome) -> dict:
    return {"status": "degraded", "start_url": start_url, "reasons": outcome.health_reasons,
            "pages": outcome.pages, "posts_new": outcome.posts_new, "posts_changed": outcome.posts_changed}


def post_alert(config: HealthConfig, start_url: str, outcome: CrawlOutcome) -> str | None:
    """POST the degraded run to the webhook; None when sent, else why not (one line)."""
    if config.webhook_url is None:
        return None
    request = urllib.request.Request(
        config.webhook_url, data=json.dumps(alert_body(start_url, outcome), ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"}, method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=config.webhook_timeout) as response:
            response.read()
    except (urllib.error.URLError, OSError) as error:
        return f"health webhook {config.webhook_url}: {getattr(error, 'reason', error)}"
    return None
