"""The HTTP requests the browser sends when a filter changes, for HTTP tests, load tests and benchmarks."""

from __future__ import annotations

from tracker.schema import ACTION_KINDS, EVENT_KINDS, LAUNCH_KINDS, MISSILE_CLASSES, OUTCOMES

SUMMARY_OUTPUTS = [("headline", "children"), ("counts", "children"), ("story-caption", "hidden"),
                   ("date-warning", "children"), ("filter-words", "children"), ("file-suffix", "data"),
                   ("data-date", "children"), ("cite", "children"), ("evidence-ends", "children")]


def _filter_inputs(start, end, classes) -> list[tuple[str, str, object]]:
    return [("date-from", "value", start), ("date-to", "value", end), ("classes", "value", list(classes)),
            ("kinds", "value", list(LAUNCH_KINDS)), ("outcomes", "value", list(OUTCOMES)),
            ("action-kinds", "value", list(ACTION_KINDS)), ("event-kinds", "value", list(EVENT_KINDS))]


def _request(outputs: list[tuple[str, str]], inputs: list[tuple[str, str, object]]) -> dict:
    """Body of POST /_dash-update-component, as Dash's renderer sends it."""
    many = len(outputs) > 1
    output = ("..") + "...".join(f"{c}.{p}" for c, p in outputs) + ".." if many else f"{outputs[0][0]}.{outputs[0][1]}"
    described = [{"id": c, "property": p} for c, p in outputs]
    return {"output": output, "outputs": described if many else described[0],
            "inputs": [{"id": c, "property": p, "value": v} for c, p, v in inputs],
            "changedPropIds": ["classes.value"], "state": []}


def views_request(view: str = "response", start: str | None = None, end: str | None = None,
                  classes: tuple[str, ...] = MISSILE_CLASSES) -> dict:
    """The server-drawn views' callback (every chart but the timeline, which the page draws itself), as the page
    sends it while `view` is shown: the filters come routed through the `server-filters` store."""
    from tracker.views import SERVER_DRAWN

    outputs = [(v.graph_id, "figure") for v in SERVER_DRAWN] + [("major-tests", "children")]
    grid = '{"kind":"grid","table":["ALL"]}'
    output = "..." .join(f"{c}.{p}" for c, p in outputs + [(grid, "rowData"), (grid, "columnDefs")])
    values = [value for _, _, value in _filter_inputs(start, end, classes)]
    return {"output": f"..{output}..",
            "outputs": [{"id": c, "property": p} for c, p in outputs] + [[], []],  # no grids on the page yet
            "inputs": [{"id": "server-filters", "property": "data", "value": {"view": view, "values": values}},
                       {"id": "data-version", "property": "data", "value": None}],
            "changedPropIds": ["server-filters.data"], "state": []}


def summary_request(start: str | None = None, end: str | None = None,
                    classes: tuple[str, ...] = MISSILE_CLASSES) -> dict:
    """The headline, the counts line and every other sentence about the data (they follow the data version too)."""
    return _request(SUMMARY_OUTPUTS, [("data-version", "data", None), *_filter_inputs(start, end, classes)])
