"""Per-year tables of the dataset, for `python -m tracker stats` and the README."""

from __future__ import annotations

import pandas as pd

from tracker.derive import actions_by_year, missiles_by_year
from tracker.schema import ACTION_KINDS, MISSILE_CLASSES


def per_year(launches: pd.DataFrame, actions: pd.DataFrame, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row a year: launch days, launch groups, missiles by class, Council actions by kind, context events."""
    year = launches["date"].dt.year.rename("year")
    missiles = missiles_by_year(launches)
    missiles = missiles.reindex(columns=[c for c in MISSILE_CLASSES if c in missiles.columns])
    table = pd.DataFrame({
        "launch_days": launches.groupby(year)["date"].nunique(),
        "groups": launches.groupby(year).size(),
        "missiles": launches.groupby(year)["count"].sum(),
    }).join(missiles)
    by_kind = actions_by_year(actions)
    by_kind = by_kind.reindex(columns=[k for k in ACTION_KINDS if k in by_kind.columns])
    table = table.join(by_kind, how="outer")
    if events is not None:
        table = table.join(events.groupby(events["date"].dt.year.rename("year")).size().rename("context_events"),
                           how="outer")
    table = table.fillna(0).astype("int64")
    table.loc["total"] = table.sum()
    return table


def to_markdown(table: pd.DataFrame) -> str:
    header = ["year", *table.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for year, row in table.iterrows():
        lines.append("| " + " | ".join([str(year), *(str(v) for v in row)]) + " |")
    return "\n".join(lines)
