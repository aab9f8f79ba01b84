"""Read the databases a release is lined up with into dated records.

- CNS North Korea Missile Test Database, one record per missile, either as nagix/nk-missile-tests publishes it
  (`test.en.json` beside `missile.en.json`, which gives each missile's name and type) or as NTI exports it (CSV with
  the columns Date, Launch Time (UTC), Missile Name, Missile Type and, where present, Test Outcome, Facility Name).
  A record with a UTC time gets its Korea date (UTC+9); one without keeps the date as written and is matched with a
  day's tolerance.
- CSIS Beyond Parallel provocations table (date,type,event,description,resources), one record per event. Only
  missile and nuclear provocations and satellite launches are kept: the rest (balloons, incursions, engine tests
  filed as other provocations) are not launches. Its dates carry no time.

Bad input raises `DatasetError` with FILE:LINE:COLUMN problems.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from tracker.problems import DatasetError, Problem

KOREA = dt.timedelta(hours=9)
CNS_CLASSES = {"SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "SLV", "HGV"}
NTI_COLUMNS = ("Date", "Launch Time (UTC)", "Missile Name", "Missile Type")
CSIS_COLUMNS = ("date", "type", "event", "description", "resources")
CSIS_LAUNCH_TYPES = ("Missile Provocation", "Nuclear Provocation")
NAGIX_URL = "https://github.com/nagix/nk-missile-tests"


@dataclass(frozen=True)
class Record:
    """One missile (CNS) or one event (CSIS) as the database gives it."""

    source: str  # "cns" | "csis"
    date: dt.date  # Korea date when `timed`; otherwise the date as written (the 1st when `month_only`)
    timed: bool
    month_only: bool
    name: str  # missile name (CNS) or event (CSIS)
    missile_class: str | None  # CNS only: one of our class names
    outcome: str | None  # CNS only: success | failure | unknown
    text: str  # description
    link: str
    where: str  # FILE:LINE, for a reader who wants to see the record


def _fail(path: Path, line: int, column: int, message: str) -> DatasetError:
    return DatasetError([Problem(str(path), line, column, message)])


def _class_name(value: str) -> str:
    text = value.strip()
    if text.upper() in CNS_CLASSES:
        return text.upper()
    if text.lower() in ("satellite launch vehicle", "space launch vehicle"):
        return "SLV"
    return "unknown" if text.lower() in ("", "unknown") else text


def _outcome(value: str) -> str:
    text = value.strip().lower()
    return text if text in ("success", "failure") else "unknown"


def _korea_date(day: dt.date, utc_time: str | None) -> tuple[dt.date, bool]:
    """(Korea date, True) for a UTC time HH:MM; (the date as written, False) without one."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*\(UTC\))?", (utc_time or "").strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return day, False
    moment = dt.datetime.combine(day, dt.time(int(match[1]), int(match[2]))) + KOREA
    return moment.date(), True


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, 1, 1, f"cannot read: {exc}") from exc


def read_cns(path: Path | str) -> list[Record]:
    """nagix JSON (`.json`) or NTI's CSV export (anything else)."""
    path = Path(path)
    return _read_nagix(path) if path.suffix.lower() == ".json" else _read_nti(path)


def _json(path: Path):
    text = _read_text(path)
    try:
        return json.loads(text), text
    except json.JSONDecodeError as exc:
        raise _fail(path, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}") from exc


def _read_nagix(path: Path) -> list[Record]:
    data, text = _json(path)
    missiles_path = path.with_name(path.name.replace("test.", "missile.", 1) if path.name.startswith("test.")
                                   else "missile.en.json")  # test.ja.json -> missile.ja.json
    if not missiles_path.exists():
        raise _fail(path, 1, 1, f"the missile names and types are read from {missiles_path.name} beside it: not found")
    missiles, _ = _json(missiles_path)
    bins = data.get("timeBins") if isinstance(data, dict) else None
    if not isinstance(bins, list):
        raise _fail(path, 1, 1, "expected an object with a 'timeBins' list (nagix test.en.json)")
    # Where each record starts, for messages: every record has one "date" key, in file order.
    starts = [(text.count("\n", 0, m.start()) + 1, m.start() - text.rfind("\n", 0, m.start()))
              for m in re.finditer(r'"date"\s*:', text)]
    records, index = [], 0
    for time_bin in bins:
        for item in time_bin.get("data", []) if isinstance(time_bin, dict) else []:
            line, column = starts[index] if index < len(starts) else (1, 1)
            index += 1
            records.append(_nagix_record(path, line, column, item, missiles))
    return records


