"""An index on decision_item.trekker_id: the trekker's consent tasks are looked up by it on every start page.

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


def downgrade():
    op.drop_index("ix_decision_item_trekker_id", table_name="decision_item")
