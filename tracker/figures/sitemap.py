"""Map of launch sites, sized by launch groups, drawn from topojson shipped in assets/ (works offline)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tracker.figures.style import base_layout, empty_figure, esc
from tracker.values import day

TITLE = "Launch sites (marker area: launch groups; colour: missiles fired)"


def site_table(launches: pd.DataFrame) -> pd.DataFrame:
    located = launches.dropna(subset=["lat", "lon"])
    site = located["launch_site"].fillna("unnamed site")
    return (located.assign(site=site).groupby(["site", "lat", "lon"], as_index=False)
            .agg(groups=("id", "size"), missiles=("count", "sum"), first=("date", "min"), last=("date", "max"))
            .sort_values("groups", ascending=False))


def site_map_figure(launches: pd.DataFrame) -> go.Figure:
    sites = site_table(launches)
    if sites.empty:
        return empty_figure(TITLE, "No launch in this selection has site coordinates.")
    text = [f"<b>{esc(r.site)}</b><br>{r.groups} launch groups, {r.missiles} missiles<br>"
            f"{day(r.first)} to {day(r.last)}" for r in sites.itertuples()]
    fig = go.Figure(go.Scattergeo(
        lat=sites["lat"], lon=sites["lon"], text=text, hovertemplate="%{text}<extra></extra>", mode="markers",
        marker={"size": [6 + 3 * g ** 0.5 for g in sites["groups"]], "color": sites["missiles"],
                "colorscale": "Cividis", "showscale": True, "colorbar": {"title": "missiles"},
                "line": {"width": 1, "color": "#333"}, "opacity": 0.85}))
    base_layout(fig, TITLE)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0})
    fig.update_geos(scope="asia", resolution=50, lataxis_range=[33, 44], lonaxis_range=[123, 132],
                    showcountries=True, countrycolor="#888", showland=True, landcolor="#f3f3ef",
                    showocean=True, oceancolor="#e6f0f7", projection_type="mercator")
    return fig
