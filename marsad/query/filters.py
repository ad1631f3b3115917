"""Filters: the dashboard's filter value, bound to the page URL."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

STATUSES = ("reported", "claimed", "denied", "planned")

def _tuple(values: Iterable[str] | None) -> tuple[str, ...]:
    if not values:
        return ()
    return tuple(sorted({str(v) for v in values if v not in (None, "")}))


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    """What the analyst is looking at. Hashable, so it keys caches; empty tuples mean 'all'."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    one_per_story: bool = False

    def __post_init__(self) -> None:
        for name in ("actors", "places", "types", "statuses", "outlets"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        object.__setattr__(self, "date_from", _date(self.date_from))
        object.__setattr__(self, "date_to", _date(self.date_to))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            object.__setattr__(self, "date_from", self.date_to)
        object.__setattr__(self, "one_per_story", bool(self.one_per_story))

    # URL round trip --------------------------------------------------------------------------
    PARAM_KEYS = ("from", "to", "actor", "place", "type", "status", "outlet", "story")

    def to_params(self) -> dict[str, str | list[str]]:
        """Query-parameter form (lists repeat the key); defaults are left out."""
        out: dict[str, str | list[str]] = {}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        for key, values in (("actor", self.actors), ("place", self.places), ("type", self.types),
                            ("status", self.statuses), ("outlet", self.outlets)):
            if values:
                out[key] = list(values)
        if self.one_per_story:
            out["story"] = "1"
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Filters:
        """Inverse of `to_params`; accepts str or list values, ignores unknown keys and bad dates."""
        def many(key: str) -> tuple[str, ...]:
            value = params.get(key)
            if value is None:
                return ()
            if isinstance(value, str):
                return tuple(v for v in value.split(",") if v) if "," in value else ((value,) if value else ())
            return tuple(str(v) for v in value if v)

        def one(key: str) -> Any:
            value = params.get(key)
            if isinstance(value, (list, tuple)):
                return value[-1] if value else None
            return value

        return cls(date_from=one("from"), date_to=one("to"), actors=many("actor"), places=many("place"),
                   types=many("type"), statuses=tuple(s for s in many("status") if s in STATUSES),
                   outlets=many("outlet"), one_per_story=str(one("story") or "") in ("1", "true", "yes"))

    def replace(self, **changes: Any) -> Filters:
        return dataclasses.replace(self, **changes)

    @property
    def is_default(self) -> bool:
        return self == Filters()

    def previous_period(self) -> Filters | None:
        """The same filters over the period of equal length just before this one (None if open)."""
        if not (self.date_from and self.date_to):
            return None
        span = (self.date_to - self.date_from).days + 1
        return self.replace(date_from=self.date_from - dt.timedelta(days=span),
                            date_to=self.date_from - dt.timedelta(days=1))

