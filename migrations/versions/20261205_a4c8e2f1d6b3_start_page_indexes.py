"""Indexes the start page needs at national scale: decision_item.trekker_id (the trekker's consent tasks) and
consultation (body_id, item_id) (the proposals a body's members may see).

Revision ID: a4c8e2f1d6b3
Revises: e3a1c5d7b902
Create Date: 2026-12-05
"""
from alembic import op

revision = 'a4c8e2f1d6b3'
down_revision = 'e3a1c5d7b902'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_decision_item_trekker_id", "decision_item", ["trekker_id"])
    op.create_index("ix_consultation_body_item", "consultation", ["body_id", "item_id"])


def downgrade():
    op.drop_index("ix_consultation_body_item", table_name="consultation")
    op.drop_index("ix_decision_item_trekker_id", table_name="decision_item")
