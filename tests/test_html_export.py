"""The self-contained HTML export: page content and safety without a browser; offline behaviour in Chromium.

The browser tests open the exported file from file:// with every non-file request aborted and recorded (and
Chromium's resolver mapping every host to nothing), and fail on any request, console error or page error.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker import schema, summary
from tracker.cli import main
from tracker.filters import STORY_RANGE, Filters
from tracker.html_export import CSP, export_html, filter_words, inline_json, plotly_source
from tracker.load import load_dataset
from tracker.schema import TABLES
from tracker.views import GRAPH_VIEWS, chart_data, view_named

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
STORY = Filters(*STORY_RANGE)
HOSTILE = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATASETS)


@pytest.fixture(scope="module")
def story_html(dataset) -> str:
    return export_html(STORY.apply(dataset), STORY)


def tbody_rows(page: str, table: str) -> int:
    body = page.split(f'<table id="table-{table}">', 1)[1].split("</tbody>", 1)[0].split("<tbody>", 1)[1]
    return body.count("<tr ")


def json_block(page: str, block_id: str):
    match = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def marker_points(figure: dict) -> int:
    """Points drawn as markers for rows of launches, council_actions and context_events."""
    return sum(len(t["x"]) for t in figure["data"]
               if "markers" in t.get("mode", "") and (t.get("meta") or {}).get("table")
               and not t["meta"].get("legend"))  # a lane's legend entry draws no point


# --- without a browser ---------------------------------------------------------------------------------------

def test_one_plotly_copy_and_the_bundle_is_named(story_html):
    name, source = plotly_source()
    assert story_html.count("plotly.js v") == 1
    assert story_html.count(source[:300]) == 1
    assert story_html.count("<!-- plotly.js: ") == 1 and f"<!-- plotly.js: {name} -->" in story_html


def test_csp_meta_allows_no_network_and_no_eval(story_html):
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in story_html
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["default-src"] == "'none'" and directives["connect-src"] == "'none'"
    assert "unsafe-eval" not in CSP and "http" not in CSP and "*" not in CSP


def test_headline_counts_filters_and_back_link(dataset, story_html):
    data = STORY.apply(dataset)
    assert summary.headline(data) in story_html and summary.counts(data) in story_html
    assert "Dates: 15 May 2022 to 6 June 2022; missile classes: all;" in story_html
    assert '<a href="http://127.0.0.1:8050/?from=2022-05-15&amp;to=2022-06-06">' in story_html
    assert "CC BY 4.0" in story_html and "data as of" in story_html


def test_filter_words_name_partial_choices_and_open_dates():
    f = Filters(start="2017-01-01", classes=("ICBM", "IRBM"), action_kinds=("vetoed_draft",), event_kinds=())
    words = filter_words(f)
    assert words.startswith("Dates: 1 January 2017 to the latest row; missile classes: ICBM, IRBM;")
    assert "Council action kinds: vetoed draft;" in words and "context event kinds: none." in words
    assert filter_words(Filters()).startswith("Dates: all; missile classes: all;")


def test_back_link_uses_base_url_and_only_http(dataset):
    f = Filters(view="response")
    data = f.apply(dataset)
    page = export_html(data, f, "https://tracker.example.org/")
    assert '<a href="https://tracker.example.org/?view=response">' in page
    page = export_html(data, f, public_url="javascript:alert(1)//")
    assert 'href="javascript:' not in page and "javascript:alert(1)//?view=response" in page


def test_one_table_per_shown_table_with_every_filtered_row(dataset, story_html):
    data = STORY.apply(dataset)
    frames = chart_data(view_named("timeline"), data)
    assert set(frames) == {"launches", "council_actions", "context_events"}
    for name, frame in frames.items():
        assert tbody_rows(story_html, name) == len(frame) > 0
    assert story_html.count("<caption>") == 3 and '<th scope="col">' in story_html


def test_story_ids_in_tables_and_figure(story_html):
    figure = json_block(story_html, "figure-data")
    ids = {row[1] for t in figure["data"] for row in t.get("customdata") or []}
    assert {"L-2022-05-25-01", "C-2022-05-26-01"} <= ids
    assert '<tr id="row-L-2022-05-25-01"><td>L-2022-05-25-01<td>' in story_html
    assert '<tr id="row-C-2022-05-26-01"><td>C-2022-05-26-01<td>' in story_html
    assert figure["layout"]["height"] == 640 and "width" not in figure["layout"]
    assert [b["label"] for b in figure["layout"]["updatemenus"][0]["buttons"]] == ["1y", "5y", "all"]


def test_hostile_text_is_escaped_and_javascript_url_is_not_a_link(dataset):
    launches = dataset.launches.copy()
    row = launches.index[launches["id"] == "L-2022-05-25-01"][0]
    launches.loc[row, ["missile_name", "notes", "source_url"]] = [HOSTILE, HOSTILE + " & more", "javascript:alert(1)"]
    actions = dataset.actions.copy()
    actions.loc[actions["id"] == "C-2022-05-26-01", "summary"] = "</script><img src=x onerror=alert(1)>"
    edited = dataset.with_frames({"launches": launches, "council_actions": actions})
    page = export_html(STORY.apply(edited), STORY)
    assert HOSTILE not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page  # the table cell, as text
    assert 'href="javascript:' not in page and "<td>javascript:alert(1)<td>" in page
    hover = [text for t in json_block(page, "figure-data")["data"] for text in t.get("text") or []]
    assert any("&lt;script&gt;" in text for text in hover)  # Plotly markup escaped by esc(), as in the app
    assert sum(1 for _ in re.finditer(r'<a href="https?://', page)) >= 8  # the other rows keep their links


@pytest.mark.parametrize("hostile", ["</script><!-- x -->", "</SCRIPT >", "<!--<script>", "a</b><br>"])
def test_inline_json_cannot_close_the_script(hostile):
    text = inline_json({"a": hostile})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == {"a": hostile}


@pytest.mark.parametrize("view", [v.id for v in GRAPH_VIEWS])
def test_every_graph_view_exports(dataset, view):
    f = Filters(view=view)
    page = export_html(f.apply(dataset), f)
    figure = json_block(page, "figure-data")
    assert figure["data"] and figure["layout"]["height"] >= 520
    geo = json_block(page, "geo-data")
    assert (set(geo) == {"asia_50m"}) if view == "map" else geo == {}


def test_table_view_exports_tables_without_plotly(dataset):
    f = Filters(view="table")
    page = export_html(f.apply(dataset), f)
    assert "plotly.js v" not in page and tbody_rows(page, "launches") == len(dataset.launches)


def fake_bundles(assets: Path) -> None:
    """A manifest as scripts/build-plotly-bundle writes it, with a core and two add-ons."""
    vendor = assets / "vendor"
    vendor.mkdir(parents=True)
    for name in ("core", "bar", "geo"):
        (vendor / f"plotly-{name}.min.js").write_text(f"/* {name} */", encoding="utf-8")
    (vendor / "plotly-bundles.json").write_text(json.dumps({
        "version": "4.1.1", "core": "plotly-core.min.js", "core_traces": ["scatter"],
        "addons": {"bar": {"file": "plotly-bar.min.js", "traces": ["bar"]},
                   "geo": {"file": "plotly-geo.min.js", "traces": ["scattergeo"]}}}), encoding="utf-8")


def test_plotly_source_inlines_the_core_and_only_the_add_ons_the_figure_needs(tmp_path):
    fake_bundles(tmp_path)
    assert plotly_source(("scatter",), tmp_path) == ("core bundle plotly-core.min.js", "/* core */")
    assert plotly_source(("scattergeo", "scatter"), tmp_path) == (
        "core bundle plotly-core.min.js + plotly-geo.min.js", "/* core */\n/* geo */")
    name, source = plotly_source(("scatter", "pie"), tmp_path)  # no add-on draws pies
    assert name.startswith("full bundle") and "plotly.js v" in source[:200]
    assert plotly_source((), tmp_path / "elsewhere")[0].startswith("full bundle")  # no manifest


def test_each_view_inlines_the_add_ons_of_its_trace_types_only(dataset):
    for view, addons in (("timeline", []), ("yearly", ["plotly-bar"]), ("map", ["plotly-geo"])):
        f = Filters(view=view)
        page = export_html(f.apply(dataset), f)
        inlined = re.findall(r"add-on for plotly-core\.min\.js: (\w+)", page)
        assert [f"plotly-{t.replace('scatter', '') or 'scatter'}" for t in inlined] == addons, view
        assert page.count("core bundle for this app") == 1


def test_tables_leave_out_optional_end_tags_and_keep_every_cell(dataset, story_html):
    data = STORY.apply(dataset)
    body = story_html.split('<table id="table-launches">', 1)[1].split("</tbody>", 1)[0]
    assert "</td>" not in body and "</tr>" not in body
    first = body.split("<tr ", 2)[1]
    assert first.count("<td>") == len([c for c in data.launches.columns if c in schema.table_named("launches").columns])


def test_cli_writes_the_file_and_prints_its_size(data, tmp_path):
    out = tmp_path / "story.html"
    result = CliRunner().invoke(main, ["export-html", str(out), "--data", str(data), "--from", STORY_RANGE[0],
                                       "--to", STORY_RANGE[1], "--base-url", "https://example.org/tracker/"])
    assert result.exit_code == 0, result.output
    size = out.stat().st_size
    assert f"wrote {out} ({size:,} bytes)" in result.output
    page = out.read_text(encoding="utf-8")
    assert "L-2022-05-25-01" in page and 'href="https://example.org/tracker/?from=2022-05-15&amp;to=2022-06-06"' in page


def test_cli_refuses_an_unknown_view(data, tmp_path):
    result = CliRunner().invoke(main, ["export-html", str(tmp_path / "x.html"), "--data", str(data),
                                       "--view", "nope"])
    assert result.exit_code == 1 and "--view: unknown choice 'nope'; valid: timeline" in result.output
    assert not (tmp_path / "x.html").exists()


# --- in Chromium, from file://, offline ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as instance:  # one per module: the sync API can't nest
        yield instance


def launch(playwright, *args: str):
    from support.browser import CHROMIUM, CHROMIUM_ARGS

    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *args])


@pytest.fixture(scope="module")
def offline_browser(playwright):
    browser = launch(playwright, "--host-resolver-rules=MAP * ~NOTFOUND")  # no host resolves, not even 127.0.0.1
    yield browser
    browser.close()


class OfflinePage:
    """A page that aborts and records every request that is not the file itself, and records every error."""

    def __init__(self, browser, path: Path):
        self.url = path.as_uri()
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url)
                     if not r.url.startswith(("data:", "blob:")) else None)
        self.page.route("**/*", lambda route: route.continue_() if route.request.url == self.url else route.abort())

    def open(self) -> None:
        self.page.goto(self.url)
        self.page.wait_for_function("() => { const c = document.getElementById('chart');"
                                    " return c && c._fullLayout && c.querySelector('.main-svg'); }", timeout=30_000)
        self.page.wait_for_timeout(300)

    def check_clean(self) -> None:
        assert self.requests == [self.url]
        assert self.problems == []


@pytest.fixture
def offline(offline_browser):
    pages = []

    def open_file(path: Path) -> OfflinePage:
        opened = OfflinePage(offline_browser, path)
        pages.append(opened)
        opened.open()
        return opened

    yield open_file
    for opened in pages:
        opened.context.close()


def write_export(tmp_path: Path, dataset, f: Filters) -> tuple[Path, str]:
    page = export_html(f.apply(dataset), f)
    path = tmp_path / f"{f.view}.html"
    path.write_text(page, encoding="utf-8")
    return path, page


@pytest.mark.browser
def test_story_export_works_offline_with_markers_hover_and_tables(offline, dataset, tmp_path):
    path, page = write_export(tmp_path, dataset, STORY)
    data = STORY.apply(dataset)
    opened = offline(path)
    p = opened.page
    expected = marker_points(json_block(page, "figure-data"))
    assert expected == len(data.launches) + len(data.actions) + len(data.events) == 8
    assert p.locator(".scatterlayer .point").count() == expected
    point = p.locator(".scatterlayer .point").first.bounding_box()
    p.mouse.move(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
    p.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
    assert "click for the source" in p.text_content(".hoverlayer")
    p.mouse.click(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
    p.wait_for_selector("tr.picked", timeout=5_000)  # the clicked row, with its source link, below the chart
    assert p.locator("tr.picked a[href^='https://'], tr.picked a[href^='http://']").count() == 1
    for name, frame in chart_data(view_named("timeline"), data).items():
        assert p.locator(f"#table-{name} tbody tr").count() == len(frame)
    tables = p.text_content("main")
    assert "L-2022-05-25-01" in tables and "C-2022-05-26-01" in tables
    ids = p.evaluate("() => document.getElementById('chart').data.flatMap(t => (t.customdata || []).map(c => c[1]))")
    assert {"L-2022-05-25-01", "C-2022-05-26-01"} <= set(ids)
    opened.check_clean()


@pytest.mark.browser
def test_full_timeline_export_zooms_and_toggles_offline(offline, dataset, tmp_path):
    f = Filters()
    path, page = write_export(tmp_path, dataset, f)
    opened = offline(path)
    p = opened.page
    assert p.locator(".scatterlayer .point").count() == marker_points(json_block(page, "figure-data")) == (
        len(dataset.launches) + len(dataset.actions) + len(dataset.events))
    before = p.evaluate("() => document.getElementById('chart').layout.xaxis.range.slice()")
    p.locator(".updatemenu-button", has_text="1y").click()
    p.wait_for_function(f"() => document.getElementById('chart').layout.xaxis.range[0] !== {json.dumps(before[0])}")
    visible = p.locator(".legend .traces").count()
    p.locator(".legend .traces").first.click()
    p.wait_for_function("() => document.getElementById('chart').data.some(t => t.visible === 'legendonly')")
    assert visible > 3
    assert p.locator("#table-launches tbody tr").count() == len(dataset.launches)
    opened.check_clean()


@pytest.mark.browser
@pytest.mark.parametrize("view", ["response", "yearly", "sanctions", "map"])
def test_other_views_render_offline(offline, dataset, tmp_path, view):
    path, _ = write_export(tmp_path, dataset, Filters(view=view))
    opened = offline(path)
    if view == "map":
        opened.page.wait_for_selector(".geo .countries path, .geolayer .countries path", state="attached")
        assert opened.page.locator(".scattergeo .point").count() > 0
    opened.check_clean()


@pytest.mark.browser
def test_the_apps_button_downloads_the_same_kind_of_file(playwright, dataset, tmp_path):
    from support.browser import running_app

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for table in TABLES:
        shutil.copy(DATASETS / table.filename, data_dir / table.filename)
    browser = launch(playwright)
    with running_app(data_dir) as app_url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.goto(app_url + "/")
        page.wait_for_selector("#section-timeline .js-plotly-plot .main-svg", timeout=30_000)
        button_id = json.dumps({"kind": "html", "view": "timeline"}, separators=(",", ":"))
        button = page.locator(f"[id='{button_id}']")
        assert button.text_content() == "Download interactive HTML"
        with page.expect_download(timeout=60_000) as download:
            button.click()
        target = tmp_path / "download.html"
        download.value.save_as(target)
        assert download.value.suggested_filename == "dprk-launches.html"
        context.close()
    browser.close()
    page_text = target.read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page_text
    assert summary.headline(Filters().apply(dataset)) in page_text
    assert tbody_rows(page_text, "launches") == len(dataset.launches)
    assert problems == []
