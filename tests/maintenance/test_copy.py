"""`flask db copy --to URL`: a whole database into an empty PostgreSQL database, verified table by table."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from ivzflow.extensions import db
from ivzflow.maintenance import MaintenanceError
from ivzflow.maintenance.copy import copy_database
from ivzflow.maintenance.snapshot import clear, non_empty_tables
from ivzflow.people.models import Person
from tests.conftest import PG_URL
from tests.maintenance.conftest import table_contents

TARGET = f"{make_url(PG_URL).database}_copy" if PG_URL else None  # t_backup_copy


@pytest.fixture
def target_url():
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    if not PG_URL:
        pytest.skip("db copy needs PostgreSQL: set IVZFLOW_TEST_DATABASE_URL (e.g. "
                    "postgresql+psycopg://postgres@127.0.0.1:5432/t_backup)")
    server = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{TARGET}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{TARGET}"'))
    yield make_url(PG_URL).set(database=TARGET).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{TARGET}" WITH (FORCE)'))
    server.dispose()


def test_db_copy_moves_every_row_to_an_empty_postgresql_database(target_url, app, attachments, stamped):
    source = table_contents()
    result = app.test_cli_runner().invoke(args=["db", "copy", "--to", target_url])
    assert result.exit_code == 0, result.output
    assert "counts and checksums verified" in result.output
    assert "DIFFERS" not in result.output
    person_line = next(line for line in result.output.splitlines() if line.startswith("person "))
    assert person_line.split()[1:3] == [str(len(source["person"]))] * 2

    target = create_engine(target_url)
    try:
        with target.connect() as connection:
            copied = table_contents(connection)
            assert connection.scalar(text("SELECT version_num FROM alembic_version")) is not None
        for name, rows in source.items():
            assert copied[name] == rows, name
        with target.begin() as connection:  # the sequences were moved on: new rows get new ids
            new_id = connection.execute(Person.__table__.insert().values(name="Nieuw", version=1)
                                        .returning(Person.__table__.c.id)).scalar_one()
        assert new_id > max(row["id"] for row in source["person"])
    finally:
        target.dispose()


def test_db_copy_refuses_a_target_that_is_not_empty(target_url, app, demo, stamped):
    copy_database(target_url)
    target = create_engine(target_url)
    try:
        with target.connect() as connection:
            people = connection.scalar(select(func.count()).select_from(Person.__table__))
        result = app.test_cli_runner().invoke(args=["db", "copy", "--to", target_url])
        assert result.exit_code != 0
        assert "not empty" in result.output
        with target.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(Person.__table__)) == people

        with target.begin() as connection:  # another application's table
            connection.execute(text("DROP TABLE person CASCADE"))
            connection.execute(text("CREATE TABLE something_else (id integer)"))
        with pytest.raises(MaintenanceError, match="not empty"):
            copy_database(target_url)
    finally:
        target.dispose()


def test_db_copy_refuses_a_database_without_alembic_revision(target_url, app, demo):
    with pytest.raises(MaintenanceError, match="db stamp head"):
        copy_database(target_url)


@pytest.mark.parametrize("table, trigger, says", [
    # rows the target silently drops: the row counts differ
    ("item_transition", "IF NEW.id % 7 = 0 THEN RETURN NULL; END IF; RETURN NEW;",
     "The copy differs from the source in item_transition ("),
    # a value the target changes: the counts agree, the checksums do not
    ("person", "NEW.name := NEW.name || ' (kopie)'; RETURN NEW;",
     "The copy differs from the source in person (same "),
    # a dropped row others refer to: the target refuses the rows that follow
    ("person", "IF NEW.id % 7 = 0 THEN RETURN NULL; END IF; RETURN NEW;", "The copy failed: "),
])
def test_db_copy_that_differs_from_the_source_is_rolled_back(target_url, app, demo, stamped, table, trigger, says):
    """The check before commit is real: a target that does not store what it was sent keeps no rows, and
    the command says why and fails."""
    copy_database(target_url)  # the schema at the source's revision ...
    target = create_engine(target_url)
    try:
        with target.begin() as connection:  # ... emptied again, with a trigger that alters what arrives
            clear(connection)
            connection.execute(text(f"CREATE FUNCTION alter_rows() RETURNS trigger LANGUAGE plpgsql AS $$ "
                                    f"BEGIN {trigger} END $$"))
            connection.execute(text(f'CREATE TRIGGER alter_rows BEFORE INSERT ON "{table}" FOR EACH ROW '
                                    "EXECUTE FUNCTION alter_rows()"))
        result = app.test_cli_runner().invoke(args=["db", "copy", "--to", target_url])
        assert result.exit_code != 0
        assert says in result.output and "rolled back" in result.output, result.output
        with target.connect() as connection:
            assert not non_empty_tables(connection), "rows were left in the target"
            assert connection.scalar(text("SELECT version_num FROM alembic_version")) is not None
    finally:
        target.dispose()
