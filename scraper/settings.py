"""Scrapy settings for forum-harvest.

Every crawl behaviour is a setting here, overridable per run with ``-s NAME=VALUE``
(``scrapy crawl`` and ``forum-harvest crawl`` alike). The database comes from
``DATABASE_URL`` (setting or environment variable), default ``sqlite:///data/forum.db``.

``WARC_KEEP_SECRETS = True`` writes the Cookie/Authorization headers into the WARC files as
sent: such files hold the site profile's login and are UNSAFE TO SHARE (default: redacted).
robots.txt follows RFC 9309 (scraper/robots.py); ``ROBOTSTXT_OBEY = False`` is the opt-out.
"""

import os

# Scrapy's project wiring: the bot's name and where the spiders are (`scrapy crawl forum`).
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

# Items are cleaned (pipeline/cleaning_stage.py), then stored (pipeline/storage_stage.py).
ITEM_PIPELINES = {
    "pipeline.cleaning_stage.CleanPostPipeline": 300,
    "pipeline.storage_stage.StoragePipeline": 800,
    # Off unless FORUM_MEDIA asks for pictures or attachments (raises NotConfigured).
    "pipeline.media_stage.MediaStage": 850,
}

# Where posts are stored (an SQLAlchemy URL): the DATABASE_URL environment variable by default;
# None = sqlite:///data/forum.db. `forum-harvest crawl --db` sets it.
DATABASE_URL = os.environ.get("DATABASE_URL")
# Posts buffered before one upsert transaction; a crash loses at most this many (they are
# fetched again on the next run, since nothing about them was recorded). Thread rows too: an
# unchanged recrawl reads no posts, and held every listed thread's row until it ended.
STORAGE_BATCH_SIZE = 500
# A batch the database refuses (disk full, server gone) is tried again this many times, the
# first after STORAGE_RETRY_BACKOFF seconds, doubled each time; then the crawl fails in one
# line (pipeline.batch_store).
STORAGE_RETRY_TIMES = 3
STORAGE_RETRY_BACKOFF = 1.0
# Recrawls skip threads whose list row (reply count, last post) did not change (scraper/recrawl.py).
INCREMENTAL_CRAWL_ENABLED = True
# Timezone in which the site renders its times, when no site profile says otherwise.
FORUM_TIMEZONE = "Asia/Shanghai"
# The order of the site's numeric dates (03/01/18), "day-first" or "month-first", for pages
# whose own dates do not decide it; wins over the page's language (scraper/engines/date_order.py).
FORUM_DATE_ORDER: str | None = None
# Names the site injects into post text (the name detected on the site is added), and what
# to remove: "injected" occurrences only, "all", or "off" (see pipeline.site_names).
FORUM_SITE_NAMES: list[str] = []
FORUM_SITE_NAME_MODE = "injected"

# Items processed in parallel per response. Scrapy starts this many asyncio tasks for every
# response: its default of 100 costs a quarter of our crawl's CPU (2,500 pages: 33 s, 16: 23 s);
# below 16 responses pile up while their output waits (peak RSS 4: 173 MB, 1: 217 MB, 16: 158 MB).
CONCURRENT_ITEMS = 16
# Response bytes the scraper may hold before the engine stops sending requests (Scrapy's
# default is 5 MB). Each page held also holds its parsed tree, ~10x its size: on a large
# site thread-list pages (40 outputs each) piled up to 64 at once and every pile-up left
# ~25 MB of peak RSS (25,000 pages: 228 MB, with 1 MB: 197 MB). 1 MB is 16 pages of 60 KB,
# as many as CONCURRENT_REQUESTS can bring at once on a fast site; the crawl is no slower.
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 1_000_000
# Scrapy's duplicate filter keeping each request's fingerprint in ~9 bytes, not ~100, for the
# whole crawl: the same filtering and JOBDIR file (scraper/dupefilter.py).
DUPEFILTER_CLASS = "scraper.dupefilter.CompactDupeFilter"
# Scrapy reads a callback's source (inspect + ast) to warn about "return value" in generators,
# again whenever its weak cache lost the bound method: ~4 % of a crawl's CPU. Ours return none.
WARN_ON_GENERATOR_RETURN_VALUE = False

