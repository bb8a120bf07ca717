"""``v_posts`` shows each post's attachments (an ``attachments`` column, one line each). No
table changes: every upgrade rebuilds the views after its revisions (``db.migrate``), and this
revision is what makes a database already at 0009 upgrade.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing beyond the views, which ``db.migrate`` rebuilds."""


def downgrade() -> None:
    """Nothing: the views are rebuilt as the older revision defines them by its own code."""
