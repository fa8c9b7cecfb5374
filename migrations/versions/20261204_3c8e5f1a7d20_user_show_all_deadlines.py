"""user: show all deadlines, or only those the user must act on

Revision ID: 3c8e5f1a7d20
Revises: a8c2e6f41d07
Create Date: 2026-12-04 22:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3c8e5f1a7d20'
down_revision = 'a8c2e6f41d07'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('show_all_deadlines', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('show_all_deadlines')
