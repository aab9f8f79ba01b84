"""The page, built per page load from the view registry and the schema registry (fresh data each time)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from dash import dcc, html

from tracker import schema
from tracker.filters import CHOICE_FILTERS, date_limits, filter_spec
from tracker.load import Dataset
from tracker.reconcile.evidence import where_evidence_ends
from tracker.values import day
from tracker.views import GRAPH_CONFIG, PAGE_DRAWN, VIEW_IDS, VIEWS, View

PAGE_GRAPH_CONFIG = {**GRAPH_CONFIG, "modeBarButtonsToRemove": [*GRAPH_CONFIG["modeBarButtonsToRemove"],
                                                                  "toImage"]}  # the page has its own PNG button
STORY_CAPTION = ("25 May 2022, about 06:00 Korea time: the DPRK fires an ICBM-class missile and two short-range "
                 "missiles. 26 May in New York: a US draft that would have cut the DPRK's oil caps gets 13 votes "
                 "but is vetoed by China and Russia, the first vetoes of a DPRK sanctions text since 2006.")
LICENCE = "Data: CC BY 4.0. Code: MIT."
DATA_CHECK_SECONDS = 60  # a page left open picks up changed files within a minute ($TRACKER_DATA_CHECK_SECONDS)
CITE = ("DPRK launches and the UN Security Council (dataset), version of {date}. Cite with the CITATION.cff file in "
        "the repository; every row carries its own source URL.")


def _data_check_seconds() -> float:
    try:
        return max(float(os.environ.get("TRACKER_DATA_CHECK_SECONDS", DATA_CHECK_SECONDS)), 1.0)
    except ValueError:
        return DATA_CHECK_SECONDS


def only_id(spec, choice: str) -> dict:
    return {"kind": "only", "widget": spec.widget, "choice": choice}


def _checklist(spec) -> html.Fieldset:
    """The choices, each with an "only" button beside it (CSS lays the two lists out as one grid)."""
    words = {o: o.replace("_", " ") for o in spec.choices}
    return html.Fieldset(className="filter choices", children=[
        html.Legend(spec.legend),
        dcc.Checklist(id=spec.widget, options=[{"label": words[o], "value": o} for o in spec.choices],
                      value=list(spec.choices), className="checklist", inputClassName="check"),
        html.Div(className="only-list", children=[
            html.Button(["only", html.Span(f" {words[o]}", className="visually-hidden")], id=only_id(spec, o),
                        className="only", n_clicks=0, title=f"Only {words[o]}") for o in spec.choices])])


def filter_panel() -> html.Aside:
    low, high = date_limits()
    return html.Aside(id="filters", className="filters", **{"aria-label": "Filters"}, children=[
        html.H2("Filters"),
        html.Fieldset(className="filter dates", children=[
            html.Legend("Dates"),
            html.Label([html.Span("from"), dcc.Input(id="date-from", type="date", min=low, max=high)],
                       className="date"),
            html.Label([html.Span("to"), dcc.Input(id="date-to", type="date", min=low, max=high)], className="date"),
            html.P(id="date-warning", className="warning", role="status")]),
        *(_checklist(spec) for spec in CHOICE_FILTERS),
        html.Button("Reset filters", id="reset", className="button secondary", n_clicks=0),
        html.P("The address bar holds these filters: copy the URL to share this view.", className="hint"),
    ])


def banner(dataset: Dataset, maintainer: bool = False) -> html.Div | None:
    """Viewers get a short notice; maintainers (`serve --maintainer`, TRACKER_MAINTAINER=1) also the validator's
    messages, which the log and `python -m tracker validate` always give."""
    if not dataset.problems:
        return None
    date = day(dataset.data_date) or "no data yet"
    notice = html.Strong(f"The data files are being updated: this page shows the last valid version of the data "
                         f"(as of {date}).")
    if not maintainer:
        return html.Div(id="data-error", role="status", className="banner", children=[notice])
    shown = [str(replace(p, file=Path(p.file).name)) for p in dataset.problems[:20]]  # never server paths
    more = len(dataset.problems) - len(shown)
    return html.Div(id="data-error", role="alert", className="banner", children=[
        notice, html.P("Maintainer mode. The validator says:"),
        html.Pre("\n".join(shown) + (f"\n… and {more} more" if more > 0 else "")),
    ])


def _button(label: str, id_, **kw) -> html.Button:
    return html.Button(label, id=id_, className="button small", n_clicks=0, **kw)


def data_label(view: View) -> str:
    """One table: its CSV; several: a zip of CSVs, and the button says so."""
    return "Download data (CSV)" if len(view.tables) == 1 else "Download data (zip of CSVs)"


def chart(view: View) -> html.Figure:
    config = {**PAGE_GRAPH_CONFIG, "toImageButtonOptions": {"format": "png", "filename": view.slug, "scale": 2}}
    if view.id == "map":
        config["topojsonURL"] = "/assets/topojson/"
    return html.Figure(className="chart", children=[
        html.H2(view.title, id=f"title-{view.id}", className="chart-title", **{"data-filename": view.slug}),
        dcc.Loading(dcc.Graph(id=view.graph_id, config=config, className=f"graph graph-{view.id}",
                              figure={"data": [], "layout": {}}), type="dot", delay_show=300),
        html.Figcaption(className="sources", children=[
            html.P(view.note),
            html.Div(className="chart-actions", children=[
                _button("Download PNG", {"kind": "png", "view": view.id}),
                _button(data_label(view), {"kind": "csv", "view": view.id}),
                _button("Download interactive HTML", {"kind": "html", "view": view.id}),
                _button("View as table", {"kind": "as-table", "view": view.id})])]),
    ])


def grid_id(table_name: str) -> dict:
    return {"kind": "grid", "table": table_name}


def _grid(table: schema.Table):
    import dash_ag_grid as dag

    # Rows carry their id (row-id in the DOM): Enter on a row opens its detail (assets/keyboard.js).
    return dag.AgGrid(id=grid_id(table.name), rowData=[], columnDefs=[], className="ag-theme-quartz grid",
                      getRowId=f"params.data.{table.primary_key}",
                      dashGridOptions={"pagination": True, "paginationPageSize": 50, "enableCellTextSelection": True,
                                       "ensureDomOrder": True},
                      defaultColDef={"sortable": True, "filter": True, "resizable": True})


def table_grids() -> list:
    """One grid per table of the registry. Sent when the Table view first opens, so AG Grid (its 1.3 MB component
    bundle and its 870 KB chunk) loads then and not with the first page; the grids then stay, with their sort,
    filters and search."""
    children = []
    for table in schema.TABLES:
        children += [html.Div(className="table-head", children=[
            html.H3(table.title), _button(f"Download {table.title.lower()} (CSV)", {"kind": "grid-csv",
                                                                                      "table": table.name})]),
            html.Div(_grid(table), className=f"grid-box grid-{table.name}")]
    return children


def _section(view: View) -> html.Section:
    children: list = []
    if view.build:
        children.append(chart(view))
    if view.id == "timeline":
        children.insert(0, html.Div(className="story", children=[
            html.Button("2022: ICBM launch and the veto", id="story", className="button", n_clicks=0),
            html.P(STORY_CAPTION, id="story-caption", className="caption", hidden=True)]))
    if view.id == "response":
        children += [html.H3("ICBM launches and nuclear tests: the Council's first action"),
                     html.Div(id="major-tests", className="table-wrap")]
    if view.id == "table":
        children += [html.Div(className="table-tools", children=[
            html.Label(["Search the tables ", dcc.Input(id="quick-filter", type="search", debounce=False,
                                                        placeholder="e.g. Hwasong-17")])])]
        children += [dcc.Store(id="grid-library"),  # "loaded" once AG Grid's component bundle is in the page
                     html.Div(id="table-grids"),  # table_grids(), sent on the first visit to the Table view
                     html.P(VIEWS[0].note, className="sources")]
    return html.Section(id=f"section-{view.id}", className="view", hidden=view.id != "timeline",
                        **{"aria-label": view.label}, children=children)


def detail_drawer() -> html.Aside:
    return html.Aside(id="detail-drawer", className="drawer", hidden=True, tabIndex="-1",
                      **{"aria-label": "Row detail"},
                      children=[html.Button("Close ×", id="detail-close", className="button small close", n_clicks=0),
                                html.Div(id="detail", **{"aria-live": "polite"})])


def data_date_line(dataset: Dataset) -> str:
    return f"Data as of {day(dataset.data_date) or 'no data yet'} (latest row). "


def evidence_line(dataset: Dataset) -> str:
    return where_evidence_ends(dataset.frames.get("reconciliation_runs")) + " "


def cite_line(dataset: Dataset) -> str:
    return CITE.format(date=day(dataset.data_date) or "no data yet")


def about(dataset: Dataset) -> html.Section:
    return html.Section(id="about", className="about", **{"aria-label": "Sources and licence"}, children=[
        html.H2("Sources, licence, citation"),
        html.P(VIEWS[0].note),
        html.P(["Counting rules and the schema: datasets/README.md. Data Package: datasets/datapackage.json. ",
                LICENCE]),
        html.P(cite_line(dataset), id="cite"),
    ])


def page_layout(dataset: Dataset, program_urls: list[str] | None = None, maintainer: bool = False,
                public_url: str | None = None) -> html.Div:
    """The page. The in-page views' programs are not in it: `program_urls` (one per view of PAGE_DRAWN) name their
    immutable files, which the page fetches (tracker/program_files.py). `public_url`: the address exports print
    (None: the address bar's, said to be local)."""
    return html.Div(className="page", lang="en", children=[
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="view-ids", data=list(VIEW_IDS)),
        dcc.Store(id="filter-spec", data=filter_spec()),
        dcc.Store(id="data-version", data=dataset.version),
        dcc.Store(id="server-filters"),
        dcc.Store(id="public-url", data=public_url),
        dcc.Store(id="row-pick"),  # {table, id}: Enter on a table row (assets/keyboard.js)
        dcc.Store(id="file-suffix", data=""),
        dcc.Interval(id="data-check", interval=1000 * _data_check_seconds()),
        dcc.Store(id="program-urls", data=program_urls or []),
        *(dcc.Store(id=v.program_id) for v in PAGE_DRAWN),  # filled by fetchPrograms (assets/clientside.js)
        dcc.Download(id="download"),
        dcc.Download(id="download-table"),
        html.A("Skip to the chart", href="#views", className="skip-link"),
        html.Header(className="masthead", children=[
            html.H1("DPRK launches and the UN Security Council"),
            html.P("Every reported North Korean missile launch, space launch and nuclear test, and every Security "
                   "Council action on the DPRK, on one date axis, with a source on every row.", className="lede"),
            html.P(id="headline", className="headline", **{"aria-live": "polite"}),
            html.P(id="counts", className="counts"),
            html.P(id="filter-words", className="filter-words"),
        ]),
        banner(dataset, maintainer),
        html.Div(className="toolbar", children=[
            dcc.RadioItems(id="view", options=[{"label": v.label, "value": v.id} for v in VIEWS], value="timeline",
                           inline=True, className="view-switch", inputClassName="view-radio",
                           labelClassName="view-pill"),
            html.Button("Filters", id="filters-toggle", className="button secondary filters-toggle", n_clicks=0,
                        **{"aria-controls": "filters", "aria-expanded": "false"}),
            html.Button("Copy link", id="copy-link", className="button secondary", n_clicks=0),
            html.Span(id="copy-status", className="hint", role="status"),
        ]),
        html.Div(className="body", children=[
            html.Main(id="views", className="views", tabIndex="-1", children=[_section(v) for v in VIEWS]),
            filter_panel()]),
        detail_drawer(),
        about(dataset),
        html.Footer(className="footer", children=[
            html.Span(data_date_line(dataset), id="data-date"),
            html.Span(evidence_line(dataset), id="evidence-ends"),
            html.Span(LICENCE)]),
    ])
