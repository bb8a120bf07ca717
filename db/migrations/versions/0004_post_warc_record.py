"""Posts keep the WARC record (file and offset) of the page they were read from.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("posts", sa.Column("warc_file", sa.String(1024), nullable=True))
    op.add_column("posts", sa.Column("warc_offset", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("posts") as posts:
        posts.drop_column("warc_offset")
        posts.drop_column("warc_file")
