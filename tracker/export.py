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
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == "str" or out[column].dtype == object:
            out[column] = out[column].map(neutralise)
    for column in ("date", "end_date"):
        if column in out and pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.to_csv(index=False)


def to_zip(frames: dict[str, pd.DataFrame]) -> str:
    """Several tables as one zip of safe CSV files, base64-encoded for a download."""
    import base64
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in frames.items():
            archive.writestr(f"{name}.csv", to_safe_csv(frame))
    return base64.b64encode(buffer.getvalue()).decode("ascii")
