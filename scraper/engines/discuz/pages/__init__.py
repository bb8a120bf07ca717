"""Page objects: read raw fields from one Discuz! page (no cleaning, no Scrapy runtime)."""

from scraper.engines.discuz.pages.archiver import ArchiverForumPage, ArchiverThreadPage
from scraper.engines.discuz.pages.base import DiscuzPage, Pagination
from scraper.engines.discuz.pages.forum import ForumPage, ThreadRow
from scraper.engines.discuz.pages.index import ForumLink, IndexPage
from scraper.engines.discuz.pages.thread import RawPost, ThreadPage

__all__ = [
    "ArchiverForumPage", "ArchiverThreadPage", "DiscuzPage", "ForumLink", "ForumPage",
    "IndexPage", "Pagination", "RawPost", "ThreadPage", "ThreadRow",
]
