"""search_entry: the full-text search index (FTS5 table and triggers on SQLite; tsvector with GIN on PostgreSQL)

Fill it after upgrading: flask --app ivzflow search reindex

Revision ID: f4b8a2c61d93
Revises: 4d7cb56e5501
Create Date: 2026-12-05 22:00:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = 'f4b8a2c61d93'
down_revision = '4d7cb56e5501'
branch_labels = None
depends_on = None

# The same statements as ivzflow/search/models.py (migrations never import the app).
SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
  INSERT INTO search_fts(rowid, title, body) VALUES (new.id,
    substr(new.document, 1, instr(new.document, char(10)) - 1), substr(new.document, instr(new.document, char(10)) + 1));
END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
  DELETE FROM search_fts WHERE rowid = old.id;
END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE OF document ON search_entry BEGIN
  DELETE FROM search_fts WHERE rowid = old.id;
  INSERT INTO search_fts(rowid, title, body) VALUES (new.id,
    substr(new.document, 1, instr(new.document, char(10)) - 1), substr(new.document, instr(new.document, char(10)) + 1));
END""",
]


def upgrade():
    op.create_table(
        'search_entry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('object_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('body_id', sa.Integer(), nullable=True),
        sa.Column('year', sa.Integer(), nullable=True),
        sa.Column('state', sa.String(length=60), nullable=True),
        sa.Column('decision_item_id', sa.Integer(), nullable=True),
        sa.Column('agenda_item_id', sa.Integer(), nullable=True),
        sa.Column('meeting_id', sa.Integer(), nullable=True),
        sa.Column('project_id', sa.Integer(), nullable=True),
        sa.Column('document', postgresql.TSVECTOR().with_variant(sa.Text(), 'sqlite'), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_entry')),
        sa.UniqueConstraint('kind', 'object_id', name=op.f('uq_search_entry_kind_object_id')),
    )
    op.create_index('ix_search_entry_decision_item', 'search_entry', ['decision_item_id'], unique=False)
    op.create_index('ix_search_entry_agenda_item', 'search_entry', ['agenda_item_id'], unique=False)
    op.create_index('ix_search_entry_meeting', 'search_entry', ['meeting_id'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("CREATE INDEX ix_search_entry_document ON search_entry USING gin (document)")
    else:
        for statement in SQLITE:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP INDEX ix_search_entry_document")
    else:
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_index('ix_search_entry_meeting', table_name='search_entry')
    op.drop_index('ix_search_entry_agenda_item', table_name='search_entry')
    op.drop_index('ix_search_entry_decision_item', table_name='search_entry')
    op.drop_table('search_entry')
