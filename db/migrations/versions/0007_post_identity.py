"""Posts are identified by the site's post id, not by their floor; deleted posts are marked;
thread rows keep the list's last-post time and poster.

Keyed by (thread, floor), a moderator's delete (every later floor moves up one) made each
later post overwrite the row of the one before it, and a moved post was stored in both
threads. This revision repairs what that left:

- a post id stored in several rows keeps the most recently written one; the others' bodies
  and positions go to ``post_revisions``;
- a row whose floor held another post id before (a revision says so) may carry the other
  post's ``posted_at``: it is cleared, to be read again;
- the threads concerned lose their reply and page counts, so the next crawl re-reads them
  whole (and marks what is gone as deleted).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)
# Rows of one post id other than its newest: (id, site_id, thread_id, floor, post_id, body,
# edited_at, updated_at).
SUPERSEDED_ROWS = """
    SELECT p.id, p.site_id, p.thread_id, p.floor, p.post_id, p.body, p.edited_at, p.updated_at
    FROM posts p
    WHERE p.post_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM posts newer
        WHERE newer.site_id = p.site_id AND newer.post_id = p.post_id AND newer.id <> p.id
          AND (newer.updated_at > p.updated_at OR (newer.updated_at = p.updated_at AND newer.id > p.id)))
"""
# Rows whose floor held another post id before: their posted_at may be that post's.
MIXED_ROWS = """
    SELECT p.id FROM posts p
    WHERE p.post_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM post_revisions r
        WHERE r.site_id = p.site_id AND r.thread_id = p.thread_id AND r.floor = p.floor
          AND r.post_id IS NOT NULL AND r.post_id <> p.post_id)
"""


def upgrade() -> None:
    op.add_column("threads", sa.Column("last_post_at", UTC_DATETIME, nullable=True))
    op.add_column("threads", sa.Column("last_poster", sa.String(length=255), nullable=True))
    op.add_column("posts", sa.Column("deleted_at", UTC_DATETIME, nullable=True))
    _repair_rows_keyed_by_floor()
    with op.batch_alter_table("posts") as posts:
        posts.drop_constraint(op.f("uq_posts_site_id_thread_id_floor"), type_="unique")
        posts.drop_index(op.f("ix_posts_site_id_post_id"))
    _create_post_indexes()


def downgrade() -> None:
    # The old key holds one row per floor: deleted posts and older duplicates of a floor go.
    op.execute("DELETE FROM posts WHERE deleted_at IS NOT NULL")
    op.execute("""DELETE FROM posts WHERE EXISTS (
        SELECT 1 FROM posts newer WHERE newer.site_id = posts.site_id AND newer.thread_id = posts.thread_id
          AND newer.floor = posts.floor AND newer.id > posts.id)""")
    for name in ("uq_posts_site_id_post_id", "uq_posts_site_id_thread_id_floor_unnumbered",
                 "ix_posts_site_id_thread_id_floor"):
        op.drop_index(name, table_name="posts")
    with op.batch_alter_table("posts") as posts:
        posts.drop_column("deleted_at")
        posts.create_unique_constraint(op.f("uq_posts_site_id_thread_id_floor"), ["site_id", "thread_id", "floor"])
        posts.create_index(op.f("ix_posts_site_id_post_id"), ["site_id", "post_id"])
    with op.batch_alter_table("threads") as threads:
        threads.drop_column("last_post_at")
        threads.drop_column("last_poster")


def _create_post_indexes() -> None:
    numbered, unnumbered = sa.text("post_id IS NOT NULL"), sa.text("post_id IS NULL")
    op.create_index("uq_posts_site_id_post_id", "posts", ["site_id", "post_id"], unique=True,
                    sqlite_where=numbered, postgresql_where=numbered)
    op.create_index("uq_posts_site_id_thread_id_floor_unnumbered", "posts", ["site_id", "thread_id", "floor"],
                    unique=True, sqlite_where=unnumbered, postgresql_where=unnumbered)
    op.create_index(op.f("ix_posts_site_id_thread_id_floor"), "posts", ["site_id", "thread_id", "floor"])


def _repair_rows_keyed_by_floor() -> None:
    conn = op.get_bind()
    superseded = conn.execute(sa.text(SUPERSEDED_ROWS)).all()
    mixed = [row.id for row in conn.execute(sa.text(MIXED_ROWS))]
    if superseded:
        conn.execute(
            sa.text("INSERT INTO post_revisions (site_id, thread_id, floor, post_id, body, edited_at, seen_from, "
                    "replaced_at) VALUES (:site_id, :thread_id, :floor, :post_id, :body, :edited_at, :updated_at, "
                    "(SELECT MAX(updated_at) FROM posts WHERE site_id = :site_id AND post_id = :post_id))"),
            [row._asdict() for row in superseded],
        )
    touched = sa.text("UPDATE threads SET replies = NULL, page_count = NULL WHERE site_id = :site_id "
                      "AND thread_id IN (SELECT thread_id FROM posts WHERE id = :id)")
    for row_id in [row.id for row in superseded] + mixed:
        site_id = conn.execute(sa.text("SELECT site_id FROM posts WHERE id = :id"), {"id": row_id}).scalar_one()
        conn.execute(touched, {"site_id": site_id, "id": row_id})
    if mixed:
        conn.execute(sa.text("UPDATE posts SET posted_at = NULL, posted_at_precision = NULL WHERE id = :id"),
                     [{"id": row_id} for row_id in mixed])
    if superseded:
        conn.execute(sa.text("DELETE FROM posts WHERE id = :id"), [{"id": row.id} for row in superseded])
