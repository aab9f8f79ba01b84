"""Response view: for each launch, the furthest step the Council took (the response ladder, upper panel) and the
days to the Council's first answer (lower panel)."""

from __future__ import annotations

import copy
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

import numpy as np

from tracker.derive import RUNGS, first_answers, ladder
from tracker.figures.hover import hover_texts
from tracker.figures.style import CLASS_COLOURS, LANES, empty_figure, layout_dict
from tracker.load import Dataset
from tracker.values import days_text

TITLE = "Days from each launch (Korea date) to the Council's first answer (New York date)"
# The response ladder's steps as the upper panel's rows, lowest at the bottom (derive.RUNGS).
RUNG_LABELS = {"none": "nothing", "meeting": "only a meeting", "blocked_statement": "blocked statement",
               "vetoed_draft": "vetoed draft", "press_statement": "press statement",
               "presidential_statement": "presidential statement", "resolution": "resolution"}
FILLED_FROM = RUNGS.index("vetoed_draft")  # drawn filled from here up, hollow below (as on the timeline)


def _ladder(data: Dataset, table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per shown launch: the height of its furthest rung and that step in words with its lag ("vetoed draft
    (+1 d)"), from the whole dataset's actions."""
    whole = data.whole
    steps = ladder(whole.launches, whole.actions).set_index("launch_id").loc[table["id"]]
    heights = steps["rung"].map(RUNGS.index).to_numpy(dtype=int)
    words = [RUNG_LABELS[r] if pd.isna(lag) else f"{RUNG_LABELS[r]} ({days_text(int(lag))})"
             for r, lag in zip(steps["rung"], steps["lag_days"])]
    return heights, np.array(words, dtype=object)


def response_table(data: Dataset) -> pd.DataFrame:
    """Filtered launch rows with `lag` (days to the first answer in the whole dataset) or NA."""
    whole = data.whole
    first = first_answers(whole.launches, whole.actions).set_index("launch_id")
    launches = data.launches
    return launches.assign(lag=launches["id"].map(first["lag"]).astype("Int64"))


def response_figure(data: Dataset) -> go.Figure:
    return go.Figure(response_json(data), _validate=False)


def response_json(data: Dataset) -> dict:
    """Answered launches by lag (lower panel), unanswered ones in a strip above; built as plain JSON (validating
    `go.Scatter` objects took most of the callback's time)."""
    table = response_table(data)
    if table.empty:
        return empty_figure(TITLE, "No launch matches these filters.").to_plotly_json()
    hover = hover_texts(data.whole)["launches"]
    classes = table["missile_class"].to_numpy()
    has_lag = table["lag"].notna().to_numpy()
    iso = table["date"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    ids = table["id"].to_numpy(dtype=object)
    texts = hover.loc[table.index].to_numpy(dtype=object)
    lags = table["lag"].astype("Float64").to_numpy(dtype=float, na_value=float("nan"))
    reached, steps = _ladder(data, table)
    traces = []
    for lane in LANES:
        in_lane = classes == lane
        if not in_lane.any():
            continue
        colour, major = CLASS_COLOURS[lane], lane in ("ICBM", "nuclear")
        symbol = "star" if lane == "nuclear" else "circle"
        answered, unanswered = in_lane & has_lag, in_lane & ~has_lag
        common = {"type": "scatter", "mode": "markers", "cliponaxis": False, "legendgroup": lane, "name": lane,
                  "hovertemplate": "%{text}<extra></extra>", "meta": {"table": "launches"}}
        if answered.any():
            traces.append({**common, "x": iso[answered].tolist(), "y": lags[answered].tolist(), "xaxis": "x2",
                           "yaxis": "y2", "text": texts[answered].tolist(),
                           "customdata": [["launches", i] for i in ids[answered].tolist()],
                           "marker": {"color": colour, "size": 13 if major else 9, "symbol": symbol,
                                      "line": {"width": 1, "color": "#FFFFFF"}}})
        for filled in (True, False):  # the ladder panel: every launch on the furthest step the Council took
            part = in_lane & (reached >= FILLED_FROM) if filled else in_lane & (reached < FILLED_FROM)
            if not part.any():
                continue
            traces.append({**common, "x": iso[part].tolist(), "y": [RUNG_LABELS[RUNGS[h]] for h in reached[part]],
                           "xaxis": "x", "yaxis": "y", "showlegend": not answered.any() and filled == (
                               (in_lane & (reached >= FILLED_FROM)).any()),
                           "text": [f"{t}<br><b>Furthest step:</b> {step}" for t, step in zip(texts[part], steps[part])],
                           "customdata": [["launches", i] for i in ids[part].tolist()],
                           "marker": {"color": colour if filled else "#FFFFFF", "size": 12 if major else 8,
                                      "symbol": symbol, "line": {"width": 1 if filled else (3 if major else 1.5),
                                                                 "color": "#FFFFFF" if filled else colour}}})
    layout = layout_dict(TITLE)
    layout.update(copy.deepcopy(_panels()), margin={"l": 10, "r": 16, "t": 10, "b": 10}, hovermode="closest",
                  clickmode="event")
    layout["legend"]["traceorder"] = "normal"
    layout["yaxis"].update(type="category", fixedrange=True, automargin=True, categoryorder="array",
                           categoryarray=[RUNG_LABELS[r] for r in RUNGS],
                           title={"text": "furthest step", "standoff": 4})
    layout["yaxis2"].update(title={"text": "days to first answer", "standoff": 4}, rangemode="tozero",
                            automargin=True, zeroline=True)
    one_day = table["date"].iloc[0] if table["date"].nunique() == 1 else None
    for name in ("xaxis", "xaxis2"):
        layout[name].update(type="date", automargin=True)
        if one_day is not None:  # one day: a window of months, not an axis of milliseconds
            layout[name]["range"] = [f"{one_day - pd.Timedelta(days=d):%Y-%m-%d}" for d in (90, -90)]
    return {"data": traces, "layout": layout}


@lru_cache(maxsize=1)
def _panels() -> dict:
    """The two panels' axes (a strip over the lag chart, one shared date axis), as `make_subplots` lays them out."""
    grid = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.42, 0.58], vertical_spacing=0.05)
    return {name: dict(grid.layout[name].to_plotly_json()) for name in ("xaxis", "yaxis", "xaxis2", "yaxis2")}
