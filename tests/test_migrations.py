"""One Alembic history creates, from empty, exactly the schema the models describe; and goes back."""
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from ivzflow import create_app
from ivzflow.extensions import db
from ivzflow.search.models import is_search_extra
from tests.conftest import PG_URL

SCHEMA = "ivzflow_migration_test"


def _not_fts(name, type_, parent_names):
    return not is_search_extra(name, type_)


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
            context = MigrationContext.configure(connection, opts={"include_name": _not_fts})
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        downgrade(revision="base")
        tables = set(sa.inspect(db.engine).get_table_names())
        assert tables <= {"alembic_version"}
        upgrade()  # and up again, as an upgrade after a rollback would
        assert "membership" in sa.inspect(db.engine).get_table_names()
        db.engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS, ids=[b.__name__.strip("_") for b in BACKENDS])
def test_the_latest_update_migration_fills_in_existing_projects(tmp_path, backend):
    """Projects that had status updates before the column existed point at their newest one after it, and
    the updates are all still there (on SQLite the table is rebuilt: with foreign keys enforced, dropping
    the old table would take every row that refers to a project with it)."""
    url, engine_options = backend(tmp_path)
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url,
                      "SQLALCHEMY_ENGINE_OPTIONS": engine_options})
    with app.app_context():
        upgrade(revision="c4e1d2a9b7f3")
        with db.engine.begin() as connection:
            for project in (1, 2):
                connection.execute(sa.text("INSERT INTO project (id, title, kind, position, version) "
                                           "VALUES (:id, :title, 'speerpunt', :id, 1)"),
                                   {"id": project, "title": f"Project {project}"})
            for id_, number in ((10, 1), (11, 3), (12, 2)):
                connection.execute(sa.text(
                    "INSERT INTO project_status_update (id, project_id, number, status, progress, summary, "
                    "author_name, posted_at) VALUES (:id, 1, :number, :status, 10, 'x', 'P', '2015-01-01')"),
                    {"id": id_, "number": number, "status": "amber" if number == 3 else "green"})
        upgrade()
        with db.engine.connect() as connection:
            latest = {row.id: row[1:] for row in connection.execute(
                sa.text("SELECT id, latest_update_id, latest_status FROM project"))}
            updates = connection.execute(sa.text("SELECT count(*) FROM project_status_update")).scalar()
        assert latest == {1: (11, "amber"), 2: (None, None)} and updates == 3
        downgrade(revision="base")
        db.engine.dispose()
