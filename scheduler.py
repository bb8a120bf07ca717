"""The scheduler service: ``python scheduler.py [--config PATH] [--db URL] [--once] [-v]``.

The same command as ``forum-harvest schedule run``: crawls the jobs of forum-harvest.toml on
their schedules until SIGTERM or Ctrl-C. See docs/scheduling.md.
"""

from forum_harvest.cli_schedule import run

if __name__ == "__main__":
    run(prog_name="scheduler.py")
