"""Where each launch was: its `launch_site` text looked up in the site gazetteer (sites.csv) by name or alias.

A row's own `lat`/`lon`, when both are given, override the gazetteer for that row. A site text that names no
gazetteer row ("east coast", "unknown") leaves the row without coordinates: that is data, not an error.
"""

from __future__ import annotations

import pandas as pd

from tracker.schema import LAUNCHES, NameLookup, table_named
from tracker.values import name_key, split_list

SITE_LOOKUP: NameLookup = next(k for k in LAUNCHES.lookups if k.table == "sites")


def site_names(sites: pd.DataFrame) -> dict[str, int]:
    """Every name and alias (compared as `name_key`) -> the position of its row in `sites`."""
    names: dict[str, int] = {}
    for column in table_named(SITE_LOOKUP.table).name_columns:
        for position, value in enumerate(sites[column].tolist()):
            for name in split_list(value) if isinstance(value, str) else ():
                names.setdefault(name_key(name), position)
    return names


def locate(launches: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """`launches` with `site_id`, `site` (the gazetteer's name, else the row's own text) and `lat`/`lon` resolved
    (the row's own when it has both, else the gazetteer's); rows with no known place keep missing coordinates."""
    names = site_names(sites)
    text = launches[SITE_LOOKUP.column]
    position = text.map(lambda v: names.get(name_key(v)) if isinstance(v, str) else None)
    found = position.notna()
    at = position[found].astype(int).to_numpy()
    out = launches.copy()
    out["site_id"] = pd.Series(pd.NA, index=launches.index, dtype="object")
    out.loc[found, "site_id"] = sites["id"].to_numpy()[at]
    out["site"] = text
    out.loc[found, "site"] = sites["name"].to_numpy()[at]
    own = launches["lat"].notna() & launches["lon"].notna()
    for column in ("lat", "lon"):
        resolved = pd.Series(float("nan"), index=launches.index)
        resolved[found] = sites[column].to_numpy(dtype=float)[at]
        out[column] = launches[column].where(own, resolved).astype("float64")
    return out


def coverage(located: pd.DataFrame) -> tuple[int, int]:
    """(launch groups with coordinates, launch groups in all)."""
    return int(located[["lat", "lon"]].notna().all(axis=1).sum()), len(located)


def unknown_sites(launches: pd.DataFrame, sites: pd.DataFrame) -> pd.Series:
    """Site texts that the gazetteer does not know, with how many rows use each (empty texts as '')."""
    located = locate(launches, sites)
    missing = located[located[["lat", "lon"]].isna().any(axis=1)]
    return missing[SITE_LOOKUP.column].fillna("").value_counts()
