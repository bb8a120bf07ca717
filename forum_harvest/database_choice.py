"""Which database a command works on: one rule for every ``forum-harvest`` command.

``--db URL``, else ``$DATABASE_URL``, else the config file's ``database_url`` (the file
``--config`` names, else ``$FORUM_HARVEST_CONFIG``, else ./forum-harvest.toml if present),
else ``sqlite:///data/forum.db``. The config file is read only when neither of the first two
says it, so ``--db`` works beside a broken config.
"""

from __future__ import annotations

import os

import db
from forum_harvest.config import HarvestConfig
from forum_harvest.site_profile import load_optional_config


def command_database_url(cli_value: str | None, config: HarvestConfig | None = None,
                         config_file: str | None = None) -> str:
    """The database URL a command uses; ``config`` when the command has loaded it already."""
    if cli_value is not None or os.environ.get("DATABASE_URL"):
        return db.resolve_database_url(cli_value)
    if config is None:
        config = load_optional_config(config_file)
    return db.resolve_database_url(None, config.database_url if config else None)
