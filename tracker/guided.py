"""The guided `add`: one question per column, each answer checked as it is given, the row shown whole, then written.

Answers come from stdin (a terminal or a pipe). Nothing touches the data folder before the last "write it?": an
answer of no, end of input or Ctrl-C leaves every file as it was and creates none.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker import answers
from tracker.append import CannotWrite, add_row, next_id
from tracker.load import Dataset, load_dataset
from tracker.problems import DatasetError
from tracker.schema import LAUNCHES, Field, Table
from tracker.sites import SITE_LOOKUP, site_names
from tracker.suggest import nearest
from tracker.values import name_key, split_list


class Stop(Exception):
    """The session ends without writing; the message says why."""


def _say(text: str = "") -> None:
    click.echo(text)


def _warn(text: str) -> None:
    click.echo(text, err=True)


def _question(table: Table, f: Field, choices: tuple[str, ...]) -> str:
    """`kind - What was launched or tested [ballistic_missile | cruise_missile | ...]`; optional ones say so."""
    allowed = " | ".join(choices) if choices else table.allowed(f)
    hint = [part for part in (allowed, "" if f.required else "Enter skips") if part]
    return f"{f.name} - {f.description.rstrip('.')}" + (f" [{'; '.join(hint)}]" if hint else "")


def _ask(text: str) -> str:
    """One answer; read from a pipe, it is echoed so that the transcript reads like a terminal session."""
    answer = click.prompt(text, default="", show_default=False, prompt_suffix=": ").strip()
    if not sys.stdin.isatty():
        click.echo(answer)
    return answer


def _confirm(text: str) -> bool:
    return _ask(f"{text} [y/N]").lower() in ("y", "yes")


class Session:
    def __init__(self, data_dir: Path, table: Table, given: dict[str, str | None]):
        self.data_dir, self.table = Path(data_dir), table
        self.given = {name: value for name, value in given.items() if value is not None}
        self.row: dict[str, str] = {}
        self.dataset: Dataset | None = None
        self.site_known = False  # the launch_site answer named a row of sites.csv
        self.offered: list[str] = []  # launch ids listed for "which launches does it answer?"

    def run(self, dry_run: bool = False) -> None:
        try:
            self.dataset = load_dataset(self.data_dir)
        except DatasetError as exc:
            for problem in exc.problems:
                _warn(str(problem))
            raise Stop("the dataset has problems: fix them first (python -m tracker validate)") from None
        dates = f" (dates: {self.table.date_convention})" if self.table.dated else ""
        _say(f"Adding a {self.table.noun} to {self.data_dir / self.table.filename}{dates}. Ctrl-C stops; nothing "
             f"is written before the last question.")
        for f in self.table.fields:
            if f.name == self.table.primary_key and self.table.dated:
                continue  # derived from the date once it is valid
            if f.name in ("lat", "lon") and self.site_known and f.name not in self.given:
                continue  # the site table gives them
            self._answer(f)
        if self.table.dated and not self.row.get("id"):
            self.row = {"id": next_id(self.table, self.row["date"], set(self.dataset[self.table.name]["id"])),
                        **self.row}
        self._refuse_repeat()
        self._show_row()
        if not _confirm("write it?"):
            raise Stop("not confirmed")
        values = {f.name: self.row.get(f.name, "") for f in self.table.fields}
        added = add_row(self.data_dir, self.table, values, dry_run=dry_run)
        _say(f"{'would write' if dry_run else 'wrote'} {self.data_dir / self.table.filename} line {added.line}:\n"
             f"{added.text}")

    def _answer(self, f: Field) -> None:
        self._before(f)
        choices = answers.choices_for(self.table, f, self.row)
        value = self.given.pop(f.name, None)
        while True:
            if value is None:
                value = _ask(_question(self.table, f, choices))
            value, problems = self._expand(f, value)
            problems = problems or answers.check_answer(self.dataset, self.table, self.row, f.name, value)
            if not problems:
                break
            for message in problems:
                _say(f"  ! {message}")
            value = None
        if value:
            self.row[f.name] = value
        self._after(f, value)

    def _expand(self, f: Field, value: str) -> tuple[str, list[str]]:
        """`2;3` in answer to "which launches" means the 2nd and 3rd launches offered."""
        items = split_list(value)
        if f.name != "responds_to" or not self.offered or not items or not all(i.isdigit() for i in items):
            return value, []
        wrong = [i for i in items if not 1 <= int(i) <= len(self.offered)]
        if wrong:
            return value, [f"{f.name}: {', '.join(wrong)}: not a number in the list (1 to {len(self.offered)})"]
        return ";".join(self.offered[int(i) - 1] for i in items), []

    def _before(self, f: Field) -> None:
        if f.name == "responds_to" and "date" in self.row:
            recent = answers.recent_launches(self.dataset, self.row["date"])
            self.offered = recent["id"].tolist()
            _say("Which launches does it answer? The latest launches up to this date (Korea dates):")
            for number, (_, launch) in enumerate(recent.iterrows(), start=1):
                _say(f"  {number:>2}. {answers.summary(LAUNCHES, launch)}")
            _say("  Give their numbers or ids, `;`-separated (e.g. 11;12); Enter if it answers none.")

    def _after(self, f: Field, value: str) -> None:
        if f.name == "date" and self.table.dated:
            rows = answers.same_day(self.dataset, self.table, value)
            if rows.empty:
                _say(f"  No {self.table.noun} rows on {value} yet.")
            else:
                _say(f"  Already on {value} ({len(rows)}):")
                for _, row in rows.iterrows():
                    _say(f"    {answers.summary(self.table, row)}")
        if f.name == SITE_LOOKUP.column and any(k.column == f.name for k in self.table.lookups):
            self._site_note(value)

    def _site_note(self, value: str) -> None:
        sites = self.dataset[SITE_LOOKUP.table]
        names = site_names(sites)
        if not value:
            _say("  No site: the row will not be on the map.")
            return
        position = names.get(name_key(value))
        if position is not None:
            site = sites.iloc[position]
            self.site_known = True
            _say(f"  Site found in sites.csv: {site['name']} ({site['lat']}, {site['lon']}); coordinates "
                 f"come from there.")
            return
        known = [*sites["name"], *(alias for v in sites["aliases"].dropna() for alias in split_list(v))]
        guess = nearest(value, known)
        hint = f" Did you mean {guess!r}?" if guess else ""
        _say(f"  Not in sites.csv: the row will not be on the map unless you give lat and lon (or add the site "
             f"to sites.csv).{hint}")

    def _refuse_repeat(self) -> None:
        other = answers.repeat_of(self.dataset, self.table, self.row)
        if other is not None:
            columns = ", ".join(self.table.unique_together)
            raise Stop(f"this repeats {other['id']} (same {columns}): one launch group is one row. If that launch "
                       f"group had more missiles, edit its count instead.")

    def _show_row(self) -> None:
        _say(f"The new {self.table.noun} row:")
        width = max(len(f.name) for f in self.table.fields)
        for f in self.table.fields:
            _say(f"  {f.name:<{width}}  {self.row.get(f.name, '')}")


def guided_add(data_dir: Path, table: Table, given: dict[str, str | None], dry_run: bool = False) -> int:
    """Run a session; the exit status (0 written, 1 not written)."""
    try:
        Session(data_dir, table, given).run(dry_run)
    except (click.Abort, EOFError, KeyboardInterrupt):
        _warn("\nstopped: nothing was written")
        return 1
    except Stop as stop:
        _warn(f"{stop}; nothing was written")
        return 1
    except DatasetError as exc:
        for problem in exc.problems:
            _warn(str(problem))
        _warn("nothing was written")
        return 1
    except CannotWrite as exc:
        _warn(f"error: {exc}; nothing was written")
        return 1
    except OSError as exc:  # a full disk, a file-size limit, a lock that cannot be taken: the file is intact
        _warn(f"error: {exc.filename or data_dir / table.filename}: {exc.strerror or exc}; nothing was written")
        return 1
    return 0
