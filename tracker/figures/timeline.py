"""The core view: launches in lanes by class and Council actions in their own lane, on one date axis."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from tracker.derive import links
from tracker.figures.style import (ACTION_STYLE, CLASS_COLOURS, COUNCIL_LANE, LANES, empty_figure, esc,
                                   layout_dict)
from tracker.rules import split_list

GL_THRESHOLD = 4000  # above this many points, WebGL markers keep redraws fast (the range slider is dropped)
STORY_RANGE = ("2022-05-15", "2022-06-06")
TITLE = "DPRK launches and UN Security Council actions"


def day(value: pd.Timestamp) -> str:
    return f"{value.day} {value:%b %Y}" if pd.notna(value) else ""


def marker_size(count: pd.Series) -> list[float]:
    return [min(11 + 5 * math.sqrt(c - 1), 36) for c in count.fillna(1).astype(int)]


def launch_hover(rows: pd.DataFrame) -> list[str]:
    texts = []
    for r in rows.itertuples():
        facts = [f"<b>{esc(r.missile_name)}</b> ({esc(r.missile_class)}) × {r.count}",
                 f"{day(r.date)} (Korea time){' ' + esc(r.time_kst) if isinstance(r.time_kst, str) else ''}",
                 f"{esc(r.kind).replace('_', ' ')}, outcome: {esc(r.outcome)}"]
        measures = [f"{label} {value:,.0f} km" for label, value in (("apogee", r.apogee_km), ("range", r.range_km))
                    if pd.notna(value)]
        if measures:
            facts.append(", ".join(measures))
        if isinstance(r.launch_site, str):
            facts.append(f"site: {esc(r.launch_site)}")
        if isinstance(r.dprk_claim, str):
            facts.append(f"KCNA claim: {esc(r.dprk_claim)[:120]}")
        facts.append(f"<i>{esc(r.id)} · click for the source</i>")
        texts.append("<br>".join(facts))
    return texts


def action_hover(rows: pd.DataFrame) -> list[str]:
    texts = []
    for r in rows.itertuples():
        label = ACTION_STYLE.get(r.kind, ("", "", r.kind))[2]
        facts = [f"<b>{label}</b> {esc(r.symbol)}", f"{day(r.date)} (New York)", esc(r.summary)[:140]]
        if pd.notna(r.votes_for):
            facts.append(f"vote: {r.votes_for} for, {r.votes_against} against, {r.abstentions} abstaining")
        if split_list(r.vetoed_by):
            facts.append(f"vetoed by {esc(', '.join(split_list(r.vetoed_by)))}")
        answered = len(split_list(r.responds_to))
        if answered:
            facts.append(f"answers {answered} launch row{'s' if answered != 1 else ''}")
        facts.append(f"<i>{esc(r.id)} · click for the source</i>")
        texts.append("<br>".join(facts))
    return texts


def _hover(rows: pd.DataFrame, build) -> list[str]:
    return rows["_hover"].tolist() if "_hover" in rows else build(rows)


def with_hover_text(launches: pd.DataFrame, actions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hover texts computed once per dataset version, so a filter change only slices them."""
    return (launches.assign(_hover=launch_hover(launches) if len(launches) else []),
            actions.assign(_hover=action_hover(actions) if len(actions) else []))


def _marker_trace(gl: bool, **kwargs) -> dict:
    return {"type": "scattergl" if gl else "scatter", "mode": "markers",
            "hovertemplate": "%{text}<extra></extra>", **kwargs}


def _iso(dates: pd.Series) -> list[str]:
    return dates.dt.strftime("%Y-%m-%d").tolist()


