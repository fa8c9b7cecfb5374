"""Keeping the data: backups of the database and the attachments, restoring them, and copying a whole
database to another one (SQLite to PostgreSQL).

All three read through `snapshot`, which reads every table in one consistent read transaction and writes
rows in a portable, type-aware form with order-independent checksums, so that counts and checksums can be
compared between a database, an archive and another database of a different kind.
"""
from __future__ import annotations


class MaintenanceError(Exception):
    """A backup, restore or copy was refused or failed; the message says why and what to do."""
