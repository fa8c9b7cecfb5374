"""audit_entry: the database refuses UPDATE and DELETE (triggers on SQLite and PostgreSQL)

Revision ID: c7d2e9a4f1b8
Revises: dfb9cf123460
Create Date: 2026-12-04 22:40:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c7d2e9a4f1b8'
down_revision = 'dfb9cf123460'
branch_labels = None
depends_on = None

# The same statements as ivzflow.audit.models, copied: a migration must not change when the model does.
REFUSAL = "the audit log is append-only"
SQLITE = [
    f"CREATE TRIGGER audit_entry_no_{op_.lower()} BEFORE {op_} ON audit_entry WHEN NOT ivzflow_audit_rewrite() "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    for op_ in ("UPDATE", "DELETE")
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_entry_no_update", "DROP TRIGGER IF EXISTS audit_entry_no_delete"]
POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ivzflow.audit_rewrite', true) = 'on' THEN
    IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '{REFUSAL}';
END $$""",
    "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()",
]
POSTGRESQL_DROP = ["DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry",
                   "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry",
                   "DROP FUNCTION IF EXISTS audit_entry_append_only()"]


def _run(statements):
    for statement in statements:
        op.execute(statement)


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE)
    elif dialect == "postgresql":
        _run(POSTGRESQL)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_DROP)
    elif dialect == "postgresql":
        _run(POSTGRESQL_DROP)
