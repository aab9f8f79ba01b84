"""Pair each database's days with our launch days and list what differs.

A database day is the records it files under one date. It matches our launch day on the same Korea date (a row known
only to the month covers its month); a day without a time (CSIS, CNS records without a UTC time) may also match
the day after or before, if that day was not already matched on its own date by the same database (CNS records,
compared missile by missile, may join such a day: the count then shows an extra missile). Then:
- `source_only`: a database day that matches none of ours (with its event text and link);
- `ours_only`: one of our days that neither database matches;
- against CNS, per matched day, counting only what CNS covers (ballistic missiles and space launches):
  `count` (missiles), `class` (the set of classes) and `outcome` (the set of outcomes). Where CNS says "unknown"
  it makes no claim: a class or outcome differs only when the ones CNS names are not the ones our rows name
  (so CNS "unknown" against our SRBM is not a difference; our "unknown" against CNS's SRBM is).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from tracker.reconcile.sources import Record

CNS_KINDS = ("ballistic_missile", "space_launch")  # what the CNS database covers
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Difference:
    source: str  # cns | csis | dataset
    date: dt.date
    kind: str  # source_only | ours_only | count | class | outcome
    ours: str
    theirs: str
    detail: str = ""
    link: str = ""


@dataclass
class OurDay:
    date: dt.date
    month_only: bool
    rows: list[dict] = field(default_factory=list)


@dataclass
class SourceDay:
    source: str
    date: dt.date
    timed: bool
    month_only: bool
    records: list[Record]


def our_days(launches: pd.DataFrame) -> dict[dt.date, OurDay]:
    days: dict[dt.date, OurDay] = {}
    for row in launches.to_dict("records"):
        date = row["date"].date()
        month_only = row.get("date_precision") == "month"
        days.setdefault(date, OurDay(date, month_only)).rows.append(row)
    return days


def source_days(records: list[Record]) -> list[SourceDay]:
    grouped: dict[tuple, list[Record]] = defaultdict(list)
    for record in records:
        grouped[(record.source, record.date, record.timed, record.month_only)].append(record)
    return [SourceDay(*key, records=value) for key, value in sorted(grouped.items(), key=lambda kv: kv[0][1:])]


def _same_date(day: SourceDay, ours: dict[dt.date, OurDay]) -> list[dt.date]:
    if day.month_only:
        return sorted(d for d in ours if (d.year, d.month) == (day.date.year, day.date.month))
    first = day.date.replace(day=1)
    return [d for d in (day.date, first) if d in ours and (d == day.date or ours[d].month_only)][:1]


def match(days: list[SourceDay], ours: dict[dt.date, OurDay],
          compared: bool = False) -> tuple[dict[dt.date, list[SourceDay]], list[SourceDay]]:
    """(our date -> the database days matched to it, database days matched to none of ours).

    `compared`: the database's days are compared with ours missile by missile (CNS), so a record without a time may
    join a neighbouring day already matched (the count comparison then shows any missile too many)."""
    matched: dict[dt.date, list[SourceDay]] = defaultdict(list)
    waiting = []
    for day in days:
        candidates = _same_date(day, ours)
        if candidates:
            matched[candidates[0]].append(day)
        else:
            waiting.append(day)
    taken = set(matched)
    unmatched = []
    for day in waiting:
        near = [] if day.timed or day.month_only else [d for d in (day.date + ONE_DAY, day.date - ONE_DAY)
                                                         if d in ours and (compared or d not in taken)]
        near.sort(key=lambda d: d in taken)  # a day nobody matched first
        if near:
            matched[near[0]].append(day)
        else:
            unmatched.append(day)
    return matched, unmatched


def _describe_rows(rows: list[dict]) -> str:
    if not rows:
        return "no ballistic missile or space launch row (CNS covers only those)"
    return "; ".join(f"{r['id']} {int(r['count'])} x {r['missile_name']} [{r['missile_class']}] {r['outcome']}"
                     for r in rows)


def _describe_records(records: list[Record]) -> str:
    counts: dict[tuple, int] = defaultdict(int)
    for r in records:
        counts[(r.name, r.missile_class, r.outcome)] += 1
    parts = [f"{n} x {name}" + (f" [{cls}]" if cls else "") + (f" {outcome}" if outcome else "")
             for (name, cls, outcome), n in counts.items()]
    return "; ".join(parts)


def _source_only(day: SourceDay) -> Difference:
    when = "Korea date" if day.timed else ("month" if day.month_only else "date as written, no time")
    first = day.records[0]
    theirs = (_describe_records(day.records) if day.source == "cns" else
              "; ".join(dict.fromkeys(r.name for r in day.records)))
    detail = " | ".join(dict.fromkeys(r.text for r in day.records if r.text))
    return Difference(day.source, day.date, "source_only", f"no launch row ({when})", theirs, detail, first.link)


def _disagree(ours: set, theirs: set) -> bool:
    """CNS names a class or outcome that our rows do not (or not only): "unknown" on its side is no claim."""
    known = theirs - {"unknown"}
    return bool(known) and known != ours - {"unknown"}


def compare_cns(date: dt.date, day: OurDay, matched: list[SourceDay]) -> list[Difference]:
    rows = [r for r in day.rows if r["kind"] in CNS_KINDS]
    records = [r for d in matched for r in d.records]
    ours, theirs = _describe_rows(rows), _describe_records(records)
    link = records[0].link if records else ""
    out = []
    our_count, their_count = sum(int(r["count"]) for r in rows), len(records)
    if our_count != their_count:
        out.append(Difference("cns", date, "count", f"{our_count}: {ours}", f"{their_count}: {theirs}", link=link))
    our_classes, their_classes = {r["missile_class"] for r in rows}, {r.missile_class for r in records}
    if _disagree(our_classes, their_classes):
        out.append(Difference("cns", date, "class", ", ".join(sorted(our_classes)) or "none",
                              ", ".join(sorted(their_classes)), ours + " || " + theirs, link))
    their_outcomes = {r.outcome for r in records}
    our_outcomes = {r["outcome"] for r in rows}
    if None not in their_outcomes and _disagree(our_outcomes, their_outcomes):
        out.append(Difference("cns", date, "outcome", ", ".join(sorted(our_outcomes)) or "none",
                              ", ".join(sorted(their_outcomes)), ours + " || " + theirs, link))
    return out


def differences(launches: pd.DataFrame, cns: list[Record], csis: list[Record]) -> list[Difference]:
    """Every difference, sorted by date, then source, then kind."""
    ours = our_days(launches)
    cns_matched, cns_unmatched = match(source_days(cns), ours, compared=True)
    csis_matched, csis_unmatched = match(source_days(csis), ours)
    out = [_source_only(day) for day in cns_unmatched + csis_unmatched]
    for date, day in ours.items():
        if date not in cns_matched and date not in csis_matched:
            out.append(Difference("dataset", date, "ours_only", _describe_rows(day.rows), "in neither database",
                                  link=day.rows[0]["source_url"]))
        elif date in cns_matched:
            out += compare_cns(date, day, cns_matched[date])
    order = {k: i for i, k in enumerate(("source_only", "ours_only", "count", "class", "outcome"))}
    return sorted(out, key=lambda d: (d.date, d.source, order[d.kind]))
