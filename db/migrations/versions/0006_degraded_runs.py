"""Crawl runs can be ``degraded`` (finished, but unlike the site's earlier runs), with the
reasons in ``crawl_runs.reasons`` (a JSON list of one-line strings; see forum_harvest.health).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_VALUE = sa.JSON(none_as_null=True).with_variant(
    postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), "postgresql"
)
OLD_STATUSES = ("running", "finished", "incomplete", "failed", "interrupted")
NEW_STATUSES = (*OLD_STATUSES, "degraded")


def _one_of(values: Sequence[str]) -> str:
    return f"status IN ({', '.join(repr(value) for value in values)})"


def _set_statuses(statuses: Sequence[str]) -> None:
    # Batch mode: SQLite copies the table to change a CHECK constraint.
    with op.batch_alter_table("crawl_runs") as runs:
        runs.drop_constraint(op.f("ck_crawl_runs_status"), type_="check")  # op.f: already the full name
        runs.create_check_constraint("status", _one_of(statuses))


def upgrade() -> None:
    op.add_column("crawl_runs", sa.Column("reasons", JSON_VALUE, nullable=True))
    _set_statuses(NEW_STATUSES)


def downgrade() -> None:
    op.execute("UPDATE crawl_runs SET status = 'finished' WHERE status = 'degraded'")
    _set_statuses(OLD_STATUSES)
    with op.batch_alter_table("crawl_runs") as runs:
        runs.drop_column("reasons")
