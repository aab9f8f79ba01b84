"""Thin glue: widgets <-> Filters <-> URL, (dataset, filters) -> figures and tables, clicks -> detail, downloads.

Every callback reads the data store once (`store.current()`), so a reload between two reads can never mix
versions; the logic lives in filters.py, views.py, detail.py, summary.py and grids.py, tested without a browser.
"""

from __future__ import annotations

from functools import lru_cache

from dash import ALL, ClientsideFunction, Dash, Input, Output, Patch, State, ctx, no_update

from tracker import detail, grids, schema, summary
from tracker.datastore import DataStore
from tracker.derive import major_test_responses
from tracker.export import to_safe_csv, to_zip
from tracker.filters import Filters, transition
from tracker.layout import table_grids
from tracker.load import Dataset
from tracker.views import GRAPH_VIEWS, VIEW_IDS, chart_data, view_named

WIDGETS = Filters.widget_ids()
FILTER_INPUTS = [Input(w, "value") for w in WIDGETS]
FILTER_STATES = [State(w, "value") for w in WIDGETS]


@lru_cache(maxsize=64)
def figure_json(view_id: str, dataset: Dataset, f: Filters) -> dict:
    """Keyed on the dataset object (read once by the caller) and clamped filters: bounded and race-free."""
    return view_named(view_id).figure_json(f.apply(dataset), f)


class Callbacks:
    """Every server-side callback as a method of one object holding the data store; `register_callbacks` wires
    them to the page. Tests call the methods directly, with Dash's callback context set, no browser needed."""

    def __init__(self, store: DataStore):
        self.store = store

    def sync_url(self, search, *values):
        """URL -> widgets on load and back/forward; widgets, reset, story, "View as table" -> URL."""
        trigger = ctx.triggered_id
        name = trigger.get("kind") if isinstance(trigger, dict) else trigger
        if name == "as-table" and not any(values[len(WIDGETS) + 3] or []):
            return [no_update] * (len(WIDGETS) + 2)
        f, write = transition(name, search, list(values[:len(WIDGETS)]), values[len(WIDGETS)])
        # Echo only what changed: an unchanged widget value sent back costs the page a re-render before the
        # figure's callback (which waits for this one) may run.
        widgets = [no_update if new == old else new for new, old in zip(f.to_widgets(), values)]
        return [*widgets, no_update if f.view == values[len(WIDGETS)] else f.view,
                f.to_query() if write else no_update]

    def summary(self, *values):
        f = Filters.from_widgets(*values)
        data = f.apply(self.store.current())
        warning = "The from-date is after the to-date: nothing can match. Swap them." if f.dates_reversed else ""
        return summary.headline(data), summary.counts(data), not f.is_story, warning

    def graph(self, view_id: str):
        def callback(view, *values):
            if view != view_id:
                return no_update
            return figure_json(view_id, self.store.current(), Filters.from_widgets(*values, view=view))
        return callback

    def major_tests(self, view, *values):
        if view != "response":
            return no_update
        data = Filters.from_widgets(*values).apply(self.store.current())
        return detail.major_tests_table(major_test_responses(data.launches, data.whole.actions))

    @staticmethod
    def show_grids(view, shown):
        """Grids join the page on the first visit to the Table view, and stay (with their sort and filter)."""
        if view != "table" or shown:
            return no_update, no_update
        return table_grids(), "grids-shown"

    def tables(self, view, *values):
        """Rows and columns of every grid on the page (one per table of the registry)."""
        names = [o["id"]["table"] for o in ctx.outputs_list[0]]
        if view != "table" or not names:
            return [no_update] * len(names), [no_update] * len(names)
        data = Filters.from_widgets(*values).apply(self.store.current())
        return ([grids.rows(data[n]) for n in names], [grids.columns(schema.table_named(n)) for n in names])

    @staticmethod
    def quick_filter(text):
        patch = Patch()
        patch["quickFilterText"] = text if isinstance(text, str) else ""
        return [patch] * len(ctx.outputs_list)

    def show_detail(self, *clicks):
        if ctx.triggered_id == "detail-close":
            return no_update, True
        ref = detail.row_ref(ctx.triggered[0].get("value") if ctx.triggered else None)
        if ref is None:
            return no_update, no_update
        return detail.detail_panel(self.store.current(), *ref), False

    def download(self, _csv, _html, *values):
        """Per-chart "Download data (CSV)" and "Download interactive HTML": exactly what the chart shows."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
            return no_update
        f = Filters.from_widgets(*values)
        data = f.apply(self.store.current())
        view = view_named(trigger["view"])
        if trigger["kind"] == "html":
            from tracker.html_export import export_html

            return {"content": export_html(data, f.with_view(view.id), base_url=_base_url()),
                    "filename": f"{view.slug}.html", "type": "text/html"}
        frames = chart_data(view, data)
        if len(frames) == 1:
            name, frame = next(iter(frames.items()))
            return {"content": to_safe_csv(frame), "filename": f"{view.slug}-{name}.csv", "type": "text/csv"}
        return {"content": to_zip(frames), "filename": f"{view.slug}-data.zip", "base64": True,
                "type": "application/zip"}

    def grid_download(self, _clicks, virtual_rows, *values):
        """A table's CSV with exactly the rows its grid shows: search, column filters and sort included."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
            return no_update
        table = schema.table_named(trigger["table"])
        data = Filters.from_widgets(*values).apply(self.store.current())
        shown_by_table = {o["id"]["table"]: rows for o, rows in zip(ctx.states_list[0], virtual_rows)}
        shown = grids.shown_rows(data[table.name], shown_by_table.get(table.name))
        return {"content": to_safe_csv(shown), "filename": f"{table.name}.csv", "type": "text/csv"}


