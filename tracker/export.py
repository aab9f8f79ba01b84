"""CSV downloads that are safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_safe_csv(frame: pd.DataFrame) -> str:
    out = frame.drop(columns=[c for c in frame.columns if c.startswith("_")])
    for column in out.columns:
        if out[column].dtype == "str" or out[column].dtype == object:
            out[column] = out[column].map(neutralise)
    if "date" in out:
        out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    return out.to_csv(index=False)
