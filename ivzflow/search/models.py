"""The search index: one row per findable thing, with the parents its visibility follows and its facets.

`document` is what the database searches: on PostgreSQL a tsvector (Dutch configuration, title weighted A,
text B) with a GIN index; on SQLite the Dutch stems of title and text, which triggers copy into the FTS5
table `search_fts` (created beside this table, see backends.py). The row is derived data: `flask search
reindex` rebuilds all of it.

`district_id` (0: every district's) is also a word of the indexed document (see backends.py), so the
full-text index itself narrows a search to the picked districts instead of the database checking every
match in the country.
"""
from __future__ import annotations

from sqlalchemy import DDL, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from ivzflow.extensions import db

FTS_TABLE = "search_fts"


class SearchEntry(db.Model):
    __tablename__ = "search_entry"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_search_entry_decision_item", "decision_item_id"),
        Index("ix_search_entry_agenda_item", "agenda_item_id"),
        Index("ix_search_entry_meeting", "meeting_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)  # see kinds.KINDS
    object_id: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")  # plain text, for snippets
    # facets
    body_id: Mapped[int | None] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str | None] = mapped_column(String(60))
    # the parents whose visibility an entry follows (no foreign keys: the index is rebuilt, never trusted)
    decision_item_id: Mapped[int | None] = mapped_column(Integer)
    agenda_item_id: Mapped[int | None] = mapped_column(Integer)
    meeting_id: Mapped[int | None] = mapped_column(Integer)
    project_id: Mapped[int | None] = mapped_column(Integer)
    # the district of the entry's project or body; 0 when it has none (a person, a region-wide partner's body)
    district_id: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    document: Mapped[str | None] = mapped_column(TSVECTOR().with_variant(Text(), "sqlite"))


GIN_INDEX = "ix_search_entry_document"


def is_search_extra(name: str | None, type_: str) -> bool:
    """What the search index has beside its table on one database only (the SQLite FTS5 table and its shadow
    tables, the PostgreSQL GIN index): made by DDL below and in the migration, left alone by Alembic."""
    if type_ == "table":
        return bool(name) and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_"))
    return type_ == "index" and name == GIN_INDEX


# SQLite: the FTS5 table and the triggers that keep it equal to search_entry. `document` holds the title's
# stems, a newline, and the text's stems; FTS5 gets them as two columns so the title can weigh more, and the
# district as a third ("d17", "d0"), which ranking ignores.
_FTS_ROW = """INSERT INTO {fts}(rowid, title, body, scope) VALUES (new.id,
    substr(new.document, 1, instr(new.document, char(10)) - 1), substr(new.document, instr(new.document, char(10)) + 1),
    'd' || new.district_id);""".format(fts=FTS_TABLE)
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, scope, tokenize='unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
  {_FTS_ROW}
END""",
    f"""CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
  DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
END""",
    f"""CREATE TRIGGER search_entry_au AFTER UPDATE OF document, district_id ON search_entry BEGIN
  DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
  {_FTS_ROW}
END""",
]
SQLITE_DROP = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]  # its triggers go with search_entry
POSTGRESQL_CREATE = [f"CREATE INDEX {GIN_INDEX} ON search_entry USING gin (document)"]

for _statement in SQLITE_CREATE:
    event.listen(SearchEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL_CREATE:
    event.listen(SearchEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
for _statement in SQLITE_DROP:
    event.listen(SearchEntry.__table__, "before_drop", DDL(_statement).execute_if(dialect="sqlite"))
