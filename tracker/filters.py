"""The viewer's filter state: clamped to the schema, applied to a dataset, and kept in the URL query string.

Everything that arrives from a browser (URL, widgets, callback bodies) passes through `Filters.clean`, so no
value outside the schema's choices and no date outside `DATE_LIMITS` ever reaches a cache or a figure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace
from urllib.parse import parse_qs, urlencode

import pandas as pd

from tracker.load import Dataset
from tracker.schema import ACTION_KINDS, EVENT_KINDS, LAUNCH_KINDS, MISSILE_CLASSES, OUTCOMES, earliest_date


@dataclass(frozen=True)
class ChoiceFilter:
    attribute: str  # field of Filters
    key: str  # URL query key
    widget: str  # component id
    legend: str
    table: str
    column: str
    choices: tuple[str, ...]


CHOICE_FILTERS = (
    ChoiceFilter("classes", "class", "classes", "Missile class", "launches", "missile_class", MISSILE_CLASSES),
    ChoiceFilter("kinds", "kind", "kinds", "Launch kind", "launches", "kind", LAUNCH_KINDS),
    ChoiceFilter("outcomes", "outcome", "outcomes", "Outcome", "launches", "outcome", OUTCOMES),
    ChoiceFilter("action_kinds", "action", "action-kinds", "Council action", "council_actions", "kind",
                 ACTION_KINDS),
    ChoiceFilter("event_kinds", "event", "event-kinds", "Context", "context_events", "kind", EVENT_KINDS),
)
DATE_KEYS = {"start": "from", "end": "to"}
STORY_RANGE = ("2022-05-15", "2022-06-06")  # the seed story: the 25 May 2022 ICBM and the 26 May veto
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def date_limits() -> tuple[str, str]:
    """The schema's earliest date (no valid row is older) to a year from today: every date filter is clamped here,
    in one place."""
    latest = dt.date.today() + dt.timedelta(days=366)
    return earliest_date().isoformat(), latest.isoformat()


def clean_date(value) -> str | None:
    """A YYYY-MM-DD string inside the limits, or None (malformed or missing)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    text = value[:10]
    if not ISO_DAY.fullmatch(text):  # date.fromisoformat would also take week dates ("2022-W20-1")
        return None
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        return None
    low, high = date_limits()
    return min(max(parsed.isoformat(), low), high)


def _unknown(value, choices: tuple[str, ...]) -> str:
    return f"unknown choice {value!r}; valid: {', '.join(choices)}"


