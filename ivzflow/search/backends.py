"""The database's own full-text search behind one interface: how an entry's `document` is written and how a
query matches and ranks. Query words arrive folded (lower case, no diacritics) and split into words.

SQLite: FTS5 over the Dutch stems that Python computes (Snowball Dutch, as PostgreSQL's 'dutch'); each
query word matches as a prefix of a stem, so "hennep" finds "hennepteelt" (Dutch compounds put the
subject first). Ranked by bm25, the title weighing five times the text.
PostgreSQL: a tsvector with the 'dutch' configuration and a GIN index; the same prefix matching
(`word:*`), ranked by ts_rank with the title as weight A.
"""
from __future__ import annotations

from sqlalchemy import Float, bindparam, column, func, insert, literal, literal_column, table
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.orm import Session

from ivzflow.search import stemming
from ivzflow.search.models import FTS_TABLE, SearchEntry

TABLE = SearchEntry.__table__
MIN_PREFIX = 3  # shorter words match whole stems only


class SQLite:
    fts = table(FTS_TABLE, column("rowid"))

    def insert(self, session: Session, rows: list[dict]) -> None:
        for row in rows:
            row["document"] = stemming.stems(row["title"]) + "\n" + stemming.stems(row["text"])
        session.execute(insert(TABLE), rows)

    def matching(self, query, words: list[str]):
        """The select `query` (over search_entry) narrowed to matching rows, and their score (see best_first)."""
        terms = [stemming.stem(w) for w in words]
        expression = " ".join(f'"{t}"*' if len(t) >= MIN_PREFIX else f'"{t}"' for t in terms)
        query = query.join(self.fts, self.fts.c.rowid == TABLE.c.id).where(
            literal_column(FTS_TABLE).op("MATCH")(bindparam("fts_query", expression)))
        return query, func.bm25(literal_column(FTS_TABLE), 5.0, 1.0)

    @staticmethod
    def best_first(score):
        return score.asc()  # bm25: lower is better


class PostgreSQL:
    def insert(self, session: Session, rows: list[dict]) -> None:
        for row in rows:
            row["folded_title"], row["folded_text"] = stemming.fold(row["title"]), stemming.fold(row["text"])
            row.pop("document", None)
        dutch = literal("dutch", type_=REGCONFIG)
        document = (func.setweight(func.to_tsvector(dutch, bindparam("folded_title")), literal_column("'A'")).op("||")(
            func.setweight(func.to_tsvector(dutch, bindparam("folded_text")), literal_column("'B'"))))
        session.execute(insert(TABLE).values(document=document), rows)

    def matching(self, query, words: list[str]):
        expression = " & ".join(f"{w}:*" if len(w) >= MIN_PREFIX else w for w in words)
        tsquery = func.to_tsquery(literal("dutch", type_=REGCONFIG), bindparam("ts_query", expression))
        query = query.where(TABLE.c.document.op("@@")(tsquery))
        return query, func.ts_rank(TABLE.c.document, tsquery, type_=Float)

    @staticmethod
    def best_first(score):
        return score.desc()


def for_session(session: Session):
    return PostgreSQL() if session.get_bind().dialect.name == "postgresql" else SQLite()
