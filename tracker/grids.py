"""Row data and column definitions for the AG Grid table view, one grid per table of the registry."""

from __future__ import annotations

import pandas as pd

from tracker.schema import Table
from tracker.undocs import DOCUMENT_COLUMNS, links

WIDE = ("summary", "notes", "dprk_claim", "title")


def columns(table: Table) -> list[dict]:
    """Every schema column, `id` last; long text truncated with a tooltip, sources as safe links."""
    names = [n for n in table.columns if n != table.primary_key] + [table.primary_key]
    defs = []
    for name in names:
        column = {"field": name, "headerName": table.field(name).title, "headerTooltip": table.field(name).description}
        if name == "source_url":
            column.update(cellRenderer="SourceLink", headerName="source", filter=False)
        if name in DOCUMENT_COLUMNS:  # the UN page, from the `<name>_url` field that `rows` adds
            column.update(cellRenderer="DocumentLink")
        if name in WIDE:
            column.update(wrapText=False, tooltipField=name, width=320)
        defs.append(column)
    return defs


def rows(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready records; a month-precision date shows as `1984-04`, never as a made-up first of the month.
    Council actions also carry `symbol_url`, `meeting_record_url` and `press_release_url` (no grid column: the
    document cells' renderer reads them)."""
    out = frame.copy()
    for column, urls in links(frame).items():
        out[f"{column}_url"] = urls
    for column in ("date", "end_date"):
        if column in out:
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    if "date_precision" in out:
        monthly = out["date_precision"] == "month"
        out.loc[monthly, "date"] = out.loc[monthly, "date"].str[:7]
    return out.astype(object).where(out.notna(), None).to_dict("records")


def shown_rows(frame: pd.DataFrame, virtual_rows: list[dict] | None, key: str = "id") -> pd.DataFrame:
    """The rows the grid shows after its search, filters and sort (its `virtualRowData`), in that order;
    ValueError for rows no grid sends."""
    if virtual_rows is None:
        return frame
    if not isinstance(virtual_rows, list) or not all(isinstance(r, dict) and isinstance(r.get(key), str)
                                                     for r in virtual_rows):
        raise ValueError(f"grid rows must be objects with a text {key!r}")
    ids = [r[key] for r in virtual_rows]
    by_id = frame.set_index(key, drop=False)
    return by_id.loc[[i for i in ids if i in by_id.index]].reset_index(drop=True)
