"""Commands: `backup PATH`, `restore PATH` and `db copy --to URL` (a subcommand of Flask-Migrate's `db`).

Every app loads this module (its commands); each command imports its implementation when it runs, so
that stays out of the web workers."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from ivzflow.maintenance import MaintenanceError


def register(app: Flask) -> None:
    from flask_migrate.cli import db as db_group

    app.cli.add_command(backup)
    app.cli.add_command(restore)
    db_group.add_command(db_copy)


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return ""


@click.command(help="Write a consistent backup of the database and the attachments to PATH (a .tar.gz or .tar "
                    "file). Safe while the application runs.")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--overwrite", is_flag=True, help="Replace PATH if it exists.")
@with_appcontext
def backup(path: str, overwrite: bool):
    from ivzflow.maintenance.backup import create_backup

    try:
        result = create_backup(path, overwrite=overwrite)
    except MaintenanceError as error:
        raise click.ClickException(str(error)) from None
    manifest = result.manifest
    click.echo(f"Backup written to {result.path} ({_size(result.path.stat().st_size)}): "
               f"{len(manifest['tables'])} tables, {result.rows} rows, {len(manifest['files'])} files, "
               f"schema revision {manifest['alembic_revision'] or '(none)'}.")
    damaged = [f for f in manifest["files"] if "recorded_sha256" in f]
    for entry in damaged:
        click.echo(f"Warning: file {entry['name']} differs from its recorded sha256; backed up as it is.", err=True)
    for entry in result.missing_files:
        click.echo(f"Warning: file {entry['name']} ({entry['table']} {entry['id']}) is missing from the files "
                   f"directory and is not in the backup.", err=True)
    if result.missing_files or damaged:
        raise SystemExit(1)


@click.command(help="Restore a backup made with `backup` into the configured database and files directory. "
                    "The database must be empty (e.g. just after `flask db upgrade`) unless --force.")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace all data in the database (in one transaction).")
@with_appcontext
def restore(path: str, force: bool):
    from ivzflow.maintenance.restore import restore_backup

    try:
        result = restore_backup(path, force=force)
    except MaintenanceError as error:
        raise click.ClickException(str(error)) from None
    manifest = result.manifest
    click.echo(f"Restored {result.rows} rows in {len(manifest['tables'])} tables and {result.files_written} "
               f"files from the backup of {manifest['created_at']}; counts and checksums verified.")
    for entry in result.missing_files:
        click.echo(f"Warning: file {entry['name']} ({entry['table']} {entry['id']}) was already missing when "
                   f"the backup was made.", err=True)


@click.command("copy", help="Copy the whole database to an empty database (e.g. SQLite to PostgreSQL): creates "
                            "the schema there, copies every row, and verifies counts and checksums.")
@click.option("--to", "target", required=True, metavar="URL",
              help="The target database, e.g. postgresql+psycopg://ivzflow@db/ivzflow")
@click.option("--batch", default=1000, show_default=True, help="Rows per insert.")
@with_appcontext
def db_copy(target: str, batch: int):
    from ivzflow.maintenance.copy import copy_database

    try:
        result = copy_database(target, batch=batch)
    except MaintenanceError as error:
        raise click.ClickException(str(error)) from None
    width = max(len(r.name) for r in result)
    click.echo(f"{'table':{width}}  {'source':>8}  {'target':>8}  checksum")
    for r in result:
        click.echo(f"{r.name:{width}}  {r.source_rows:>8}  {r.target_rows:>8}  {r.checksum[:16]} "
                   f"{'ok' if r.same else 'DIFFERS'}")
    total = sum(r.source_rows for r in result)
    click.echo(f"Copied {total} rows in {len(result)} tables to "
               f"{make_url(target).render_as_string(hide_password=True)}; counts and checksums verified.")
