"""Settings the secretariat or administrator keeps in the application (not in files)."""
from __future__ import annotations

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from ivzflow.core.db import Versioned
from ivzflow.extensions import db


class Setting(Versioned, db.Model):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[dict | list | str | int | bool | None] = mapped_column(JSON)
