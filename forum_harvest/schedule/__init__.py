"""Periodic crawls: APScheduler jobs from the config file, run as crawl subprocesses.

``service`` (the long-running scheduler), ``store`` (the persistent job store and its
reconciliation with the config), ``job`` (what one job execution does), ``crawl_process``
(the crawl child process), ``run_record`` (its crawl_runs row), ``lock`` (single instance,
no overlapping runs), ``status`` (what ``schedule list`` shows), ``triggers``.
"""
