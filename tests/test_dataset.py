"""The shipped dataset: valid, complete where the brief is explicit, and telling the seed story."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import DATASETS, validate
from tracker.load import load_dataset
from tracker.rules import split_list

NUCLEAR_TESTS = ["2006-10-09", "2009-05-25", "2013-02-12", "2016-01-06", "2016-09-09", "2017-09-03"]
SANCTIONS_RESOLUTIONS = ["1695", "1718", "1874", "2087", "2094", "2270", "2321", "2356", "2371", "2375", "2397"]
PANEL_RENEWALS = ["1928", "1985", "2050", "2141", "2207", "2276", "2345", "2407", "2464", "2515", "2569", "2627",
                  "2680"]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATASETS)


def test_shipped_dataset_validates():
    code, output = validate(DATASETS)
    assert code == 0, output
    assert output.startswith("ok: ")


def test_every_row_has_an_http_source(dataset):
    for frame in (dataset.launches, dataset.actions):
        assert frame["source_url"].str.match(r"^https?://").all()


def test_the_six_nuclear_tests_are_there(dataset):
    nuclear = dataset.launches[dataset.launches["kind"] == "nuclear_test"]
    assert nuclear["date"].dt.strftime("%Y-%m-%d").tolist() == NUCLEAR_TESTS


@pytest.mark.parametrize("number", SANCTIONS_RESOLUTIONS + PANEL_RENEWALS + ["825"])
def test_each_named_resolution_is_there(dataset, number):
    symbols = dataset.actions["symbol"].dropna()
    assert symbols.str.startswith(f"S/RES/{number} (").sum() == 1


def test_seed_story_launches_of_25_may_2022(dataset):
    day = dataset.launches[dataset.launches["date"] == "2022-05-25"]
    assert "ICBM" in set(day["missile_class"])
    assert day["count"].sum() >= 3


def test_seed_story_veto_of_26_may_2022(dataset):
    draft = dataset.actions[(dataset.actions["date"] == "2022-05-26") & (dataset.actions["kind"] == "vetoed_draft")]
    assert len(draft) == 1
    row = draft.iloc[0]
    assert row["symbol"] == "S/2022/431"
    assert (row["votes_for"], row["votes_against"]) == (13, 2)
    assert set(split_list(row["vetoed_by"])) == {"China", "Russia"}
    answered = dataset.launches[dataset.launches["id"].isin(split_list(row["responds_to"]))]
    assert "2022-05-25" in set(answered["date"].dt.strftime("%Y-%m-%d"))
    assert (row["crude_oil_cap_bbl"], row["refined_petroleum_cap_bbl"]) == (3_000_000, 375_000)


def test_resolution_2397_with_its_caps(dataset):
    row = dataset.actions[dataset.actions["symbol"] == "S/RES/2397 (2017)"].iloc[0]
    assert row["date"] == pd.Timestamp("2017-12-22")
    assert (row["crude_oil_cap_bbl"], row["refined_petroleum_cap_bbl"]) == (4_000_000, 500_000)
    assert row["votes_for"] == 15


def test_2024_panel_veto(dataset):
    row = dataset.actions[(dataset.actions["date"] == "2024-03-28")].iloc[0]
    assert row["kind"] == "vetoed_draft"
    assert split_list(row["vetoed_by"]) == ["Russia"]
    assert (row["votes_for"], row["votes_against"], row["abstentions"]) == (13, 1, 1)
