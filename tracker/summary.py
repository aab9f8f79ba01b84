"""Sentences computed from the filtered data: the headline above the chart and the counts line."""

from __future__ import annotations

from tracker.derive import RUNGS, ladder
from tracker.load import Dataset


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


# How far the Council got, in plain words, highest rung first (derive.RUNGS, the response ladder).
RUNG_WORDS = {"resolution": "a resolution", "presidential_statement": "a presidential statement",
              "press_statement": "a press statement", "vetoed_draft": "a vetoed draft",
              "blocked_statement": "a blocked statement", "meeting": "only a meeting", "none": "nothing"}


def ladder_words(launches, actions) -> tuple[int, str]:
    """(launch days, '4 drew a resolution, 2 a vetoed draft, 8 only a meeting, 4 nothing'): per Korea launch day
    the furthest rung any launch of that day reached."""
    if launches.empty:
        return 0, ""
    steps = ladder(launches, actions)
    height = steps["rung"].map(RUNGS.index)
    by_day = height.groupby(steps["date"]).max().map(lambda h: RUNGS[h]).value_counts()
    parts = [f"{by_day[rung]:,} {RUNG_WORDS[rung]}" for rung in reversed(RUNGS) if rung in by_day]
    if parts:
        parts[0] = parts[0].replace(" ", " drew ", 1) if not parts[0].endswith(("nothing", "only a meeting")) \
            else parts[0]
    return int(by_day.sum()), ", ".join(parts)


def headline(data: Dataset) -> str:
    """The core question in one line, in the ladder's steps: how far the Council got for the big tests."""
    launches, actions = data.launches, data.whole.actions
    parts = []
    for classes, noun in ((("ICBM",), "ICBM launch day"), (("nuclear",), "nuclear test")):
        days, words = ladder_words(launches[launches["missile_class"].isin(classes)], actions)
        if days:
            parts.append(f"of {plural(days, noun)}: {words}")
    if not parts:
        days, words = ladder_words(launches, actions)
        if not days:
            return "No launch matches these filters."
        parts.append(f"of {plural(days, 'launch day')} shown: {words}")
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def counts(data: Dataset) -> str:
    launches = data.launches
    text = (f"Showing {plural(len(launches), 'launch group')} "
            f"({plural(int(launches['count'].sum()), 'missile or test', 'missiles or tests')}) "
            f"and {plural(len(data.actions), 'Council action')}")
    if "context_events" in data.frames:
        text += f", with {plural(len(data.events), 'context event')}"
    return text + "."
