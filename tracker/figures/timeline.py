"""The core view: launches in lanes by class, Council actions and context in their own lanes, one date axis."""

from __future__ import annotations

import math
from itertools import repeat

import pandas as pd
import plotly.graph_objects as go

from tracker.derive import answered_mask, links
from tracker.figures.hover import hover_texts
from tracker.figures.style import (ACTION_STYLE, CLASS_COLOURS, CONTEXT_LANE, COUNCIL_LANE, EVENT_STYLE, LANES,
                                   UNANSWERED_NOTE, empty_figure, esc, layout_dict)
from tracker.load import Dataset
from tracker.values import day, days_text, split_list

GL_THRESHOLD = 4000  # above this many points, WebGL markers keep redraws fast
TITLE = "DPRK launches and UN Security Council actions"
MAJOR = ("ICBM", "nuclear")
EMPTY_MESSAGE = "No launches or Council actions match these filters."


def marker_size(counts) -> list[float]:
    """Marker diameter from missiles fired (area grows with the count), capped; `counts` are whole numbers."""
    return [min(11 + 5 * math.sqrt(c - 1), 36) for c in counts]


def _iso(dates: pd.Series) -> list[str]:
    return dates.dt.strftime("%Y-%m-%d").tolist()


def _markers(gl: bool, **kwargs) -> dict:
    return {"type": "scattergl" if gl else "scatter", "mode": "markers", "cliponaxis": False,
            "hovertemplate": "%{text}<extra></extra>", **kwargs}


def launch_traces(launches: pd.DataFrame, answered: pd.Series, hover: pd.Series, gl: bool) -> list[dict]:
    """One trace per lane and answered/unanswered. Columns are pulled out as arrays once and cut with masks:
    filtering the whole frame per lane copied every column (most of the callback's time at 10x)."""
    classes = launches["missile_class"].to_numpy()
    is_answered = answered.loc[launches.index].to_numpy(dtype=bool)
    texts = hover.loc[launches.index].to_numpy(dtype=object)
    iso = launches["date"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    ids = launches["id"].to_numpy(dtype=object)
    fired = launches["count"].fillna(1).astype(int).to_numpy()
    fired_sum = launches["count"].fillna(0).astype(int).to_numpy()
    traces = []
    for lane in LANES:
        in_lane = classes == lane
        total = int(in_lane.sum())
        if not total:
            continue
        colour, nuclear = CLASS_COLOURS[lane], lane == "nuclear"
        for answered_part in (True, False):
            mask = in_lane & (is_answered == answered_part)
            n = int(mask.sum())
            if not n:
                continue
            major = lane in MAJOR and not answered_part
            size = 22 if nuclear else marker_size(fired[mask].tolist())
            traces.append(_markers(
                gl, name=f"{lane} ({int(fired_sum[in_lane].sum())})", legendgroup=lane,
                showlegend=answered_part or n == total, x=iso[mask].tolist(), y=[lane] * n, text=texts[mask].tolist(),
                customdata=[["launches", i] for i in ids[mask].tolist()],
                meta={"table": "launches", "answered": answered_part},
                marker={"size": size, "color": colour if answered_part else "#FFFFFF",
                        "symbol": "star" if nuclear else "circle", "opacity": 0.9 if answered_part else 1,
                        "line": {"width": (3 if major else 2) if not answered_part else 1,
                                 "color": colour if not answered_part else ("#222" if nuclear else "#FFFFFF")}}))
    return traces


def action_traces(actions: pd.DataFrame, hover: pd.Series, gl: bool) -> list[dict]:
    traces = []
    for kind, (colour, symbol, label) in ACTION_STYLE.items():
        rows = actions[actions["kind"] == kind]
        if rows.empty:
            continue
        vetoed, hollow = kind == "vetoed_draft", symbol.endswith("-open")  # an open symbol is drawn by its line
        traces.append(_markers(
            gl, name=f"{label} ({len(rows)})", x=_iso(rows["date"]), y=[COUNCIL_LANE] * len(rows),
            text=hover[rows.index].tolist(), customdata=[["council_actions", i] for i in rows["id"]],
            meta={"table": "council_actions"},
            marker={"size": 16 if vetoed else 12, "color": colour, "symbol": symbol,
                    "line": {"width": 3 if vetoed else 2 if hollow else 1,
                             "color": colour if vetoed or hollow else "#FFFFFF"}}))
    return traces


def event_traces(events: pd.DataFrame, hover: pd.Series, gl: bool) -> list[dict]:
    """One trace for the whole context lane (one legend entry toggles it), a symbol per kind; periods as bars."""
    styles = [EVENT_STYLE[k] for k in events["kind"]]
    traces = [_markers(
        gl, name=f"Context events ({len(events)})", x=_iso(events["date"]), y=[CONTEXT_LANE] * len(events),
        text=hover[events.index].tolist(), customdata=[["context_events", i] for i in events["id"]],
        meta={"table": "context_events"}, legendgroup="context",
        marker={"size": 11, "color": [c for c, _, _ in styles], "symbol": [s for _, s, _ in styles],
                "line": {"width": 2, "color": [c for c, _, _ in styles]}})]
    periods = events[events["end_date"].notna()]
    if not periods.empty:
        xs, ys = [], []
        for start, end in periods[["date", "end_date"]].itertuples(index=False):
            xs += [f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", None]
            ys += [CONTEXT_LANE, CONTEXT_LANE, None]
        traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys, "hoverinfo": "skip",
                       "line": {"color": "rgba(80,80,80,0.35)", "width": 7}, "name": "Periods",
                       "legendgroup": "context", "showlegend": False})
    return traces


