"""Pages a crawl could not read (``crawl_gaps``); a run with such pages ends ``incomplete``.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = "status IN ('running', 'finished', 'failed', 'interrupted')"
NEW_STATUSES = "status IN ('running', 'finished', 'incomplete', 'failed', 'interrupted')"


def _replace_status_check(allowed: str) -> None:
    with op.batch_alter_table("crawl_runs") as runs:
        runs.drop_constraint(op.f("ck_crawl_runs_status"), type_="check")
        runs.create_check_constraint(op.f("ck_crawl_runs_status"), allowed)


def upgrade() -> None:
    _replace_status_check(NEW_STATUSES)
    if sa.inspect(op.get_bind()).has_table("crawl_gaps"):
        return  # a database made by create_all before its first migration already has it
    op.create_table(
        "crawl_gaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('index', 'forum', 'list', 'thread', 'post')", name=op.f("ck_crawl_gaps_kind")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["crawl_runs.id"], name=op.f("fk_crawl_gaps_run_id_crawl_runs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_crawl_gaps_site_id_sites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crawl_gaps")),
        sa.UniqueConstraint("site_id", "url", name=op.f("uq_crawl_gaps_site_id_url")),
    )


def downgrade() -> None:
    op.drop_table("crawl_gaps")
    op.execute("UPDATE crawl_runs SET status = 'finished' WHERE status = 'incomplete'")
    _replace_status_check(OLD_STATUSES)
