"""The dashboard in Debian's Chromium, driven by Playwright, against `python -m tracker serve`.

Every test fails on a console error, an uncaught page error or a request to any host but the app's own.
"""

from __future__ import annotations

import shutil

import pytest

from support.browser import ROOT, chromium, running_app
from tests.conftest import set_cell
from tracker.load import load_dataset

pytestmark = pytest.mark.browser
VISIBLE_GRAPH = "section:not([hidden]) .js-plotly-plot .main-svg"
MAIN_POINTS = "#timeline .cartesianlayer .subplot.xy .scatterlayer .points path"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    data = tmp_path_factory.mktemp("browser-data")
    for name in ("launches.csv", "council_actions.csv"):
        shutil.copy(ROOT / "datasets" / name, data / name)
    return data


@pytest.fixture(scope="module")
def app_url(data_dir):
    with running_app(data_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: problems.append(f"off-site request: {r.url}")
            if not r.url.startswith((app_url, "data:", "blob:")) else None)
    yield page
    context.close()
    assert problems == []


def open_view(page, app_url, query=""):
    page.goto(f"{app_url}/{query}")
    page.wait_for_selector(VISIBLE_GRAPH, timeout=30_000)
    page.wait_for_function("() => document.querySelector('#counts').textContent.startsWith('Showing')")


def counts_text(page) -> str:
    return page.text_content("#counts")


def test_timeline_shows_one_point_per_row(page, app_url):
    open_view(page, app_url)
    data = load_dataset(ROOT / "datasets")
    page.wait_for_function(f"() => document.querySelectorAll('{MAIN_POINTS}').length > 0")
    assert page.locator(MAIN_POINTS).count() == len(data.launches) + len(data.actions)
    assert counts_text(page).startswith(f"Showing {len(data.launches):,} launch groups")


def test_changing_a_filter_changes_the_counts(page, app_url):
    open_view(page, app_url)
    before = counts_text(page)
    page.get_by_label("SRBM").uncheck()
    page.wait_for_function(f"() => document.querySelector('#counts').textContent !== {before!r}")
    assert "class=" in page.url and "SRBM" not in page.url.split("class=")[1].split("&")[0]
    assert counts_text(page) != before


def test_url_with_filters_restores_them(page, app_url):
    open_view(page, app_url, "?from=2017-01-01&to=2017-12-31&class=ICBM&view=timeline")
    assert page.input_value("#date-from") == "2017-01-01"
    assert page.input_value("#date-to") == "2017-12-31"
    assert page.get_by_label("ICBM").is_checked() and not page.get_by_label("SRBM").is_checked()
    data = load_dataset(ROOT / "datasets")
    icbm_2017 = data.launches[(data.launches["missile_class"] == "ICBM") & (data.launches["date"].dt.year == 2017)]
    assert counts_text(page).startswith(f"Showing {len(icbm_2017)} launch groups")


def test_story_button_shows_the_launches_and_the_veto(page, app_url):
    open_view(page, app_url)
    page.click("#story")
    page.wait_for_selector("#story-caption:not([hidden])")
    page.wait_for_function("() => document.location.search.includes('from=2022-05-15')")
    names = page.evaluate("""() => document.querySelector('#timeline .js-plotly-plot').data
                              .filter(t => t.meta).map(t => [t.name, t.x.map(String)])""")
    dates = {name.split(" (")[0]: xs for name, xs in names}
    assert any(x.startswith("2022-05-25") for x in dates["ICBM"])
    assert any(x.startswith("2022-05-26") for x in dates["Vetoed draft"])
    x_range = page.evaluate("() => document.querySelector('#timeline .js-plotly-plot').layout.xaxis.range")
    assert x_range[0] <= "2022-05-25" and x_range[1] >= "2022-05-26"
    assert page.locator(MAIN_POINTS).count() >= 3


def test_clicking_a_point_opens_its_row_and_source(page, app_url):
    open_view(page, app_url, "?from=2022-05-15&to=2022-06-06&kind=ballistic_missile&action=vetoed_draft")
    page.wait_for_function(f"() => document.querySelectorAll('{MAIN_POINTS}').length >= 2")
    veto = page.locator("#timeline .subplot.xy .scatterlayer .trace").filter(
        has=page.locator("path.point")).last.locator("path.point").first
    box = veto.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#detail .detail-source a")
    assert page.get_attribute("#detail .detail-source a", "href") == "https://press.un.org/en/2022/sc14911.doc.htm"
    detail = page.text_content("#detail")
    assert "S/2022/431" in detail and "Launches it answers" in detail and "2022-05-25" in detail


def test_every_view_renders(page, app_url):
    open_view(page, app_url)
    for label, selector in (("Response", "#response .main-svg"), ("By year", "#yearly .main-svg"),
                            ("Sanctions", "#sanctions .main-svg"), ("Map", "#map .geo"),
                            ("Table", "#launch-grid .ag-row")):
        page.get_by_role("radio", name=label, exact=True).check()
        page.wait_for_selector(selector, timeout=30_000)
    assert "view=table" in page.url
    page.fill("#quick-filter", "Hwasong-17")
    page.wait_for_function(
        "() => document.querySelectorAll('#launch-grid .ag-center-cols-container .ag-row').length < 10")
    with page.expect_download() as download:
        page.click("#download-launches")
    assert download.value.suggested_filename == "dprk-launches.csv"
    first_line = open(download.value.path(), encoding="utf-8").readline()
    assert first_line.startswith("id,date,")


def test_map_loads_topojson_from_the_app(page, app_url):
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    open_view(page, app_url, "?view=map")
    page.wait_for_selector("#map .geo .countries path", timeout=30_000)
    assert f"{app_url}/assets/topojson/asia_50m.json" in seen


def test_response_view_flags_unanswered_major_tests(page, app_url):
    open_view(page, app_url, "?view=response")
    page.wait_for_selector("#major-tests tr.flag")
    assert "No Council response" in page.text_content("#major-tests")


def test_controls_are_reachable_by_keyboard(page, app_url):
    open_view(page, app_url)
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("() => document.activeElement.id || document.activeElement.name || ''"))
    assert {"date-from", "classes", "story"} <= reached


def test_broken_csv_shows_the_banner(page, app_url, data_dir):
    good = (data_dir / "launches.csv").read_bytes()
    column = set_cell(data_dir / "launches.csv", 5, "count", "0")
    try:
        open_view(page, app_url)
        banner = page.text_content("#data-error")
        assert f"launches.csv:5:{column}: count: must be at least 1, got '0'" in banner
        assert counts_text(page).startswith("Showing ")
    finally:
        (data_dir / "launches.csv").write_bytes(good)


def test_phone_layout_has_no_horizontal_scroll(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(app_url)
    page.wait_for_selector(VISIBLE_GRAPH, timeout=30_000)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
