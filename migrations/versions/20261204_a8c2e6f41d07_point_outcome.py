"""point_outcome: each meeting's own outcome per decision point (a deferred point keeps 'aangehouden' there)

Revision ID: a8c2e6f41d07
Revises: b8d2f4a61c37
Create Date: 2026-12-04 22:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a8c2e6f41d07'
down_revision = 'b8d2f4a61c37'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('point_outcome',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_point_outcome_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['point_id'], ['decision_point.id'], name=op.f('fk_point_outcome_point_id_decision_point'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_point_outcome_recorded_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_point_outcome')),
    sa.UniqueConstraint('point_id', 'meeting_id', name=op.f('uq_point_outcome_point_id_meeting_id'))
    )
    with op.batch_alter_table('point_outcome', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_point_outcome_meeting_id'), ['meeting_id'], unique=False)
    # What was decided before this table existed: the point's outcome at the meeting that decided it.
    op.execute("INSERT INTO point_outcome (point_id, meeting_id, outcome, text, recorded_at) "
               "SELECT p.id, p.decided_at_meeting_id, p.outcome, p.decision_text, m.start_at "
               "FROM decision_point p JOIN meeting m ON m.id = p.decided_at_meeting_id WHERE p.outcome IS NOT NULL")


def downgrade():
    with op.batch_alter_table('point_outcome', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_point_outcome_meeting_id'))
    op.drop_table('point_outcome')
