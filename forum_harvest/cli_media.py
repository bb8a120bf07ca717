"""``forum-harvest media``: what the crawls with ``--media`` downloaded, and a check of the
store (every stored file hashed again against the ``media`` table)."""

from __future__ import annotations

import click
from rich.table import Table

from db.media import media_summary, stored_files
from forum_harvest.cli_options import DB_OPTION, console, reading, user_errors
from forum_harvest.database_choice import command_database_url
from pipeline.media_files import media_root, store_problems


@click.command()
@DB_OPTION
@click.option("--site", default=None, metavar="URL", help="Only this site (its root URL, as `stats` shows it).")
@click.option("--media-dir", default=None, metavar="DIR",
              help="The media folder the crawls used (FORUM_MEDIA_DIR; default: 'media' beside a SQLite file, "
                   "else data/media).")
@click.option("--verify", is_flag=True, help="Hash every stored file again; exit 1 if any is missing or changed.")
@user_errors
def media(database: str | None, site: str | None, media_dir: str | None, verify: bool) -> None:
    """Downloaded pictures and attachments: URLs and bytes per site and status."""
    with reading(database) as conn:
        summary = media_summary(conn, site)
        files = stored_files(conn, site) if verify else []
    table = Table(title="media")
    for column in ("site", "status", "urls", "bytes"):
        table.add_column(column, justify="right" if column in ("urls", "bytes") else "left")
    for row in summary:
        table.add_row(row["site"], row["status"], str(row["urls"]), str(row["bytes"]))
    console.print(table)
    if not verify:
        return
    root = media_root(media_dir, command_database_url(database))
    problems = store_problems(root, files)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} of {len(files)} stored files missing or changed under {root}")
    click.echo(f"{len(files)} stored files verified under {root}")
