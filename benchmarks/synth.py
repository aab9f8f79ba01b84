"""Synthetic datasets at N times the curated size: the real rows repeated with fresh ids, so the class mix,
text lengths and link structure stay realistic and every file still validates."""

from __future__ import annotations

import csv
from pathlib import Path

from tracker.rules import split_list
from tracker.schema import ACTIONS, LAUNCHES

ROOT = Path(__file__).resolve().parent.parent


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    rows.sort(key=lambda r: (r["date"], r["id"]))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def make_dataset(target: Path, factor: int, source: Path = ROOT / "datasets") -> Path:
    """Write launches.csv and council_actions.csv at `factor` times the size of `source` into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    launches, actions = _read(source / LAUNCHES.filename), _read(source / ACTIONS.filename)
    out_launches, out_actions = [], []
    for copy in range(factor):
        suffix = "" if copy == 0 else f"-x{copy}"
        out_launches += [{**row, "id": row["id"] + suffix} for row in launches]
        out_actions += [{**row, "id": row["id"] + suffix,
                         "responds_to": ";".join(t + suffix for t in split_list(row["responds_to"]))}
                        for row in actions]
    _write(target / LAUNCHES.filename, LAUNCHES.columns, out_launches)
    _write(target / ACTIONS.filename, ACTIONS.columns, out_actions)
    return target


def make_large_launches(target: Path, megabytes: int, source: Path = ROOT / "datasets") -> Path:
    """A launches file of at least `megabytes` MB of valid rows (and an empty actions table)."""
    row_bytes = (source / LAUNCHES.filename).stat().st_size / max(1, len(_read(source / LAUNCHES.filename)))
    factor = int(megabytes * 1_000_000 / row_bytes / len(_read(source / LAUNCHES.filename))) + 1
    make_dataset(target, factor, source)
    header = (target / ACTIONS.filename).read_text(encoding="utf-8").split("\n")[0]
    (target / ACTIONS.filename).write_text(header + "\n", encoding="utf-8")
    return target
