"""Districts as a scope (issue 18): a district's unit (level, parent), the districts a user works in beyond his
organisation and seats, and the district of each proposal (its decision body's) and project (its lead
organisation's, else its expert group's), filled in for the rows there are; a proposal's continuation on
another tier; projects readable by other districts when public.

Revision ID: c50b4ede65c2
Revises: b7e3d91c4a20
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

revision = 'c50b4ede65c2'
down_revision = 'b7e3d91c4a20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('user_district',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_user_district_district_id_district'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_user_district_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_district')),
    sa.UniqueConstraint('user_id', 'district_id', name=op.f('uq_user_district_user_id_district_id'))
    )
    with op.batch_alter_table('user_district', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_district_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('decision_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('district_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('continues_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_decision_item_continues_id'), ['continues_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_item_district_id'), ['district_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_decision_item_district_id_district'), 'district', ['district_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_decision_item_continues_id_decision_item'), 'decision_item', ['continues_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.add_column(sa.Column('level', sa.String(length=20), server_default='district', nullable=False))
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_district_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_district_parent_id_district'), 'district', ['parent_id'], ['id'])

    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('district_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('is_public', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f('ix_project_district_id'), ['district_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_project_district_id_district'), 'district', ['district_id'], ['id'])

    op.execute("UPDATE decision_item SET district_id = "
               "(SELECT body.district_id FROM body WHERE body.id = decision_item.decision_body_id)")
    op.execute("UPDATE project SET district_id = COALESCE("
               "(SELECT organisation.district_id FROM organisation WHERE organisation.id = project.lead_organisation_id), "
               "(SELECT body.district_id FROM body WHERE body.id = project.expert_group_id))")


def downgrade():
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_project_district_id_district'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_project_district_id'))
        batch_op.drop_column('is_public')
        batch_op.drop_column('district_id')

    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_district_parent_id_district'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_district_parent_id'))
        batch_op.drop_column('parent_id')
        batch_op.drop_column('level')

    with op.batch_alter_table('decision_item', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_decision_item_continues_id_decision_item'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_decision_item_district_id_district'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_decision_item_district_id'))
        batch_op.drop_index(batch_op.f('ix_decision_item_continues_id'))
        batch_op.drop_column('continues_id')
        batch_op.drop_column('district_id')

    with op.batch_alter_table('user_district', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_district_user_id'))

    op.drop_table('user_district')