def timeline_figure(launches: pd.DataFrame, actions: pd.DataFrame, show_links: bool = True,
                    x_range: tuple[str | None, str | None] = (None, None)) -> go.Figure:
    """Markers sized by missiles fired; nuclear tests as stars with a dashed rule; links action -> launches.

    `x_range` (the date filter) pins the axis to the window asked for, padded by a day on each side.
    Traces are plain dicts and the figure skips Plotly's per-property validation: that validation, not the
    data, was most of a filter callback's time (see benchmarks/README.md).
    """
    if launches.empty and actions.empty:
        return empty_figure(TITLE, "No launches or Council actions match these filters.")
    gl = len(launches) + len(actions) > GL_THRESHOLD
    traces = _link_traces(launches, actions) if show_links and not gl else []
    for lane in LANES:
        rows = launches[launches["missile_class"] == lane]
        if rows.empty:
            continue
        nuclear = lane == "nuclear"
        traces.append(_marker_trace(
            gl, name=f"{lane} ({int(rows['count'].sum())})", x=_iso(rows["date"]), y=[lane] * len(rows),
            text=_hover(rows, launch_hover), customdata=[["launches", i] for i in rows["id"]],
            marker={"size": 22 if nuclear else marker_size(rows["count"]), "color": CLASS_COLOURS[lane],
                    "symbol": "star" if nuclear else "circle", "opacity": 0.85,
                    "line": {"width": 1, "color": "#222" if nuclear else "white"}},
            meta={"table": "launches"}))
    for kind, (colour, symbol, label) in ACTION_STYLE.items():
        rows = actions[actions["kind"] == kind]
        if rows.empty:
            continue
        vetoed = kind == "vetoed_draft"
        traces.append(_marker_trace(
            gl, name=f"{label} ({len(rows)})", x=_iso(rows["date"]), y=[COUNCIL_LANE] * len(rows),
            text=_hover(rows, action_hover), customdata=[["council_actions", i] for i in rows["id"]],
            marker={"size": 16 if vetoed else 12, "color": colour, "symbol": symbol,
                    "line": {"width": 2 if vetoed else 1, "color": colour if vetoed else "white"}},
            meta={"table": "council_actions"}))
    nuclear_rules = [{"type": "line", "xref": "x", "yref": "paper", "x0": day_, "x1": day_, "y0": 0, "y1": 1,
                      "opacity": 0.5, "line": {"color": "#000", "width": 1, "dash": "dash"}}
                     for day_ in _iso(launches.loc[launches["kind"] == "nuclear_test", "date"])]
    lanes = [COUNCIL_LANE, *(lane for lane in LANES if lane in set(launches["missile_class"]))]
    xaxis = {"type": "date", "rangeslider": {"visible": not gl, "thickness": 0.07}, "rangeselector": {
        "x": 1, "xanchor": "right", "y": 1.01, "yanchor": "bottom", "buttons": [
            {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
            {"count": 5, "label": "5y", "step": "year", "stepmode": "backward"},
            {"step": "all", "label": "all"}]}}
    if x_range[0] and x_range[1]:
        pad = pd.Timedelta(days=1)
        xaxis["range"] = [f"{pd.Timestamp(x_range[0]) - pad:%Y-%m-%d}", f"{pd.Timestamp(x_range[1]) + pad:%Y-%m-%d}"]
    layout = layout_dict(TITLE, height=max(420, 190 + 40 * len(lanes)))
    layout.update(
        shapes=nuclear_rules, xaxis=xaxis, clickmode="event", margin={"l": 10, "r": 10, "t": 150, "b": 20},
        yaxis={"categoryorder": "array", "categoryarray": lanes[::-1], "title": None, "fixedrange": True},
        legend={"orientation": "h", "y": 1.01, "yanchor": "bottom", "x": 0, "font": {"size": 11}},
        title={**layout["title"], "y": 0.99, "yref": "container", "yanchor": "top"})
    return go.Figure(data=traces, layout=layout, _validate=False)


def _link_traces(launches: pd.DataFrame, actions: pd.DataFrame) -> list[dict]:
    pairs = links(launches, actions)
    if pairs.empty:
        return []
    xs, ys = [], []
    for action_date, launch_date, lane in pairs[["action_date", "launch_date", "missile_class"]].itertuples(
            index=False):
        xs += [f"{action_date:%Y-%m-%d}", f"{launch_date:%Y-%m-%d}", None]
        ys += [COUNCIL_LANE, lane, None]
    return [{"type": "scatter", "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip",
             "line": {"color": "rgba(90,90,90,0.28)", "width": 1}, "name": "Action → launches it answers"}]
