"""Users, their roles, API tokens and login attempts."""
from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.accounts.roles import Role
from ivzflow.core.db import UTCDateTime, Versioned
from ivzflow.extensions import db


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(Versioned, UserMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    is_enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    locale: Mapped[str | None] = mapped_column(String(5))
    # Deadlines in the calendar and the feed: only those the user must act on (False), or all (True).
    show_all_deadlines: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=sa_false())
    # Part of the login cookie: rotating it logs out every session and remember-cookie of this user.
    session_token: Mapped[str] = mapped_column(String(64), nullable=False, default=new_session_token)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    person = relationship("Person", lazy="joined")
    # Loaded when asked for: users come along with many rows (submitters, actors), their roles rarely do.
    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan")
    # The districts the administrator gave him (UserDistrict); shown on the user list and form.
    granted_districts = relationship("District", secondary="user_district", viewonly=True,
                                     order_by="District.name")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    @property
    def assigned_roles(self) -> set[Role]:
        return {Role(r.role) for r in self.role_rows}

    @property
    def display_name(self) -> str:
        return self.person.name if self.person else self.email


class UserRole(db.Model):
    __tablename__ = "user_role"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    role: Mapped[str] = mapped_column(String(30), nullable=False)

    user: Mapped[User] = relationship(back_populates="role_rows")


class UserDistrict(db.Model):
    """A district a user works in beyond those his organisation and seats give (a secretariat serving two)."""

    __tablename__ = "user_district"
    __table_args__ = (UniqueConstraint("user_id", "district_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id", ondelete="CASCADE"), nullable=False)


class ApiToken(db.Model):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    prefix: Mapped[str] = mapped_column(String(12), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    scope: Mapped[str] = mapped_column(String(10), nullable=False, default="read")  # read | write
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")


class LoginAttempt(db.Model):
    """Failed and successful logins, counted in the database so throttling holds across workers."""

    __tablename__ = "login_attempt"
    __audit__ = False
    __table_args__ = (Index("ix_login_attempt_email_at", "email", "at"), Index("ix_login_attempt_ip_at", "ip", "at"),
                      Index("ix_login_attempt_at", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False)
    ip: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    succeeded: Mapped[bool] = mapped_column(Boolean, nullable=False)
