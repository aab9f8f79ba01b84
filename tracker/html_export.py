"""One view as one self-contained HTML file: opens from disk, offline, with zero network requests.

The chart is built by the same figure builder as the app (`views.VIEWS`), drawn by an inlined plotly.js (the
app's core bundle from assets/vendor/ and only the add-ons this figure's trace types need; plotly.py's full bundle
when there is no such set), with the headline, the filter state in words, the sources note, licence and data date,
a link back to the live view, and the rows the chart shows as plain HTML tables, written compactly (HTML's
optional end tags left out). A Content-Security-Policy meta tag forbids every network access (no eval either).
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from tracker import plotly_bundles, schema, summary
from tracker.filters import Filters
from tracker.load import Dataset
from tracker.paths import assets_folder
from tracker.sharing import LOCAL_NOTE, LOCAL_URL, filter_words, long_date
from tracker.undocs import link_for
from tracker.values import is_safe_url
from tracker.views import GRAPH_CONFIG, View, chart_data, view_named

TOPOJSON = assets_folder() / "topojson"
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
       "font-src data:; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
       "worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'")
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #1a1a1a;
       margin: 0 auto; padding: 16px 20px 40px; max-width: 1400px; }
h1 { font-size: 1.45rem; margin: 0 0 6px; } h2 { font-size: 1.1rem; margin: 28px 0 8px; }
.headline { font-size: 1.1rem; font-weight: 600; margin: 4px 0; } .meta, .sources { color: #444; }
.chart { width: 100%; margin: 12px 0 4px; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.85rem; margin-bottom: 24px; }
caption { text-align: left; font-weight: 600; padding: 6px 0; }
th, td { border: 1px solid #d0d0d0; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #f2f2f2; position: sticky; top: 0; }
a { color: #0b4f8a; } figure { margin: 0; } tr.picked td { background: #fff3c4; }
tr:target td { background: #fff3c4; }
"""
WIDE = ("notes", "summary", "dprk_claim", "title")  # columns given a minimum width (by CSS, per table)


