"""The page's own filter code (assets/filter_state.js, assets/timeline.js) against the Python it mirrors.

The page keeps widgets <-> URL and draws the timeline from its program without the server; Python stays the
reference: `Filters.from_query(...).to_query()` for URLs, `timeline_json(Filters.apply(dataset))` for figures.
"""

from __future__ import annotations

import json
import math

import plotly.io
import pytest

from tests.conftest import DATASETS
from tests.pagekit import wait_until
from tracker.figures.timeline import timeline_json
from tracker.figures.timeline_program import timeline_program
from tracker.filters import CHOICE_FILTERS, STORY_RANGE, Filters, filter_spec
from tracker.load import load_dataset
from tracker.schema import MISSILE_CLASSES

pytestmark = pytest.mark.browser

QUERIES = ["", "?class=ICBM", "?class=ICBM,SRBM,junk&view=response", "?from=2022-05-15&to=2022-06-06",
           "?from=0001-01-01&to=9999-12-31", "?from=yesterday&class=ICBM,<script>&view=nope&outcome=",
           "?from=2022-W20-1", "?from=2022-02-30", "?from=2017-01-01T00:00&to=2017-12-31xyz",
           "?class=ICBM&class=SRBM", "?class", "?action=vetoed_draft,resolution&event=&view=table",
           "?kind=nuclear_test&view=map&from=2006-10-09", "?view=timeline&class=" + ",".join(MISSILE_CLASSES),
           "?from=%32%30%32%30-01-01", "?class=ICBM+SRBM", "?to=1949-12-31"]

FILTER_SETS = [Filters(), Filters(*STORY_RANGE), Filters(classes=("ICBM",)), Filters(classes=("ICBM", "nuclear")),
               Filters(start="2010-01-01"), Filters(end="2005-12-31"), Filters(start="2020-01-01", end="2010-01-01"),
               Filters(classes=()), Filters(action_kinds=()), Filters(event_kinds=("monitoring",), end="2024-12-31"),
               Filters(event_kinds=("monitoring", "moratorium"), start="2024-06-01"),
               Filters(action_kinds=("vetoed_draft",), classes=("ICBM", "SRBM")), Filters(outcomes=("failure",)),
               Filters(kinds=("nuclear_test",)), Filters(start="2022-05-25", end="2022-05-25"),
               Filters(start="2017-01-01", end="2017-12-31", event_kinds=()),
               Filters(start="2025-01-01", end="2025-12-31", action_kinds=("resolution",)),  # an empty Council lane
               Filters(start="2019-06-01", end="2019-08-01", event_kinds=("moratorium", "monitoring"))]


