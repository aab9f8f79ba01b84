"""Page weight: plotly.js as a core bundle whose add-ons load when a figure needs them, AG Grid with the Table view,
assets linked by content hash and cached for a year, so a second visit fetches almost nothing.

The browser tests reuse test_browser.py's fixtures (a running app, Chromium, and a page that fails on any console
error, page error or off-site request), so the bundles and the loading on demand are checked under the app's CSP.
"""

from __future__ import annotations

import json
import re

import pytest
import requests

from support.browser import ROOT
from tests.pagekit import open_view, switch_to
from tracker.plotly_bundles import bundles

VENDOR = ROOT / "assets" / "vendor"
MARKERS = "#graph-timeline .scatterlayer .point"


def test_every_bundle_is_the_plotly_js_that_plotly_ships():
    from plotly.offline import get_plotlyjs_version

    found = bundles()
    assert found.version == get_plotlyjs_version(), "rebuild them: bash scripts/build-plotly-bundle"
    assert [a.name for a in found.addons] == ["bar", "geo", "gl"]
    for bundle in (found.core, *found.addons):
        header = (ROOT / "assets" / bundle.file).read_text(encoding="utf-8")[:300]
        assert re.search(r"plotly\.js v(\S+),", header).group(1) == get_plotlyjs_version(), bundle.file


def test_each_add_on_checks_it_was_built_with_this_core():
    core = (VENDOR / "plotly-core.min.js").read_text(encoding="utf-8")
    fingerprint = re.search(r'_sharedFingerprint="(\w+)"', core).group(1)
    for addon in bundles().addons:
        assert f'"{fingerprint}"' in (ROOT / "assets" / addon.file).read_text(encoding="utf-8"), addon.file


def first_load_requests(page, app_url: str) -> list[str]:
    """Every URL the page requests until the timeline has drawn and the network is quiet (the list keeps growing)."""
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    open_view(page, app_url)
    page.wait_for_selector(MARKERS, state="attached")
    page.wait_for_load_state("networkidle")
    return urls


def loaded(urls: list[str], name: str) -> bool:
    return any(name in u for u in urls)


@pytest.mark.browser
def test_first_load_fetches_the_core_bundle_only(page, app_url):
    urls = first_load_requests(page, app_url)
    assert not [u for u in urls if "plotly.min.js" in u or "package_data" in u]
    assert loaded(urls, "/assets/vendor/plotly-core.min.js?v=")
    assert not [u for u in urls if re.search(r"plotly-(bar|geo|gl)\.min\.js|dash_ag_grid", u)]
    from plotly.offline import get_plotlyjs_version

    assert page.evaluate("() => window.Plotly.version") == get_plotlyjs_version()
    assert page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces)") == ["scatter"]


@pytest.mark.browser
def test_views_load_their_add_ons_when_first_shown(page, app_url):
    urls = first_load_requests(page, app_url)
    switch_to(page, "yearly")
    assert loaded(urls, "plotly-bar.min.js?v=") and not loaded(urls, "plotly-geo")
    assert page.locator("#graph-yearly .barlayer .point").count() > 0
    switch_to(page, "map")
    assert loaded(urls, "plotly-geo.min.js?v=")
    page.wait_for_selector("#graph-map .scattergeo .point", state="attached")
    switch_to(page, "yearly")
    assert len([u for u in urls if "plotly-bar" in u]) == 1


