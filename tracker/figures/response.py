"""Response view: for each launch, the days to the Council's first answer, or "no answer" drawn as such."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.derive import first_answers
from tracker.figures.hover import hover_texts
from tracker.figures.style import CLASS_COLOURS, LANES, base_layout, empty_figure
from tracker.load import Dataset

TITLE = "Days from each launch (Korea date) to the Council's first answer (New York date)"
NO_ANSWER = "no Council action"


def response_table(data: Dataset) -> pd.DataFrame:
    """Filtered launch rows with `lag` (days to the first answer in the whole dataset) or NA."""
    whole = data.whole
    first = first_answers(whole.launches, whole.actions).set_index("launch_id")
    launches = data.launches
    return launches.assign(lag=launches["id"].map(first["lag"]).astype("Int64"))


def response_figure(data: Dataset) -> go.Figure:
    table = response_table(data)
    if table.empty:
        return empty_figure(TITLE, "No launch matches these filters.")
    hover = hover_texts(data.whole)["launches"]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.16, 0.84], vertical_spacing=0.04)
    for lane in LANES:
        rows = table[table["missile_class"] == lane]
        if rows.empty:
            continue
        colour, major = CLASS_COLOURS[lane], lane in ("ICBM", "nuclear")
        answered, unanswered = rows[rows["lag"].notna()], rows[rows["lag"].isna()]
        common = {"mode": "markers", "cliponaxis": False, "hovertemplate": "%{text}<extra></extra>",
                  "legendgroup": lane, "meta": {"table": "launches"}}
        if len(answered):
            fig.add_trace(go.Scatter(
                x=answered["date"], y=answered["lag"].astype(float), name=lane, text=hover[answered.index].tolist(),
                customdata=[["launches", i] for i in answered["id"]],
                marker={"color": colour, "size": 13 if major else 9, "symbol": "star" if lane == "nuclear" else
                        "circle", "line": {"width": 1, "color": "#FFFFFF"}}, **common), row=2, col=1)
        if len(unanswered):
            fig.add_trace(go.Scatter(
                x=unanswered["date"], y=[NO_ANSWER] * len(unanswered), name=lane, showlegend=answered.empty,
                text=hover[unanswered.index].tolist(), customdata=[["launches", i] for i in unanswered["id"]],
                marker={"color": "#FFFFFF", "size": 13 if major else 8, "symbol": "star" if lane == "nuclear" else
                        "circle", "line": {"width": 3 if major else 1.5, "color": colour}}, **common), row=1, col=1)
    base_layout(fig, TITLE)
    fig.update_layout(margin={"l": 10, "r": 16, "t": 10, "b": 10}, hovermode="closest", clickmode="event",
                      legend_traceorder="normal")
    fig.update_yaxes(row=1, col=1, type="category", fixedrange=True, automargin=True)
    fig.update_yaxes(row=2, col=1, title={"text": "days to first answer", "standoff": 4}, rangemode="tozero",
                     automargin=True, zeroline=True)
    fig.update_xaxes(type="date", automargin=True)
    if table["date"].nunique() == 1:  # one day: a window of months, not an axis of milliseconds
        day = table["date"].iloc[0]
        fig.update_xaxes(range=[day - pd.Timedelta(days=90), day + pd.Timedelta(days=90)])
    return fig
