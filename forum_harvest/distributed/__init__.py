"""Distributed mode: crawl jobs on Celery workers, every worker writing to one PostgreSQL.

``broker`` (which broker, the Celery settings that make a job survive a dead worker),
``shared_database`` (PostgreSQL only; schema ready before a worker's first crawl),
``spec`` (what one queued crawl carries), ``enqueue`` (putting a crawl on the queue, with
its ``crawl_queue`` row), ``task`` (what a worker does with a job), ``app`` (the Celery application),
``queue_status`` (what ``forum-harvest queue`` shows). See docs/distributed.md. It runs
crawls with ``forum_harvest.runs`` and never imports ``forum_harvest.schedule``.
"""
