"""Counts by year: missiles stacked by class, Council actions per year on the same x axis."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.figures.style import ACTION_STYLE, CLASS_COLOURS, LANES, base_layout, empty_figure

TITLE = "Missiles fired per year, by class, and Council actions per year"


def yearly_figure(launches: pd.DataFrame, actions: pd.DataFrame) -> go.Figure:
    if launches.empty and actions.empty:
        return empty_figure(TITLE, "No launches or Council actions match these filters.")
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.68, 0.32], vertical_spacing=0.08,
                        subplot_titles=("Missiles (launch groups × count)", "Council actions"))
    missiles = launches.groupby([launches["date"].dt.year, "missile_class"])["count"].sum().unstack(fill_value=0)
    for lane in LANES:
        if lane in missiles:
            fig.add_trace(go.Bar(x=missiles.index, y=missiles[lane], name=lane, marker_color=CLASS_COLOURS[lane],
                                 hovertemplate=f"%{{x}}: %{{y}} {lane}<extra></extra>", legendgroup="launches"),
                          row=1, col=1)
    counts = actions.groupby([actions["date"].dt.year, "kind"]).size().unstack(fill_value=0)
    for kind, (colour, _, label) in ACTION_STYLE.items():
        if kind in counts:
            fig.add_trace(go.Bar(x=counts.index, y=counts[kind], name=label, marker_color=colour,
                                 marker_pattern_shape="/" if kind == "vetoed_draft" else "",
                                 hovertemplate=f"%{{x}}: %{{y}} {label.lower()}<extra></extra>",
                                 legendgroup="actions"), row=2, col=1)
    base_layout(fig, TITLE, height=520)
    fig.update_layout(barmode="stack", legend={"y": -0.08, "yanchor": "top"})
    fig.update_xaxes(dtick=2, tickangle=-45, row=2, col=1)
    return fig
