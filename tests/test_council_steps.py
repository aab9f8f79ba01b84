"""Meetings and blocked statements on the page: drawn in the Council lane, hollow, and never an "answer"."""

from __future__ import annotations

import pytest

from tests.conftest import DATASETS
from tracker.derive import answered_mask, first_answers, links
from tracker.figures.style import ACTION_STYLE
from tracker.figures.timeline import timeline_figure
from tracker.load import load_dataset
from tracker.schema import PRODUCT_KINDS
from tracker.summary import headline


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATASETS)


def test_meetings_and_blocked_statements_are_hollow_markers_in_the_council_lane(ds):
    fig = timeline_figure(ds)
    for kind in ("meeting", "blocked_statement"):
        colour, symbol, label = ACTION_STYLE[kind]
        trace = next(t for t in fig.data if t.name.startswith(label + " ("))
        shown = int((ds.actions["kind"] == kind).sum())
        assert trace.name == f"{label} ({shown})" and len(trace.x) == shown
        assert symbol.endswith("-open") and trace.marker.symbol == symbol
        assert trace.marker.line.color == colour and trace.marker.line.width == 2  # drawn by its line, not white


def test_only_council_products_draw_lines_to_launches(ds):
    kinds = dict(zip(ds.actions["id"], ds.actions["kind"]))
    linked = set(links(ds.launches, ds.actions)["action_id"])
    assert linked and {kinds[a] for a in linked} <= set(PRODUCT_KINDS)
    everything = set(links(ds.launches, ds.actions, kinds=None)["action_id"])
    assert {kinds[a] for a in everything - linked} == {"meeting", "blocked_statement"}


def test_a_launch_only_a_meeting_or_blocked_statement_named_is_unanswered(ds):
    answered = dict(zip(ds.launches["id"], answered_mask(ds.launches, ds.actions)))
    assert not answered["L-2022-11-18-01"]  # a blocked presidential statement only
    assert not answered["L-2023-04-13-01"]  # a briefing only
    assert answered["L-2022-05-25-01"]  # the vetoed draft still counts on the page
    firsts = first_answers(ds.launches, ds.actions).set_index("launch_id")
    assert firsts.loc["L-2017-11-29-01", "action_id"] == "C-2017-12-22-01"  # the meeting that day is no answer


def test_headline_counts_icbm_days_only_a_meeting_answered_as_unanswered(ds):
    icbm = ds.launches[ds.launches["missile_class"] == "ICBM"]
    days = icbm["date"].nunique()
    answered_days = icbm[answered_mask(icbm, ds.actions)]["date"].nunique()
    assert headline(ds).startswith(f"Of {days} ICBM launch days, {days - answered_days} got no Council action")
