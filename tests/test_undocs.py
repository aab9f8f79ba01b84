"""UN document links derived from a Council action's symbols, and where the app shows them."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import DATASETS
from tracker import grids
from tracker.html_export import html_table
from tracker.load import load_dataset
from tracker.schema import ACTIONS
from tracker.undocs import document_url, link_for, links, press_release_url


@pytest.mark.parametrize("symbol, url", [
    ("S/RES/2397 (2017)", "https://docs.un.org/en/S/RES/2397(2017)"),
    ("S/RES/825 (1993)", "https://docs.un.org/en/S/RES/825(1993)"),
    ("S/PRST/2017/16", "https://docs.un.org/en/S/PRST/2017/16"),
    ("S/2022/431", "https://docs.un.org/en/S/2022/431"),
    ("S/25562", "https://docs.un.org/en/S/25562"),
    ("S/PV.8151", "https://docs.un.org/en/S/PV.8151"),
    (" S/PV.9048 ", "https://docs.un.org/en/S/PV.9048"),
])
def test_document_url_from_symbol(symbol, url):
    assert document_url(symbol) == url


@pytest.mark.parametrize("symbol", [None, float("nan"), "", "S/RES/2397", "javascript:alert(1)", "S/RES/2397 (2017)x",
                                    "https://evil.example/S/PV.1"])
def test_no_link_for_what_is_not_a_council_symbol(symbol):
    assert document_url(symbol) is None


def test_press_release_url_uses_the_year_of_the_action():
    assert press_release_url("SC/14911", pd.Timestamp("2022-05-26")) == "https://press.un.org/en/2022/sc14911.doc.htm"
    assert press_release_url("SC/8778", pd.Timestamp("2006-07-15")) == "https://press.un.org/en/2006/sc8778.doc.htm"
    assert press_release_url("SC/14911", pd.NaT) is None
    assert press_release_url("GA/12423", pd.Timestamp("2022-05-26")) is None
    assert link_for("summary", "S/PV.1", pd.Timestamp("2022-05-26")) is None


def test_every_symbol_in_the_data_gets_a_link():
    actions = load_dataset(DATASETS).actions
    made = links(actions)
    for column, urls in made.items():
        present = actions[column].notna().to_numpy()
        assert all(isinstance(u, str) and u.startswith("https://") for u, p in zip(urls, present) if p), column
        assert all(u is None for u, p in zip(urls, present) if not p), column
    row = actions.index[actions["id"] == "C-2022-05-26-01"][0]
    assert (made["symbol"][row], made["meeting_record"][row], made["press_release"][row]) == (
        "https://docs.un.org/en/S/2022/431", "https://docs.un.org/en/S/PV.9048",
        "https://press.un.org/en/2022/sc14911.doc.htm")


def test_table_view_rows_carry_the_links_and_columns_render_them():
    actions = load_dataset(DATASETS).actions
    records = {r["id"]: r for r in grids.rows(actions)}
    assert records["C-2017-12-22-01"]["symbol_url"] == "https://docs.un.org/en/S/RES/2397(2017)"
    assert records["C-2016-01-06-01"]["symbol_url"] is None
    renderers = {c["field"]: c.get("cellRenderer") for c in grids.columns(ACTIONS)}
    assert {renderers[c] for c in ("symbol", "meeting_record", "press_release")} == {"DocumentLink"}
    assert not any(c["field"].endswith("_url") and c["field"] != "source_url" for c in grids.columns(ACTIONS))


def test_html_export_links_the_symbols():
    actions = load_dataset(DATASETS).actions
    text = html_table(ACTIONS, actions[actions["id"] == "C-2022-05-26-01"])
    assert '<td><a href="https://docs.un.org/en/S/2022/431">S/2022/431</a><td>' in text  # the export's compact cells
    assert '<a href="https://press.un.org/en/2022/sc14911.doc.htm">SC/14911</a>' in text


def test_drawer_links_the_symbols():
    from tracker.detail import detail_panel

    panel = detail_panel(load_dataset(DATASETS), "council_actions", "C-2017-12-22-01")
    anchors = []

    def walk(node):
        if hasattr(node, "href"):
            anchors.append((node.children, node.href))
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, str):
                walk(child)

    walk(panel)
    assert ("S/RES/2397 (2017)", "https://docs.un.org/en/S/RES/2397(2017)") in anchors
