"""What every ``forum-harvest`` subcommand shares: the --db option, the console, turning
user-caused errors into one line on stderr, and opening an existing database to read."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

import click
from rich.console import Console
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

import db
from forum_harvest.crawl_outcome import CrawlFailed
from forum_harvest.database_choice import command_database_url

console = Console()
DB_OPTION = click.option(
    "--db", "database", metavar="URL", default=None,
    help="SQLAlchemy database URL (default: $DATABASE_URL, else the config file's "
         "database_url, else sqlite:///data/forum.db).",
)

MEDIA_DIR_OPTION = click.option(
    "--media-dir", default=None, metavar="DIR",
    help="The media folder the crawls used (FORUM_MEDIA_DIR; default: 'media' beside a SQLite file, else data/media).")


def parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    """``-s NAME=VALUE`` options as a dict of Scrapy setting overrides."""
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"-s {pair!r}: expected NAME=VALUE")
        overrides[name] = value
    return overrides


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the errors a user can cause into one line on stderr and exit status 1."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (db.DatabaseURLError, db.DatabaseMissingError, CrawlFailed, ValueError) as error:  # incl. DatabaseOutdatedError
            raise click.ClickException(str(error)) from None
        except SQLAlchemyError as error:
            first_line = str(error.orig if hasattr(error, "orig") else error).splitlines()[0]
            raise click.ClickException(f"database error: {first_line}") from None

    return run


@contextmanager
def writing_to(path: str | None) -> Iterator[None]:
    """An output file (``--out``) that cannot be written is one line naming it and why."""
    try:
        yield
    except OSError as error:
        if path is None:
            raise
        cause = os.strerror(error.errno) if error.errno else str(error).splitlines()[0]
        raise click.ClickException(f"cannot write {path}: {cause}") from None


@contextmanager
def reading(database: str | None) -> Iterator[Connection]:
    engine = db.open_existing(command_database_url(database))
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()
