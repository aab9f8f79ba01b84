"""Thin glue: (dataset, filters) -> figures and tables, clicks -> detail, downloads; the page's own code (assets/)
keeps widgets <-> URL and draws the timeline from its program, so a filter change there needs no round trip.

Every callback reads the data store once (`store.current()`), so a reload between two reads can never mix
versions; the logic lives in filters.py, views.py, detail.py, summary.py and grids.py, tested without a browser.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from dash import ALL, ClientsideFunction, Dash, Input, Output, Patch, State, ctx, no_update
from flask import abort

from tracker import detail, grids, schema, sharing, summary
from tracker.datastore import DataStore
from tracker.derive import major_test_responses
from tracker.export import to_safe_csv, to_zip
from tracker.filters import CHOICE_FILTERS, Filters
from tracker.layout import cite_line, data_date_line, evidence_line, only_id, table_grids
from tracker.load import Dataset
from tracker.views import GRAPH_VIEWS, PAGE_DRAWN, SERVER_DRAWN, VIEW_IDS, chart_data, view_named

WIDGETS = Filters.widget_ids()
FILTER_INPUTS = [Input(w, "value") for w in WIDGETS]
FILTER_STATES = [State(w, "value") for w in WIDGETS]


@lru_cache(maxsize=64)
def figure_json(view_id: str, dataset: Dataset, f: Filters) -> dict:
    """Keyed on the dataset object (read once by the caller) and clamped filters: bounded and race-free."""
    return view_named(view_id).figure_json(f.apply(dataset), f)


@lru_cache(maxsize=64)
def major_tests_table(dataset: Dataset, f: Filters):
    """The ICBM launches and nuclear tests under the Response chart (cached like the figures)."""
    data = f.apply(dataset)
    return detail.major_tests_table(major_test_responses(data.launches, data.whole.actions))


class Callbacks:
    """Every server-side callback as a method of one object holding the data store; `register_callbacks` wires
    them to the page. Tests call the methods directly, with Dash's callback context set, no browser needed."""

    def __init__(self, store: DataStore, program_urls: Callable[[Dataset], list[str]] | None = None,
                 public_url: str | None = None):
        self.store = store
        self.program_urls = program_urls  # the in-page views' program files of a dataset (tracker/program_files.py)
        self.public_url = public_url  # the address exports print (None: the one the viewer used, said to be local)

    def summary(self, _version, *values):
        """Every sentence about the data, recomputed on a filter change and when the files change (the data
        version), in the same step that redraws the chart."""
        f = Filters.from_widgets(*values)
        dataset = self.store.current()
        data = f.apply(dataset)
        warning = "The from-date is after the to-date: nothing can match. Swap them." if f.dates_reversed else ""
        return (summary.headline(data), summary.counts(data), not f.is_story, warning,
                "Filters: " + sharing.filter_words(f), sharing.filters_suffix(f), data_date_line(dataset),
                cite_line(dataset), evidence_line(dataset))

    def refresh_programs(self, _tick, shown_version):
        """The URLs of the in-page views' programs again once the files changed on disk (checked every minute, not
        on a filter change: a filter change must not wait for the server before the page redraws); the page then
        fetches them (assets/clientside.js, fetchPrograms)."""
        dataset = self.store.current()
        if dataset.version == shown_version:
            return no_update, no_update
        return dataset.version, self.program_urls(dataset)

    def graph(self, view_id: str):
        def callback(view, *values):
            if view != view_id:
                return no_update
            return figure_json(view_id, self.store.current(), Filters.from_widgets(*values, view=view))
        return callback

    def major_tests(self, view, *values):
        if view != "response":
            return no_update
        return major_tests_table(self.store.current(), Filters.from_widgets(*values))

    @staticmethod
    def show_grids(library, shown):
        """Grids join the page on the first visit to the Table view, once the page has loaded AG Grid's component
        bundle (assets/clientside.js, loadGridLibrary), and stay (with their sort and filter)."""
        if library != "loaded" or shown:
            return no_update, no_update
        return table_grids(), "grids-shown"

    def tables(self, view, *values):
        """Rows and columns of every grid on the page (one per table of the registry)."""
        names = [o["id"]["table"] for o in _grid_outputs()]
        if view != "table" or not names:
            return [no_update] * len(names), [no_update] * len(names)
        data = Filters.from_widgets(*values).apply(self.store.current())
        return ([grids.rows(data[n]) for n in names], [grids.columns(schema.table_named(n)) for n in names])

    def server_views(self, routed, _version=None):
        """Every server-drawn chart, the major tests and the grids, in one request. The page sends the filters
        here only while a server-drawn view is shown (a timeline click costs no request for them); only the
        visible view's part is computed, the others answer no_update."""
        view, values = _routed(routed)
        grids_shown = len(_grid_outputs())
        if values is None:
            return [no_update] * (len(SERVER_DRAWN) + 1) + [[no_update] * grids_shown] * 2
        figures = [self.graph(v.id)(view, *values) for v in SERVER_DRAWN]
        return [*figures, self.major_tests(view, *values), *self.tables(view, *values)]

    @staticmethod
    def quick_filter(text):
        patch = Patch()
        patch["quickFilterText"] = text if isinstance(text, str) else ""
        return [patch] * len(ctx.outputs_list)

    def show_detail(self, *clicks):
        if ctx.triggered_id == "detail-close":
            return no_update, True
        value = ctx.triggered[0].get("value") if ctx.triggered else None
        ref = detail.picked_ref(value) if ctx.triggered_id == "row-pick" else detail.row_ref(value)
        if ref is None:
            return no_update, no_update
        return detail.detail_panel(self.store.current(), *ref), False

    def download(self, _csv, _html, *values):
        """Per-chart "Download data (CSV)" and "Download interactive HTML": exactly what the chart shows."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
            return no_update
        if trigger.get("view") not in VIEW_IDS:
            abort(400, "unknown view")
        f = Filters.from_widgets(*values)
        data = f.apply(self.store.current())
        view = view_named(trigger["view"])
        stem = sharing.file_stem(view.slug, f)
        if trigger.get("kind") == "html":
            from tracker.html_export import export_html

            return {"content": export_html(data, f.with_view(view.id), self.public_url, _local_url()),
                    "filename": f"{stem}.html", "type": "text/html"}
        frames = chart_data(view, data)
        if len(frames) == 1:
            name, frame = next(iter(frames.items()))
            return {"content": to_safe_csv(frame), "filename": f"{stem}-{name}.csv", "type": "text/csv"}
        return {"content": to_zip(frames), "filename": f"{stem}-data.zip", "base64": True,
                "type": "application/zip"}

    def grid_download(self, _clicks, virtual_rows, *values):
        """A table's CSV with exactly the rows its grid shows: search, column filters and sort included."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
            return no_update
        table = next((t for t in schema.TABLES if t.name == trigger.get("table")), None)
        if table is None or not isinstance(virtual_rows, list):
            abort(400, "unknown table or malformed grid rows")
        data = Filters.from_widgets(*values).apply(self.store.current())
        shown_by_table = {o["id"]["table"]: rows for o, rows in zip(ctx.states_list[0], virtual_rows)}
        try:
            shown = grids.shown_rows(data[table.name], shown_by_table.get(table.name))
        except ValueError as exc:  # rows the page never sends: a crafted request
            abort(400, str(exc))
        return {"content": to_safe_csv(shown), "filename": f"{table.name}.csv", "type": "text/csv"}


