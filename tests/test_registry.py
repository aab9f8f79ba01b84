"""The frame: a new table costs its CSV and its schema entry; every row is drawn; callbacks work without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

from tests.conftest import DATASETS, validate
from tracker import schema
from tracker.cli import main
from tracker.datastore import DataStore
from tracker.filters import STORY_RANGE, Filters
from tracker.load import load_dataset
from tracker.schema import Field, ForeignKey, Table

BRIEFINGS = Table(
    name="briefings", filename="briefings.csv", title="Briefings", noun="briefing", date_convention="New York date",
    id_prefix="B", date_floor=schema.ACTIONS.date_floor, foreign_keys=(ForeignKey("launch_ids", "launches"),),
    fields=(Field("id", "id", True, "Row id."), Field("date", "date", True, "Date."),
            Field("title", "text", True, "Title."), Field("launch_ids", "idlist", False, "Launches discussed."),
            Field("source_url", "url", True, "Source.")))


@pytest.fixture
def with_briefings(data: Path, monkeypatch) -> Path:
    """A fourth table: only its CSV and its registry entry; no module of tracker/ is edited."""
    monkeypatch.setattr(schema, "TABLES", (*schema.TABLES, BRIEFINGS))
    (data / BRIEFINGS.filename).write_text(
        "id,date,title,launch_ids,source_url\n"
        "B-2022-05-26-01,2022-05-26,Briefing on the ICBM,L-2022-05-25-01,https://press.un.org/en/2022/sc14911.doc.htm\n"
        "B-2024-03-28-01,2024-03-28,Panel renewal vote,,https://press.un.org/en/2024/sc15648.doc.htm\n",
        encoding="utf-8")
    return data


def call(method, *args, trigger=None, value=1, outputs_list=None, states_list=None):
    """Run a callback method with Dash's callback context set, as the renderer would (vizro's pattern)."""
    prop = f"{json.dumps(trigger, separators=(',', ':'), sort_keys=True) if isinstance(trigger, dict) else trigger}"
    token = context_value.set(AttributeDict(
        triggered_inputs=[{"prop_id": f"{prop}.n_clicks", "value": value}] if trigger else [],
        outputs_list=outputs_list or [], states_list=states_list or []))
    try:
        return method(*args)
    finally:
        context_value.reset(token)


def grids_outputs(tables) -> list:
    return [[{"id": {"kind": "grid", "table": t.name}, "property": "rowData"} for t in tables],
            [{"id": {"kind": "grid", "table": t.name}, "property": "columnDefs"} for t in tables]]


def test_a_new_table_validates_loads_and_is_checked_for_links(with_briefings):
    code, output = validate(with_briefings)
    assert code == 0 and "2 briefing rows" in output, output
    frame = load_dataset(with_briefings)["briefings"]
    assert frame["id"].tolist() == ["B-2022-05-26-01", "B-2024-03-28-01"]
    assert str(frame["date"].dtype).startswith("datetime64")
    path = with_briefings / BRIEFINGS.filename
    path.write_text(path.read_text(encoding="utf-8").replace("L-2022-05-25-01", "L-1900-01-01-01"), encoding="utf-8")
    code, output = validate(with_briefings)
    assert code == 1 and "briefings.csv:2:4: launch_ids: no launch has the id 'L-1900-01-01-01'" in output


def test_a_new_table_is_in_the_table_view(with_briefings):
    from tracker.callbacks import Callbacks
    from tracker.layout import table_grids

    assert "grid-briefings" in json.dumps(table_grids(), default=lambda c: c.to_plotly_json())
    calls = Callbacks(DataStore(with_briefings))
    rows, columns = call(calls.tables, "table", *Filters().to_widgets(), outputs_list=grids_outputs(schema.TABLES))
    assert [r["id"] for r in rows[-1]] == ["B-2022-05-26-01", "B-2024-03-28-01"]
    assert [c["field"] for c in columns[-1]] == ["date", "title", "launch_ids", "source_url", "id"]
    in_2024 = call(calls.tables, "table", "2024-01-01", None, *Filters().to_widgets()[2:],
                   outputs_list=grids_outputs(schema.TABLES))[0][-1]
    assert [r["id"] for r in in_2024] == ["B-2024-03-28-01"]


def test_a_new_table_is_appendable_with_add(with_briefings):
    result = CliRunner().invoke(main, ["add", "briefing", "--data", str(with_briefings), "--date", "2023-01-02",
                                       "--title", "New year briefing", "--source-url", "https://example.org/b"])
    assert result.exit_code == 0, result.output
    lines = (with_briefings / BRIEFINGS.filename).read_text(encoding="utf-8").splitlines()
    assert lines[2].startswith("B-2023-01-02-01,2023-01-02,New year briefing,")
    assert validate(with_briefings)[0] == 0


def test_a_new_table_is_in_the_data_package(with_briefings):
    from tracker.datapackage import package_json

    names = [r["name"] for r in json.loads(package_json())["resources"]]
    assert names[-1] == "briefings"


@pytest.mark.parametrize("filters", [Filters(), Filters(classes=("ICBM", "SRBM")), Filters(*STORY_RANGE),
                                     Filters(kinds=("cruise_missile",), action_kinds=("resolution",)),
                                     Filters(start="2018-01-01", end="2019-12-31", event_kinds=("summit",))])
def test_every_row_after_filters_is_a_point_on_the_timeline(filters):
    from tracker.figures.timeline import timeline_figure

    shown = filters.apply(load_dataset(DATASETS))
    fig = timeline_figure(shown, x_range=(filters.start, filters.end))
    for table in ("launches", "council_actions", "context_events"):
        points = sum(len(t.x) for t in fig.data if (t.meta or {}).get("table") == table
                     and not t.meta.get("legend"))  # a lane's legend entry is no point
        assert points == len(shown[table]), table


def test_a_class_or_kind_without_a_style_fails_loudly(monkeypatch):
    from tracker.figures import style

    monkeypatch.setattr(style, "CLASS_COLOURS", {k: v for k, v in style.CLASS_COLOURS.items() if k != "HGV"})
    with pytest.raises(RuntimeError, match="HGV"):
        style._require_styles()
    monkeypatch.undo()
    monkeypatch.setattr(style, "EVENT_STYLE", {k: v for k, v in style.EVENT_STYLE.items() if k != "npt"})
    with pytest.raises(RuntimeError, match="npt"):
        style._require_styles()


def test_every_marker_colour_has_3_to_1_contrast_on_white():
    from tracker.figures.style import ACTION_STYLE, CLASS_COLOURS, EVENT_STYLE, contrast

    colours = {**CLASS_COLOURS, **{k: v[0] for k, v in {**ACTION_STYLE, **EVENT_STYLE}.items()}}
    assert {name: round(contrast(c), 2) for name, c in colours.items() if contrast(c) < 3} == {}
    assert not set(CLASS_COLOURS.values()) & {v[0] for v in ACTION_STYLE.values()}  # one meaning per colour


# Callbacks, called directly -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def calls():
    from tracker.callbacks import Callbacks

    return Callbacks(DataStore(DATASETS))


def widgets(f: Filters = Filters()) -> list:
    return f.to_widgets()


def test_server_views_answer_for_the_shown_view_only(calls):
    from tracker.views import SERVER_DRAWN

    routed = {"view": "response", "values": widgets(Filters(classes=("ICBM",)))}
    out = call(calls.server_views, routed, outputs_list=[{}] * (len(SERVER_DRAWN) + 1) + grids_outputs(schema.TABLES))
    figures = dict(zip((v.id for v in SERVER_DRAWN), out))
    assert figures["response"]["data"] and all(f is no_update for v, f in figures.items() if v != "response")
    assert out[len(SERVER_DRAWN)] is not no_update  # the major tests under the Response chart
    assert out[-2] == [no_update] * len(schema.TABLES)  # grids: only on the Table view
    table = call(calls.server_views, {"view": "table", "values": widgets()},
                 outputs_list=[{}] * (len(SERVER_DRAWN) + 1) + grids_outputs(schema.TABLES))
    assert [len(rows) for rows in table[-2]] == [len(load_dataset(DATASETS)[t.name]) for t in schema.TABLES]


@pytest.mark.parametrize("routed", [None, "x", {"view": "response"}, {"values": [1, 2]},
                                    {"view": "response", "values": "abc"}, {"view": 5, "values": [None] * 99}])
def test_server_views_refuse_a_malformed_route(calls, routed):
    out = call(calls.server_views, routed, outputs_list=[{}] * 5 + grids_outputs(schema.TABLES))
    assert all(o is no_update for o in out[:-2]) and out[-2:] == [[no_update] * len(schema.TABLES)] * 2


def test_program_urls_are_sent_again_only_when_the_data_changed():
    from tracker.callbacks import Callbacks
    from tracker.views import PAGE_DRAWN

    asked = []
    calls = Callbacks(DataStore(DATASETS), lambda data: asked.append(data.version) or [f"/_program/{data.version}"])
    version = calls.store.current().version
    assert list(call(calls.refresh_programs, 3, version)) == [no_update] * 2 and asked == []
    assert list(call(calls.refresh_programs, 4, "an older version")) == [version, [f"/_program/{version}"]]
    assert asked == [version] and len(PAGE_DRAWN) == 1


def test_summary_headline_counts_and_reversed_dates(calls):
    version = calls.store.current().version
    headline, counts, story_hidden, warning, words, suffix, data_date, cite, evidence = call(
        calls.summary, version, *widgets(Filters(classes=("ICBM",))))
    assert headline.startswith("Of ") and "ICBM launch day" in headline and counts.startswith("Showing ")
    assert story_hidden is True and warning == ""
    assert words.startswith("Filters: Dates: all; missile classes: ICBM;") and suffix == "-icbm"
    assert data_date.startswith("Data as of ") and "version of" in cite and evidence.strip()
    warning = call(calls.summary, version, *widgets(Filters(start="2020-01-01", end="2010-01-01")))[3]
    assert "after the to-date" in warning


def test_a_table_row_picked_by_keyboard_opens_the_same_drawer(calls):
    pick = {"table": "council_actions", "id": "C-2022-05-26-01", "at": 1}
    panel, hidden = call(calls.show_detail, None, None, None, pick, 0, trigger="row-pick", value=pick)
    assert hidden is False and "https://press.un.org/en/2022/sc14911.doc.htm" in json.dumps(
        panel.to_plotly_json(), default=lambda c: c.to_plotly_json())
    for junk in (None, "x", {"table": "launches"}, {"table": 1, "id": "L"}):
        assert call(calls.show_detail, None, None, None, junk, 0, trigger="row-pick", value=junk) == (no_update,
                                                                                               no_update)


def test_downloads_are_named_from_the_view_and_the_filters(calls):
    f = Filters(start="2017-01-01", end="2017-12-31", classes=("IRBM", "ICBM"))
    out = call(calls.download, [0, 0], [0, 1], *widgets(f), trigger={"kind": "html", "view": "timeline"})
    assert out["filename"] == "dprk-launches-2017-irbm-icbm.html"
    assert "(a local address" in out["content"]  # no public address set: the file says so
    out = call(calls.download, [0, 1], [0, 0], *widgets(f), trigger={"kind": "csv", "view": "response"})
    assert out["filename"] == "dprk-council-response-lag-2017-irbm-icbm-data.zip"


def test_graph_callback_answers_only_for_its_view(calls):
    timeline = calls.graph("timeline")
    assert call(timeline, "response", *widgets()) is no_update
    figure = call(timeline, "timeline", *widgets())
    assert figure["data"] and "updatemenus" in figure["layout"]


def test_hostile_widget_values_are_clamped_before_the_cache(calls):
    from tracker.callbacks import figure_json

    junk = [f"x{i}" for i in range(100_000)]
    before = figure_json.cache_info().currsize
    figure = call(calls.graph("timeline"), "timeline", "0001-01-01", "9999-12-31", junk, junk, junk, junk, junk)
    assert figure["layout"]["annotations"][0]["text"].startswith("No launches")  # nothing matches, no error
    f = Filters.from_widgets("0001-01-01", "9999-12-31", junk, junk, junk, junk, junk)
    assert f.start == schema.earliest_date().isoformat() and f.end <= "2100-01-01" and f.classes == () and f.event_kinds == ()
    assert figure_json.cache_info().currsize <= before + 1 and figure_json.cache_info().maxsize == 64


def test_a_click_opens_the_drawer_with_the_row_and_close_hides_it(calls):
    click = {"points": [{"customdata": ["council_actions", "C-2022-05-26-01"]}]}
    panel, hidden = call(calls.show_detail, click, None, None, None, 0, trigger="graph-timeline", value=click)
    text = json.dumps(panel.to_plotly_json(), default=lambda c: c.to_plotly_json())
    assert hidden is False and "https://press.un.org/en/2022/sc14911.doc.htm" in text and "Vetoed by" in text
    assert call(calls.show_detail, None, None, None, None, 1, trigger="detail-close") == (no_update, True)
    junk = {"points": [{"customdata": [{"x": 1}, None]}]}
    assert call(calls.show_detail, junk, None, None, None, 0, trigger="graph-timeline", value=junk) == (no_update,
                                                                                                      no_update)


def test_chart_csv_download_is_the_chart_rows(calls):
    out = call(calls.download, [0, 1], [0, 0], *widgets(Filters(classes=("ICBM",))),
               trigger={"kind": "csv", "view": "map"})
    assert out["filename"] == "dprk-launch-sites-icbm-launches.csv"
    body = out["content"].splitlines()[1:]
    assert body and all(",ICBM," in line for line in body)
