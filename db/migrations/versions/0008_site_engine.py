"""Sites record the forum engine that renders them (``discuz``, ``phpbb``…); every site stored
before this revision was read as a Discuz! one.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite allows NOT NULL with a constant default): no table copy.
    op.add_column("sites", sa.Column("engine", sa.String(32), nullable=False, server_default="discuz"))


def downgrade() -> None:
    with op.batch_alter_table("sites") as sites:
        sites.drop_column("engine")
