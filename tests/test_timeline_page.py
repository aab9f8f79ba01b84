"""The timeline at 1400 and 390 px in Debian's Chromium: no label over the data, a phone's own view, the legend."""

from __future__ import annotations

import pytest

from tests.pagekit import box, click_a_point, figure, markers_under_annotations, open_view, wait_until

pytestmark = pytest.mark.browser
STORY = "?from=2022-05-15&to=2022-06-06"


@pytest.mark.parametrize("query", ["", STORY], ids=["default", "story"])
def test_no_marker_lies_under_any_annotation(any_page, app_url, query):
    open_view(any_page, app_url, query)
    wait_until(any_page, "() => document.querySelectorAll('#graph-timeline .infolayer .annotation').length > 0")
    notes = any_page.evaluate("() => document.querySelectorAll('#graph-timeline .infolayer .annotation').length")
    points = any_page.evaluate("() => document.querySelectorAll('#graph-timeline .scatterlayer .point').length")
    assert notes >= 1 and points > 0
    assert markers_under_annotations(any_page) == 0


def test_the_veto_label_has_a_leader_line_to_its_marker(page, app_url):
    open_view(page, app_url, STORY)
    veto = next(a for a in figure(page, "timeline")["layout"]["annotations"] if "veto" in a["text"])
    assert veto["showarrow"] and veto["ay"] < 0 and veto["yanchor"] == "bottom"  # above, pointing down to it
    arrow = page.evaluate("""() => { const p = document.querySelector('#graph-timeline .annotation-arrow-g path');
                                    return p ? p.getBoundingClientRect().toJSON() : null; }""")
    label = box(page, "#graph-timeline .annotation .annotation-text-g")
    assert arrow and arrow["height"] > 10 and arrow["top"] >= label["bottom"] - 2


def test_a_phone_opens_on_the_last_years_without_toolbar_or_hover_labels(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_view(page, app_url)
    start, end = figure(page, "timeline")["layout"]["xaxis"]["range"]
    years = (int(end[:4]) - int(start[:4]))
    assert 3 <= years <= 5
    ticks = page.evaluate("() => [...document.querySelectorAll('#graph-timeline .ytick text')]"
                          ".map(t => t.getBoundingClientRect().left)")
    assert min(ticks) >= 0  # lane labels fit on the screen
    assert page.evaluate("() => [...document.querySelectorAll('#graph-timeline .modebar-container')]"
                         ".every(m => getComputedStyle(m).display === 'none')")
    page.locator("#graph-timeline .updatemenu-button", has_text="all").click()
    wait_until(page, "() => { const r = document.querySelector('#graph-timeline .js-plotly-plot').layout.xaxis.range;"
                     " return r[0] < '2000'; }")
    page.locator("#graph-timeline .updatemenu-button", has_text="5y").click()
    click_a_point(page, "timeline")
    page.wait_for_selector("#detail-drawer:not([hidden]) .detail-source a")
    assert page.locator("#graph-timeline .hoverlayer .hovertext").count() == 0  # the drawer, no tooltip
    context.close()


def test_legend_symbols_are_filled_and_hollow_has_its_own_entry(page, app_url):
    open_view(page, app_url)
    fills = page.evaluate("""() => [...document.querySelectorAll('#graph-timeline .legend .traces')]
        .map(t => [t.textContent, (t.querySelector('.legendpoints path') || {style: {}}).style.fill])""")
    lanes = {text.split(" (")[0]: fill for text, fill in fills if "missiles" in text or "tests" in text}
    assert {"HGV", "cruise", "ICBM"} <= set(lanes)
    assert all(fill not in ("rgb(255, 255, 255)", "") for fill in lanes.values()), lanes
    texts = [text for text, _ in fills]
    assert any(t.startswith("hollow = ") for t in texts) and any(t.startswith("shaded: ") for t in texts)


def test_context_survives_a_date_filter_clipped_to_the_window(page, app_url):
    """The monitoring gap began before 2025 and the Panel's period before 2020: both still shade their window,
    and a Council lane with no action in it stays, saying so."""
    open_view(page, app_url, "?from=2025-01-01&to=2025-12-31&action=resolution")
    fig = figure(page, "timeline")
    texts = [a["text"] for a in fig["layout"]["annotations"]]
    assert "no Council action in this period" in texts and "monitoring gap" in texts
    start, end = fig["layout"]["xaxis"]["range"]
    gap = [s for s in fig["layout"]["shapes"] if s["type"] == "rect"]
    assert gap and str(gap[0]["x0"]) == str(start)[:10] and str(gap[0]["x1"]) == str(end)[:10]
    lanes = page.evaluate("() => [...document.querySelectorAll('#graph-timeline .ytick text')].map(t => t.textContent)")
    assert "UN Security Council" in lanes
    shading = page.evaluate("() => [...document.querySelectorAll('#graph-timeline .shapelayer path')]"
                            ".map(p => p.getBoundingClientRect().width)")
    assert max(shading) > 300  # the whole year shaded, not a sliver
    open_view(page, app_url, "?from=2020-01-01&to=2021-12-31")
    bar = page.evaluate("""() => { const gd = document.querySelector('#graph-timeline .js-plotly-plot');
        const i = gd.data.findIndex(t => t.name === 'grey bar: a period');
        const path = document.querySelectorAll('#graph-timeline .scatterlayer .trace')[i].querySelector('.js-line');
        return path ? path.getBoundingClientRect().width : 0; }""")
    assert bar > 300  # the Panel of Experts' period (2009 to 2024) runs across the window
