"""Checks for one answer of a guided `add`, as it is given: the validator's own column checks and row rules (so
every type, choice, date limit and rule declared in the schema applies), foreign keys against the loaded dataset,
and the facts a maintainer needs before writing (rows of the same day, an exact repeat, where the site is).

Pure functions of a `Dataset` and the row answered so far (a dict of texts); no prompting here.
"""

from __future__ import annotations

import difflib

import pandas as pd

from tracker import rules
from tracker.columns import check_columns, pandera_schema
from tracker.load import Dataset
from tracker.schema import KIND_CLASSES, Field, Table, table_named
from tracker.validate import latest_allowed_date
from tracker.values import name_key, split_list


def _problems(table: Table, row: dict[str, str]) -> list[tuple[str, str]]:
    """(column, message) of every problem of this partial row that the validator would report."""
    raw = pd.DataFrame({name: [value] for name, value in row.items()}, dtype="str")
    schema = pandera_schema(table, list(raw.columns), latest_allowed_date())
    typed, problems = check_columns(raw, table, schema, set())
    found = [(column, message) for _, column, message in problems]
    found += [(column, message) for _, column, message in rules.row_problems(table.name, typed)]
    return found


def check_answer(dataset: Dataset, table: Table, answered: dict[str, str], name: str, value: str) -> list[str]:
    """What is wrong with `value` for column `name`, given the answers before it ([] when nothing is)."""
    f = table.field(name)
    if not value:
        return [f"{name}: is required"] if f.required else []
    row = {**answered, name: value}
    before = set(_problems(table, answered)) if answered else set()
    messages = [m for column, m in _problems(table, row)
                if (column, m) not in before and (column == name or column in answered)]
    return messages + _unknown_ids(dataset, table, name, value) + _taken(dataset, table, name, value)


def _taken(dataset: Dataset, table: Table, name: str, value: str) -> list[str]:
    """An id already used, or a name or alias that already names another row (the validator refuses both)."""
    frame = dataset[table.name]
    if name == table.primary_key:
        return [f"{name}: {value!r} is already used"] if value in set(frame[name]) else []
    if name not in table.name_columns:
        return []
    owners = {}
    for column in table.name_columns:
        for owner, cell in zip(frame[table.primary_key], frame[column]):
            for known in split_list(cell):
                owners.setdefault(name_key(known), owner)
    items = split_list(value) if table.field(name).type == "namelist" else [value]
    return [f"{name}: {item!r} already names {owners[name_key(item)]}" for item in items if name_key(item) in owners]


def _unknown_ids(dataset: Dataset, table: Table, name: str, value: str) -> list[str]:
    messages = []
    for key in table.foreign_keys:
        if key.column != name:
            continue
        target = table_named(key.table)
        ids = dataset[target.name][target.primary_key].tolist()
        for item in split_list(value) if key.many else [value]:
            if item not in set(ids):
                guess = difflib.get_close_matches(item, ids, n=1)
                hint = f"; did you mean {guess[0]!r}?" if guess else ""
                messages.append(f"{name}: no {target.noun} has the id {item!r} (check {target.filename}){hint}")
    return messages


def choices_for(table: Table, f: Field, answered: dict[str, str]) -> tuple[str, ...]:
    """The values to offer: a launch's class among those its kind allows, otherwise the declared choices."""
    if table.name == "launches" and f.name == "missile_class" and answered.get("kind") in KIND_CLASSES:
        return KIND_CLASSES[answered["kind"]]
    return f.choices


def _day(value) -> str:
    if isinstance(value, str):
        return value
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


def summary(table: Table, row) -> str:
    """One line naming a row (a typed Series or a dict of CSV texts): id, date and what it is."""
    if table.name == "launches":
        site = f" at {row['launch_site']}" if isinstance(row.get("launch_site"), str) and row["launch_site"] else ""
        return (f"{row['id']}  {_day(row['date'])}  {row['missile_class']}  {row['missile_name']} "
                f"x{row['count']}{site}")
    what = row.get("symbol") if isinstance(row.get("symbol"), str) else row.get("title", "")
    return f"{row['id']}  {_day(row.get('date'))}  {row.get('kind', '')}  {what or ''}".rstrip()


def same_day(dataset: Dataset, table: Table, date: str) -> pd.DataFrame:
    frame = dataset[table.name]
    return frame[frame["date"] == pd.Timestamp(date)] if table.dated else frame.iloc[0:0]


def repeat_of(dataset: Dataset, table: Table, row: dict[str, str]) -> pd.Series | None:
    """The existing row this one repeats on every `unique_together` column (as the validator compares), or None."""
    if not table.unique_together:
        return None
    wanted = tuple(name_key(row.get(name) or "") for name in table.unique_together)
    frame = dataset[table.name]
    for _, other in frame.iterrows():
        values = [_day(other[n]) if n == "date" else other[n] for n in table.unique_together]
        if tuple(name_key(v if isinstance(v, str) else "") for v in values) == wanted:
            return other
    return None


def recent_launches(dataset: Dataset, until: str, count: int = 12) -> pd.DataFrame:
    """The launches an action dated `until` (New York) may answer: the latest ones up to the next Korea day."""
    launches = dataset.launches
    limit = pd.Timestamp(until) + pd.Timedelta(days=1)
    return launches[launches["date"] <= limit].sort_values(["date", "id"]).tail(count)
