"""The view registry: each view declares its id, label, graph, figure builder, sources note and file names.

The layout, the callbacks, the downloads and the HTML export read this list; adding a view is one entry here
(and its figure builder). Builders take the filtered `Dataset` and the `Filters` and return a `go.Figure`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from tracker.filters import Filters
from tracker.load import Dataset

# Plotly's toolbar without anything that leaves the machine (no "share" to a cloud host, no Chart Studio links).
GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False, "showEditInChartStudio": False,
                "showLink": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
SOURCES = ("Data: launches.csv (one marker = one launch group: same missile type, same Korea date, same site), "
           "council_actions.csv (UN resolutions, statements and vetoed drafts) and context_events.csv. Every row "
           "cites the public source it was checked against (CNS/NTI, ROK JCS, Japan MOD, UN press releases and "
           "documents). Launch dates are Korea Standard Time; Council dates are New York dates, so a launch and its "
           "answer can look a day further apart than they were.")


@dataclass(frozen=True)
class View:
    id: str
    label: str  # the view switch
    title: str  # the heading above the chart, and the PNG's title
    build: Callable[[Dataset, Filters], object] | None  # None: the view has no graph
    note: str = SOURCES
    slug: str = ""  # file names of the PNG, CSV and HTML downloads
    tables: tuple[str, ...] = ("launches", "council_actions")  # what "Download data" gives
    clickable: bool = True  # a click on a point opens its row
    build_json: Callable[[Dataset, Filters], dict] | None = None  # faster path for the callback, same figure
    export_height: int = 520  # px in an exported HTML file (the page sets heights by CSS)
    # Drawn in the page: the whole dataset as a program the page filters itself (assets/<view id>.js `figure`),
    # so a filter change needs no round trip. `build` stays the reference (exports, tests).
    program: Callable[[Dataset], dict] | None = None

    @property
    def program_id(self) -> str | None:
        return f"program-{self.id}" if self.program else None

    @property
    def graph_id(self) -> str | None:
        return f"graph-{self.id}" if self.build else None

    def figure_json(self, data: Dataset, f: Filters) -> dict:
        """What the graph's callback sends: the figure as JSON (built directly where a view knows how)."""
        return self.build_json(data, f) if self.build_json else self.build(data, f).to_plotly_json()


def _timeline(data: Dataset, f: Filters):
    from tracker.figures.timeline import timeline_figure

    return timeline_figure(data, x_range=(f.start, f.end))


def _timeline_json(data: Dataset, f: Filters) -> dict:
    from tracker.figures.timeline import timeline_json

    return timeline_json(data, x_range=(f.start, f.end))


def _timeline_program(data: Dataset) -> dict:
    from tracker.figures.timeline_program import timeline_program

    return timeline_program(data)


def _response(data: Dataset, f: Filters):
    from tracker.figures.response import response_figure

    return response_figure(data)


def _response_json(data: Dataset, f: Filters) -> dict:
    from tracker.figures.response import response_json

    return response_json(data)


def _yearly(data: Dataset, f: Filters):
    from tracker.figures.yearly import yearly_figure

    return yearly_figure(data)


def _sanctions(data: Dataset, f: Filters):
    from tracker.figures.sanctions import sanctions_figure

    return sanctions_figure(data.whole.actions, until=data.whole.data_date, window=(f.start, f.end))


def _map(data: Dataset, f: Filters):
    from tracker.figures.sitemap import site_map_figure

    return site_map_figure(data.launches, data["sites"])


VIEWS: tuple[View, ...] = (
    View("timeline", "Timeline", "DPRK launches and UN Security Council actions", _timeline,
         slug="dprk-launches-and-council-timeline", tables=("launches", "council_actions", "context_events"),
         build_json=_timeline_json, export_height=640, program=_timeline_program),
    View("response", "Response", "Did the Council answer, and how fast? Days from each launch to its first answer",
         _response, slug="dprk-council-response-lag", build_json=_response_json),
    View("yearly", "By year", "Missiles fired per year, by class, and Council actions per year", _yearly,
         slug="dprk-launches-per-year", clickable=False, export_height=600),
    View("sanctions", "Sanctions", "Oil supply caps on the DPRK set by Council texts (barrels per year)",
         _sanctions, slug="dprk-oil-caps", tables=("council_actions",),
         note="Data: council_actions.csv, columns refined_petroleum_cap_bbl and crude_oil_cap_bbl, as set by "
              "resolutions 2375 and 2397 (2017) and the vetoed draft of 26 May 2022. Steps start on the date of "
              "adoption or vote (New York). Caps in force do not depend on the date filter: the whole history is "
              "drawn and the selected dates are shaded."),
    View("map", "Map", "Launch sites (marker area: launch groups; colour: missiles fired)", _map,
         slug="dprk-launch-sites", tables=("launches",), clickable=False, export_height=560,
         note="Data: launches.csv; each row's launch_site is looked up in sites.csv (CNS facility coordinates and "
              "the sources cited there; a row's own lat/lon override it). Rows whose site is vague or unreported "
              "are counted under the map, not drawn. Impact points are not in the dataset yet. Map: Natural Earth / "
              "UN topojson shipped with the app (no network)."),
    View("table", "Table", "Every row, searchable", None, slug="dprk-tracker",
         tables=("launches", "council_actions", "context_events"), clickable=False),
)
VIEW_IDS = tuple(v.id for v in VIEWS)
GRAPH_VIEWS = tuple(v for v in VIEWS if v.build)
SERVER_DRAWN = tuple(v for v in GRAPH_VIEWS if not v.program)
PAGE_DRAWN = tuple(v for v in GRAPH_VIEWS if v.program)


def view_named(view_id: str) -> View:
    return next((v for v in VIEWS if v.id == view_id), VIEWS[0])


def chart_data(view: View, data: Dataset) -> dict[str, pd.DataFrame]:
    """Exactly the rows a view's chart shows, per table (sanctions: the texts that set caps)."""
    frames = {name: data[name] for name in view.tables if name in data.frames}
    if view.id == "sanctions":
        actions = data.whole.actions
        capped = actions[["crude_oil_cap_bbl", "refined_petroleum_cap_bbl"]].notna().any(axis=1)
        frames = {"council_actions": actions[capped]}
    if view.id == "map":
        from tracker.sites import locate

        frames = {"launches": locate(data.launches, data["sites"]).dropna(subset=["lat", "lon"])}
    return frames
