"""project: the newest status update and its status kept on the project (the portfolio sorts and filters on them)

Revision ID: 7d3f5b2c9e41
Revises: c4e1d2a9b7f3
Create Date: 2026-11-29 05:30:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '7d3f5b2c9e41'
down_revision = 'c4e1d2a9b7f3'
branch_labels = None
depends_on = None

BACKFILL = """
UPDATE project SET latest_update_id = (
    SELECT s.id FROM project_status_update AS s WHERE s.project_id = project.id ORDER BY s.number DESC LIMIT 1)
"""
BACKFILL_STATUS = """
UPDATE project SET latest_status = (SELECT s.status FROM project_status_update AS s WHERE s.id = project.latest_update_id)
"""


def upgrade():
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('latest_update_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('latest_status', sa.String(length=10), nullable=True))
        batch_op.create_index('ix_project_latest_status', ['latest_status'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_project_latest_update_id_project_status_update'),
                                    'project_status_update', ['latest_update_id'], ['id'], ondelete='SET NULL')
    op.execute(BACKFILL)
    op.execute(BACKFILL_STATUS)


def downgrade():
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_project_latest_update_id_project_status_update'), type_='foreignkey')
        batch_op.drop_index('ix_project_latest_status')
        batch_op.drop_column('latest_status')
        batch_op.drop_column('latest_update_id')
