"""Running crawls as child processes, shared by the scheduler and the workers: ``crawl_process``
(the crawl child process), ``run_record`` (its crawl_runs row), ``lock`` (database locks:
single scheduler, no overlapping job runs), ``site_lock`` (one crawl per site across workers
and scheduler). Depends on neither ``schedule`` nor ``distributed``; ``schedule`` uses
``distributed`` (a job's crawls may go to the broker), never the other way.
"""