def unanswered_note_trace() -> dict:
    """A legend entry only: what a hollow marker means."""
    return {"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": UNANSWERED_NOTE,
            "marker": {"symbol": "circle-open", "size": 11, "color": "#333", "line": {"width": 2}},
            "hoverinfo": "skip"}


def nuclear_rule(x: str) -> dict:
    """A dashed vertical line through every lane on the day of a nuclear test."""
    return {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1, "opacity": 0.5,
            "line": {"color": "#000", "width": 1, "dash": "dash"}}


def link_traces(launches: pd.DataFrame, actions: pd.DataFrame) -> list[dict]:
    pairs = links(launches, actions)
    if pairs.empty:
        return []
    ends = zip(_iso(pairs["action_date"]), _iso(pairs["launch_date"]), repeat(None))
    xs = [x for segment in ends for x in segment]
    ys = [y for lane in pairs["missile_class"].tolist() for y in (COUNCIL_LANE, lane, None)]
    return [{"type": "scatter", "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip", "legendgroup": "links",
             "line": {"color": "rgba(35,75,130,0.45)", "width": 1.3}, "name": "Action → launches"}]


def story_candidates(launches: pd.DataFrame, actions: pd.DataFrame) -> list[tuple[str, list[tuple[str, dict]]]]:
    """Per vetoed draft that answers launches: (draft id, [(launch id, its label)...]), the launch to name first.

    The label names the latest launch the draft answers (ICBM and nuclear first on the same day); the page's
    client-side filter (assets/timeline.js) shows the first candidate whose launch the filters keep.
    """
    vetoed = actions[actions["kind"] == "vetoed_draft"]
    if vetoed.empty or launches.empty:
        return []
    pairs = pd.DataFrame([(n, lid) for n, targets in enumerate(vetoed["responds_to"]) for lid in split_list(targets)],
                         columns=["draft", "id"])
    pairs = pairs.merge(launches[["id", "date", "missile_class"]], on="id")
    pairs["rank"] = pairs["missile_class"].map(lambda c: MAJOR.index(c) if c in MAJOR else len(MAJOR))
    ordered = pairs.sort_values(["draft", "date", "rank"], ascending=[True, False, True], kind="stable")
    rows = list(vetoed.itertuples())
    stories = []
    for n, group in ordered.groupby("draft", sort=True):
        r = rows[n]
        vetoes = ", ".join(split_list(r.vetoed_by))
        stories.append((r.id, [(lid, {
            "x": f"{r.date:%Y-%m-%d}", "y": COUNCIL_LANE, "xref": "x", "yref": "y", "showarrow": True, "arrowhead": 2,
            "ax": -50, "ay": 44, "align": "left", "bgcolor": "rgba(255,255,255,0.9)", "bordercolor": "#0B4F8A",
            "font": {"size": 11},
            "text": (f"{day(r.date)}: veto {r.votes_for}-{r.votes_against}<br>({esc(vetoes)}), "
                     f"{days_text((r.date - launch_date).days)} after<br>"
                     f"the {esc(launch_class)} of {day(launch_date)}")})
            for lid, launch_date, launch_class in group[["id", "date", "missile_class"]].itertuples(index=False)]))
    return stories


def _story_annotations(launches: pd.DataFrame, actions: pd.DataFrame) -> list[dict]:
    """Each vetoed draft that answers launches, labelled with its vote, its vetoes and its lag."""
    return [candidates[0][1] for _, candidates in story_candidates(launches, actions)]


def shading_items(events: pd.DataFrame) -> list[dict]:
    """Moratoria (shaded start to end) and monitoring bodies that ended (the gap after, to the end of the data)."""
    items = []
    for r in events.itertuples():
        if pd.isna(r.end_date) or r.kind not in ("moratorium", "monitoring"):
            continue
        gap = r.kind == "monitoring"
        detail = (f"Since {day(r.end_date)}: {esc(r.title)} ended" if gap
                  else f"{esc(r.title)}, {day(r.date)} to {day(r.end_date)}")
        x0 = r.end_date if gap else r.date
        items.append({"id": r.id, "gap": gap, "until": f"{r.end_date:%Y-%m-%d}", "shape": {
            "type": "rect", "xref": "x", "yref": "paper", "x0": f"{x0:%Y-%m-%d}", "x1": f"{r.end_date:%Y-%m-%d}",
            "y0": 0, "y1": 1, "fillcolor": "rgba(120,120,120,0.12)", "line": {"width": 0}, "layer": "below"},
            "label": {"x": f"{x0:%Y-%m-%d}", "y": 1, "xref": "x", "yref": "paper", "yanchor": "top",
                      "xanchor": "left", "textangle": -90, "showarrow": False,
                      "text": "monitoring gap" if gap else "test moratorium", "hovertext": detail,
                      "font": {"size": 10, "color": "#333"}}})
    return items