@pytest.fixture(scope="module")
def js(browser, app_url):
    """A loaded dashboard page: its assets define window.dash_clientside.filterState and .timeline."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(app_url + "/")
    page.wait_for_selector("#graph-timeline .main-svg .trace", state="attached", timeout=60_000)
    yield page
    context.close()


def to_page(f: Filters) -> dict:
    return {"start": f.start, "end": f.end, "view": f.view,
            "choices": {s.widget: list(getattr(f, s.attribute)) for s in CHOICE_FILTERS}}


def same(a, b, path="figure") -> list[str]:
    """Differences between two JSON values (numbers within 1e-9), as readable paths."""
    if isinstance(a, dict) and isinstance(b, dict):
        return ([f"{path}.{k}: only on one side" for k in a.keys() ^ b.keys()]
                + [d for k in a.keys() & b.keys() for d in same(a[k], b[k], f"{path}.{k}")])
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} vs {len(b)} items"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in same(x, y, f"{path}[{i}]")]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return [] if math.isclose(a, b, abs_tol=1e-9) else [f"{path}: {a} vs {b}"]
    return [] if a == b else [f"{path}: {a!r} vs {b!r}"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_page_reads_and_writes_urls_as_the_server_does(js, query):
    expected = Filters.from_query(query)
    got = js.evaluate("([spec, q]) => { const s = window.dash_clientside.filterState, f = s.fromQuery(spec, q);"
                      " return [f, s.toQuery(spec, f)]; }", [filter_spec(), query])
    assert got[1] == expected.to_query()
    assert got[0] == to_page(expected)


@pytest.mark.parametrize("trigger,expected", [
    ("reset", Filters(view="response")), ("story", Filters(*STORY_RANGE)),
    ("as-table", Filters(classes=("ICBM",), view="table")), ("classes", Filters(classes=("ICBM",), view="response"))])
def test_buttons_and_widgets_move_the_state_as_before(js, trigger, expected):
    values = Filters(classes=("ICBM",)).to_widgets()
    got = js.evaluate("([spec, trigger, values]) => { const s = window.dash_clientside.filterState;"
                      " const next = s.transition(spec, trigger, '?x=1', values, 'response');"
                      " return [next.write, s.toQuery(spec, next.filters)]; }", [filter_spec(), trigger, values])
    assert got == [True, expected.to_query()]


def test_the_url_is_the_source_on_load_and_is_not_rewritten(js):
    got = js.evaluate("([spec]) => { const s = window.dash_clientside.filterState;"
                      " const next = s.transition(spec, null, '?class=ICBM&view=response', [], 'timeline');"
                      " return [next.write, s.toWidgets(spec, next.filters)[2], next.filters.view]; }", [filter_spec()])
    assert got == [False, ["ICBM"], "response"]


@pytest.mark.parametrize("f", FILTER_SETS, ids=lambda f: f.to_query() or "all")
def test_the_page_draws_the_figure_the_server_would(js, f):
    dataset = load_dataset(DATASETS)
    program = json.loads(plotly.io.json.to_json_plotly(timeline_program(dataset)))
    expected = json.loads(plotly.io.json.to_json_plotly(timeline_json(f.apply(dataset), x_range=(f.start, f.end),
                                                                      event_kinds=f.event_kinds)))
    got = js.evaluate("([program, spec, f]) => window.dash_clientside.timeline.figure(program, spec, f)",
                      [program, filter_spec(), to_page(f)])
    assert same(got, expected) == []
    shown = f.apply(dataset)
    points = sum(len(t["x"]) for t in got["data"] if t.get("customdata"))
    drawn = len(shown.launches) + len(shown.actions)
    assert points == (drawn + len(shown["context_events"]) if drawn else 0)  # one point per row kept


def test_above_the_webgl_threshold_both_draw_webgl_markers_without_links(js, monkeypatch):
    import tracker.figures.timeline as timeline

    monkeypatch.setattr(timeline, "GL_THRESHOLD", 50)  # the real threshold needs ~16x the dataset
    dataset, f = load_dataset(DATASETS), Filters(start="2016-01-01")
    program = json.loads(plotly.io.json.to_json_plotly({**timeline_program(dataset), "gl_threshold": 50}))
    expected = json.loads(plotly.io.json.to_json_plotly(timeline_json(f.apply(dataset), x_range=(f.start, f.end))))
    got = js.evaluate("([program, spec, f]) => window.dash_clientside.timeline.figure(program, spec, f)",
                      [program, filter_spec(), to_page(f)])
    assert same(got, expected) == []
    assert {t["type"] for t in got["data"] if t.get("customdata")} == {"scattergl"}


COUNT_REDRAWS = """() => { const gd = document.querySelector('#graph-timeline .js-plotly-plot'); window.__redraws = 0;
  gd.on('plotly_afterplot', () => { window.__redraws += 1; }); }"""
CHECKED = "() => [...document.querySelectorAll('#classes input')].filter(i => i.checked).map(i => i.value)"
LEGEND = "() => document.querySelector('#graph-timeline .js-plotly-plot').data.map(t => t.name).join('|')"


def test_the_address_bar_follows_clicks_and_back_restores_whole_states(page, app_url):
    page.goto(app_url + "/")
    page.wait_for_selector("#graph-timeline .main-svg .trace", state="attached", timeout=60_000)
    page.wait_for_timeout(500)
    page.evaluate(COUNT_REDRAWS)
    page.evaluate("async () => { document.querySelector('#classes input[value=SRBM]').click();"  # 30 ms apart
                  " await new Promise(r => setTimeout(r, 30));"
                  " document.querySelector('#classes input[value=ICBM]').click(); }")
    latest = Filters(classes=tuple(c for c in MISSILE_CLASSES if c not in ("SRBM", "ICBM"))).to_query()
    page.wait_for_url(f"{app_url}/{latest}")  # the latest state, never an older one
    page.wait_for_timeout(600)
    assert page.evaluate("() => window.__redraws") == 2  # one per click: the URL's echo redraws nothing
    for _ in range(2):  # one entry per click here (a click inside the 120 ms would share one); back to the start
        before = page.evaluate("() => window.location.search")
        page.go_back()
        wait_until(page, f"() => window.location.search !== {before!r}")
        shown = Filters.from_query(page.evaluate("() => window.location.search"))
        checked = json.dumps(list(shown.classes), separators=(",", ":"))
        wait_until(page, f"() => JSON.stringify(({CHECKED})()) === {checked!r}")  # widgets follow the URL
        expect = " && ".join(f"{'' if c in shown.classes else '!'}names.includes('{c} (')" for c in ("SRBM", "ICBM"))
        wait_until(page, f"() => {{ const names = ({LEGEND})(); return {expect}; }}")  # and the chart
        if shown.classes == MISSILE_CLASSES:
            break
    assert page.evaluate("() => window.location.search") == ""


def test_a_page_left_open_picks_up_a_changed_file(browser, tmp_path, monkeypatch):
    """The timeline is drawn from a program sent with the page; when the files change, a new one follows."""
    from support.browser import running_app
    from tests.conftest import rows_of, set_cell
    from tracker.schema import TABLES

    for table in TABLES:
        (tmp_path / table.filename).write_bytes((DATASETS / table.filename).read_bytes())
    launches = tmp_path / "launches.csv"
    rows = rows_of(launches)
    line = next(n for n, row in enumerate(rows, start=1) if row[rows[0].index("missile_class")] == "ICBM"
                and row[rows[0].index("count")] == "1")
    icbms = load_dataset(tmp_path).launches.query("missile_class == 'ICBM'")["count"].sum()
    monkeypatch.setenv("TRACKER_DATA_CHECK_SECONDS", "1")
    with running_app(tmp_path) as url:
        page = browser.new_page()
        page.goto(url + "/")
        page.wait_for_selector("#graph-timeline .main-svg .trace", state="attached", timeout=60_000)
        wait_until(page, f"() => ({LEGEND})().includes('ICBM ({icbms})')")
        set_cell(launches, line, "count", "4")
        wait_until(page, f"() => ({LEGEND})().includes('ICBM ({icbms + 3})')")
        page.close()