@pytest.mark.browser
def test_download_png_works_with_the_core_bundle(page, app_url):
    open_view(page, app_url)
    page.wait_for_selector(MARKERS, state="attached")
    with page.expect_download() as download:
        page.click("#section-timeline .chart-actions button:has-text('Download PNG')")
    assert download.value.suggested_filename == "dprk-launches.png"
    with open(download.value.path(), "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_webgl_add_on_loads_on_demand_and_runs_under_the_csp(page, app_url):
    open_view(page, app_url)
    result = page.evaluate("""async () => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective));
        const gd = document.createElement('div');
        gd.style.width = '400px'; gd.style.height = '300px';
        document.body.appendChild(gd);
        const before = Object.keys(Plotly.PlotSchema.get().traces).sort();
        await Plotly.newPlot(gd, [{type: 'scattergl', mode: 'markers', x: [1, 2, 3], y: [2, 1, 3]}]);
        const drawn = {
            before, traces: gd._fullData.map(t => t.type), canvases: gd.querySelectorAll('canvas').length,
            noWebGl: gd.textContent.includes('WebGL is not supported'), violations};
        Plotly.purge(gd); gd.remove();
        return {...drawn, registered: Object.keys(Plotly.PlotSchema.get().traces).sort()};
    }""")
    assert "scattergl" not in result["before"] and "scattergl" in result["registered"]
    assert result["traces"] == ["scattergl"] and result["canvases"] > 0
    assert not result["noWebGl"] and result["violations"] == []


@pytest.mark.browser
def test_first_load_is_under_one_megabyte(browser, app_url):
    from benchmarks.page_weight import weigh

    weight = weigh(browser, app_url)
    assert weight.total < 1_000_000, [(f.url, f.wire) for f in weight.top(5)]


@pytest.mark.browser
def test_second_visit_fetches_no_script_style_or_bundle_again(browser, app_url):
    from benchmarks.page_weight import second_visit

    weight = second_visit(browser, app_url)
    again = [(f.url, f.wire) for f in weight.fetches
             if f.wire and re.search(r"/assets/.*\?v=|/_dash-component-suites/.*\.v\d|/_program/", f.url)]
    assert again == []
    assert weight.total < 150_000, [(f.url, f.wire) for f in weight.top(5)]


def test_fingerprinted_assets_are_immutable_and_others_revalidate(app_url):
    page = requests.get(app_url + "/", timeout=10).text
    core = re.search(r'src="(/assets/vendor/plotly-core\.min\.js\?v=\w+)"', page).group(1)
    assert not re.search(r"/assets/[^\"']*\?m=", page)  # Dash's mtime links are all replaced
    assert requests.get(app_url + core, timeout=10).headers["Cache-Control"] == \
        "public, max-age=31536000, immutable"
    stale = requests.get(app_url + "/assets/vendor/plotly-core.min.js?v=0123456789abcdef", timeout=10)
    assert stale.status_code == 200 and "immutable" not in stale.headers.get("Cache-Control", "")
    topojson = requests.get(app_url + "/assets/topojson/asia_50m.json", timeout=10)
    again = requests.get(app_url + "/assets/topojson/asia_50m.json", timeout=10,
                         headers={"If-None-Match": topojson.headers["ETag"],
                                  "Accept-Encoding": topojson.request.headers["Accept-Encoding"]})
    assert again.status_code == 304
    for addon in bundles().addons:  # linked by the core, not by the page
        assert f"/assets/{addon.file}" not in page.split('id="plotly-addons"')[0]


def test_the_layout_names_the_program_file_and_the_index_preloads_it(app_url):
    layout = requests.get(app_url + "/_dash-layout", timeout=30)
    assert len(layout.content) < 60_000  # ids and props; the program (240 KB at 1x) is a file of its own
    [url] = re.findall(r"/_program/timeline/[0-9a-f]{16}\.json", json.dumps(layout.json()))
    assert f'<link rel="preload" href="{url}" as="fetch" crossorigin>' in requests.get(app_url + "/", timeout=10).text
    program = requests.get(app_url + url, timeout=30)
    assert program.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert program.json()["traces"] and program.headers["Content-Type"] == "application/json"
    assert requests.get(app_url + "/_program/timeline/0123456789abcdef.json", timeout=10).status_code == 404
    assert requests.get(app_url + url.replace("timeline", "map"), timeout=10).status_code == 404


@pytest.mark.browser
def test_ag_grid_loads_with_the_table_view_not_before(page, app_url):
    urls = first_load_requests(page, app_url)
    assert not [u for u in urls if "async-community" in u or "dash_ag_grid" in u]
    switch_to(page, "table")
    assert loaded(urls, "dash_ag_grid.v") and loaded(urls, "async-community")
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


def test_only_immutable_bodies_are_kept_compressed():
    from flask import Flask, g

    from tracker.asset_urls import ImmutableBodies

    bodies = ImmutableBodies(limit=2)
    with Flask(__name__).test_request_context("/_dash-update-component"):
        bodies.set("zstd;/_dash-update-component", b"answer")  # a callback: never kept
        assert bodies.get("zstd;/_dash-update-component") is None
        g.immutable = True
        for name in ("a", "b", "c"):
            bodies.set(f"zstd;/assets/{name}.js?v=1", name.encode())
        assert bodies.get("zstd;/assets/a.js?v=1") is None  # the oldest went past the limit
        assert bodies.get("zstd;/assets/c.js?v=1") == b"c"
