"""Keyboard only, in Debian's Chromium: every control and every row's detail can be reached with key presses."""

from __future__ import annotations

import pytest

from tests.pagekit import figure, open_view, wait_until

pytestmark = pytest.mark.browser
ACTIVE = "() => document.activeElement"


def focus_by_tab(page, test: str, presses: int = 120) -> int:
    """Press Tab until `test` (a JS predicate on document.activeElement) holds; how many presses it took."""
    for n in range(1, presses + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => ({test})(document.activeElement)"):
            return n
    raise AssertionError(f"never focused: {test}")


def test_range_buttons_are_reached_and_pressed_by_keyboard(page, app_url):
    open_view(page, app_url)
    focus_by_tab(page, "e => e.classList && e.classList.contains('updatemenu-button') && /1y/.test(e.textContent)")
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "button"
    page.keyboard.press("Enter")
    wait_until(page, "() => { const r = document.querySelector('#graph-timeline .js-plotly-plot').layout.xaxis.range;"
                     " return r && (new Date(r[1]) - new Date(r[0])) < 400 * 864e5; }")
    focus_by_tab(page, "e => e.classList && e.classList.contains('updatemenu-button') && /all/.test(e.textContent)")
    page.keyboard.press(" ")
    wait_until(page, "() => { const r = document.querySelector('#graph-timeline .js-plotly-plot').layout.xaxis.range;"
                     " return (new Date(r[1]) - new Date(r[0])) > 20 * 365 * 864e5; }")


def test_view_as_table_moves_focus_to_the_table(page, app_url):
    open_view(page, app_url)
    focus_by_tab(page, "e => e.textContent === 'View as table' && e.closest('#section-timeline')")
    page.keyboard.press("Enter")
    page.wait_for_selector("#section-table:not([hidden]) .grid-launches .ag-row")
    wait_until(page, "() => !!document.activeElement.closest('#section-table .grid-box')")


def open_grid_by_keyboard(page, app_url, query: str = "?view=table") -> None:
    open_view(page, app_url, query, "table")
    page.wait_for_selector(".grid-launches .ag-center-cols-container .ag-row")
    focus_by_tab(page, "e => e.id === 'quick-filter'")
    focus_by_tab(page, "e => !!e.closest('.grid-launches .ag-header')", 12)  # the grid's header row
    page.keyboard.press("ArrowDown")  # into the first row
    wait_until(page, "() => document.activeElement.classList.contains('ag-cell')")


def test_enter_on_a_table_row_opens_its_drawer_and_escape_returns_focus(page, app_url):
    open_grid_by_keyboard(page, app_url)
    page.keyboard.press("ArrowDown")
    cell = page.evaluate("() => { const e = document.activeElement; return [e.closest('.ag-row').getAttribute('row-id'),"
                         " e.getAttribute('col-id')]; }")
    assert cell[0].startswith("L-") and cell[1] != "source_url"
    page.keyboard.press("Enter")
    page.wait_for_selector("#detail-drawer:not([hidden]) .detail-source a")
    assert f"Row {cell[0]} in launches.csv" in page.text_content("#detail")
    wait_until(page, "() => !!document.activeElement.closest('#detail-drawer')")
    page.keyboard.press("Escape")
    page.wait_for_selector("#detail-drawer", state="hidden")
    wait_until(page, f"() => document.activeElement.closest('.ag-row')?.getAttribute('row-id') === {cell[0]!r}")


def test_a_source_link_in_the_table_opens_with_enter(page, app_url):
    asked: list[str] = []

    def answer_locally(route):  # the test stays offline: the link's request is recorded and answered here
        asked.append(route.request.url)
        route.fulfill(body="source", content_type="text/plain")

    page.context.route(lambda url: not url.startswith(app_url), answer_locally)
    open_grid_by_keyboard(page, app_url)
    for _ in range(12):  # across the row to its source cell
        if page.evaluate("() => document.activeElement.getAttribute('col-id')") == "source_url":
            break
        page.keyboard.press("ArrowRight")
    href = page.evaluate("() => document.activeElement.querySelector('a[href]').href")
    with page.context.expect_page() as popup:
        page.keyboard.press("Enter")
    popup.value.wait_for_load_state()
    assert popup.value.url == href and asked == [href]
    popup.value.close()


def test_every_chart_point_has_a_keyboard_path_through_the_table(page, app_url):
    """From the chart, by keys only: "View as table", then Enter on any row opens the same drawer a click opens."""
    open_view(page, app_url, "?view=response", "response")
    focus_by_tab(page, "e => e.textContent === 'View as table' && e.closest('#section-response')")
    page.keyboard.press("Enter")
    wait_until(page, "() => !!document.activeElement.closest('#section-table .grid-box')")
    page.keyboard.press("Enter")
    page.wait_for_selector("#detail-drawer:not([hidden]) .detail-source a")
    assert len(figure(page, "response")["data"]) > 0
