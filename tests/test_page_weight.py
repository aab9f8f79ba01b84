"""First-load weight: the partial plotly.js from assets/vendor/ replaces Dash's full plotly.min.js.

The browser tests reuse test_browser.py's fixtures (a running app, Chromium, and a page that fails on any console
error, page error or off-site request), so the partial bundle is checked under the app's CSP too.
"""

from __future__ import annotations

import re

import pytest

from support.browser import ROOT
from tests.pagekit import open_view, switch_to

BUNDLE = ROOT / "assets" / "vendor" / "plotly-partial.min.js"
MARKERS = "#graph-timeline .scatterlayer .point"


def test_partial_bundle_is_the_plotly_js_that_plotly_ships():
    from plotly.offline import get_plotlyjs_version

    header = BUNDLE.read_text(encoding="utf-8")[:300]
    found = re.search(r"plotly\.js v(\S+),", header)
    assert found, header
    assert found.group(1) == get_plotlyjs_version(), "rebuild it: bash scripts/build-plotly-bundle"


def first_load_requests(page, app_url: str) -> list[str]:
    """Every URL the page requests until the timeline has drawn and the network is quiet (the list keeps growing)."""
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    open_view(page, app_url)
    page.wait_for_selector(MARKERS, state="attached")
    page.wait_for_load_state("networkidle")
    return urls


@pytest.mark.browser
def test_first_load_fetches_the_partial_bundle_not_plotly_min_js(page, app_url):
    urls = first_load_requests(page, app_url)
    assert not [u for u in urls if "plotly.min.js" in u or "package_data" in u]
    assert any("/assets/vendor/plotly-partial.min.js" in u for u in urls)
    from plotly.offline import get_plotlyjs_version

    assert page.evaluate("() => window.Plotly.version") == get_plotlyjs_version()


@pytest.mark.browser
def test_download_png_works_with_the_partial_bundle(page, app_url):
    open_view(page, app_url)
    page.wait_for_selector(MARKERS, state="attached")
    with page.expect_download() as download:
        page.click("#section-timeline .chart-actions button:has-text('Download PNG')")
    assert download.value.suggested_filename == "dprk-launches.png"
    with open(download.value.path(), "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_bundle_holds_every_trace_type_and_webgl_runs_under_the_csp(page, app_url):
    open_view(page, app_url)
    result = page.evaluate("""async () => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective));
        const gd = document.createElement('div');
        gd.style.width = '400px'; gd.style.height = '300px';
        document.body.appendChild(gd);
        await Plotly.newPlot(gd, [{type: 'scattergl', mode: 'markers', x: [1, 2, 3], y: [2, 1, 3]}]);
        const drawn = {
            traces: gd._fullData.map(t => t.type), canvases: gd.querySelectorAll('canvas').length,
            noWebGl: gd.textContent.includes('WebGL is not supported'), violations};
        Plotly.purge(gd); gd.remove();
        return {...drawn, registered: Object.keys(Plotly.PlotSchema.get().traces).sort()};
    }""")
    assert result["registered"] == ["bar", "scatter", "scattergeo", "scattergl"]
    assert result["traces"] == ["scattergl"] and result["canvases"] > 0
    assert not result["noWebGl"] and result["violations"] == []


@pytest.mark.browser
def test_first_load_is_under_two_megabytes(browser, app_url):
    from benchmarks.page_weight import weigh

    weight = weigh(browser, app_url)
    assert not [f.url for f in weight.fetches if "plotly.min.js" in f.url]
    assert weight.total < 2_000_000, [(f.url, f.wire) for f in weight.top(5)]


@pytest.mark.browser
def test_ag_grid_chunk_loads_with_the_table_view_not_before(page, app_url):
    urls = first_load_requests(page, app_url)
    assert not [u for u in urls if "async-community" in u]
    switch_to(page, "table")
    assert [u for u in urls if "async-community" in u]
    page.fill("#quick-filter", "Hwasong-17")
    page.wait_for_timeout(1000)
    switch_to(page, "timeline")
    switch_to(page, "table")
    page.wait_for_timeout(300)
    rows = page.locator(".grid-launches .ag-center-cols-container .ag-row").count()
    assert 0 < rows < 10, "the grids were rebuilt and lost the quick filter"


@pytest.mark.browser
def test_table_view_from_the_url_shows_the_grids(page, app_url):
    page.goto(f"{app_url}/?view=table&class=ICBM")
    page.wait_for_selector(".grid-launches .ag-row", timeout=30_000)
    page.wait_for_selector(".grid-council_actions .ag-row", timeout=30_000)
    assert page.locator(".grid-launches .ag-center-cols-container .ag-row").count() > 0
