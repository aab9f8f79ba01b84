"""Row data and column definitions for the AG Grid table view."""

from __future__ import annotations

import pandas as pd

LAUNCH_COLUMNS = ("date", "missile_name", "missile_class", "count", "kind", "outcome", "launch_site", "apogee_km",
                  "range_km", "dprk_claim", "notes", "source_url", "id")
ACTION_COLUMNS = ("date", "kind", "symbol", "summary", "votes_for", "votes_against", "abstentions", "vetoed_by",
                  "responds_to", "notes", "source_url", "id")


def _columns(names: tuple[str, ...]) -> list[dict]:
    defs = []
    for name in names:
        column = {"field": name, "headerName": name.replace("_", " ")}
        if name == "source_url":
            column.update(cellRenderer="SourceLink", headerName="source", filter=False)
        if name in ("summary", "notes", "dprk_claim"):
            column.update(wrapText=False, tooltipField=name, width=320)
        defs.append(column)
    return defs


def launch_columns() -> list[dict]:
    return _columns(LAUNCH_COLUMNS)


def action_columns() -> list[dict]:
    return _columns(ACTION_COLUMNS)


def rows(frame: pd.DataFrame) -> list[dict]:
    out = frame.drop(columns=[c for c in frame.columns if c.startswith("_")]).copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    return out.astype(object).where(out.notna(), None).to_dict("records")