def _base_url() -> str:
    """Where the viewer reached this app (for the exported file's link back), or the local default."""
    try:
        from flask import request

        return request.host_url
    except RuntimeError:  # outside a request (tests)
        return "http://127.0.0.1:8050/"


def register_callbacks(app: Dash, store: DataStore) -> Callbacks:
    calls = Callbacks(store)
    grid = {"kind": "grid", "table": ALL}
    app.callback([Output(w, "value") for w in WIDGETS] + [Output("view", "value"), Output("url", "search")],
                 [Input("url", "search"), *FILTER_INPUTS, Input("view", "value"), Input("reset", "n_clicks"),
                  Input("story", "n_clicks"), Input({"kind": "as-table", "view": ALL}, "n_clicks")])(calls.sync_url)
    app.callback(Output("headline", "children"), Output("counts", "children"), Output("story-caption", "hidden"),
                 Output("date-warning", "children"), *FILTER_INPUTS)(calls.summary)
    for view in GRAPH_VIEWS:
        app.callback(Output(view.graph_id, "figure"), Input("view", "value"), *FILTER_INPUTS)(calls.graph(view.id))
    app.callback(Output("major-tests", "children"), Input("view", "value"), *FILTER_INPUTS)(calls.major_tests)
    app.callback(Output("table-grids", "children"), Output("table-grids", "className"),
                 Input("view", "value"), State("table-grids", "className"))(calls.show_grids)
    app.callback(Output(grid, "rowData"), Output(grid, "columnDefs"), Input("view", "value"),
                 *FILTER_INPUTS)(calls.tables)
    app.callback(Output(grid, "dashGridOptions"), Input("quick-filter", "value"),
                 prevent_initial_call=True)(calls.quick_filter)
    app.callback(Output("detail", "children"), Output("detail-drawer", "hidden"),
                 *(Input(v.graph_id, "clickData") for v in GRAPH_VIEWS if v.clickable),
                 Input("detail-close", "n_clicks"), prevent_initial_call=True)(calls.show_detail)
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
                            Input({"kind": "png", "view": ALL}, "n_clicks"), prevent_initial_call=True)
    return calls
