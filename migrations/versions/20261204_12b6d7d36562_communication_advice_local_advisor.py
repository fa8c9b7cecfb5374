"""communication advice: the local communication advisor it is prepared with, and when he was asked

Revision ID: 12b6d7d36562
Revises: c7d2e9a4f1b8
Create Date: 2026-12-04 23:38:54.665535

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '12b6d7d36562'
down_revision = 'c7d2e9a4f1b8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('communication_advice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('local_advisor_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('local_advisor_asked_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_communication_advice_local_advisor_id'), ['local_advisor_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_communication_advice_local_advisor_id_person'), 'person', ['local_advisor_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('communication_advice', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_communication_advice_local_advisor_id_person'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_communication_advice_local_advisor_id'))
        batch_op.drop_column('local_advisor_asked_at')
        batch_op.drop_column('local_advisor_id')
