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


def test_headline_says_how_far_the_council_got_per_icbm_day_in_the_ladders_words(ds):
    from tracker.derive import RUNGS, ladder

    icbm = ds.launches[ds.launches["missile_class"] == "ICBM"]
    steps = ladder(icbm, ds.actions)
    furthest = steps["rung"].map(RUNGS.index).groupby(steps["date"]).max().map(lambda h: RUNGS[h])
    text = headline(ds)
    assert text.startswith(f"Of {icbm['date'].nunique()} ICBM launch days: ")
    assert f"{(furthest == 'resolution').sum()} drew a resolution" in text
    assert f"{(furthest == 'meeting').sum()} only a meeting" in text and f"{(furthest == 'none').sum()} nothing" in text
    assert (furthest == "vetoed_draft").sum() > 0 and f"{(furthest == 'vetoed_draft').sum()} a vetoed draft" in text
