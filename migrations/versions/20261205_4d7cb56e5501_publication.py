"""publication: per body what it publishes (policy) and the publications withdrawn since

Revision ID: 4d7cb56e5501
Revises: a4c8e2f1d6b3
Create Date: 2026-12-05 22:18:13.467381

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4d7cb56e5501'
down_revision = 'a4c8e2f1d6b3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('publication_policy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('agendas', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('decision_lists', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('documents', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('projects', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_publication_policy_body_id_body'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication_policy')),
    sa.UniqueConstraint('body_id', name=op.f('uq_publication_policy_body_id'))
    )
    op.create_table('publication_withdrawal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_publication_withdrawal_body_id_body'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_publication_withdrawal_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_publication_withdrawal_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['withdrawn_by_id'], ['user.id'], name=op.f('fk_publication_withdrawal_withdrawn_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication_withdrawal')),
    sa.UniqueConstraint('kind', 'meeting_id', name=op.f('uq_publication_withdrawal_kind_meeting_id')),
    sa.UniqueConstraint('kind', 'project_id', name=op.f('uq_publication_withdrawal_kind_project_id'))
    )
    with op.batch_alter_table('publication_withdrawal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publication_withdrawal_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_publication_withdrawal_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_publication_withdrawal_project_id'), ['project_id'], unique=False)



def downgrade():
    with op.batch_alter_table('publication_withdrawal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publication_withdrawal_project_id'))
        batch_op.drop_index(batch_op.f('ix_publication_withdrawal_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_publication_withdrawal_body_id'))

    op.drop_table('publication_withdrawal')
    op.drop_table('publication_policy')
