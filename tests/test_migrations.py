"""One Alembic history creates, from empty, exactly the schema the models describe; and goes back."""
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from ivzflow import create_app
from ivzflow.extensions import db
from tests.conftest import PG_URL

SCHEMA = "ivzflow_migration_test"


def _sqlite(tmp_path):
    return f"sqlite:///{tmp_path / 'migrations.sqlite'}", {}


def _postgresql(tmp_path):
    engine = sa.create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(sa.text(f"CREATE SCHEMA {SCHEMA}"))
    engine.dispose()
    return PG_URL, {"connect_args": {"options": f"-csearch_path={SCHEMA}"}}


BACKENDS = [_sqlite] + ([_postgresql] if PG_URL else [])


@pytest.mark.parametrize("backend", BACKENDS, ids=[b.__name__.strip("_") for b in BACKENDS])
def test_migrations_match_the_models_and_downgrade_to_empty(tmp_path, backend):
    url, engine_options = backend(tmp_path)
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url,
                      "SQLALCHEMY_ENGINE_OPTIONS": engine_options})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        downgrade(revision="base")
        tables = set(sa.inspect(db.engine).get_table_names())
        assert tables <= {"alembic_version"}
        upgrade()  # and up again, as an upgrade after a rollback would
        assert "membership" in sa.inspect(db.engine).get_table_names()
        db.engine.dispose()
