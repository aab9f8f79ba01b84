"""Colours, symbols and lane order shared by every figure (Okabe-Ito: safe for colour-blind readers)."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio

COUNCIL_LANE = "UN Security Council"
LANES = ("ICBM", "IRBM", "MRBM", "SRBM", "SLBM", "HGV", "cruise", "SLV", "nuclear", "unknown")

CLASS_COLOURS = {
    "ICBM": "#D55E00", "IRBM": "#E69F00", "MRBM": "#009E73", "SRBM": "#56B4E9", "SLBM": "#0072B2",
    "HGV": "#CC79A7", "cruise": "#7F7F7F", "SLV": "#B8A000", "nuclear": "#000000", "unknown": "#BBBBBB",
}
ACTION_STYLE = {  # colour, marker symbol, legend label
    "resolution": ("#0072B2", "square", "Resolution"),
    "presidential_statement": ("#009E73", "diamond", "Presidential statement"),
    "press_statement": ("#56B4E9", "circle", "Press statement"),
    "vetoed_draft": ("#D55E00", "x", "Vetoed draft"),
}
TEMPLATE = pio.templates["plotly_white"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def esc(value) -> str:
    """Text from the CSV, safe inside Plotly's hover/label markup (which understands a few HTML tags)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=False)


def layout_dict(title: str, height: int = 420) -> dict:
    return {"title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
            "template": TEMPLATE, "height": height, "font": {"family": FONT, "size": 12},
            "margin": {"l": 10, "r": 10, "t": 50, "b": 10}, "hoverlabel": {"align": "left"},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"}}


def base_layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(layout_dict(title, height))
    return fig


def empty_figure(title: str, message: str) -> go.Figure:
    fig = base_layout(go.Figure(), title, height=300)
    fig.add_annotation(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 15, "color": "#555"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig
