"""Sanctions view: the oil caps as steps over time, with the vetoed 2022 cut drawn as what did not happen.

Caps in force do not depend on the date filter: the whole history is drawn and the selected window shaded.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tracker.derive import oil_caps
from tracker.figures.style import base_layout, empty_figure, esc
from tracker.values import day

TITLE = "Oil supply caps on the DPRK set by Council texts (barrels per year)"
PRODUCT_COLOURS = {"Refined petroleum": "#0072B2", "Crude oil": "#E69F00"}


def sanctions_figure(actions: pd.DataFrame, until: pd.Timestamp | None = None,
                     window: tuple[str | None, str | None] = (None, None)) -> go.Figure:
    """`actions`: the whole table (caps in force are history, not a selection); `window`: the date filter."""
    caps = oil_caps(actions)
    if caps.empty:
        return empty_figure(TITLE, "No Council text in this selection sets an oil cap.")
    end = until or pd.Timestamp.today().normalize()
    fig = go.Figure()
    for product, colour in PRODUCT_COLOURS.items():
        adopted = caps[(caps["product"] == product) & caps["adopted"]].sort_values("date")
        if not adopted.empty:
            x = [*adopted["date"], end]
            y = [*adopted["cap_bbl"], adopted["cap_bbl"].iloc[-1]]
            labels = [*(f"{esc(s)} ({day(d)})" for s, d in zip(adopted["symbol"], adopted["date"])), "in force"]
            fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", cliponaxis=False, line={"shape": "hv", "color": colour, "width": 3},
                                     name=f"{product}: adopted", text=labels,
                                     customdata=[["council_actions", i] for i in adopted["id"]] + [["", ""]],
                                     hovertemplate="%{text}<br>%{y:,.0f} bbl/yr<extra></extra>"))
        for _, veto in caps[(caps["product"] == product) & ~caps["adopted"]].iterrows():
            before = adopted[adopted["date"] <= veto["date"]]
            start = before["cap_bbl"].iloc[-1] if not before.empty else veto["cap_bbl"]
            fig.add_trace(go.Scatter(
                x=[veto["date"], veto["date"], end], y=[start, veto["cap_bbl"], veto["cap_bbl"]], mode="lines+markers",
                line={"color": colour, "dash": "dot", "width": 2}, marker={"symbol": "x", "size": 10},
                name=f"{product}: vetoed cut ({esc(veto['symbol'])})",
                customdata=[["council_actions", veto["id"]]] * 3,
                text=[f"vetoed draft {esc(veto['symbol'])} ({day(veto['date'])}) would have cut the cap to "
                      f"{veto['cap_bbl']:,.0f} bbl/yr; it did not happen"] * 3,
                hovertemplate="%{text}<extra></extra>"))
    base_layout(fig, TITLE)
    if window[0] or window[1]:
        fig.add_vrect(x0=window[0] or caps["date"].min(), x1=window[1] or end, fillcolor="rgba(230,159,0,0.15)",
                      line_width=0, layer="below", label={"text": "selected dates", "textposition": "top left",
                                                          "font": {"size": 10}})
    fig.update_layout(margin={"l": 10, "r": 16, "t": 10, "b": 10}, hovermode="closest", clickmode="event")
    fig.update_yaxes(title={"text": "barrels per year", "standoff": 4}, rangemode="tozero", tickformat=",",
                     automargin=True)
    fig.update_xaxes(type="date", automargin=True)
    return fig
