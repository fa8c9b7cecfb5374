"""agenda changes after sending, and the agenda's version

Revision ID: b8d2f4a61c37
Revises: a3c1e7f05b21
Create Date: 2026-12-04 23:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b8d2f4a61c37'
down_revision = 'a3c1e7f05b21'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'agenda_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('agenda_item_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('detail', sa.String(length=300), nullable=True),
        sa.Column('is_public', sa.Boolean(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'],
                                name=op.f('fk_agenda_change_agenda_item_id_agenda_item'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['by_id'], ['user.id'], name=op.f('fk_agenda_change_by_id_user'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_change_meeting_id_meeting'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_change')),
    )
    with op.batch_alter_table('agenda_change', schema=None) as batch_op:
        batch_op.create_index('ix_agenda_change_meeting_version', ['meeting_id', 'version'], unique=False)
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agenda_version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('agenda_version')
    with op.batch_alter_table('agenda_change', schema=None) as batch_op:
        batch_op.drop_index('ix_agenda_change_meeting_version')
    op.drop_table('agenda_change')
