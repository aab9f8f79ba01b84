"""The viewer's filter state: applied to the dataset, and written to and read from the URL query string."""

from __future__ import annotations

from dataclasses import dataclass, fields
from urllib.parse import parse_qs, urlencode

import pandas as pd

from tracker.schema import ACTION_KINDS, LAUNCH_KINDS, MISSILE_CLASSES, OUTCOMES

CHOICES = {"classes": MISSILE_CLASSES, "kinds": LAUNCH_KINDS, "action_kinds": ACTION_KINDS, "outcomes": OUTCOMES}
QUERY_KEYS = {"start": "from", "end": "to", "classes": "class", "kinds": "kind", "action_kinds": "action",
              "outcomes": "outcome", "view": "view"}
VIEWS = ("timeline", "response", "yearly", "sanctions", "map", "table")


@dataclass(frozen=True)
class Filters:
    start: str | None = None
    end: str | None = None
    classes: tuple[str, ...] = MISSILE_CLASSES
    kinds: tuple[str, ...] = LAUNCH_KINDS
    action_kinds: tuple[str, ...] = ACTION_KINDS
    outcomes: tuple[str, ...] = OUTCOMES
    view: str = "timeline"

    @classmethod
    def from_query(cls, search: str | None) -> Filters:
        """Unknown values are dropped and a malformed date is ignored: a shared URL never breaks the page."""
        query = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
        values = {}
        for name, key in QUERY_KEYS.items():
            if key not in query:
                continue
            raw = query[key][-1]
            if name in CHOICES:
                values[name] = tuple(v for v in CHOICES[name] if v in raw.split(","))
            elif name == "view":
                values[name] = raw if raw in VIEWS else "timeline"
            elif _is_date(raw):
                values[name] = raw
        return cls(**values)

    def to_query(self) -> str:
        """Only what differs from the defaults, so the plain URL stays plain."""
        default = Filters()
        pairs = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value == getattr(default, f.name) or value is None:
                continue
            pairs.append((QUERY_KEYS[f.name], ",".join(value) if isinstance(value, tuple) else value))
        return "?" + urlencode(pairs, safe=",") if pairs else ""

    def apply(self, launches: pd.DataFrame, actions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        keep = (launches["missile_class"].isin(self.classes) & launches["kind"].isin(self.kinds)
                & launches["outcome"].isin(self.outcomes) & _in_range(launches["date"], self.start, self.end))
        chosen = actions["kind"].isin(self.action_kinds) & _in_range(actions["date"], self.start, self.end)
        return launches[keep], actions[chosen]


def _is_date(text: str) -> bool:
    try:
        pd.Timestamp(text)
    except (ValueError, TypeError):
        return False
    return len(text) == 10


def _in_range(dates: pd.Series, start: str | None, end: str | None) -> pd.Series:
    keep = pd.Series(True, index=dates.index)
    if start:
        keep &= dates >= pd.Timestamp(start)
    if end:
        keep &= dates <= pd.Timestamp(end)
    return keep
