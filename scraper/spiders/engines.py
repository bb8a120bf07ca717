"""One spider per engine (``scrapy crawl discuz``, ``scrapy crawl phpbb``…): the ``forum``
spider with that engine forced, for a site whose pages do not tell."""

from __future__ import annotations

from scraper.engines import registered
from scraper.spiders.forum import ForumSpider


def _forcing(engine_name: str) -> type[ForumSpider]:
    return type(f"{engine_name.capitalize()}Spider", (ForumSpider,),
                {"name": engine_name, "forced_engine": engine_name, "__module__": __name__})


for _engine in registered():
    globals()[f"{_engine.name.capitalize()}Spider"] = _forcing(_engine.name)
