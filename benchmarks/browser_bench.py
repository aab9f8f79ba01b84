"""Browser figures, each beside a floor measured in the same run: first graph drawn, and filter -> redrawn.

First graph: navigation start to the first drawn timeline marker (a MutationObserver added before any page script
records `performance.now()`), for the dashboard, for a bare Dash page holding only the same figure
(benchmarks/hello_app.py) and for the app's own offline HTML export of the whole timeline opened from file:// (the
same figure with nothing to fetch: the limit), alternated, each load in a fresh browser context (empty cache).
Then, with the same three: bytes on the wire of a first load (against the export, gzipped) and of a second visit
in the same browser (against the bare Dash page's second visit), and the export's size (against its plotly.js).

Redraw: a click on a class checkbox until the timeline's last `plotly_afterplot`, and how many afterplots (redraws)
one click causes; the floor is `Plotly.react` from the same before-figure to the same after-figure in the same
page, with and without `xaxis.rangeslider.visible` (the slider drew every point twice; the page dropped it).
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import plotly.io

from benchmarks.page_weight import second_visit, weigh
from support.browser import ROOT, chromium, free_port, running_app, wait_for
from tracker.figures.timeline import timeline_json
from tracker.filters import Filters
from tracker.html_export import export_html, plotly_source
from tracker.load import load_dataset

MARKERS = "#graph-timeline .scatterlayer .point"  # SVG markers (below GL_THRESHOLD points: 1x, 10x)
EXPORT_MARKERS = "#chart .scatterlayer .point"  # the same markers in an export-html file
DRAWN = "#graph-timeline .main-svg .trace"  # any drawn trace, SVG or WebGL (100x)
FIRST_MARKER = """window.__firstMarker = null;
new MutationObserver((_, observer) => {
  if (document.querySelector('%s')) { window.__firstMarker = performance.now(); observer.disconnect(); }
}).observe(document, {subtree: true, childList: true});""" % f"{MARKERS}, {EXPORT_MARKERS}"

CLICK = """async ([quietMs]) => {
  const gd = document.querySelector('#graph-timeline .js-plotly-plot');
  const box = document.querySelector('#classes input[value="SRBM"]');
  const copy = () => JSON.parse(JSON.stringify({data: gd.data, layout: gd.layout}));
  const before = copy();
  let last = 0, count = 0;
  const onPlot = () => { count += 1; last = performance.now(); };
  gd.on('plotly_afterplot', onPlot);
  const t0 = performance.now();
  box.click();
  while (count === 0 || performance.now() - last < quietMs) await new Promise(r => setTimeout(r, 25));
  gd.removeListener('plotly_afterplot', onPlot);
  window.__figures = [before, copy()];
  return [last - t0, count];
}"""

REACT = """async ([slider]) => {
  const gd = document.querySelector('#graph-timeline .js-plotly-plot');
  const [a, b] = JSON.parse(JSON.stringify(window.__figures));
  for (const f of [a, b]) f.layout.xaxis = {...f.layout.xaxis, rangeslider: {visible: slider}};
  await window.Plotly.react(gd, a.data, a.layout);
  await new Promise(r => setTimeout(r, 100));
  const t0 = performance.now();
  await window.Plotly.react(gd, b.data, b.layout);
  return performance.now() - t0;
}"""


def first_marker_ms(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.add_init_script(FIRST_MARKER)
        page.goto(url)
        deadline = time.monotonic() + 120
        while (value := page.evaluate("() => window.__firstMarker")) is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no marker drawn at {url}")
            time.sleep(0.05)
        return value
    finally:
        context.close()


def first_graph(data: Path, size: str, runs: int, report) -> None:
    """First marker drawn against the bare Dash page and the export, then the bytes of both visits (below)."""
    with running_app(data) as url, chromium() as browser, tempfile.TemporaryDirectory() as scratch:
        dataset = load_dataset(data)
        figure_file = Path(scratch) / "figure.json"  # the same figure the page draws first (all rows)
        figure_file.write_text(plotly.io.to_json(timeline_json(dataset)))
        export_file = Path(scratch) / "timeline.html"  # the same view as one offline file
        export_file.write_text(export_html(Filters().apply(dataset), Filters()), encoding="utf-8")
        export_url = export_file.as_uri()
        port = free_port()
        hello = subprocess.Popen([sys.executable, "benchmarks/hello_app.py", str(port), str(figure_file)], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            floor_url = f"http://127.0.0.1:{port}/"
            wait_for(floor_url, hello)
            first_marker_ms(browser, url + "/"), first_marker_ms(browser, floor_url)  # warm both servers
            first_marker_ms(browser, export_url)
            ours, floor, offline = [], [], []
            for _ in range(runs):
                ours.append(first_marker_ms(browser, url + "/"))
                floor.append(first_marker_ms(browser, floor_url))
                offline.append(first_marker_ms(browser, export_url))
            weights = (weigh(browser, url).total, second_visit(browser, url).total, second_visit(browser, floor_url).total)
            exported = export_file.read_bytes()
        finally:
            hello.terminate()
            hello.wait(timeout=10)
    a, b, c = statistics.median(ours), statistics.median(floor), statistics.median(offline)
    report("first graph drawn p50", size, f"{a:.0f} ms", f"{b:.0f} ms bare Dash", f"{a / b:.2f}x (goal <= 1.5x)")
    report("first graph drawn vs export p50", size, f"{a:.0f} ms", f"{c:.0f} ms export", f"{a / c:.2f}x (goal <= 1.2x)")
    first, second, bare_second = weights
    gzipped = len(gzip.compress(exported))  # the export as a server would send it: the same view, nothing else
    report("page weight, first load", size, f"{first / 1e6:.2f} MB", f"{gzipped / 1e6:.2f} MB export gz",
           f"{first / gzipped:.2f}x (goal <= 1.0 MB)")
    report("page weight, second visit", size, f"{second / 1e6:.3f} MB", f"{bare_second / 1e6:.3f} MB bare Dash",
           f"{second / bare_second:.2f}x (goal <= 0.15 MB)")
    library = len(plotly_source(("scatter",))[1].encode())  # what the whole timeline's export must inline
    report("export-html, whole timeline", size, f"{len(exported) / 1e6:.2f} MB", f"{library / 1e6:.2f} MB plotly.js",
           f"{len(exported) / library:.2f}x (goal <= 1.5 MB)")


def redraw(data: Path, size: str, repeats: int, report) -> None:
    with running_app(data) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url + "/")
        page.wait_for_selector(DRAWN, state="attached", timeout=120_000)
        deadline = time.monotonic() + 60
        while not page.evaluate("() => document.querySelector('#counts').textContent.startsWith('Showing')"):
            if time.monotonic() > deadline:
                raise TimeoutError("the counts line never filled")
            time.sleep(0.1)
        page.wait_for_timeout(800)
        clicks, counts, floors, sliders = [], [], [], []
        for _ in range(repeats):
            elapsed, count = page.evaluate(CLICK, [600])
            clicks.append(elapsed)
            counts.append(count)
            sliders.append(page.evaluate(REACT, [True]))
            floors.append(page.evaluate(REACT, [False]))  # leaves the page drawing the after-figure, as Dash has it
        a, b, c = statistics.median(clicks), statistics.median(floors), statistics.median(sliders)
        report("filter -> timeline redrawn p50", size, f"{a:.0f} ms", f"{b:.0f} ms react", f"{a / b:.2f}x (goal <= 1.3x)")
        report("react floor with range slider", size, f"{c:.0f} ms", f"{b:.0f} ms without", f"{c / b:.2f}x (slider cost)")
        report("redraws per filter click", size, f"{statistics.median(counts):g} (max {max(counts)})", "1",
               "goal 1")
