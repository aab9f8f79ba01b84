"""Figure builders are pure: the shipped dataset in, traces out; checked without a browser."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import DATASETS
from tracker.derive import links, major_test_responses, oil_caps, response_lags
from tracker.figures.response import response_figure
from tracker.figures.sanctions import sanctions_figure
from tracker.figures.sitemap import site_map_figure, site_table
from tracker.sites import locate
from tracker.figures.style import COUNCIL_LANE
from tracker.figures.timeline import GL_THRESHOLD, timeline_figure
from tracker.figures.yearly import yearly_figure
from tracker.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATASETS)


def marker_traces(fig, table):
    return [t for t in fig.data if (t.meta or {}).get("table") == table]


def test_timeline_has_one_point_per_row(ds):
    fig = timeline_figure(ds)
    assert sum(len(t.x) for t in marker_traces(fig, "launches")) == len(ds.launches)
    assert sum(len(t.x) for t in marker_traces(fig, "council_actions")) == len(ds.actions)
    assert all(set(t.y) == {COUNCIL_LANE} for t in marker_traces(fig, "council_actions"))


def test_timeline_marks_nuclear_tests_as_stars_with_rules(ds):
    fig = timeline_figure(ds)
    nuclear = [t for t in fig.data if t.name.startswith("nuclear")][0]
    assert nuclear.marker.symbol == "star" and len(nuclear.x) == 6
    assert len([s for s in fig.layout.shapes if s.line.dash == "dash"]) == 6


def test_timeline_vetoed_drafts_have_their_own_symbol(ds):
    fig = timeline_figure(ds)
    vetoed = [t for t in fig.data if t.name.startswith("Vetoed draft")][0]
    assert vetoed.marker.symbol == "x" and len(vetoed.x) == 2


def test_timeline_links_every_responds_to_pair(ds):
    fig = timeline_figure(ds)
    lines = [t for t in fig.data if t.mode == "lines"][0]
    assert len(lines.x) == 3 * len(links(ds.launches, ds.actions))


def test_timeline_marker_size_grows_with_count(ds):
    fig = timeline_figure(ds)
    srbm = [t for t in fig.data if t.name.startswith("SRBM")][0]
    rows = ds.launches[ds.launches["missile_class"] == "SRBM"]
    sizes = dict(zip(rows["count"], srbm.marker.size))
    assert sizes[max(sizes)] > sizes[1]


def test_timeline_hover_escapes_csv_text(ds):
    launches = ds.launches.copy()
    launches.loc[launches.index[0], "missile_name"] = "<a href='javascript:x'>bad</a>"
    fig = timeline_figure(ds.with_frames({"launches": launches}))
    texts = [text for t in marker_traces(fig, "launches") for text in t.text]
    assert not any("<a href" in text for text in texts)
    assert any("&lt;a href" in text for text in texts)


def test_timeline_empty_state(ds):
    fig = timeline_figure(ds.with_frames({"launches": ds.launches.iloc[:0], "council_actions": ds.actions.iloc[:0]}))
    assert fig.layout.annotations[0].text == "No launches or Council actions match these filters."


def test_timeline_switches_to_webgl_for_large_data(ds):
    big = pd.concat([ds.launches] * (GL_THRESHOLD // len(ds.launches) + 1), ignore_index=True)
    fig = timeline_figure(ds.with_frames({"launches": big}))
    assert {t.type for t in marker_traces(fig, "launches")} == {"scattergl"}


def test_timeline_pins_the_filtered_window(ds):
    fig = timeline_figure(ds, x_range=("2022-05-15", "2022-06-06"))
    assert [pd.Timestamp(v) for v in fig.layout.xaxis.range] == [pd.Timestamp("2022-05-14"),
                                                                  pd.Timestamp("2022-06-07")]


def test_response_lag_of_the_2022_veto_is_one_day(ds):
    lags = response_lags(ds.launches, ds.actions)
    veto = lags[lags["symbol"] == "S/2022/431"].iloc[0]
    assert veto["days_since_latest"] == 1
    assert veto["days_since_first"] == (pd.Timestamp("2022-05-26") - pd.Timestamp("2022-03-24")).days
    fig = response_figure(ds)
    assert sum(len(t.x) for t in fig.data) == len(ds.launches)  # one point per launch row, answered or not


def test_major_tests_without_response_are_flagged(ds):
    table = major_test_responses(ds.launches, ds.actions)
    assert set(table["missile_class"]) <= {"ICBM", "nuclear"}
    assert len(table) == len(ds.launches[ds.launches["missile_class"].isin(["ICBM", "nuclear"])])
    unanswered = table[table["first_action_id"].isna()]
    assert (unanswered["first_action"] == "no Council response").all()
    assert len(unanswered) > 0
    nuclear_2017 = table[table["date"] == "2017-09-03"].iloc[0]
    assert nuclear_2017["first_action"] == "resolution S/RES/2375 (2017)"


def test_yearly_missiles_add_up(ds):
    fig = yearly_figure(ds)
    missiles = sum(sum(t.y) for t in fig.data if t.legendgroup == "launches")
    actions = sum(sum(t.y) for t in fig.data if t.legendgroup == "actions")
    assert missiles == ds.launches["count"].sum()
    assert actions == len(ds.actions)


def test_sanctions_steps_and_the_vetoed_cut(ds):
    caps = oil_caps(ds.actions)
    refined = caps[caps["product"] == "Refined petroleum"].sort_values("date")
    assert refined["cap_bbl"].tolist() == [2_000_000, 500_000, 375_000]
    assert refined["adopted"].tolist() == [True, True, False]
    fig = sanctions_figure(ds.actions, until=pd.Timestamp("2026-01-01"))
    vetoed = [t for t in fig.data if "vetoed" in t.name]
    assert {t.line.dash for t in vetoed} == {"dot"}
    refined_veto = [t for t in vetoed if t.name.startswith("Refined")][0]
    assert list(refined_veto.y) == [500_000, 375_000, 375_000]
    adopted = [t for t in fig.data if t.name == "Refined petroleum: adopted"][0]
    assert adopted.line.shape == "hv"


def test_site_map_sizes_by_launch_groups(ds):
    fig = site_map_figure(ds.launches, ds["sites"])
    located = locate(ds.launches, ds["sites"])
    sites = site_table(located)
    assert fig.data[0].type == "scattergeo"
    assert len(fig.data[0].lat) == len(sites)
    assert sites["groups"].sum() == located[["lat", "lon"]].notna().all(axis=1).sum()
    sizes = dict(zip(sites["groups"], fig.data[0].marker.size))  # marker area grows with the launch groups
    ordered = [sizes[g] for g in sorted(sizes)]
    assert ordered == sorted(ordered) and sizes[max(sizes)] > sizes[min(sizes)]
    assert list(fig.data[0].marker.color) == sites["missiles"].tolist()  # colour: missiles fired
