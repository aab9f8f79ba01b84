"""The launch-site gazetteer: names and aliases place launch rows on the map; the map says how many it cannot place."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import rows_of, set_cell, validate, write_rows
from tracker.figures.sitemap import site_map_figure
from tracker.load import load_dataset
from tracker.sites import coverage, locate


@pytest.fixture(scope="module")
def dataset():
    from tests.conftest import DATASETS

    return load_dataset(DATASETS)


def located_row(dataset, site_text: str) -> pd.Series:
    launches = dataset.launches.head(1).assign(launch_site=site_text, lat=float("nan"), lon=float("nan"))
    return locate(launches, dataset["sites"]).iloc[0]


@pytest.mark.parametrize("text", ["Wonsan", "Kalma, Wonsan", "wonsan  AREA", "near Kalma / Wonsan airbase"])
def test_wonsan_aliases_resolve_to_one_site(dataset, text):
    row = located_row(dataset, text)
    kalma = dataset["sites"].set_index("id").loc["wonsan"]
    assert row["site_id"] == "wonsan" and (row["lat"], row["lon"]) == (kalma["lat"], kalma["lon"])


@pytest.mark.parametrize("text", ["east coast", "unknown", None])
def test_vague_site_stays_unplaced_without_error(dataset, text):
    row = located_row(dataset, text)
    assert pd.isna(row["site_id"]) and pd.isna(row["lat"]) and pd.isna(row["lon"])


def test_row_coordinates_override_the_gazetteer(dataset):
    launches = dataset.launches.head(1).assign(launch_site="Wonsan", lat=39.0, lon=127.0)
    row = locate(launches, dataset["sites"]).iloc[0]
    assert (row["lat"], row["lon"]) == (39.0, 127.0) and row["site_id"] == "wonsan"


def test_every_site_cites_a_source_and_lies_in_korea(dataset):
    sites = dataset["sites"]
    assert sites["source_url"].str.startswith("https://").all()
    assert sites["lat"].between(37.5, 43.1).all() and sites["lon"].between(124.1, 130.7).all()


def test_map_says_how_many_launch_groups_it_cannot_place(dataset):
    fig = site_map_figure(dataset.launches, dataset["sites"])
    mapped, total = coverage(locate(dataset.launches, dataset["sites"]))
    note = f"{mapped} of {total} launch groups mapped; {total - mapped} have no known site"
    assert fig.layout.meta["coverage"] == note
    assert any(a.text.startswith(note) for a in fig.layout.annotations)
    assert sum(fig.data[0].marker.color) == locate(dataset.launches, dataset["sites"]).dropna(
        subset=["lat", "lon"])["count"].sum()


def test_gazetteer_places_more_launch_groups_than_row_coordinates_did(dataset):
    typed_by_hand = dataset.launches[["lat", "lon"]].notna().all(axis=1).sum()
    mapped, _ = coverage(locate(dataset.launches, dataset["sites"]))
    assert mapped > typed_by_hand


def test_an_alias_naming_two_sites_is_refused_naming_both(data):
    path = data / "sites.csv"
    rows = rows_of(path)
    header = rows[0]
    line = next(n for n, row in enumerate(rows, start=1) if row[0] == "sinpo")  # sorts before wonsan
    column = set_cell(path, line, "aliases", rows[line - 1][header.index("aliases")] + ";Wonsan")
    wonsan = next(n for n, row in enumerate(rows, start=1) if row[0] == "wonsan")
    code, output = validate(data)
    assert code == 1
    assert f"sites.csv:{wonsan}:{column}: aliases: 'Wonsan' already names sinpo on line {line}" in output


def test_sites_out_of_id_order_are_refused(data):
    path = data / "sites.csv"
    rows = rows_of(path)
    rows[1], rows[2] = rows[2], rows[1]
    write_rows(path, rows)
    code, output = validate(data)
    assert code == 1 and f"sites.csv:3:1: rows must be sorted by id: {rows[2][0]!r} comes after line 2" in output


def test_the_map_page_says_under_the_map_how_many_it_cannot_place(page, app_url, dataset):
    from tests.pagekit import open_view

    mapped, total = coverage(locate(dataset.launches, dataset["sites"]))
    open_view(page, app_url, "?view=map", "map")
    note = page.wait_for_selector(f"#graph-map .annotation-text:has-text('{mapped} of {total} launch groups mapped')")
    assert f"{total - mapped} have no known site" in note.text_content()
    open_view(page, app_url, "?view=map&class=ICBM", "map")
    icbm = locate(dataset.launches[dataset.launches["missile_class"] == "ICBM"], dataset["sites"])
    mapped, total = coverage(icbm)
    page.wait_for_selector(f"#graph-map .annotation-text:has-text('{mapped} of {total} launch groups mapped')")
