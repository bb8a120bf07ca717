"""Posts keep their attachments as rows: name, URL, size as shown, downloads, upload time,
whether login or credits guard them (the body keeps a placeholder where each one stood).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("post_attachments"):
        return  # a database made by create_all before its first migration already has it
    op.create_table(
        "post_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_row_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.BigInteger(), nullable=True),
        sa.Column("name", sa.String(length=1024), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("size", sa.String(length=32), nullable=True),
        sa.Column("downloads", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("needs_login", sa.Boolean(), nullable=False),
        sa.Column("needs_credits", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["post_row_id"], ["posts.id"], name=op.f("fk_post_attachments_post_row_id_posts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_attachments")),
        sa.UniqueConstraint("post_row_id", "position", name=op.f("uq_post_attachments_post_row_id_position")),
    )


def downgrade() -> None:
    op.drop_table("post_attachments")
