"""CSV downloads that are safe to open in a spreadsheet.

Two defences, each enough on its own for the cases it covers:
- every line of a text cell that a spreadsheet could run as a formula (after any leading whitespace it starts
  with = + - @, or it starts with a tab or CR) gets a leading apostrophe, so a multi-line cell is safe even in
  a reader that splits it into rows;
- lines end in CRLF (RFC 4180), which makes the csv module quote every field holding a CR or an LF: it quotes
  only the characters of its line terminator, so with LF endings a lone CR went out unquoted and a spreadsheet
  started a new row there.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


def _formula_like(line: str) -> bool:
    return line.startswith(FORMULA_STARTS) or line.lstrip().startswith(FORMULA_STARTS)


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe, on every line."""
    if not isinstance(value, str):
        return value
    if "\n" not in value and "\r" not in value:
        return "'" + value if _formula_like(value) else value
    parts = _LINE_BREAK.split(value)  # text, break, text, break, ...
    parts[::2] = ["'" + line if _formula_like(line) else line for line in parts[::2]]
    return "".join(parts)


def to_safe_csv(frame: pd.DataFrame) -> str:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == "str" or out[column].dtype == object:
            out[column] = out[column].map(neutralise)
    for column in ("date", "end_date"):
        if column in out and pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.to_csv(index=False, lineterminator="\r\n")


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
