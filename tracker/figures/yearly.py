"""Counts by year: missiles stacked by class, Council actions per year on the same x axis."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.derive import actions_by_year, missiles_by_year
from tracker.figures.style import ACTION_STYLE, CLASS_COLOURS, LANES, base_layout, empty_figure
from tracker.load import Dataset

TITLE = "Missiles fired per year, by class, and Council actions per year"


def yearly_figure(data: Dataset) -> go.Figure:
    launches, actions = data.launches, data.actions
    if launches.empty and actions.empty:
        return empty_figure(TITLE, "No launches or Council actions match these filters.")
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.68, 0.32], vertical_spacing=0.06)
    missiles = missiles_by_year(launches)
    for lane in LANES:
        if lane in missiles:
            fig.add_trace(go.Bar(x=missiles.index, y=missiles[lane], name=lane, marker_color=CLASS_COLOURS[lane],
                                 hovertemplate=f"%{{x}}: %{{y}} {lane}<extra></extra>", legendgroup="launches"),
                          row=1, col=1)
    counts = actions_by_year(actions)
    for kind, (colour, _, label) in ACTION_STYLE.items():
        if kind in counts:
            fig.add_trace(go.Bar(x=counts.index, y=counts[kind], name=label, marker_color=colour,
                                 marker_pattern_shape="/" if kind == "vetoed_draft" else "",
                                 hovertemplate=f"%{{x}}: %{{y}} {label.lower()}<extra></extra>",
                                 legendgroup="actions"), row=2, col=1)
    base_layout(fig, TITLE)
    fig.update_layout(barmode="stack", margin={"l": 10, "r": 16, "t": 10, "b": 10}, legend_traceorder="normal")
    fig.update_yaxes(title={"text": "missiles", "standoff": 4}, automargin=True, row=1, col=1)
    fig.update_yaxes(title={"text": "Council actions", "standoff": 4}, automargin=True, row=2, col=1)
    fig.update_xaxes(nticks=12, automargin=True)
    return fig
