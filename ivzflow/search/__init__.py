"""Full-text search over everything a user may see: one index table kept current in the same transaction as
each change (indexer.py), one backend per database (backends.py), results filtered in SQL by the visibility
rules of each kind's own package (services.py)."""
