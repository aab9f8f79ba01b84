"""Response view: how many days each Council action came after the launches it answers."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tracker.derive import response_lags
from tracker.figures.style import ACTION_STYLE, base_layout, empty_figure, esc
from tracker.figures.timeline import day

TITLE = "Days from launch (Korea date) to Council action (New York date)"


def response_figure(launches: pd.DataFrame, actions: pd.DataFrame) -> go.Figure:
    """One marker per action: days since the latest launch it names; a whisker reaches back to the earliest."""
    lags = response_lags(launches, actions)
    if lags.empty:
        return empty_figure(TITLE, "No Council action in this selection answers a launch in it.")
    fig = go.Figure()
    for kind, (colour, symbol, label) in ACTION_STYLE.items():
        rows = lags[lags["kind"] == kind]
        if rows.empty:
            continue
        text = [f"<b>{label}</b> {esc(r.symbol)}<br>{day(r.date)} (New York)<br>"
                f"{r.days_since_latest} days after the latest of {r.launches} launch row(s) "
                f"({day(r.last_launch)}, Korea)<br>{r.days_since_first} days after the first ({day(r.first_launch)})"
                for r in rows.itertuples()]
        fig.add_trace(go.Scatter(
            x=rows["date"], y=rows["days_since_latest"], name=label, mode="markers", text=text,
            marker={"color": colour, "symbol": symbol, "size": 11, "line": {"width": 1, "color": "white"}},
            hovertemplate="%{text}<extra></extra>", customdata=[["council_actions", i] for i in rows["id"]],
            error_y={"type": "data", "symmetric": False, "array": rows["days_since_first"] - rows["days_since_latest"],
                     "arrayminus": [0] * len(rows), "color": colour, "thickness": 1, "width": 0}))
    base_layout(fig, TITLE)
    fig.update_layout(margin={"t": 80}, legend={"y": 1.02})
    fig.update_yaxes(title="days (marker: since latest launch; whisker: since first)", rangemode="tozero")
    fig.update_xaxes(type="date", title=None)
    return fig
