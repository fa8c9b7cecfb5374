"""The database's own full-text search behind one interface: how an entry's `document` is written and how a
query matches and ranks. Query words arrive folded (lower case, no diacritics) and split into words.

SQLite: FTS5 over the Dutch stems that Python computes (Snowball Dutch, as PostgreSQL's 'dutch'); each
query word matches as a prefix of a stem, so "hennep" finds "hennepteelt" (Dutch compounds put the
subject first). Ranked by bm25, the title weighing five times the text.
PostgreSQL: a tsvector with the 'dutch' configuration and a GIN index; the same prefix matching
(`word:*`), ranked by ts_rank with the title as weight A.
Both index an entry's district as one more word (SQLite: the column `scope`, "d17"; PostgreSQL: the lexeme
"zzdistrict17", which the ranking query leaves out), so a search in some districts asks the full-text index
for matches in those districts (and "d0", every district's) and never visits the rest of the country.
"""
from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Float, bindparam, column, func, insert, literal, literal_column, table
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.orm import Session

from ivzflow.search import stemming
from ivzflow.search.models import FTS_TABLE, SearchEntry

TABLE = SearchEntry.__table__
MIN_PREFIX = 3  # shorter words match whole stems only
EVERY_DISTRICT = 0  # search_entry.district_id of an entry that belongs to every district
PG_DISTRICT = "zzdistrict"  # + the id: the district's lexeme in a PostgreSQL document


def _scopes(districts: Collection[int]) -> list[int]:
    return [EVERY_DISTRICT, *sorted(districts)]


class SQLite:
    fts = table(FTS_TABLE, column("rowid"))

    def insert(self, session: Session, rows: list[dict]) -> None:
        for row in rows:
            row["document"] = stemming.stems(row["title"]) + "\n" + stemming.stems(row["text"])
        session.execute(insert(TABLE), rows)

    def matching(self, query, words: list[str], districts: Collection[int] | None = None):
        """The select `query` (over search_entry) narrowed to matching rows, and their score (see best_first);
        with `districts`, to the entries of those districts and of every district."""
        terms = [stemming.stem(w) for w in words]
        expression = "{title body}: (" + " AND ".join(
            f'"{t}"*' if len(t) >= MIN_PREFIX else f'"{t}"' for t in terms) + ")"
        if districts is not None:
            expression += " AND scope: (" + " OR ".join(f'"d{d}"' for d in _scopes(districts)) + ")"
        query = query.join(self.fts, self.fts.c.rowid == TABLE.c.id).where(
            literal_column(FTS_TABLE).op("MATCH")(bindparam("fts_query", expression)))
        return query, func.bm25(literal_column(FTS_TABLE), 5.0, 1.0, 0.0)

    @staticmethod
    def best_first(score):
        return score.asc()  # bm25: lower is better


class PostgreSQL:
    def insert(self, session: Session, rows: list[dict]) -> None:
        for row in rows:
            row["folded_title"], row["folded_text"] = stemming.fold(row["title"]), stemming.fold(row["text"])
            row.pop("document", None)
            row["scope_word"] = f"{PG_DISTRICT}{row.get('district_id') or EVERY_DISTRICT}"
        dutch = literal("dutch", type_=REGCONFIG)
        document = (func.setweight(func.to_tsvector(dutch, bindparam("folded_title")), literal_column("'A'")).op("||")(
            func.setweight(func.to_tsvector(dutch, bindparam("folded_text")), literal_column("'B'"))).op("||")(
            func.setweight(func.to_tsvector(literal("simple", type_=REGCONFIG), bindparam("scope_word")),
                           literal_column("'D'"))))
        session.execute(insert(TABLE).values(document=document), rows)

    def matching(self, query, words: list[str], districts: Collection[int] | None = None):
        dutch = literal("dutch", type_=REGCONFIG)
        expression = " & ".join(f"{w}:*" if len(w) >= MIN_PREFIX else w for w in words)
        tsquery = func.to_tsquery(dutch, bindparam("ts_query", expression))
        wanted = tsquery
        if districts is not None:  # matched with the words, not ranked: the ranking sees the words only
            scopes = " | ".join(f"{PG_DISTRICT}{d}" for d in _scopes(districts))
            wanted = tsquery.op("&&")(func.to_tsquery(dutch, bindparam("ts_scope", scopes)))
        query = query.where(TABLE.c.document.op("@@")(wanted))
        return query, func.ts_rank(TABLE.c.document, tsquery, type_=Float)

    @staticmethod
    def best_first(score):
        return score.desc()


def for_session(session: Session):
    return PostgreSQL() if session.get_bind().dialect.name == "postgresql" else SQLite()