@dataclass(frozen=True)
class Filters:
    start: str | None = None
    end: str | None = None
    classes: tuple[str, ...] = MISSILE_CLASSES
    kinds: tuple[str, ...] = LAUNCH_KINDS
    outcomes: tuple[str, ...] = OUTCOMES
    action_kinds: tuple[str, ...] = ACTION_KINDS
    event_kinds: tuple[str, ...] = EVENT_KINDS
    view: str = "timeline"

    @classmethod
    def clean(cls, start=None, end=None, view=None, views: tuple[str, ...] = (), problems: list[str] | None = None,
              **chosen) -> Filters:
        """Only known choices (in schema order), only sane dates, only known views: a request can't break it.
        What was dropped is told in `problems` (by URL key) when a list is given: the CLI refuses it, a page
        ignores it."""
        problems = [] if problems is None else problems
        values = {"start": clean_date(start), "end": clean_date(end)}
        for attribute, given in (("start", start), ("end", end)):
            if given not in (None, "") and values[attribute] is None:
                problems.append(f"{DATE_KEYS[attribute]}: {given!r} is not a real date written YYYY-MM-DD")
        for spec in CHOICE_FILTERS:
            raw = chosen.get(spec.attribute)
            if raw is None:
                continue
            items = list(raw) if isinstance(raw, (list, tuple)) else []
            if not isinstance(raw, (list, tuple)):
                problems.append(f"{spec.key}: {raw!r} is not a list of choices")
            given = {v for v in items if isinstance(v, str)}
            values[spec.attribute] = tuple(c for c in spec.choices if c in given)
            problems += [f"{spec.key}: {_unknown(v, spec.choices)}" for v in items if v != "" and v not in spec.choices]
        if isinstance(view, str) and (view in views or not views):
            values["view"] = view
        elif view is not None:
            problems.append(f"view: {_unknown(view, views)}")
        return cls(**values)

    @classmethod
    def from_query(cls, search: str | None, views: tuple[str, ...] = (), problems: list[str] | None = None) -> Filters:
        """Unknown values are dropped and a malformed date is ignored: a shared URL never breaks the page."""
        query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?"), keep_blank_values=True).items()}
        chosen = {s.attribute: query[s.key].split(",") for s in CHOICE_FILTERS if s.key in query}
        return cls.clean(query.get("from"), query.get("to"), query.get("view", "timeline"), views or _views(),
                         problems, **chosen)

    def to_query(self) -> str:
        """Only what differs from the defaults, so the plain URL stays plain."""
        default = Filters()
        keys = {**DATE_KEYS, **{s.attribute: s.key for s in CHOICE_FILTERS}, "view": "view"}
        pairs = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value == getattr(default, f.name) or value is None:
                continue
            pairs.append((keys[f.name], ",".join(value) if isinstance(value, tuple) else value))
        return "?" + urlencode(pairs, safe=",") if pairs else ""

    # The filter widgets, in `widget_ids()` order.
    @staticmethod
    def widget_ids() -> list[str]:
        return ["date-from", "date-to", *(s.widget for s in CHOICE_FILTERS)]

    @classmethod
    def from_widgets(cls, start, end, *chosen, view=None) -> Filters:
        return cls.clean(start, end, view, _views(),
                         **{s.attribute: list(v or ()) for s, v in zip(CHOICE_FILTERS, chosen)})

    def to_widgets(self) -> list:
        return [self.start, self.end, *(list(getattr(self, s.attribute)) for s in CHOICE_FILTERS)]

    @property
    def is_story(self) -> bool:
        return (self.start, self.end) == STORY_RANGE

    @property
    def dates_reversed(self) -> bool:
        return bool(self.start and self.end and self.start > self.end)

    def apply(self, dataset: Dataset) -> Dataset:
        """The same dataset with only the rows these filters keep (every table of the registry)."""
        frames = {}
        for name, frame in dataset.frames.items():
            keep = _in_range(frame, self.start, self.end)
            for spec in CHOICE_FILTERS:
                if spec.table == name:
                    keep &= frame[spec.column].isin(getattr(self, spec.attribute))
            frames[name] = frame[keep]
        return dataset.subset(frames)

    def with_view(self, view: str) -> Filters:
        return replace(self, view=view)


def filter_spec() -> dict:
    """What the page's own copy of these rules needs (assets/filter_state.js): declared here, sent as data."""
    return {"filters": [{"key": s.key, "widget": s.widget, "table": s.table, "column": s.column,
                         "choices": list(s.choices)} for s in CHOICE_FILTERS],
            "date_keys": [DATE_KEYS["start"], DATE_KEYS["end"]], "story": list(STORY_RANGE), "views": list(_views()),
            "default_view": Filters().view, "limits": list(date_limits()), "page_drawn": list(_page_drawn())}


def _page_drawn() -> tuple[str, ...]:
    from tracker.views import PAGE_DRAWN

    return tuple(v.id for v in PAGE_DRAWN)


def _views() -> tuple[str, ...]:
    from tracker.views import VIEW_IDS  # the view registry owns the list of views

    return VIEW_IDS


def _in_range(frame: pd.DataFrame, start: str | None, end: str | None) -> pd.Series:
    """Rows dated inside [start, end]; a period (with `end_date`) counts when it overlaps the window."""
    keep = pd.Series(True, index=frame.index)
    if "date" not in frame:
        return keep
    last = frame["end_date"].fillna(frame["date"]) if "end_date" in frame else frame["date"]
    if start:
        keep &= last >= pd.Timestamp(start)
    if end:
        keep &= frame["date"] <= pd.Timestamp(end)
    return keep
