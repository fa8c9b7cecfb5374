"""delivery: index for the digest run (pending digest items by user)

Revision ID: c4e1d2a9b7f3
Revises: 1b7be2e9d23a
Create Date: 2026-11-29 01:25:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c4e1d2a9b7f3'
down_revision = '1b7be2e9d23a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.create_index('ix_delivery_status_mode_user', ['status', 'mode', 'user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.drop_index('ix_delivery_status_mode_user')
