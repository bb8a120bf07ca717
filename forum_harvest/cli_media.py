"""``forum-harvest media``: what the crawls with ``--media`` downloaded (``stats``, also what
``media`` alone shows), and a check of the store (``verify``: every stored file hashed again
against the ``media`` table)."""

from __future__ import annotations

import json

import click
from rich.table import Table

from db.media import media_stats, stored_files
from db.models import MEDIA_STATUSES
from forum_harvest.cli_options import DB_OPTION, MEDIA_DIR_OPTION, console, reading, user_errors
from forum_harvest.database_choice import command_database_url
from pipeline.media_files import media_root, store_problems

SITE_OPTION = click.option("--site", default=None, metavar="URL",
                           help="Only this site (its root URL, as `stats` shows it).")
STATS_COLUMNS = ("site", "urls", "files", "bytes", *(status for status in MEDIA_STATUSES if status != "stored"))


class StatsByDefault(click.Group):
    """A group whose arguments, when they name no subcommand, go to ``stats``: ``media`` and
    ``media --db URL`` report as ``media stats`` does."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in self.get_help_option_names(ctx)):
            args = ["stats", *args]
        return super().parse_args(ctx, args)


@click.group(cls=StatsByDefault)
def media() -> None:
    """Downloaded pictures and attachments (crawl --media): stats (the default), verify."""


@media.command()
@DB_OPTION
@SITE_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON list of the sites' figures instead of a table.")
@user_errors
def stats(database: str | None, site: str | None, as_json: bool) -> None:
    """Per site: URLs with an answer, stored files and their bytes, and the URLs not stored
    (failed: asked again by the next crawl; too_large, login_required, not_allowed: final)."""
    with reading(database) as conn:
        found = media_stats(conn, site)
    if as_json:
        click.echo(json.dumps(found))
        return
    table = Table(title="media")
    for column in STATS_COLUMNS:
        table.add_column(column, justify="left" if column == "site" else "right")
    for row in found:
        table.add_row(*(str(row[column]) for column in STATS_COLUMNS))
    console.print(table)


@media.command()
@DB_OPTION
@SITE_OPTION
@MEDIA_DIR_OPTION
@user_errors
def verify(database: str | None, site: str | None, media_dir: str | None) -> None:
    """Hash every stored file again; name each missing or changed one, exit 1 if any."""
    with reading(database) as conn:
        files = stored_files(conn, site)
    root = media_root(media_dir, command_database_url(database))
    problems = store_problems(root, files)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} of {len(files)} stored files missing or changed under {root}")
    click.echo(f"{len(files)} stored files verified under {root}")
