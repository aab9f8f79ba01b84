"""Run a reconciliation from files, and record a run in reconciliation_runs.csv (one row per database).

`evidence.py` turns the newest recorded run into the sentence the page footer shows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker import schema
from tracker.load import load_dataset
from tracker.reconcile.decisions import decisions_from, explain
from tracker.reconcile.match import differences
from tracker.reconcile.report import Summary
from tracker.reconcile.sources import newest, read_cns, read_csis


def reconcile(data_dir: Path, cns_path: Path, csis_path: Path) -> Summary:
    dataset = load_dataset(data_dir)
    cns, csis = read_cns(cns_path), read_csis(csis_path)
    launches = dataset.launches
    checked, stale = explain(differences(launches, cns, csis),
                             decisions_from(dataset[schema.DECISIONS_TABLE.name]))
    rows_newest = launches["date"].max().date() if len(launches) else None
    return Summary({"cns": (Path(cns_path).name, newest(cns)), "csis": (Path(csis_path).name, newest(csis))},
                   rows_newest, checked, stale)


def record_run(data_dir: Path, summary: Summary, urls: dict[str, str], today: dt.date | None = None) -> list[str]:
    """Append one run row per database (validated with the whole dataset); return the ids written."""
    from tracker.append import add_row

    today = today or dt.datetime.now(dt.timezone.utc).date()
    written = []
    for source, (_, source_newest) in summary.sources.items():
        found = [c for c in summary.checked if c.difference.source in (source, "dataset")]
        values = {"date": today.isoformat(), "source": source,
                  "source_newest": source_newest.isoformat() if source_newest else "",
                  "rows_newest": summary.rows_newest.isoformat() if summary.rows_newest else "",
                  "differences": str(len(found)), "unexplained": str(sum(c.decision is None for c in found)),
                  "source_url": urls[source]}
        written.append(add_row(data_dir, schema.RUNS_TABLE, values).row["id"])
    return written
