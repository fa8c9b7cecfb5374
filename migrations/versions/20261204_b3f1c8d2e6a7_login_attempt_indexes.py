"""login_attempt: indexes for the per-address count and for purging old attempts

Revision ID: b3f1c8d2e6a7
Revises: 3c8e5f1a7d20
Create Date: 2026-12-04 22:30:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b3f1c8d2e6a7'
down_revision = '3c8e5f1a7d20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempt_ip_at', ['ip', 'at'], unique=False)
        batch_op.create_index('ix_login_attempt_at', ['at'], unique=False)


def downgrade():
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempt_at')
        batch_op.drop_index('ix_login_attempt_ip_at')
