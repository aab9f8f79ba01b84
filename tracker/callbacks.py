"""Thin glue: filters <-> URL, filters -> figures and tables, clicks -> detail panel, downloads."""

from __future__ import annotations

from functools import lru_cache

from dash import Dash, Input, Output, Patch, State, ctx, no_update

from tracker import detail, grids
from tracker.datastore import DataStore
from tracker.derive import major_test_responses
from tracker.export import to_safe_csv
from tracker.figures.response import response_figure
from tracker.figures.sanctions import sanctions_figure
from tracker.figures.sitemap import site_map_figure
from tracker.figures.timeline import STORY_RANGE, timeline_figure
from tracker.figures.yearly import yearly_figure
from tracker.filters import VIEWS, Filters
from tracker.layout import table_grids

FILTER_PROPS = [("date-from", "value"), ("date-to", "value"), ("classes", "value"), ("kinds", "value"),
                ("action-kinds", "value"), ("outcomes", "value"), ("view", "value")]
FILTER_INPUTS = [Input(c, p) for c, p in FILTER_PROPS[:-1]]


def filters_from(start, end, classes, kinds, action_kinds, outcomes, view="timeline") -> Filters:
    return Filters(start=(start or None) and start[:10], end=(end or None) and end[:10], classes=tuple(classes or ()),
                   kinds=tuple(kinds or ()), action_kinds=tuple(action_kinds or ()), outcomes=tuple(outcomes or ()),
                   view=view or "timeline")


def filter_values(f: Filters) -> list:
    return [f.start, f.end, list(f.classes), list(f.kinds), list(f.action_kinds), list(f.outcomes), f.view]


def register_callbacks(app: Dash, store: DataStore) -> None:
    def selection(*values):
        f = filters_from(*values)
        data = store.current().dataset
        return f, *f.apply(data.launches, data.actions)

    @app.callback([Output(c, p) for c, p in FILTER_PROPS] + [Output("url", "search")],
                  [Input("url", "search"), *(Input(c, p) for c, p in FILTER_PROPS),
                   Input("reset", "n_clicks"), Input("story", "n_clicks")])
    def sync_url(search, *values):
        """URL -> filters on load and back/forward; filters -> URL on every change (one callback: no loop)."""
        trigger = ctx.triggered_id
        if trigger in (None, "url"):
            return [*filter_values(Filters.from_query(search)), no_update]
        if trigger in ("reset", "story"):
            f = Filters(*STORY_RANGE) if trigger == "story" else Filters(view=values[6])
            return [*filter_values(f), f.to_query()]
        return [no_update] * len(FILTER_PROPS) + [filters_from(*values[:7]).to_query()]

    @lru_cache(maxsize=64)
    def timeline_outputs(version: int, f: Filters) -> tuple:
        """Cached per dataset version and filter state: shared views and reloads cost nothing."""
        data = store.current().dataset
        launches, actions = f.apply(data.launches, data.actions)
        figure = timeline_figure(launches, actions, x_range=(f.start, f.end)).to_plotly_json()
        counts = (f"Showing {len(launches):,} launch groups ({int(launches['count'].sum()):,} missiles or tests) "
                  f"and {len(actions):,} Council actions.")
        return figure, counts, (f.start, f.end) != STORY_RANGE

    @app.callback(Output("timeline", "figure"), Output("counts", "children"), Output("story-caption", "hidden"),
                  *FILTER_INPUTS)
    def update_timeline(*values):
        return timeline_outputs(store.current().version, filters_from(*values))

    def when_visible(view_name, build):
        def callback(view, *values):
            if view != view_name:
                return no_update
            return build(*selection(*values)[1:])
        return callback

    for view_name, output, build in (
            ("response", Output("response", "figure"), response_figure),
            ("response", Output("major-tests", "children"),
             lambda launches, actions: detail.major_tests_table(major_test_responses(launches, actions))),
            ("yearly", Output("yearly", "figure"), yearly_figure),
            ("sanctions", Output("sanctions", "figure"), lambda launches, actions: sanctions_figure(actions)),
            ("map", Output("map", "figure"), lambda launches, actions: site_map_figure(launches))):
        app.callback(output, Input("view", "value"), *FILTER_INPUTS)(when_visible(view_name, build))

    @app.callback(Output("table-grids", "children"), Output("table-grids", "className"),
                  Input("view", "value"), State("table-grids", "className"))
    def show_grids(view, shown):
        """Grids join the page on the first visit to the Table view, and stay (with their sort and filter)."""
        if view != "table" or shown:
            return no_update, no_update
        return table_grids(), "grids-shown"

    @app.callback(Output("launch-grid", "rowData"), Output("launch-grid", "columnDefs"),
                  Output("action-grid", "rowData"), Output("action-grid", "columnDefs"),
                  Input("view", "value"), *FILTER_INPUTS)
    def update_tables(view, *values):
        if view != "table":
            return no_update, no_update, no_update, no_update
        _, launches, actions = selection(*values)
        return (grids.rows(launches), grids.launch_columns(), grids.rows(actions), grids.action_columns())

    @app.callback(Output("detail", "children"),
                  Input("timeline", "clickData"), Input("response", "clickData"), Input("sanctions", "clickData"),
                  prevent_initial_call=True)
    def show_detail(timeline_click, response_click, sanctions_click):
        click = {"timeline": timeline_click, "response": response_click,
                 "sanctions": sanctions_click}.get(ctx.triggered_id)
        point = (click or {}).get("points", [{}])[0]
        table, row_id = (point.get("customdata") or ["", ""])[:2]
        if not row_id:
            return no_update
        return detail.detail_panel(store.current().dataset, table, row_id)

    @app.callback(Output("download", "data"), Input("download-launches", "n_clicks"),
                  Input("download-actions", "n_clicks"), *(State(c, p) for c, p in FILTER_PROPS[:-1]),
                  prevent_initial_call=True)
    def download(_launch_clicks, _action_clicks, *values):
        _, launches, actions = selection(*values)
        if ctx.triggered_id == "download-launches":
            return {"content": to_safe_csv(launches), "filename": "dprk-launches.csv", "type": "text/csv"}
        return {"content": to_safe_csv(actions), "filename": "unsc-dprk-actions.csv", "type": "text/csv"}

    app.clientside_callback(
        "function(view) { return VIEWS.map(v => v !== view); }".replace("VIEWS", str(list(VIEWS))),
        [Output(f"section-{v}", "hidden") for v in VIEWS], Input("view", "value"))
    @app.callback(Output("launch-grid", "dashGridOptions"), Output("action-grid", "dashGridOptions"),
                  Input("quick-filter", "value"), prevent_initial_call=True)
    def quick_filter(text):
        patch = Patch()
        patch["quickFilterText"] = text or ""
        return patch, patch
    for graph in ("timeline", "response", "yearly", "sanctions", "map"):
        app.clientside_callback(
            f"""function(n) {{
                const gd = document.querySelector('#{graph} .js-plotly-plot');
                const name = document.getElementById('png-{graph}').dataset.filename;
                if (n && gd) {{ window.Plotly.downloadImage(gd, {{format: 'png', filename: name, scale: 2}}); }}
                return window.dash_clientside.no_update;
            }}""",
            Output(f"png-{graph}", "title"), Input(f"png-{graph}", "n_clicks"), prevent_initial_call=True)
