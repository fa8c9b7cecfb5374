"""decision_item: an index for the proposals list (a district's rows, newest first, with the columns the
visibility rule reads)

Revision ID: 8b2f6d1e4a93
Revises: 5e1a9c3d7f20
Create Date: 2026-12-06 07:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '8b2f6d1e4a93'
down_revision = '5e1a9c3d7f20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_decision_item_listing', 'decision_item',
                    ['district_id', 'updated_at', 'state_id', 'confidentiality', 'submitter_id', 'trekker_id'],
                    unique=False)


def downgrade():
    op.drop_index('ix_decision_item_listing', table_name='decision_item')
