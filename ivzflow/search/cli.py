"""flask search reindex: rebuild the whole index (after an upgrade, a restore or a bulk import)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from ivzflow.extensions import db
from ivzflow.search.indexer import reindex_all


@click.group(cls=AppGroup, help="The full-text search index.")
def search():
    pass


@search.command("reindex", help="Rebuild the search index from everything in the database (documents read again).")
def reindex():
    count = reindex_all(db.session())
    db.session.commit()
    click.echo(f"Search index rebuilt: {count} entries.")