def _read(path: Path) -> str:
    return _read_cached(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _read_cached(path: Path, _mtime: int) -> str:
    return path.read_text(encoding="utf-8")


def plotly_source(trace_types: tuple[str, ...] = (), assets: Path | None = None) -> tuple[str, str]:
    """(which bundles, their text): the app's core bundle and the add-ons for `trace_types`, in load order, when
    assets/vendor/ has a set that draws them all; else plotly.py's full bundle."""
    assets = assets or assets_folder()
    found = plotly_bundles.bundles(assets)
    needed = found.needed(trace_types) if found else None
    if needed is not None:
        files = [Path(b.file).name for b in needed]
        return (f"core bundle {' + '.join(files)}",
                "\n".join(_read(assets / b.file) for b in needed))
    import plotly
    from plotly.offline import get_plotlyjs

    return f"full bundle from plotly.py {plotly.__version__}", get_plotlyjs()


def inline_json(value) -> str:
    """Compact JSON that can sit inside <script>: no `</` and no `<!--` survive, so no text can close the element
    or change how it is read. Hover text is full of tags (`<br>`): `<\\/` costs one byte where `\\u003c` costs five."""
    from plotly.utils import PlotlyJSONEncoder

    text = json.dumps(value, cls=PlotlyJSONEncoder, separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")


def inline_script(source: str) -> str:
    """Library code inside <script>: a literal `</script` would end the element early."""
    return source.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def _cell(name: str, value, precision=None, date=None) -> str:
    """One cell; no `</td>`: HTML ends a cell at the next cell or row (the file is smaller by a sixth)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "<td>"
    if isinstance(value, pd.Timestamp):
        text = f"{value:%Y-%m}" if precision == "month" else f"{value:%Y-%m-%d}"
    elif isinstance(value, float):
        text = f"{value:.0f}" if value.is_integer() else str(float(value))  # all digits, as in the CSV
    else:
        text = str(value)
    if name == "source_url" and is_safe_url(text):
        link = html.escape(text)  # no rel needed: no target, and the page's referrer policy is no-referrer
        return f'<td><a href="{link}">{link}</a>'
    document = link_for(name, value, date)  # a UN document or press release
    if document:
        return f'<td><a href="{html.escape(document)}">{html.escape(text)}</a>'
    return f"<td>{html.escape(text)}"


def html_table(table: schema.Table, frame: pd.DataFrame) -> str:
    """Every schema column, in schema order; accessible (caption, column headers) and plain enough to copy."""
    names = [c for c in table.columns if c in frame.columns]
    head = "".join(f'<th scope="col">{html.escape(table.field(c).title)}' for c in names)
    precision = frame["date_precision"] if "date_precision" in frame else pd.Series(None, index=frame.index)
    dates = frame["date"] if "date" in frame else pd.Series(pd.NaT, index=frame.index)
    body = "\n".join(f'<tr id="row-{html.escape(str(row.get(table.primary_key, "")))}">'
                     + "".join(_cell(c, row[c], precision[i] if c == "date" else None, dates[i]) for c in names)
                     for i, row in frame[names].iterrows())
    rows = summary.plural(len(frame), "row")
    return (f'<div class="table-wrap"><table id="table-{table.name}"><caption>{html.escape(table.title)} '
            f"({rows}; dates: {html.escape(table.date_convention)})</caption>\n<thead><tr>{head}</thead>\n"
            f"<tbody>\n{body}\n</tbody></table></div>")


def wide_columns_css(tables: dict[str, pd.DataFrame]) -> str:
    """A minimum width for the long-text columns of these tables (a rule per table, not a class on every cell)."""
    cells = [f"#table-{name} td:nth-child({i + 1})" for name, frame in tables.items()
             for i, c in enumerate(c for c in schema.table_named(name).columns if c in frame.columns) if c in WIDE]
    return f"{', '.join(cells)} {{ min-width: 24em; }}" if cells else ""


def figure_json(view: View, data: Dataset, f: Filters) -> dict:
    """The app's figure for this view, with a pixel height (width follows the window)."""
    fig = view.build(data, f)
    fig.update_layout(height=view.export_height, autosize=True)
    return fig.to_plotly_json()


def topojson_names(figure: dict) -> list[str]:
    """Topojson files a geo figure needs (plotly.js names them scope_resolution, e.g. asia_50m)."""
    if not any(t.get("type") in ("scattergeo", "choropleth") for t in figure["data"]):
        return []
    geo = figure["layout"].get("geo", {})
    return [f"{geo.get('scope', 'world')}_{int(geo.get('resolution', 110))}m"]


def chart_block(view: View, data: Dataset, f: Filters) -> tuple[str, str]:
    """(the chart's HTML and scripts, which plotly.js bundle) for a view with a graph."""
    figure = figure_json(view, data, f)
    source_name, source = plotly_source(tuple(sorted({t.get("type", "scatter") for t in figure["data"]})))
    geo = {}
    for name in topojson_names(figure):
        path = TOPOJSON / f"{name}.json"
        if not path.is_file():
            raise ValueError(f"the {view.label} view needs {path.name}, which is not in assets/topojson/: "
                             "export another view")
        geo[name] = json.loads(_read(path))
    config = {**GRAPH_CONFIG, "toImageButtonOptions": {"format": "png", "filename": view.slug, "scale": 2}}
    return (f'<div id="chart" class="chart" role="img" aria-label="{html.escape(view.title)}"></div>\n'
            f"<!-- plotly.js: {html.escape(source_name)} -->\n<script>{inline_script(source)}</script>\n"
            f'<script type="application/json" id="figure-data">{inline_json(figure)}</script>\n'
            f'<script type="application/json" id="chart-config">{inline_json(config)}</script>\n'
            f'<script type="application/json" id="geo-data">{inline_json(geo)}</script>\n'
            f"<script>{DRAW}</script>"), source_name


DRAW = """(function () {
  function read(id) { return JSON.parse(document.getElementById(id).textContent); }
  window.PlotlyGeoAssets = {topojson: read("geo-data")};
  var figure = read("figure-data");
  var chart = document.getElementById("chart");
  Plotly.newPlot(chart, figure.data, figure.layout, read("chart-config")).then(function () {
    chart.on("plotly_click", function (event) {  // "click for the source": the row, with its link, below
      var ref = event.points[0].customdata, row = ref && document.getElementById("row-" + ref[1]);
      if (!row) { return; }
      document.querySelectorAll("tr.picked").forEach(function (r) { r.classList.remove("picked"); });
      row.classList.add("picked");
      row.scrollIntoView({block: "center"});
    });
  });
})();"""


def live_url(base_url: str, query: str) -> str:
    """The dashboard's address with this view's query: joined with `&` when the base already has a query, and
    placed before any `#fragment`."""
    if not query:
        return base_url
    head, hash_mark, fragment = base_url.partition("#")
    if "?" not in head:
        joint = "?"
    else:
        joint = "" if head.endswith(("?", "&")) else "&"
    return head + joint + query.removeprefix("?") + hash_mark + fragment


def export_html(data: Dataset, filters: Filters, public_url: str | None = None, local_url: str = LOCAL_URL) -> str:
    """The whole page for `filters.view` over `data` (already filtered by `filters`). The link back goes to
    `public_url` when one is set; else to `local_url`, and the file says that address is only local."""
    view = view_named(filters.view)
    chart, source_name = chart_block(view, data, filters) if view.build else ("", "none (no chart)")
    live = live_url(public_url or local_url, filters.to_query())
    back = (f'<a href="{html.escape(live)}">{html.escape(live)}</a>' if is_safe_url(live)
            else html.escape(live))
    if not public_url:
        back += f" ({html.escape(LOCAL_NOTE)})"
    when = data.whole.data_date
    shown = chart_data(view, data)
    tables = "\n".join(html_table(schema.table_named(name), frame) for name, frame in shown.items())
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tracker export-html; plotly.js: {html.escape(source_name)}">
<title>{html.escape(view.title)}: DPRK launches and the UN Security Council</title>
<style>{STYLE}{wide_columns_css(shown)}
</style>
</head>
<body>
<header>
<h1>{html.escape(view.title)}</h1>
<p class="headline" id="headline">{html.escape(summary.headline(data))}</p>
<p class="meta" id="counts">{html.escape(summary.counts(data))}</p>
<p class="meta" id="filters">Filters: {html.escape(filter_words(filters))}</p>
<p class="meta" id="live-link">Live view (needs the dashboard running): {back}</p>
</header>
<main>
<figure>
{chart}
<figcaption class="sources">
<p>{html.escape(view.note)}</p>
<p id="licence">Data: <a href="{LICENCE_URL}" rel="license noopener noreferrer">CC BY 4.0</a>; data as of
{html.escape(long_date(when)) if when is not None else "no data yet"}. Exported from the dashboard
"DPRK launches and the UN Security Council"; every row below carries its own source.</p>
</figcaption>
</figure>
<h2>The rows this chart shows</h2>
{tables}
</main>
</body>
</html>
"""
