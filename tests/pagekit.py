"""Small helpers for the browser tests: open a view, wait without eval (our CSP forbids it), read figures."""

from __future__ import annotations

import time

VIEW_LABELS = {"timeline": "Timeline", "response": "Response", "yearly": "By year", "sanctions": "Sanctions",
               "map": "Map", "table": "Table"}


def wait_until(page, script: str, timeout: float = 30) -> object:
    """Poll `page.evaluate(script)` until it is truthy (Playwright's wait_for_function needs eval)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"never true: {script}")
        time.sleep(0.1)


def drawn(view: str) -> str:
    """A selector that exists once the view has drawn its data."""
    return ".ag-row" if view == "table" else f"#graph-{view} .main-svg .trace"


def open_view(page, app_url: str, query: str = "", view: str = "timeline") -> None:
    page.goto(f"{app_url}/{query}")
    page.wait_for_selector(drawn(view), timeout=30_000, state="attached")
    wait_until(page, "() => document.querySelector('#counts').textContent.startsWith('Showing')")


def switch_to(page, view: str) -> None:
    """Click the view's pill, as a viewer does (the radio itself is visually hidden)."""
    page.locator("#view label").filter(has_text=VIEW_LABELS[view]).click()
    page.wait_for_selector(f"#section-{view}:not([hidden])")
    page.wait_for_selector(drawn(view), timeout=30_000, state="attached")


def figure(page, view: str) -> dict:
    return page.evaluate(f"() => {{ const gd = document.querySelector('#graph-{view} .js-plotly-plot');"
                         " return {data: gd.data, layout: gd.layout}; }")


def box(page, selector: str) -> dict | None:
    return page.evaluate(f"() => {{ const e = document.querySelector({selector!r});"
                         " return e ? e.getBoundingClientRect().toJSON() : null; }")


def overlaps(a: dict, b: dict) -> bool:
    return not (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"])


def click_a_point(page, view: str) -> None:
    """Click the centre of a drawn marker of the view's chart, as a mouse user does (after the chart settled)."""
    page.locator(f"#graph-{view}").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    centre = page.evaluate(f"""() => {{
        const points = [...document.querySelectorAll('#graph-{view} .scatterlayer .point')]
            .map(p => p.getBoundingClientRect()).filter(r => r.width > 2 && r.top > 0 && r.bottom < innerHeight);
        const r = points[points.length - 1];
        return r ? [r.left + r.width / 2, r.top + r.height / 2] : null;
    }}""")
    assert centre, f"no visible point in {view}"
    page.mouse.move(*centre)
    page.mouse.click(*centre)


def markers_under_annotations(page, view: str = "timeline") -> int:
    """Drawn markers whose box meets any annotation's box (its text and background), read from the DOM."""
    return page.evaluate(f"""() => {{
        const root = document.querySelector('#graph-{view}');
        const notes = [...root.querySelectorAll('.infolayer .annotation .annotation-text-g, .infolayer .annotation rect.bg')]
            .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
        const points = [...root.querySelectorAll('.scatterlayer .point')]
            .map(p => p.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
        const meets = (a, b) => !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top);
        return points.filter(p => notes.some(n => meets(p, n))).length;
    }}""")
