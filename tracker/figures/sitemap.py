"""Map of launch sites, sized by launch groups, drawn from topojson shipped in assets/ (works offline).

Coordinates come from the site gazetteer through each row's `launch_site` (`tracker/sites.py`); the map says under
it how many launch groups of the selection it cannot place.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tracker.figures.style import base_layout, empty_figure, esc
from tracker.sites import coverage, locate
from tracker.values import day

TITLE = "Launch sites (marker area: launch groups; colour: missiles fired)"


def site_table(located: pd.DataFrame) -> pd.DataFrame:
    """One row per place on the map: launch groups, missiles and first and last date there."""
    placed = located.dropna(subset=["lat", "lon"])
    site = placed["site"].fillna("unnamed site")
    return (placed.assign(site=site).groupby(["site", "lat", "lon"], as_index=False)
            .agg(groups=("id", "size"), missiles=("count", "sum"), first=("date", "min"), last=("date", "max"))
            .sort_values("groups", ascending=False))


def coverage_note(located: pd.DataFrame) -> str:
    """'185 of 250 launch groups mapped; 65 have no known site', for the rows shown."""
    mapped, total = coverage(located)
    return (f"{mapped} of {total} launch groups mapped; {total - mapped} "
            f"{'has' if total - mapped == 1 else 'have'} no known site")


def site_map_figure(launches: pd.DataFrame, sites: pd.DataFrame) -> go.Figure:
    located = locate(launches, sites)
    table = site_table(located)
    note = coverage_note(located)
    if located.empty:
        return empty_figure(TITLE, "No launches match these filters.")
    if table.empty:
        return empty_figure(TITLE, f"No launch in this selection has a known site ({note}).")
    text = [f"<b>{esc(r.site)}</b><br>{r.groups} launch groups, {r.missiles} missiles<br>"
            f"{day(r.first)} to {day(r.last)}" for r in table.itertuples()]
    fig = go.Figure(go.Scattergeo(
        lat=table["lat"], lon=table["lon"], text=text, hovertemplate="%{text}<extra></extra>", mode="markers",
        marker={"size": [6 + 3 * g ** 0.5 for g in table["groups"]], "color": table["missiles"],
                "colorscale": "Cividis", "showscale": True, "colorbar": {"title": "missiles"},
                "line": {"width": 1, "color": "#333"}, "opacity": 0.85}))
    base_layout(fig, TITLE)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 28}, meta={"coverage": note})
    fig.add_annotation(text=esc(note) + " (vague or unreported sites, e.g. 'east coast')", xref="paper",
                       yref="paper", x=0, y=0, yshift=-6, xanchor="left", yanchor="top", showarrow=False,
                       font={"size": 12}, name="coverage")
    fig.update_geos(scope="asia", resolution=50, lataxis_range=[33, 44], lonaxis_range=[123, 132],
                    showcountries=True, countrycolor="#888", showland=True, landcolor="#f3f3ef",
                    showocean=True, oceancolor="#e6f0f7", projection_type="mercator")
    return fig