# Scrapy's log level (`forum-harvest crawl` shows the log only with -v).
LOG_LEVEL = "INFO"
# Progress while a crawl runs (scraper/progress.py): "live" line on a terminal, a "log" line
# every FORUM_PROGRESS_INTERVAL seconds, or "off". forum-harvest crawl chooses per run.
EXTENSIONS = {"scraper.progress.CrawlProgress": 500}
FORUM_PROGRESS = "off"
FORUM_PROGRESS_INTERVAL = 10.0
# Feeds written by `scrapy crawl -o FILE` keep Chinese text as it is, not \u escapes.
FEED_EXPORT_ENCODING = "utf-8"
# Scrapy's remote-control extension opens a listening port; a crawler has no use for it.
REMOTE_CONTROL_ENABLED = False

# After HttpCompressionMiddleware (590) has decompressed the body; page checks (empty, cut
# short, refusals, Retry-After) after the charset is known and before RetryMiddleware (550).
# WARC capture sits next to the downloader (950), so it keeps the bytes as sent; replay (960)
# answers in its place.
DOWNLOADER_MIDDLEWARES = {
    # robots.txt by RFC 9309: 4xx allows all, 5xx or no answer stops the crawl (scraper/robots.py).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scraper.robots.RobotsRulesMiddleware": 100,
    # Scrapy's cookie handling with a Public Suffix List that is never fetched unless
    # FORUM_PUBLIC_SUFFIX_LIST_URLS says so (scraper/cookies.py).
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
    "scraper.cookies.SuffixListCookiesMiddleware": 700,
    "scraper.charset.CharsetMiddleware": 580,
    "scraper.page_checks.PageCheckMiddleware": 560,
    "scraper.crawler_view_fallback.CrawlerViewFallbackMiddleware": 570,
    # A redirect the engine says a site gives a page's first view once (Discuz! X3.4's after a
    # delete) asks for the page again, before RedirectMiddleware (600) follows it
    # (scraper/redirects_once.py).
    "scraper.redirects_once.RedirectOnceMiddleware": 650,
    # A board whose page redirects off the forum is a link out, never followed (scraper/links_out.py):
    # just before RedirectMiddleware (600) as responses go.
    "scraper.links_out.LinkOutMiddleware": 610,
    "scraper.warc_capture.WarcCaptureMiddleware": 950,
    "scraper.warc_replay.WarcReplayMiddleware": 960,
}
# Statuses of a page in a form a site may refuse (Discourse's JSON API) on which the crawl asks
# the HTML the site serves crawlers instead, and goes on in that form (scraper/crawler_view_fallback.py).
FORUM_CRAWLER_VIEW_STATUSES = [403, 404, 410]
# A page whose callback finished is read; one whose callback raised is a gap (scraper.gaps).
# Posts get the WARC record of their page (scraper.warc_source).
SPIDER_MIDDLEWARES = {"scraper.gaps.GapMiddleware": 950, "scraper.warc_source.WarcSourceMiddleware": 960}
# Every response and its request kept in gzip WARC files (scraper/warc_capture.py), under
# WARC_DIR/<site>/; WARC_DIR None = a "warc" folder beside the SQLite file, else data/warc.
WARC_ENABLED = True
WARC_DIR = None
WARC_MAX_FILE_SIZE = 1_000_000_000
WARC_FSYNC_EVERY = 100
# The values of Cookie, Authorization, Proxy-Authorization (requests) and Set-Cookie
# (responses) are written as "[redacted by forum-harvest]". True keeps them as sent: UNSAFE
# TO SHARE, the files then hold the site profile's login cookies.
WARC_KEEP_SECRETS = False
# Set by `forum-harvest reparse` / `warc import`: answer every request from these WARC files,
# never from the network (scraper/warc_replay.py); pages captured before SINCE add no posts.
WARC_REPLAY_FILES: list[str] = []
WARC_REPLAY_SINCE = None

