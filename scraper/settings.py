"""Scrapy settings for forum-harvest.

Every crawl behaviour is a setting here, overridable per run with ``-s NAME=VALUE``
(``scrapy crawl`` and ``forum-harvest crawl`` alike). The database comes from
``DATABASE_URL`` (setting or environment variable), default ``sqlite:///data/forum.db``.
"""

import os

BOT_NAME = "forum-harvest"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"

# Politeness by default: forums run on small servers and ban aggressive crawlers.
USER_AGENT = "forum-harvest/0.1 (archival crawler; respects robots.txt)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False

ITEM_PIPELINES = {
    "pipeline.cleaning_stage.CleanPostPipeline": 300,
    "pipeline.storage_stage.StoragePipeline": 800,
}

DATABASE_URL = os.environ.get("DATABASE_URL")
# Posts buffered before one upsert transaction; a crash loses at most this many (they are
# fetched again on the next run, since nothing about them was recorded).
STORAGE_BATCH_SIZE = 500
# Recrawls skip threads whose reply count did not change (scraper/recrawl.py).
INCREMENTAL_CRAWL_ENABLED = True
# Timezone in which the site renders its times, when no site profile says otherwise.
FORUM_TIMEZONE = "Asia/Shanghai"
# Names the site injects into post text (the name detected on the site is added), and what
# to remove: "injected" occurrences only, "all", or "off" (see pipeline.site_names).
FORUM_SITE_NAMES: list[str] = []
FORUM_SITE_NAME_MODE = "injected"

# Items processed in parallel per response. Scrapy starts this many asyncio tasks for every
# response: its default of 100 costs a quarter of our crawl's CPU (2,500 pages: 33 s, 16: 23 s);
# below 16 responses pile up while their output waits (peak RSS 4: 173 MB, 1: 217 MB, 16: 158 MB).
CONCURRENT_ITEMS = 16
# Scrapy reads a callback's source (inspect + ast) to warn about "return value" in generators,
# again whenever its weak cache lost the bound method: ~4 % of a crawl's CPU. Ours return none.
WARN_ON_GENERATOR_RETURN_VALUE = False

LOG_LEVEL = "INFO"
# Progress while a crawl runs (scraper/progress.py): "live" line on a terminal, a "log" line
# every FORUM_PROGRESS_INTERVAL seconds, or "off". forum-harvest crawl chooses per run.
EXTENSIONS = {"scraper.progress.CrawlProgress": 500}
FORUM_PROGRESS = "off"
FORUM_PROGRESS_INTERVAL = 10.0
FEED_EXPORT_ENCODING = "utf-8"
# Scrapy's remote-control extension opens a listening port; a crawler has no use for it.
REMOTE_CONTROL_ENABLED = False

# After HttpCompressionMiddleware (590) has decompressed the body.
DOWNLOADER_MIDDLEWARES = {"scraper.charset.CharsetMiddleware": 580}
# Force one charset for every page of the site (a site profile's override); None = detect.
FORUM_CHARSET = None
# Cookies sent to the site (a site profile's, e.g. for member-only forums).
FORUM_COOKIES: dict[str, str] = {}
# Bounds on what one page may make a crawl do (scraper/page_budget.py): pages requested per
# thread and per thread list, whatever a pager claims, and posts read from one page.
FORUM_MAX_PAGES_PER_THREAD = 5000
FORUM_MAX_LIST_PAGES = 5000
FORUM_MAX_POSTS_PER_PAGE = 1000
# Run health (pipeline/run_health.py): a finished run unlike the site's last
# FORUM_HEALTH_HISTORY_RUNS finished runs is recorded "degraded" with its reasons.
FORUM_HEALTH_ENABLED = True
FORUM_HEALTH_HISTORY_RUNS = 5
FORUM_HEALTH_MAX_ERROR_RATE = 0.05  # errors per page fetched
FORUM_HEALTH_MAX_RISE = 0.2  # rise in the share of posts without author/time, of unreadable pages
FORUM_HEALTH_MIN_THREADS_SHARE = 0.5  # of the threads the last run of the same scope listed
