"""Links from decision items to other domains (projects), kept in one place."""
from __future__ import annotations


def project_options() -> list[tuple[int, str]]:
    """(id, title) of the projects a proposal can belong to; empty until projects exist."""
    return []