# Pictures and attachments of the posts downloaded by the crawl itself (pipeline/media_stage.py,
# docs/media.md): "none", "images", "attachments" or "all" (`crawl --media`, a site profile's
# `media`). Files go to FORUM_MEDIA_DIR/<site>/<2 hex>/<sha256>.<ext>; FORUM_MEDIA_DIR None =
# a "media" folder beside the SQLite file, else data/media. A file over FORUM_MEDIA_MAX_BYTES,
# or of a content type no pattern of FORUM_MEDIA_TYPES matches, is recorded but not kept.
FORUM_MEDIA = "none"
FORUM_MEDIA_DIR = None
FORUM_MEDIA_MAX_BYTES = 50 * 1024 * 1024
FORUM_MEDIA_TYPES = [
    "image/*", "audio/*", "video/*", "text/plain", "application/octet-stream", "application/pdf",
    "application/zip", "application/x-zip-compressed", "application/x-rar-compressed", "application/vnd.rar",
    "application/x-7z-compressed", "application/gzip", "application/x-tar", "application/x-bittorrent",
    "application/msword", "application/vnd.*", "application/epub+zip", "application/x-shockwave-flash",
]

# Bounded work. A page bigger than DOWNLOAD_MAXSIZE is a gap (Discuz pages are < 1 MB; a
# huge one is a broken or hostile server); CLOSESPIDER_PAGECOUNT caps the pages of one run
# (the run ends `incomplete`; the next crawl goes on from there; 0 = no cap).
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
CLOSESPIDER_PAGECOUNT = 500_000
# A redirect chain longer than this is a loop: the page is a gap.
REDIRECT_MAX_TIMES = 10

# Politeness under refusal (scraper.page_checks). Retry-After (429/503) is honoured up to
# FORUM_RETRY_AFTER_MAX seconds, longer makes the page a gap; a refusal (challenge page, CC
# protection, login form, WAF page, 429) slows the site down by FORUM_REFUSAL_BACKOFF
# seconds, doubled per refusal; FORUM_REFUSALS_BEFORE_STOP refusals in a row stop the crawl.
FORUM_RETRY_AFTER_MAX = 120.0
FORUM_REFUSAL_BACKOFF = 10.0
FORUM_REFUSALS_BEFORE_STOP = 5
# After SIGTERM/SIGINT the crawl stops cleanly; if it has not within this many seconds (a
# download still hanging), it records the run `interrupted` and exits anyway.
FORUM_SHUTDOWN_TIMEOUT = 10.0
# The forum engine of the site (discuz, phpbb…: scraper.engines), a site profile's `engine`;
# None = found from the start page. The crawl's `--engine` (spider argument `engine`) wins.
FORUM_ENGINE = None
# Force one charset for every page of the site (a site profile's override); None = detect.
FORUM_CHARSET = None
# Cookies sent to the site (a site profile's, e.g. for member-only forums).
FORUM_COOKIES: dict[str, str] = {}
# Where the Public Suffix List comes from, by which a cookie set for a public suffix (Domain=co.uk)
# is refused as Scrapy does (scraper/cookies.py): [] = the snapshot bundled with tldextract,
# nothing fetched (a crawl connects to no host but the site's). URLs (https:// or file://, e.g.
# "https://publicsuffix.org/list/public_suffix_list.dat") = the first that answers, kept in
# tldextract's cache ($TLDEXTRACT_CACHE) and fetched again only once that is emptied; the
# snapshot when none answers.
FORUM_PUBLIC_SUFFIX_LIST_URLS: list[str] = []
# Bounds on what one page may make a crawl do (scraper/page_budget.py): pages requested per
# thread and per thread list, whatever a pager claims, and posts read from one page.
FORUM_MAX_PAGES_PER_THREAD = 5000
FORUM_MAX_LIST_PAGES = 5000
# Thread-list pages of a forum queued ahead of the one being read (scraper.spiders.forum
# list_pages_after): all of them at once made the scheduler's queue, and the memory it holds,
# grow with the size of the site.
FORUM_LIST_PAGES_AHEAD = 4
FORUM_MAX_POSTS_PER_PAGE = 1000
# Run health (pipeline/run_health.py): a finished run unlike the site's last
# FORUM_HEALTH_HISTORY_RUNS finished runs is recorded "degraded" with its reasons.
FORUM_HEALTH_ENABLED = True
FORUM_HEALTH_HISTORY_RUNS = 5
FORUM_HEALTH_MAX_ERROR_RATE = 0.05  # errors per page fetched
FORUM_HEALTH_MAX_RISE = 0.2  # rise in the share of posts without author/time, of unreadable pages
FORUM_HEALTH_MIN_THREADS_SHARE = 0.5  # of the threads the last run of the same scope listed
