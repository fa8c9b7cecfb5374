"""communication_advice: the secretariat may record why a proposal needs no advice (status 'waived', reason, who, when)

Revision ID: e3a1c5d7b902
Revises: 12b6d7d36562
Create Date: 2026-12-04 23:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e3a1c5d7b902'
down_revision = '12b6d7d36562'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('communication_advice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waived_reason', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('waived_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('waived_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_communication_advice_waived_by_id_user'), 'user',
                                    ['waived_by_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('communication_advice', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_communication_advice_waived_by_id_user'), type_='foreignkey')
        batch_op.drop_column('waived_at')
        batch_op.drop_column('waived_by_id')
        batch_op.drop_column('waived_reason')
