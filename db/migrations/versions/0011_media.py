"""Downloaded pictures and attachments (``media``), and gaps of kind ``media``: a file the
crawl meant to download and could not, fetched again by the next crawl.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = "kind IN ('index', 'forum', 'list', 'thread', 'post')"
NEW_KINDS = "kind IN ('index', 'forum', 'list', 'thread', 'post', 'media')"
STATUSES = "status IN ('stored', 'too_large', 'login_required', 'not_allowed', 'failed')"


def _replace_kind_check(allowed: str) -> None:
    with op.batch_alter_table("crawl_gaps") as gaps:
        gaps.drop_constraint(op.f("ck_crawl_gaps_kind"), type_="check")
        gaps.create_check_constraint(op.f("ck_crawl_gaps_kind"), allowed)


def upgrade() -> None:
    _replace_kind_check(NEW_KINDS)
    if sa.inspect(op.get_bind()).has_table("media"):
        return  # a database made by create_all before its first migration already has it
    op.create_table(
        "media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("attachment_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("bytes", sa.BigInteger(), nullable=True),
        sa.Column("content_type", sa.String(length=255), nullable=True),
        sa.Column("path", sa.String(length=1024), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(STATUSES, name=op.f("ck_media_status")),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_media_site_id_sites"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media")),
        sa.UniqueConstraint("site_id", "url", name=op.f("uq_media_site_id_url")),
    )


def downgrade() -> None:
    op.drop_table("media")
    op.execute("DELETE FROM crawl_gaps WHERE kind = 'media'")
    _replace_kind_check(OLD_KINDS)
