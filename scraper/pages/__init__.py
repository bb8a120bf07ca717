"""Page objects: read raw fields from one Discuz! page (no cleaning, no Scrapy runtime)."""

from scraper.pages.archiver import ArchiverForumPage, ArchiverThreadPage
from scraper.pages.base import DiscuzPage, Pagination
from scraper.pages.forum import ForumPage, ThreadRow
from scraper.pages.index import ForumLink, IndexPage
from scraper.pages.thread import RawPost, ThreadPage

__all__ = [
    "ArchiverForumPage", "ArchiverThreadPage", "DiscuzPage", "ForumLink", "ForumPage",
    "IndexPage", "Pagination", "RawPost", "ThreadPage", "ThreadRow",
]
