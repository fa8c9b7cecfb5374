"""notification: done when its work is done, texts in every language

Revision ID: e5a7c3d19b42
Revises: 7d3f5b2c9e41
Create Date: 2026-12-01 10:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e5a7c3d19b42'
down_revision = '7d3f5b2c9e41'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('done_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=True))
        batch_op.drop_index('ix_notification_user')
        batch_op.create_index('ix_notification_open', ['user_id', 'read_at', 'done_at', 'created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_open')
        batch_op.create_index('ix_notification_user', ['user_id', 'read_at', 'created_at'], unique=False)
        batch_op.drop_column('translations')
        batch_op.drop_column('done_at')
