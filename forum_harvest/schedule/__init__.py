"""Periodic crawls: APScheduler jobs from the config file, run as crawl subprocesses.

``service`` (the long-running scheduler), ``store`` (the persistent job store and its
reconciliation with the config), ``job`` (what one job execution does), ``queued_jobs`` (a
job's crawls put on the broker, in distributed mode), ``status`` (what ``schedule list``
shows), ``triggers``. The crawl child process, its run record and the locks are in
``forum_harvest.runs``, shared with the workers (``forum_harvest.distributed``, which never
imports this package).
"""
