"""search_entry.district_id: the entry's district, also a word of its indexed document (FTS5 column `scope`
on SQLite, a weight-D lexeme on PostgreSQL), so a search in some districts is narrowed by the full-text index

Revision ID: 5e1a9c3d7f20
Revises: c50b4ede65c2
Create Date: 2026-12-06 05:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e1a9c3d7f20'
down_revision = 'c50b4ede65c2'
branch_labels = None
depends_on = None

# The same statements as ivzflow/search/models.py (migrations never import the app).
_ROW = """INSERT INTO search_fts(rowid, title, body, scope) VALUES (new.id,
    substr(new.document, 1, instr(new.document, char(10)) - 1), substr(new.document, instr(new.document, char(10)) + 1),
    'd' || new.district_id);"""
SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, scope, tokenize='unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
  {_ROW}
END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
  DELETE FROM search_fts WHERE rowid = old.id;
END""",
    f"""CREATE TRIGGER search_entry_au AFTER UPDATE OF document, district_id ON search_entry BEGIN
  DELETE FROM search_fts WHERE rowid = old.id;
  {_ROW}
END""",
    """INSERT INTO search_fts(rowid, title, body, scope) SELECT id,
    substr(document, 1, instr(document, char(10)) - 1), substr(document, instr(document, char(10)) + 1),
    'd' || district_id FROM search_entry""",
]
OLD_SQLITE = [
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
    """INSERT INTO search_fts(rowid, title, body) SELECT id,
    substr(document, 1, instr(document, char(10)) - 1), substr(document, instr(document, char(10)) + 1)
    FROM search_entry""",
]
DROP_SQLITE = ["DROP TRIGGER IF EXISTS search_entry_ai", "DROP TRIGGER IF EXISTS search_entry_ad",
               "DROP TRIGGER IF EXISTS search_entry_au", "DROP TABLE IF EXISTS search_fts"]
# an entry's district: its project's, else its body's, else 0 (every district's)
FILL = """UPDATE search_entry SET district_id = coalesce(
    (SELECT project.district_id FROM project WHERE project.id = search_entry.project_id),
    (SELECT body.district_id FROM body WHERE body.id = search_entry.body_id AND search_entry.project_id IS NULL),
    0)"""


def upgrade():
    postgresql = op.get_bind().dialect.name == 'postgresql'
    if not postgresql:
        for statement in DROP_SQLITE:
            op.execute(statement)
    with op.batch_alter_table('search_entry') as batch_op:
        batch_op.add_column(sa.Column('district_id', sa.Integer(), server_default='0', nullable=False))
    op.execute(FILL)
    if postgresql:
        op.execute("UPDATE search_entry SET document = coalesce(document, ''::tsvector) || "
                   "setweight(to_tsvector('simple', 'zzdistrict' || district_id), 'D')")
    else:
        for statement in SQLITE:
            op.execute(statement)


def downgrade():
    postgresql = op.get_bind().dialect.name == 'postgresql'
    if postgresql:
        op.execute("UPDATE search_entry SET document = ts_delete(document, ARRAY(SELECT 'zzdistrict' || d "
                   "FROM (SELECT DISTINCT district_id AS d FROM search_entry) AS ds))")
    else:
        for statement in DROP_SQLITE:
            op.execute(statement)
    with op.batch_alter_table('search_entry') as batch_op:
        batch_op.drop_column('district_id')
    if not postgresql:
        for statement in OLD_SQLITE:
            op.execute(statement)
