"""The response ladder (`derive.ladder`) as text: CSV for tools, Markdown for a release note."""

from __future__ import annotations

import csv
import io

import pandas as pd


def _cells(table: pd.DataFrame) -> list[list[str]]:
    """Dates as YYYY-MM-DD, missing values (no action) as empty cells."""
    rows = []
    for row in table.itertuples(index=False):
        rows.append(["" if pd.isna(v) else f"{v:%Y-%m-%d}" if isinstance(v, pd.Timestamp) else str(v) for v in row])
    return rows


def ladder_csv(table: pd.DataFrame) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(_cells(table))
    return out.getvalue()


def ladder_markdown(table: pd.DataFrame) -> str:
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in _cells(table)]
    return "\n".join(lines) + "\n"
