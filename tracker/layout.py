"""The page: header, validator banner, filters, one section per view. Built per page load (fresh data)."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html

from tracker.datastore import Snapshot
from tracker.filters import VIEWS
from tracker.schema import ACTION_KINDS, LAUNCH_KINDS, MISSILE_CLASSES, OUTCOMES

VIEW_LABELS = dict(zip(VIEWS, ("Timeline", "Response", "By year", "Sanctions", "Map", "Table")))
STORY_CAPTION = ("25 May 2022, about 06:00 Korea time: the DPRK fires an ICBM-class missile and two short-range "
                 "missiles. 26 May in New York: a US draft that would have cut the DPRK's oil caps gets 13 votes "
                 "but is vetoed by China and Russia, the first vetoes of a DPRK sanctions text since 2006.")
SOURCES = ("Data: datasets/launches.csv (one marker = one launch group: same missile type, same Korea date, "
           "same site) and datasets/council_actions.csv (UN resolutions, statements and vetoed drafts). Every row "
           "cites the public source it was checked against (CNS/NTI, ROK JCS, Japan MOD, UN press releases and "
           "documents); click a marker or open the Table view. Launch dates are Korea Standard Time; Council "
           "dates are New York dates, so a launch and its answer can look a day further apart than they were.")
GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def _checklist(id_: str, legend: str, options: tuple[str, ...]) -> html.Fieldset:
    return html.Fieldset(className="filter", children=[
        html.Legend(legend),
        dcc.Checklist(id=id_, options=[{"label": o.replace("_", " "), "value": o} for o in options],
                      value=list(options), className="checklist", inputClassName="check")])


def filter_panel() -> html.Aside:
    return html.Aside(className="filters", **{"aria-label": "Filters"}, children=[
        html.H2("Filters"),
        html.Fieldset(className="filter", children=[
            html.Legend("Dates"),
            html.Label(["from ", dcc.Input(id="date-from", type="date", min="1984-01-01", debounce=True)],
                       className="date"),
            html.Label(["to ", dcc.Input(id="date-to", type="date", min="1984-01-01", debounce=True)],
                       className="date")]),
        _checklist("classes", "Missile class", MISSILE_CLASSES),
        _checklist("kinds", "Launch kind", LAUNCH_KINDS),
        _checklist("outcomes", "Outcome", OUTCOMES),
        _checklist("action-kinds", "Council action", ACTION_KINDS),
        html.Button("Reset filters", id="reset", className="button secondary", n_clicks=0),
        html.P("The address bar holds these filters: copy the URL to share this view.", className="hint"),
    ])


def banner(snapshot: Snapshot) -> html.Div | None:
    if not snapshot.problems:
        return None
    shown = snapshot.problems[:20]
    more = len(snapshot.problems) - len(shown)
    return html.Div(id="data-error", role="alert", className="banner", children=[
        html.Strong("The dataset on disk has problems; showing the last valid version. The validator says:"),
        html.Pre("\n".join(str(p) for p in shown) + (f"\n… and {more} more" if more > 0 else "")),
    ])


def chart(id_: str, filename: str, note: str = SOURCES) -> html.Figure:
    config = {**GRAPH_CONFIG, "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}
    if id_ == "map":
        config["topojsonURL"] = "/assets/topojson/"
    return html.Figure(className="chart", children=[
        dcc.Loading(dcc.Graph(id=id_, config=config, figure={"data": [], "layout": {"height": 420}}), type="dot"),
        html.Figcaption(className="sources", children=[
            html.Span(note),
            html.Button("Download PNG", id=f"png-{id_}", className="button small", n_clicks=0,
                        **{"data-filename": filename})]),
    ])


def _section(view: str, *children) -> html.Section:
    return html.Section(id=f"section-{view}", className="view", hidden=view != "timeline",
                        **{"aria-label": VIEW_LABELS[view]}, children=list(children))


def _grid(id_: str) -> dag.AgGrid:
    return dag.AgGrid(id=id_, rowData=[], columnDefs=[], className="ag-theme-quartz grid",
                      dashGridOptions={"pagination": True, "paginationPageSize": 50, "enableCellTextSelection": True,
                                       "ensureDomOrder": True},
                      defaultColDef={"sortable": True, "filter": True, "resizable": True})


def table_grids() -> list:
    """The two grids, sent when the Table view is first opened: AG Grid's 870 KB chunk then loads, not before."""
    return [html.H3("Launches"), _grid("launch-grid"), html.H3("Council actions"), _grid("action-grid")]


def views() -> html.Main:
    return html.Main(className="views", children=[
        dcc.RadioItems(id="view", options=[{"label": VIEW_LABELS[v], "value": v} for v in VIEWS],
                       value="timeline", inline=True, className="view-switch", inputClassName="view-radio"),
        _section("timeline",
                 html.Div(className="story", children=[
                     html.Button("2022: ICBM launch and the veto", id="story", className="button", n_clicks=0),
                     html.P(STORY_CAPTION, id="story-caption", className="caption", hidden=True)]),
                 chart("timeline", "dprk-launches-and-council-timeline"),
                 html.Div(id="detail", className="detail", **{"aria-live": "polite"},
                          children=html.P("Click a marker to see its row, its source and its linked rows."))),
        _section("response",
                 chart("response", "dprk-council-response-lag"),
                 html.H3("ICBM launches and nuclear tests: the Council's first action"),
                 html.Div(id="major-tests", className="table-wrap")),
        _section("yearly", chart("yearly", "dprk-launches-per-year")),
        _section("sanctions", chart("sanctions", "dprk-oil-caps",
                                    "Data: datasets/council_actions.csv, columns refined_petroleum_cap_bbl and "
                                    "crude_oil_cap_bbl, as set by resolutions 2375 and 2397 (2017) and the vetoed "
                                    "draft of 26 May 2022. Steps start on the date of adoption or vote (New York).")),
        _section("map", chart("map", "dprk-launch-sites",
                              "Data: datasets/launches.csv, launch rows with lat/lon of the launch site. Impact "
                              "points are not in the dataset yet. Map: Natural Earth / UN topojson shipped with "
                              "the app (no network).")),
        _section("table",
                 html.Div(className="table-tools", children=[
                     html.Label(["Search the tables ", dcc.Input(id="quick-filter", type="search", debounce=False,
                                                                 placeholder="e.g. Hwasong-17")]),
                     html.Button("Download launches (CSV)", id="download-launches", className="button small"),
                     html.Button("Download Council actions (CSV)", id="download-actions", className="button small"),
                     dcc.Download(id="download")]),
                 html.Div(id="table-grids"),  # table_grids(), when the Table view is first opened
                 html.P(SOURCES, className="sources")),
    ])


def page_layout(snapshot: Snapshot) -> html.Div:
    return html.Div(className="page", children=[
        dcc.Location(id="url", refresh=False),
        html.Header(className="masthead", children=[
            html.H1("DPRK launches and the UN Security Council"),
            html.P("Every reported North Korean missile launch, space launch and nuclear test, and every Security "
                   "Council action on the DPRK, on one date axis, with a source on every row.", className="lede"),
            html.P(id="counts", className="counts", **{"aria-live": "polite"}),
        ]),
        banner(snapshot),
        html.Div(className="body", children=[filter_panel(), views()]),
        html.Footer(className="footer", children=[
            html.Span("Open data and code. Launch rows follow the counting rules in datasets/README.md. "),
            html.Span(f"Dataset version {snapshot.version}.")]),
    ])
