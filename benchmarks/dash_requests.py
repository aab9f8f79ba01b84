"""The HTTP request the browser sends when a filter changes, for load tests and callback benchmarks."""

from __future__ import annotations

from tracker.schema import ACTION_KINDS, LAUNCH_KINDS, MISSILE_CLASSES, OUTCOMES

TIMELINE_OUTPUTS = [("timeline", "figure"), ("counts", "children"), ("story-caption", "hidden")]


def timeline_request(start: str | None = None, end: str | None = None,
                     classes: tuple[str, ...] = MISSILE_CLASSES) -> dict:
    """Body of POST /_dash-update-component for the timeline callback, as Dash's renderer sends it."""
    inputs = [("date-from", "value", start), ("date-to", "value", end), ("classes", "value", list(classes)),
              ("kinds", "value", list(LAUNCH_KINDS)), ("action-kinds", "value", list(ACTION_KINDS)),
              ("outcomes", "value", list(OUTCOMES))]
    return {
        "output": ".." + "...".join(f"{c}.{p}" for c, p in TIMELINE_OUTPUTS) + "..",
        "outputs": [{"id": c, "property": p} for c, p in TIMELINE_OUTPUTS],
        "inputs": [{"id": c, "property": p, "value": v} for c, p, v in inputs],
        "changedPropIds": ["classes.value"],
        "state": [],
    }
