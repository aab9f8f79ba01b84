"""The dashboard in Debian's Chromium, driven by Playwright, against `python -m tracker serve`.

Every test fails on a console error, an uncaught page error or a request to any host but the app's own
(fixtures in conftest.py). Geometry, clicks and downloads are checked here; logic is tested without a browser.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from support.browser import ROOT
from tests.conftest import set_cell
from tests.pagekit import box, click_a_point, drawn, figure, open_view, overlaps, switch_to, wait_until
from tracker.load import load_dataset

pytestmark = pytest.mark.browser
GRAPH_VIEWS = ("timeline", "response", "yearly", "sanctions", "map")
POINTS = "#graph-timeline .scatterlayer .point"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT / "datasets")


def counts_text(page) -> str:
    return page.text_content("#counts")


def check_geometry(page, view: str) -> None:
    """The drawing fits inside its card; no legend covers the chart's title or a control of the chart."""
    graph, svg = box(page, f"#graph-{view}"), box(page, f"#graph-{view} .main-svg")
    card = box(page, f"#section-{view} figure.chart")
    assert graph["height"] > 200, f"{view}: graph box collapsed to {graph['height']} px"
    assert abs(svg["height"] - graph["height"]) < 2 and svg["bottom"] <= card["bottom"] + 1, (view, svg, card)
    assert svg["right"] <= card["right"] + 1 and svg["left"] >= card["left"] - 1
    legend = box(page, f"#graph-{view} .legend")
    if legend:
        assert not overlaps(legend, box(page, f"#title-{view}")), f"{view}: legend over the title"
        for control in page.locator(f"#graph-{view} .updatemenu-button").all():
            assert not overlaps(legend, control.bounding_box() | {
                "right": control.bounding_box()["x"] + control.bounding_box()["width"],
                "bottom": control.bounding_box()["y"] + control.bounding_box()["height"],
                "left": control.bounding_box()["x"], "top": control.bounding_box()["y"]}), f"{view}: legend on a button"
        plot = box(page, f"#graph-{view} .main-svg .bglayer, #graph-{view} .main-svg .geo")
        if plot:
            assert not overlaps(legend, plot), f"{view}: legend over the plot"


@pytest.mark.parametrize("view", GRAPH_VIEWS)
def test_each_view_fits_its_card_when_loaded_by_url(any_page, app_url, view):
    open_view(any_page, app_url, f"?view={view}", view)
    check_geometry(any_page, view)


@pytest.mark.parametrize("view", GRAPH_VIEWS[1:])
def test_each_view_fits_its_card_when_reached_by_click(any_page, app_url, view):
    open_view(any_page, app_url)
    switch_to(any_page, view)
    any_page.wait_for_timeout(300)
    check_geometry(any_page, view)
    switch_to(any_page, "timeline")
    check_geometry(any_page, "timeline")


def test_timeline_shows_one_point_per_row(page, app_url, dataset):
    open_view(page, app_url)
    rows = len(dataset.launches) + len(dataset.actions) + len(dataset.events)
    assert wait_until(page, f"() => document.querySelectorAll('{POINTS}').length === {rows}")
    assert counts_text(page).startswith(f"Showing {len(dataset.launches):,} launch groups")


def test_unanswered_launches_are_hollow(page, app_url, dataset):
    open_view(page, app_url)
    fills = page.evaluate(f"() => [...document.querySelectorAll('{POINTS}')].map(p => p.style.fill)")
    white = [f for f in fills if f in ("rgb(255, 255, 255)", "#ffffff")]
    assert 0 < len(white) < len(fills)
    legend = page.text_content("#graph-timeline .legend")
    assert "hollow = no Council answer" in legend


def test_changing_a_filter_changes_the_counts_and_the_url(page, app_url):
    open_view(page, app_url)
    before = counts_text(page)
    page.get_by_label("SRBM").uncheck()
    wait_until(page, f"() => document.querySelector('#counts').textContent !== {before!r}")
    wait_until(page, "() => window.location.search.includes('class=')")  # the URL follows a moment later
    assert "SRBM" not in page.url.split("class=")[1].split("&")[0]


def test_url_with_filters_restores_them(page, app_url, dataset):
    open_view(page, app_url, "?from=2017-01-01&to=2017-12-31&class=ICBM&view=timeline")
    assert page.input_value("#date-from") == "2017-01-01" and page.input_value("#date-to") == "2017-12-31"
    assert page.get_by_label("ICBM").is_checked() and not page.get_by_label("SRBM").is_checked()
    launches = dataset.launches
    icbm_2017 = launches[(launches["missile_class"] == "ICBM") & (launches["date"].dt.year == 2017)]
    assert counts_text(page).startswith(f"Showing {len(icbm_2017)} launch groups")


