"""Filter state: applied to frames, and round-tripped through the URL query string."""

from __future__ import annotations

from tests.conftest import DATASETS
from tracker.export import neutralise, to_safe_csv
from tracker.filters import Filters
from tracker.load import load_dataset


def test_default_filters_make_a_plain_url():
    assert Filters().to_query() == ""


def test_query_round_trip():
    f = Filters(start="2022-01-01", end="2022-12-31", classes=("ICBM", "IRBM"), action_kinds=("vetoed_draft",),
                view="response")
    assert f.to_query() == "?from=2022-01-01&to=2022-12-31&class=ICBM,IRBM&action=vetoed_draft&view=response"
    assert Filters.from_query(f.to_query()) == Filters(start="2022-01-01", end="2022-12-31",
                                                       classes=("IRBM", "ICBM"), action_kinds=("vetoed_draft",),
                                                       view="response")


def test_malformed_query_never_breaks_the_page():
    f = Filters.from_query("?from=yesterday&class=ICBM,<script>&view=nope&outcome=")
    assert f.start is None and f.classes == ("ICBM",) and f.view == "timeline" and f.outcomes == ()


def test_apply_filters_both_tables():
    ds = load_dataset(DATASETS)
    shown = Filters(start="2022-01-01", end="2022-12-31", classes=("ICBM",)).apply(ds)
    launches, actions = shown.launches, shown.actions
    assert set(launches["missile_class"]) == {"ICBM"}
    assert launches["date"].dt.year.unique().tolist() == [2022]
    assert actions["date"].dt.year.unique().tolist() == [2022]


def test_export_neutralises_formulas():
    assert [neutralise(v) for v in ["=1+1", "+x", "-x", "@x", "ok", 5]] == ["'=1+1", "'+x", "'-x", "'@x", "ok", 5]
    ds = load_dataset(DATASETS)
    text = to_safe_csv(ds.actions)
    assert text.splitlines()[0].split(",")[:3] == ["id", "date", "kind"]
    assert len(text.splitlines()) >= len(ds.actions) + 1