def _shading(events: pd.DataFrame, x_end: pd.Timestamp) -> tuple[list[dict], list[dict]]:
    """Moratoria shaded; after a monitoring body's end, the gap shaded to the end of the data; labels above."""
    shapes, labels = [], []
    end = f"{x_end:%Y-%m-%d}"
    for item in shading_items(events):
        if item["gap"] and not pd.Timestamp(item["until"]) < x_end:
            continue
        shapes.append({**item["shape"], "x1": end} if item["gap"] else item["shape"])
        labels.append(item["label"])
    return shapes, labels


def x_window(data: Dataset, x_range=(None, None)) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The filtered window padded a day each side, or first row to the last data point (no empty future)."""
    if x_range[0] and x_range[1]:
        pad = pd.Timedelta(days=1)
        return pd.Timestamp(x_range[0]) - pad, pd.Timestamp(x_range[1]) + pad
    dates = pd.concat([f["date"] for f in (data.launches, data.actions) if len(f)])
    if dates.empty:
        return None
    first, last = dates.min(), dates.max()
    return first - max((last - first) * 0.01, pd.Timedelta(days=15)), last + (pd.Timedelta(days=15) if first == last
                                                                                else pd.Timedelta(0))


RANGE_YEARS = (("1y", 1), ("5y", 5), ("all", None))  # None: the whole window


def range_buttons(last: pd.Timestamp, window: tuple[pd.Timestamp, pd.Timestamp]) -> list[dict]:
    """1y / 5y / all, counted back from the last data point (not from Plotly's padded autorange)."""
    def button(label, years):
        start, end = (window if years is None else (last - pd.DateOffset(years=years), last))
        return {"label": label, "method": "relayout",
                "args": [{"xaxis.range": [f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"]}]}
    return [{"type": "buttons", "direction": "right", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
             "pad": {"t": 0, "b": 18}, "showactive": False, "font": {"size": 11},
             "buttons": [button(label, years) for label, years in RANGE_YEARS]}]


def timeline_figure(data: Dataset, show_links: bool = True,
                    x_range: tuple[str | None, str | None] = (None, None)) -> go.Figure:
    """Markers sized by missiles fired, hollow when no Council action answers them; nuclear tests as stars."""
    return go.Figure(timeline_json(data, show_links, x_range), _validate=False)


def timeline_json(data: Dataset, show_links: bool = True,
                  x_range: tuple[str | None, str | None] = (None, None)) -> dict:
    """The figure as plain JSON (`{"data", "layout"}`), what the callback sends: no `go.Figure` on the way.

    Traces are plain dicts; building a `go.Figure` and copying it back out (`to_plotly_json` deep-copies every
    list) cost more than building the figure itself.
    """
    launches, actions = data.launches, data.actions
    events = data.frames.get("context_events", pd.DataFrame(columns=["date", "end_date", "kind"]))
    if launches.empty and actions.empty:
        return empty_figure(TITLE, EMPTY_MESSAGE).to_plotly_json()
    whole = data.whole
    hover = hover_texts(whole)
    answered = answered_mask(whole.launches, whole.actions)
    gl = len(launches) + len(actions) > GL_THRESHOLD
    traces = link_traces(launches, actions) if show_links and not gl else []
    traces += launch_traces(launches, answered, hover["launches"], gl)
    traces.append(unanswered_note_trace())
    traces += action_traces(actions, hover["council_actions"], gl)
    if len(events):
        traces += event_traces(events, hover["context_events"], gl)
    window = x_window(data, x_range)
    last = max(f["date"].max() for f in (launches, actions) if len(f))
    nuclear_rules = [nuclear_rule(d) for d in _iso(launches.loc[launches["kind"] == "nuclear_test", "date"])]
    present = set(launches["missile_class"])
    lanes = [COUNCIL_LANE, *(lane for lane in LANES if lane in present), *([CONTEXT_LANE] if len(events) else [])]
    shading, labels = _shading(events, window[1])
    layout = base_layout_json()
    layout.update(shapes=nuclear_rules + shading, annotations=_story_annotations(launches, actions) + labels,
                  updatemenus=range_buttons(last, window))
    layout["xaxis"]["range"] = [f"{window[0]:%Y-%m-%d}", f"{window[1]:%Y-%m-%d}"]
    layout["yaxis"]["categoryarray"] = lanes[::-1]
    return {"data": traces, "layout": layout}


def base_layout_json() -> dict:
    """The timeline's layout without what depends on the rows shown (shapes, labels, buttons, range, lanes)."""
    layout = layout_dict(TITLE)
    layout.update(clickmode="event", hovermode="closest", margin={"l": 10, "r": 16, "t": 40, "b": 10},
                  xaxis={"type": "date", "automargin": True},
                  yaxis={"categoryorder": "array", "title": None, "fixedrange": True, "automargin": True})
    layout["legend"]["traceorder"] = "normal"
    return layout
