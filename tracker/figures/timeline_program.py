"""The timeline as a program the page runs itself: every point, line, shape and label of the whole dataset, each
keyed by the row ids it shows, so that a filter change redraws without a round trip to the server.

`assets/timeline.js` evaluates it: it keeps the rows the filters keep (the same rules as `Filters.apply`), keeps
each point, segment, shape and label whose rows are kept, and recomputes what depends on the rows shown (legend
counts, lanes, date window, range buttons, the gap shading's end, which launch a veto label names). The Python
figure of the filtered data (`timeline_json`) is the reference: tests compare the two for many filter sets.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from tracker.derive import answered_mask, links
from tracker.figures.hover import hover_texts
from tracker.figures.style import CONTEXT_LANE, COUNCIL_LANE, LANES, empty_figure
from tracker.figures.timeline import (EMPTY_MESSAGE, GL_THRESHOLD, RANGE_YEARS, TITLE, action_traces,
                                      base_layout_json, event_traces, launch_traces, link_traces, nuclear_rule,
                                      range_buttons, shading_items, story_candidates, unanswered_note_trace)
from tracker.filters import CHOICE_FILTERS
from tracker.load import Dataset
from tracker.schema import TABLES


def _iso_or_none(dates: pd.Series) -> list[str | None]:
    return [None if pd.isna(d) else f"{d:%Y-%m-%d}" for d in dates]


def _rows(dataset: Dataset) -> dict[str, dict[str, list]]:
    """Per table, the columns the filters read: id, date (and end_date), and each choice filter's column."""
    rows = {}
    for table in (t for t in TABLES if t.dated):
        frame = dataset.whole[table.name]
        columns = {"id": frame["id"].tolist(), "date": _iso_or_none(frame["date"])}
        if "end_date" in frame:
            columns["end_date"] = _iso_or_none(frame["end_date"])
        for spec in CHOICE_FILTERS:
            if spec.table == table.name:
                columns[spec.column] = [None if pd.isna(v) else v for v in frame[spec.column]]
        rows[table.name] = columns
    return rows


def _label(trace: dict) -> str:
    """"SRBM (123)" -> "SRBM": the page writes the count of the rows it shows."""
    return trace["name"].rsplit(" (", 1)[0]


def _marker_entries(traces: list[dict], weights: dict[str, int] | None = None, first_in_group=False) -> list[dict]:
    entries = []
    for trace in traces:
        keys = [row_id for _, row_id in trace["customdata"]]
        entries.append({"trace": trace, "keys": keys, "label": _label(trace),
                        "group": trace.get("legendgroup") or trace["name"], "legend_first": first_in_group,
                        "weights": [weights[k] for k in keys] if weights else [1] * len(keys)})
    return entries


@lru_cache(maxsize=4)
def timeline_program(dataset: Dataset) -> dict:
    """Built once per dataset version from the whole dataset (the page filters it)."""
    whole = dataset.whole
    launches, actions, events = whole.launches, whole.actions, whole["context_events"]
    hover = hover_texts(whole)
    answered = answered_mask(launches, actions)
    traces = []
    link = link_traces(launches, actions)
    if link:
        pairs = links(launches, actions)
        traces.append({"trace": link[0], "segments": pairs[["action_id", "launch_id"]].values.tolist(),
                       "links": True})
    fired = dict(zip(launches["id"], launches["count"].fillna(0).astype(int).tolist()))
    traces += _marker_entries(launch_traces(launches, answered, hover["launches"], False), fired, True)
    traces.append({"trace": unanswered_note_trace(), "always": True})
    traces += _marker_entries(action_traces(actions, hover["council_actions"], False))
    if len(events):
        lane, *periods = event_traces(events, hover["context_events"], False)
        traces += _marker_entries([lane])
        if periods:
            ids = events.loc[events["end_date"].notna(), "id"].tolist()
            traces.append({"trace": periods[0], "segments": [[i] for i in ids]})
    nuclear = launches[launches["kind"] == "nuclear_test"]
    return {
        "version": dataset.version, "gl_threshold": GL_THRESHOLD, "lanes": [COUNCIL_LANE, *LANES, CONTEXT_LANE],
        "rows": _rows(dataset), "traces": traces, "layout": base_layout_json(),
        "nuclear": [{"key": i, "shape": nuclear_rule(f"{d:%Y-%m-%d}")}
                    for i, d in zip(nuclear["id"], nuclear["date"])],
        "shading": shading_items(events),
        "stories": [{"draft": draft, "candidates": [{"launch": lid, "annotation": a} for lid, a in candidates]}
                    for draft, candidates in story_candidates(launches, actions)],
        "range_years": [years for _, years in RANGE_YEARS],
        "range_buttons": range_buttons(pd.Timestamp("2000-01-01"), (pd.Timestamp("2000-01-01"),) * 2),
        "empty": empty_figure(TITLE, EMPTY_MESSAGE).to_plotly_json(),
    }
