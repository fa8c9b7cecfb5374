"""standing and agenda items: closing items (Rondvraag en sluiting), which new items land before

Revision ID: a3c1e7f05b21
Revises: e5a7c3d19b42
Create Date: 2026-12-04 22:30:00

Existing items whose title starts with "Rondvraag" or "Sluiting" become closing items, so agendas in
preparation behave at once; the secretariat can change the mark on the body's standing items.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a3c1e7f05b21'
down_revision = 'e5a7c3d19b42'
branch_labels = None
depends_on = None

TABLES = ('standing_item', 'agenda_item')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('is_closing', sa.Boolean(), nullable=False, server_default=sa.false()))
        items = sa.table(table, sa.column('title', sa.String), sa.column('is_closing', sa.Boolean))
        title = sa.func.lower(items.c.title)
        op.execute(items.update().where(sa.or_(title.like('rondvraag%'), title.like('sluiting%')))
                   .values(is_closing=True))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('is_closing')
