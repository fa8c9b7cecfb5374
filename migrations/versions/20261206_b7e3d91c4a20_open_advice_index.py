"""An index on communication_advice.status: the start page of whoever approves advice finds the open ones
(requested, draft) through it, where reading every advice grew with the country.

Revision ID: b7e3d91c4a20
Revises: f4b8a2c61d93
Create Date: 2026-12-06
"""
from alembic import op

revision = 'b7e3d91c4a20'
down_revision = 'f4b8a2c61d93'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('communication_advice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_communication_advice_status'), ['status'], unique=False)


def downgrade():
    with op.batch_alter_table('communication_advice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_communication_advice_status'))