def _grid_outputs() -> list:
    """The grids this call writes to (a pattern-matching output: one entry per grid on the page, maybe none)."""
    return next((o for o in ctx.outputs_list if isinstance(o, list)), [])


def _routed(routed) -> tuple[str | None, list | None]:
    """{"view": ..., "values": [one per filter widget]} from the page, or (None, None) when it is not that shape."""
    if not isinstance(routed, dict) or not isinstance(routed.get("values"), list):
        return None, None
    values = routed["values"]
    if len(values) != len(WIDGETS):
        return None, None
    return routed.get("view"), values


def _local_url() -> str:
    """Where the viewer reached this app (the link back when no public address is set), or the local default."""
    try:
        from flask import request

        return request.host_url
    except RuntimeError:  # outside a request (tests)
        return sharing.LOCAL_URL


def register_callbacks(app: Dash, store: DataStore, program_urls: Callable[[Dataset], list[str]] | None = None,
                       public_url: str | None = None) -> Callbacks:
    calls = Callbacks(store, program_urls, public_url)
    grid = {"kind": "grid", "table": ALL}
    app.clientside_callback(  # assets/filter_state.js: widgets <-> URL, and the in-page views drawn
        ClientsideFunction("filterState", "syncAndDraw"),
        [Output(w, "value") for w in WIDGETS] + [Output("view", "value"), Output("server-filters", "data")]
        + [Output(v.graph_id, "figure") for v in PAGE_DRAWN],
        [Input("url", "search"), *FILTER_INPUTS, Input("view", "value"), Input("reset", "n_clicks"),
         Input("story", "n_clicks"), Input({"kind": "as-table", "view": ALL}, "n_clicks")]
        + [Input(v.program_id, "data") for v in PAGE_DRAWN], State("filter-spec", "data"))
    app.callback(Output("headline", "children"), Output("counts", "children"), Output("story-caption", "hidden"),
                 Output("date-warning", "children"), Output("filter-words", "children"),
                 Output("file-suffix", "data"), Output("data-date", "children"), Output("cite", "children"),
                 Output("evidence-ends", "children"),
                 Input("data-version", "data"), *FILTER_INPUTS)(calls.summary)
    app.callback([Output(v.graph_id, "figure") for v in SERVER_DRAWN] + [Output("major-tests", "children"),
                  Output(grid, "rowData"), Output(grid, "columnDefs")],
                 Input("server-filters", "data"), Input("data-version", "data"))(calls.server_views)
    if PAGE_DRAWN:
        app.callback(Output("data-version", "data"), Output("program-urls", "data"),
                     Input("data-check", "n_intervals"), State("data-version", "data"),
                     prevent_initial_call=True)(calls.refresh_programs)
        app.clientside_callback(ClientsideFunction("dprk", "fetchPrograms"),
                                [Output(v.program_id, "data") for v in PAGE_DRAWN], Input("program-urls", "data"))
    app.clientside_callback(ClientsideFunction("dprk", "loadGridLibrary"), Output("grid-library", "data"),
                            Input("view", "value"))
    app.callback(Output("table-grids", "children"), Output("table-grids", "className"),
                 Input("grid-library", "data"), State("table-grids", "className"))(calls.show_grids)
    app.callback(Output(grid, "dashGridOptions"), Input("quick-filter", "value"),
                 prevent_initial_call=True)(calls.quick_filter)
    app.callback(Output("detail", "children"), Output("detail-drawer", "hidden"),
                 *(Input(v.graph_id, "clickData") for v in GRAPH_VIEWS if v.clickable),
                 Input("row-pick", "data"), Input("detail-close", "n_clicks"),
                 prevent_initial_call=True)(calls.show_detail)
    app.callback(Output("download", "data"),
                 Input({"kind": "csv", "view": ALL}, "n_clicks"), Input({"kind": "html", "view": ALL}, "n_clicks"),
                 *FILTER_STATES, prevent_initial_call=True)(calls.download)
    app.callback(Output("download-table", "data"), Input({"kind": "grid-csv", "table": ALL}, "n_clicks"),
                 State(grid, "virtualRowData"), *FILTER_STATES, prevent_initial_call=True)(calls.grid_download)

    app.clientside_callback(ClientsideFunction("dprk", "showView"),
                            [Output(f"section-{v}", "hidden") for v in VIEW_IDS],
                            Input("view", "value"), State("view-ids", "data"))
    app.clientside_callback(ClientsideFunction("dprk", "toggleFilters"), Output("filters", "className"),
                            Output("filters-toggle", "aria-expanded"), Input("filters-toggle", "n_clicks"))
    app.clientside_callback(ClientsideFunction("dprk", "copyLink"), Output("copy-status", "children"),
                            Input("copy-link", "n_clicks"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("dprk", "downloadPng"), Output("copy-status", "title"),
                            Input({"kind": "png", "view": ALL}, "n_clicks"), State("public-url", "data"),
                            State("file-suffix", "data"), prevent_initial_call=True)
    for spec in CHOICE_FILTERS:  # "only" beside each choice: that choice alone (the widget change redraws)
        app.clientside_callback(ClientsideFunction("dprk", "onlyThis"),
                                Output(spec.widget, "value", allow_duplicate=True),
                                Input(only_id(spec, ALL), "n_clicks"), prevent_initial_call=True)
    return calls
