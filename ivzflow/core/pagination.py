"""Pages of lists, for HTML pages and the API."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from flask import request
from flask_babel import gettext as _

from ivzflow.core.errors import ValidationError
from ivzflow.core.numbers import whole_number


@dataclass(frozen=True)
class Page:
    number: int
    per_page: int
    total: int = 0

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    def with_total(self, total: int) -> Page:
        return replace(self, total=total)

    @classmethod
    def from_request(cls, per_page: int) -> Page:
        """Lenient, for HTML pages: a bad page number shows the first page."""
        raw = request.args.get("page", "1")
        number = whole_number(raw, 1, 999_999) or 1
        return cls(number, per_page)

    @classmethod
    def from_api_request(cls, default: int, maximum: int) -> Page:
        """Strict, for the API: malformed paging parameters are a 400 with a clear message."""
        number = _positive_int("page", 1, 1_000_000)
        per_page = _positive_int("per_page", default, maximum)
        return cls(number, per_page)


def _positive_int(name: str, default: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    value = whole_number(raw, 1, maximum)
    if value is None:
        raise ValidationError(_("Parameter %(name)s moet een geheel getal van 1 tot en met %(max)d zijn.",
                                name=name, max=maximum), field=name)
    return value