def _nagix_record(path: Path, line: int, column: int, item, missiles: dict) -> Record:
    if not isinstance(item, dict) or not isinstance(item.get("date"), str):
        raise _fail(path, line, column, "record without a 'date' string")
    written = item["date"]
    try:
        month_only = bool(re.fullmatch(r"\d{4}-\d{2}", written))
        day = dt.date.fromisoformat(written + "-01" if month_only else written)
    except ValueError as exc:
        raise _fail(path, line, column, f"date: not a date YYYY-MM-DD or YYYY-MM, got {written!r}") from exc
    key = item.get("missile", "unknown")
    missile = missiles.get(key) if isinstance(missiles, dict) else None
    if not isinstance(missile, dict):
        raise _fail(path, line, column, f"missile: {key!r} is not in missile.en.json")
    date, timed = (day, False) if month_only else _korea_date(day, str(item.get("time", "")))
    return Record("cns", date, timed, month_only, missile.get("name", key), _class_name(missile.get("type", "")),
                  _outcome(str(item.get("outcome", ""))), str(item.get("description", "")),
                  f"{NAGIX_URL}/blob/master/data/test.en.json", f"{path}:{line}")


_NTI_DATES = ("%Y-%m-%d", "%d-%b-%y", "%d-%b-%Y", "%m/%d/%Y", "%m/%d/%y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y")


def _nti_date(value: str) -> dt.date | None:
    for pattern in _NTI_DATES:
        try:
            return dt.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _csv_rows(path: Path, required: tuple[str, ...]):
    """(header, [(line, row dict)]) with the line where each record starts; refuses a file without the columns."""
    text = _read_text(path)
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration as exc:
        raise _fail(path, 1, 1, "empty file") from exc
    except csv.Error as exc:
        raise _fail(path, 1, 1, f"not a CSV file: {exc}") from exc
    missing = [name for name in required if name not in header]
    if missing:
        raise _fail(path, 1, 1, f"missing column(s) {', '.join(map(repr, missing))}; header is {header}")
    rows, line = [], reader.line_num + 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(row) != len(header):
                    raise _fail(path, line, 1, f"{len(row)} fields, the header has {len(header)}")
                rows.append((line, dict(zip(header, row))))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise _fail(path, line, 1, f"CSV error: {exc}") from exc
    return header, rows


def _read_nti(path: Path) -> list[Record]:
    header, rows = _csv_rows(path, NTI_COLUMNS)
    records = []
    for line, row in rows:
        day = _nti_date(row["Date"])
        if day is None:
            raise _fail(path, line, header.index("Date") + 1, f"Date: not a date, got {row['Date']!r}")
        date, timed = _korea_date(day, row["Launch Time (UTC)"])
        outcome = _outcome(row["Test Outcome"]) if "Test Outcome" in row else None
        name = row["Missile Name"].strip() or "Unknown"
        text = " · ".join(row[c].strip() for c in ("Facility Name", "Additional Information") if row.get(c, "").strip())
        link = next((u for u in re.findall(r"https?://\S+", row.get("Source(s)", ""))), "")
        records.append(Record("cns", date, timed, False, name, _class_name(row["Missile Type"]), outcome, text,
                              link, f"{path}:{line}"))
    return records


def read_csis(path: Path | str) -> list[Record]:
    path = Path(path)
    header, rows = _csv_rows(path, CSIS_COLUMNS)
    records = []
    for line, row in rows:
        if row["type"].strip() not in CSIS_LAUNCH_TYPES and "satellite launch" not in row["event"].lower():
            continue
        try:
            day = dt.date.fromisoformat(row["date"].strip())
        except ValueError as exc:
            raise _fail(path, line, header.index("date") + 1, f"date: not a date YYYY-MM-DD, got {row['date']!r}") \
                from exc
        link = next(iter(re.split(r"[\s;]+", row["resources"].strip())), "")
        records.append(Record("csis", day, False, False, row["event"].strip(), None, None, row["description"].strip(),
                              link, f"{path}:{line}"))
    return records


def newest(records: list[Record]) -> dt.date | None:
    return max((r.date for r in records), default=None)