def test_headline_answers_the_core_question(page, app_url):
    open_view(page, app_url, "?class=ICBM")
    assert wait_until(page, "() => /Of \\d+ ICBM launch days, \\d+ got no Council action/"
                            ".test(document.querySelector('#headline').textContent)")


def test_story_button_shows_the_launches_the_veto_and_its_annotation(page, app_url):
    open_view(page, app_url)
    page.click("#story")
    page.wait_for_selector("#story-caption:not([hidden])")
    wait_until(page, "() => document.location.search.includes('from=2022-05-15')")
    wait_until(page, "() => document.querySelector('#graph-timeline .js-plotly-plot').layout.xaxis.range[0]"
                     " .startsWith('2022')")
    fig = figure(page, "timeline")
    xs = {t["name"].split(" (")[0]: [str(x) for x in t["x"]] for t in fig["data"] if t.get("meta")}
    assert any(x.startswith("2022-05-25") for x in xs["ICBM"])
    assert any(x.startswith("2022-05-26") for x in xs["Vetoed draft"])
    notes = " ".join(a["text"] for a in fig["layout"]["annotations"])
    assert "veto 13-2" in notes and "China, Russia" in notes and "+1 d" in notes


def test_range_buttons_end_at_the_last_data_point(page, app_url, dataset):
    open_view(page, app_url)
    last = max(dataset.launches["date"].max(), dataset.actions["date"].max())
    page.locator("#graph-timeline .updatemenu-button").filter(has_text="1y").click()
    wait_until(page, "() => document.querySelector('#graph-timeline .js-plotly-plot').layout.xaxis.range[0]"
                     f" >= '{(last.year - 1)}'")
    end = figure(page, "timeline")["layout"]["xaxis"]["range"][1]
    assert str(end)[:10] == f"{last:%Y-%m-%d}"


def test_sanctions_keep_the_caps_in_force_inside_the_2022_window(page, app_url):
    open_view(page, app_url, "?view=sanctions&from=2022-05-15&to=2022-06-06", "sanctions")
    adopted = [t for t in figure(page, "sanctions")["data"] if t["name"].endswith("adopted")]
    for trace, cap in zip(sorted(adopted, key=lambda t: t["name"]), (4_000_000, 500_000)):
        assert trace["y"][-1] == cap and str(trace["x"][-1]) >= "2022-06-06"
    assert {4_000_000, 500_000} <= {t["y"][-1] for t in adopted}


def test_no_toolbar_control_leaves_the_machine(page, app_url):
    open_view(page, app_url)
    page.hover("#graph-timeline")
    titles = page.evaluate("() => [...document.querySelectorAll('.modebar-btn')].map(b => b.dataset.title)")
    assert titles and not [t for t in titles if "Chart Studio" in t or "Share" in t or "cloud" in t.lower()]
    links = page.evaluate("() => [...document.querySelectorAll('.modebar a')].map(a => a.href)")
    assert all(link.startswith(app_url) for link in links)


@pytest.mark.parametrize("view", ["timeline", "response", "sanctions"])
def test_clicking_a_point_shows_its_row_in_view(any_page, app_url, view):
    query = "?from=2022-05-15&to=2022-06-06" if view == "timeline" else f"?view={view}"
    open_view(any_page, app_url, query, view)
    click_a_point(any_page, view)
    any_page.wait_for_selector("#detail-drawer:not([hidden]) .detail-source a")
    drawer = box(any_page, "#detail-drawer")
    viewport = any_page.viewport_size
    assert drawer["top"] >= 0 and drawer["bottom"] <= viewport["height"] + 1 and drawer["right"] <= viewport["width"] + 1
    assert any_page.get_attribute("#detail .detail-source a", "href").startswith(("http://", "https://"))
    any_page.click("#detail-close")
    any_page.wait_for_selector("#detail-drawer", state="hidden")


def test_detail_uses_plain_labels_and_honest_dates(page, app_url):
    open_view(page, app_url, "?to=1984-12-31")  # two rows, both known only to the month
    click_a_point(page, "timeline")
    page.wait_for_selector("#detail-drawer:not([hidden])")
    text = page.text_content("#detail")
    assert page.text_content("#detail h3").startswith(("April 1984 (Korea)", "September 1984 (Korea)"))
    assert "1 Apr 1984" not in text and "1 Sep 1984" not in text and "1984-04-01 " not in text
    assert "time_kst" not in text and "lat" not in text.split()
    assert page.locator("#detail details summary").text_content() == "Notes"


