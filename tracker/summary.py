"""Sentences computed from the filtered data: the headline above the chart and the counts line."""

from __future__ import annotations

from tracker.derive import launch_days_answered
from tracker.load import Dataset


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def headline(data: Dataset) -> str:
    """The core question in one line: how many big-test days got no Council action at all."""
    launches, actions = data.launches, data.whole.actions
    days, unanswered = launch_days_answered(launches, actions, ("ICBM",))
    nuclear_days, nuclear_unanswered = launch_days_answered(launches, actions, ("nuclear",))
    parts = []
    if days:
        parts.append(f"Of {plural(days, 'ICBM launch day')}, {unanswered:,} got no Council action")
    if nuclear_days:
        parts.append(f"of {plural(nuclear_days, 'nuclear test')}, {nuclear_unanswered:,} went unanswered")
    if not parts:
        all_days, all_unanswered = launch_days_answered(launches, actions, tuple(launches["missile_class"].unique()))
        if not all_days:
            return "No launch matches these filters."
        return f"Of {plural(all_days, 'launch day')} shown, {all_unanswered:,} got no Council action."
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
