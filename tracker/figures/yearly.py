"""Counts by year: missiles stacked by class with each year's total above its bar, Council actions per year on the
same x axis. One hover per year (x unified): the total first, then each class that year (zero classes left out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.derive import actions_by_year, missiles_by_year
from tracker.figures.style import ACTION_STYLE, CLASS_COLOURS, LANES, base_layout, empty_figure
from tracker.load import Dataset

TITLE = "Missiles fired per year, by class, and Council actions per year"


def _shown(values: pd.Series) -> list:
    """Zero segments drawn as nothing, so the year's hover lists only what happened that year."""
    return [None if v == 0 else int(v) for v in values]


def _totals(fig: go.Figure, totals: pd.Series, unit: str, row: int) -> None:
    """The year's total as text above its stacked bar; first in the year's hover."""
    fig.add_trace(go.Scatter(x=totals.index, y=totals.values, mode="text", text=[f"{v:,}" for v in totals],
                             textposition="top center", textfont={"size": 11, "color": "#1d1d1f"},
                             name=f"total {unit}", showlegend=False, cliponaxis=False,
                             hovertemplate=f"<b>%{{y:,}} {unit}</b><extra></extra>"), row=row, col=1)


def yearly_figure(data: Dataset) -> go.Figure:
    launches, actions = data.launches, data.actions
    if launches.empty and actions.empty:
        return empty_figure(TITLE, "No launches or Council actions match these filters.")
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.68, 0.32], vertical_spacing=0.08)
    missiles = missiles_by_year(launches)
    if not missiles.empty:
        _totals(fig, missiles.sum(axis=1), "missiles", 1)
    for lane in LANES:
        if lane in missiles:
            fig.add_trace(go.Bar(x=missiles.index, y=_shown(missiles[lane]), name=lane,
                                 marker_color=CLASS_COLOURS[lane], hovertemplate=f"{lane}: %{{y}}<extra></extra>",
                                 legendgroup="launches"), row=1, col=1)
    counts = actions_by_year(actions)
    if not counts.empty:
        _totals(fig, counts.sum(axis=1), "Council actions", 2)
    for kind, (colour, _, label) in ACTION_STYLE.items():
        if kind in counts:
            fig.add_trace(go.Bar(x=counts.index, y=_shown(counts[kind]), name=label, marker_color=colour,
                                 marker_pattern_shape="/" if kind == "vetoed_draft" else "",
                                 hovertemplate=f"{label}: %{{y}}<extra></extra>",
                                 legendgroup="actions"), row=2, col=1)
    base_layout(fig, TITLE)
    fig.update_layout(barmode="stack", margin={"l": 10, "r": 16, "t": 10, "b": 10}, legend_traceorder="normal",
                      hovermode="x unified")
    fig.update_yaxes(title={"text": "missiles", "standoff": 4}, automargin=True, rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title={"text": "Council actions", "standoff": 4}, automargin=True, rangemode="tozero",
                     row=2, col=1)
    _headroom(fig, missiles, 1)
    _headroom(fig, counts, 2)
    fig.update_xaxes(nticks=12, automargin=True)
    return fig


def _headroom(fig: go.Figure, counts: pd.DataFrame, row: int) -> None:
    """Room above the tallest bar for its total."""
    if not counts.empty:
        fig.update_yaxes(range=[0, counts.sum(axis=1).max() * 1.15 + 0.5], row=row, col=1)