def test_dates_typed_and_views_switched_raise_no_page_error(page, app_url):
    open_view(page, app_url)
    page.focus("#date-from")  # the month segment: type as a keyboard user does
    page.keyboard.type("01012016")
    page.focus("#date-to")
    page.keyboard.type("12312017")
    wait_until(page, "() => document.location.search.includes('to=2017-12-31')")
    for view in ("response", "yearly", "sanctions", "map", "timeline"):
        switch_to(page, view)
    page.fill("#date-from", "2020-01-01")
    page.fill("#date-to", "2010-01-01")
    page.wait_for_selector("#date-warning:has-text('after the to-date')")


def test_table_search_and_its_csv_download_agree(page, app_url):
    open_view(page, app_url, "?view=table", "table")
    page.fill("#quick-filter", "Hwasong-17")
    summary = ".grid-launches .ag-paging-row-summary-panel"
    wait_until(page, f"() => / of \\d+ $/.test(document.querySelector({summary!r}).textContent)"
                     f" && parseInt(document.querySelector({summary!r}).textContent.split(' of ')[1]) < 40")
    page.wait_for_timeout(500)
    shown = int(page.text_content(summary).split(" of ")[1])
    with page.expect_download() as download:
        page.locator(".table-head button").first.click()
    with open(download.value.path(), encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert download.value.suggested_filename == "launches.csv"
    assert rows[0][:2] == ["id", "date"] and len(rows) - 1 == shown > 0
    assert all("hwasong-17" in ",".join(row).lower() for row in rows[1:])  # AG Grid search ignores case


def test_chart_csv_download_is_what_the_chart_shows(page, app_url):
    open_view(page, app_url, "?view=response&class=ICBM", "response")
    with page.expect_download() as download:
        page.click("#section-response .chart-actions button:has-text('Download data (CSV)')")
    assert download.value.suggested_filename == "dprk-council-response-lag-data.zip"
    with zipfile.ZipFile(download.value.path()) as archive:
        assert sorted(archive.namelist()) == ["council_actions.csv", "launches.csv"]
        launches = list(csv.DictReader(io.StringIO(archive.read("launches.csv").decode("utf-8"))))
    assert launches and {row["missile_class"] for row in launches} == {"ICBM"}


def test_png_download_carries_title_and_source(page, app_url):
    open_view(page, app_url)
    with page.expect_download() as download:
        page.click("#section-timeline .chart-actions button:has-text('Download PNG')")
    assert download.value.suggested_filename == "dprk-launches-and-council-timeline.png"
    with open(download.value.path(), "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


def test_copy_link_shows_the_link(page, app_url):
    open_view(page, app_url, "?class=ICBM")
    page.click("#copy-link")
    page.wait_for_selector("#copy-status:has-text('class=ICBM')")


def test_map_loads_topojson_from_the_app(page, app_url):
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    open_view(page, app_url, "?view=map", "map")
    page.wait_for_selector("#graph-map .geo .countries path", timeout=30_000)
    assert f"{app_url}/assets/topojson/asia_50m.json" in seen


def test_response_view_flags_unanswered_major_tests(page, app_url):
    open_view(page, app_url, "?view=response", "response")
    page.wait_for_selector("#major-tests tr.flag")
    assert "No Council response" in page.text_content("#major-tests")


def test_controls_are_reachable_by_keyboard(page, app_url):
    open_view(page, app_url)
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("() => document.activeElement.id || document.activeElement.name || ''"))
    assert {"date-from", "story", "copy-link"} <= reached


@pytest.mark.parametrize("view", ["timeline", "response", "yearly", "sanctions", "map", "table"])
def test_axe_finds_no_serious_violation(page, app_url, view):
    from axe_playwright_python.sync_playwright import Axe

    open_view(page, app_url, f"?view={view}", view)
    page.wait_for_timeout(300)
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["nodes"][0]["target"]) for v in violations if v["impact"] in ("serious", "critical")] == []


def test_phone_shows_the_chart_first_and_filters_behind_a_button(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(app_url)
    page.wait_for_selector(drawn("timeline"), timeout=30_000, state="attached")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert box(page, "#graph-timeline")["top"] < 844 and not page.is_visible("#filters")
    page.click("#filters-toggle")
    page.wait_for_selector("#filters", state="visible")
    context.close()


def test_broken_csv_shows_viewers_a_short_notice(page, app_url, data_dir):
    good = (data_dir / "launches.csv").read_bytes()
    set_cell(data_dir / "launches.csv", 5, "count", "0")
    try:
        open_view(page, app_url)
        banner = page.text_content("#data-error")
        assert "this page shows the last valid version of the data (as of " in banner
        assert "must be at least 1" not in banner and "launches.csv" not in banner
        assert counts_text(page).startswith("Showing ")
    finally:
        (data_dir / "launches.csv").write_bytes(good)
