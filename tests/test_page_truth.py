"""Shared files, sentences that stay true, By year and the phone table, in Debian's Chromium."""

from __future__ import annotations

import pytest

from tests.conftest import DATASETS, rows_of, set_cell
from tests.pagekit import box, open_view, switch_to, wait_until
from tracker.load import load_dataset
from tracker.schema import TABLES

pytestmark = pytest.mark.browser
RECORD_PNG = """() => { window.pngLayouts = []; const draw = window.Plotly.toImage;
    window.Plotly.toImage = (figure, options) => { window.pngLayouts.push(figure.layout.title.text);
                                                   return draw(figure, options); }; }"""


def test_png_names_the_view_and_filters_and_writes_them_out(page, app_url):
    open_view(page, app_url, "?from=2017-01-01&to=2017-12-31&class=IRBM,ICBM")
    wait_until(page, "() => document.querySelector('#filter-words').textContent.includes('IRBM, ICBM')")
    page.evaluate(RECORD_PNG)
    with page.expect_download() as download:
        page.click("#section-timeline .chart-actions button:has-text('Download PNG')")
    assert download.value.suggested_filename == "dprk-launches-2017-irbm-icbm.png"
    title = page.evaluate("() => window.pngLayouts[0]")
    assert "Dates: 1 January 2017 to 31 December 2017; missile classes: IRBM, ICBM;" in title
    assert f"{app_url}/?from=2017-01-01" in title and "a local address" in title  # no public address set


def test_png_prints_the_public_address_when_one_is_set(browser, tmp_path):
    from support.browser import running_app

    with running_app(DATASETS, ("--public-url", "https://tracker.example.org/dprk")) as url:
        page = browser.new_page()
        open_view(page, url, "?class=ICBM")
        page.evaluate(RECORD_PNG)
        with page.expect_download():
            page.click("#section-timeline .chart-actions button:has-text('Download PNG')")
        title = page.evaluate("() => window.pngLayouts[0]")
        page.close()
    assert "https://tracker.example.org/dprk/?class=ICBM" in title and "local address" not in title


def test_the_data_download_says_zip_when_it_is_one(page, app_url):
    open_view(page, app_url, "?view=sanctions", "sanctions")
    assert page.text_content("#section-sanctions .chart-actions").count("Download data (CSV)") == 1
    with page.expect_download() as download:
        page.click("#section-sanctions .chart-actions button:has-text('Download data (CSV)')")
    assert download.value.suggested_filename.endswith(".csv")
    switch_to(page, "response")
    with page.expect_download() as download:
        page.click("#section-response .chart-actions button:has-text('Download data (zip of CSVs)')")
    assert download.value.suggested_filename.endswith(".zip")


def test_only_beside_a_choice_keeps_that_choice_alone(page, app_url):
    open_view(page, app_url)
    only = page.get_by_role("button", name="Only ICBM")
    choice = box(page, "#classes label:nth-child(4)")
    button = only.bounding_box()
    assert abs((button["y"] + button["height"] / 2) - (choice["top"] + choice["height"] / 2)) < 8  # same row
    only.click()
    wait_until(page, "() => window.location.search === '?class=ICBM'")
    assert page.get_by_label("ICBM").is_checked() and not page.get_by_label("SRBM").is_checked()
    wait_until(page, "() => /^Showing \\d+ launch groups/.test(document.querySelector('#counts').textContent)"
                     " && document.querySelector('#filter-words').textContent.includes('missile classes: ICBM;')")


def test_every_sentence_follows_a_file_changed_under_an_open_page(browser, tmp_path, monkeypatch):
    from support.browser import running_app

    for table in TABLES:
        (tmp_path / table.filename).write_bytes((DATASETS / table.filename).read_bytes())
    launches = tmp_path / "launches.csv"
    rows = rows_of(launches)
    header = rows[0]
    line = next(n for n, row in enumerate(rows, start=1) if row[header.index("missile_class")] == "ICBM")
    before = load_dataset(tmp_path)
    monkeypatch.setenv("TRACKER_DATA_CHECK_SECONDS", "1")
    with running_app(tmp_path) as url:
        page = browser.new_page()
        open_view(page, url, "?class=ICBM")
        headline, counts = page.text_content("#headline"), page.text_content("#counts")
        set_cell(launches, line, "missile_class", "IRBM")  # one ICBM launch day fewer
        wait_until(page, f"() => document.querySelector('#headline').textContent !== {headline!r}")
        wait_until(page, f"() => document.querySelector('#counts').textContent !== {counts!r}")
        icbm = load_dataset(tmp_path).launches.query("missile_class == 'ICBM'")
        assert page.text_content("#counts").startswith(f"Showing {len(icbm)} launch groups")
        assert len(icbm) == len(before.launches.query("missile_class == 'ICBM'")) - 1
        switch_to(page, "yearly")
        wait_until(page, "() => Array.from(document.querySelector('#graph-yearly .js-plotly-plot')._fullData"
                         ".find(t => t.name === 'total missiles').y).reduce((a, b) => a + b, 0)"
                         f" === {int(icbm['count'].sum())}")
        page.close()


def test_by_year_shows_each_total_above_its_bar_and_one_hover_per_year(page, app_url, dataset=None):
    open_view(page, app_url, "?view=yearly", "yearly")
    data = load_dataset(DATASETS)
    year = 2022
    expected = int(data.launches[data.launches["date"].dt.year == year]["count"].sum())
    label = page.locator("#graph-yearly .scatterlayer .textpoint text", has_text=f"{expected}").first
    text_box = label.bounding_box()
    bars = page.evaluate("""() => [...document.querySelectorAll('#graph-yearly .barlayer .point path')]
        .map(p => p.getBoundingClientRect()).filter(r => r.height > 0).map(r => [r.left, r.right, r.top])""")
    centre = text_box["x"] + text_box["width"] / 2
    under = [b for b in bars if b[0] <= centre <= b[1] and b[2] > text_box["y"] - 300]
    assert under and text_box["y"] + text_box["height"] <= min(b[2] for b in under) + 1  # above its stack
    page.mouse.move(centre, min(b[2] for b in under) + 4)
    page.wait_for_selector("#graph-yearly .hoverlayer .legend")
    hover = page.text_content("#graph-yearly .hoverlayer")
    assert f"{expected} missiles" in hover and "SRBM" in hover and str(year) in hover


def test_phone_table_shows_date_what_class_count_and_source_first(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    open_view(page, app_url, "?view=table", "table")
    page.wait_for_selector(".grid-launches .ag-header-cell")
    heads = page.evaluate("""() => dash_ag_grid.getApi({kind: 'grid', table: 'launches'})
        .getAllDisplayedColumns().map(c => c.getColId())""")  # the grid renders only the columns in view
    assert heads[:5] == ["date", "missile_name", "missile_class", "count", "source_url"]
    visible = page.evaluate("""() => [...document.querySelectorAll('.grid-launches .ag-header-cell')]
        .filter(h => { const r = h.getBoundingClientRect(); return r.width > 0 && r.left < innerWidth; })
        .map(h => h.getAttribute('col-id'))""")
    assert {"date", "missile_name"} <= set(visible) <= set(heads[:5])
    context.close()
