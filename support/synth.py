"""Synthetic datasets at N times the curated size: the real rows repeated with fresh ids, so the class mix,
text lengths and link structure stay realistic and every file still validates. Every table of the registry is
copied; foreign keys are rewritten to point at the same copy."""

from __future__ import annotations

import csv
from pathlib import Path

from tracker import schema
from tracker.values import split_list

ROOT = Path(__file__).resolve().parent.parent


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, table: schema.Table, rows: list[dict[str, str]]) -> None:
    columns = table.columns
    rows.sort(key=lambda r: tuple(r[name] for name in table.sort_key))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _copy(row: dict[str, str], table: schema.Table, suffix: str) -> dict[str, str]:
    """A copy that is a different row: its id, its names and one column that tells repeats apart carry `suffix`
    (a launch copy keeps its site, so that it lands on the map like the original)."""
    out = {**row, table.primary_key: row[table.primary_key] + suffix}
    for key in table.foreign_keys:
        values = split_list(row.get(key.column)) if key.many else [row.get(key.column) or ""]
        out[key.column] = ";".join(v + suffix for v in values if v)
    if table.unique_together and suffix:
        text = [n for n in table.unique_together if table.field(n).type == "text"]
        out[text[0]] = (row.get(text[0]) or "") + suffix
    for name in table.name_columns:
        out[name] = ";".join(v + suffix for v in split_list(row.get(name)))
    return out


def make_dataset(target: Path, factor: int, source: Path = ROOT / "datasets",
                 tables: tuple[schema.Table, ...] | None = None) -> Path:
    """Write every table file at `factor` times the size of `source` into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for table in tables or schema.TABLES:
        rows = _read(source / table.filename)
        out = [_copy(row, table, "" if n == 0 else f"-x{n}") for n in range(factor) for row in rows]
        _write(target / table.filename, table, out)
    return target


def make_large_launches(target: Path, megabytes: int, source: Path = ROOT / "datasets") -> Path:
    """A launches file of at least `megabytes` MB of valid rows (and every other table empty)."""
    launches = schema.LAUNCHES
    rows = len(_read(source / launches.filename))
    row_bytes = (source / launches.filename).stat().st_size / max(1, rows)
    make_dataset(target, int(megabytes * 1_000_000 / row_bytes / rows) + 1, source, (launches,))
    for table in schema.TABLES:
        if table is not launches:
            _write(target / table.filename, table, [])
    return target
