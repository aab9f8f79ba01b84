"""Command line: `python -m tracker [serve|validate|stats|responses|schema|datapackage|add|export-html|reconcile]`.

Only `serve` imports dash; `validate`, `stats`, `responses`, `add` and `reconcile` need pandas and pandera alone.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from tracker import paths, schema
from tracker.schema import Table

DATA_HELP = ("Folder holding the table files (" + ", ".join(t.filename for t in schema.TABLES) + "). Default: "
             f"${paths.DATA_ENV}, else datasets/ in the current directory, else the dataset that came with the code.")


def _data_folder(ctx: click.Context | None, param: click.Parameter | None, given: Path | None) -> Path:
    """--data, else $TRACKER_DATA, else ./datasets, else the shipped dataset; the last is announced on stderr."""
    chosen = paths.choose_data_folder(given)
    if chosen.shipped:
        click.echo(f"Using {paths.SHIPPED} ({chosen.path}): no --data, no ${paths.DATA_ENV} and no datasets/ "
                   "folder in the current directory.", err=True)
    return chosen.path


def _refuse_installed_copy(data_dir: Path) -> None:
    if paths.is_installed_copy(data_dir):
        raise click.ClickException(
            f"{data_dir} is the dataset installed with the package; it is read-only (a reinstall or upgrade replaces"
            " it). Copy that folder somewhere, then pass --data COPY (or set $" + paths.DATA_ENV + "), or work in a"
            " clone of the repository.")


data_option = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                           callback=_data_folder, help=DATA_HELP)


def _print_problems(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", err=True)


@click.group(invoke_without_command=True)
@click.pass_context
def main(ctx: click.Context) -> None:
    """DPRK launches and UN Security Council actions: validate, explore and serve the dataset."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve, data_dir=_data_folder(ctx, None, None))


@main.command()
@data_option
@click.option("--chunk-rows", default=50_000, show_default=True, type=click.IntRange(min=1), hidden=True,
              help="Rows checked at a time (bounds memory on very large files).")
def validate(data_dir: Path, chunk_rows: int) -> None:
    """Check every table file and the links between them; report every problem as FILE:LINE:COLUMN."""
    from tracker.validate import check_dataset

    result = check_dataset(data_dir, keep=False, chunk_rows=chunk_rows)
    if result.problems:
        _print_problems(result.problems)
        sys.exit(1)
    counts = ", ".join(f"{r.rows} {r.table.noun} rows" for r in result.tables.values())
    click.echo(f"ok: {counts} in {data_dir} are valid")


@main.command()
@data_option
@click.option("--markdown", is_flag=True, help="Print a Markdown table (for the README).")
def stats(data_dir: Path, markdown: bool) -> None:
    """Per-year launch days, missiles by class, Council actions by kind and context events."""
    import pandas as pd

    from tracker.load import load_dataset
    from tracker.problems import DatasetError
    from tracker.stats import per_year, to_markdown

    try:
        dataset = load_dataset(data_dir)
    except DatasetError as exc:
        _print_problems(exc.problems)
        sys.exit(1)
    table = per_year(dataset.launches, dataset.actions, dataset.frames.get("context_events"))
    if markdown:
        click.echo(to_markdown(table))
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200):
            click.echo(table.to_string())


@main.command()
@data_option
@click.option("--format", "output_format", type=click.Choice(["csv", "markdown"]), default="csv", show_default=True,
              help="csv: one header line, then one line per launch row; markdown: a table for a release note.")
def responses(data_dir: Path, output_format: str) -> None:
    """The response ladder: per launch row, the furthest step the Council took in answer to it.

    Columns: launch_id, date (Korea), missile_class, rung, action_id, action_date (New York), lag_days.
    Rungs, lowest first: none < meeting < blocked_statement < vetoed_draft < press_statement <
    presidential_statement < resolution. Of several actions on the furthest rung, the earliest counts.
    """
    from tracker.derive import ladder
    from tracker.load import load_dataset
    from tracker.problems import DatasetError
    from tracker.responses import ladder_csv, ladder_markdown

    try:
        dataset = load_dataset(data_dir)
    except DatasetError as exc:
        _print_problems(exc.problems)
        sys.exit(1)
    table = ladder(dataset.launches, dataset.actions)
    click.echo(ladder_csv(table) if output_format == "csv" else ladder_markdown(table), nl=False)


@main.command("sites")
@data_option
def sites_command(data_dir: Path) -> None:
    """How many launch groups the site table places on the map, and the launch_site texts it does not know."""
    from tracker.load import load_dataset
    from tracker.problems import DatasetError
    from tracker.sites import coverage, locate, unknown_sites

    try:
        dataset = load_dataset(data_dir)
    except DatasetError as exc:
        _print_problems(exc.problems)
        sys.exit(1)
    mapped, total = coverage(locate(dataset.launches, dataset["sites"]))
    click.echo(f"{mapped} of {total} launch groups mapped; {total - mapped} have no known site. "
               "Site texts that sites.csv does not know (rows):")
    for text, rows in unknown_sites(dataset.launches, dataset["sites"]).items():
        click.echo(f"{rows:>4}  {text or '(empty)'}")


@main.command("schema")
def schema_docs() -> None:
    """Print the schema of every table as Markdown tables (generated from tracker/schema.py)."""
    from tracker.schema_docs import schema_markdown

    click.echo(schema_markdown())


@main.command()
@data_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="Extra Host-header name to accept (behind a proxy); repeatable. Others get 400.")
@click.option("--debug", is_flag=True, help="Dash debug mode with the Werkzeug debugger: never on a shared host.")
@click.option("--maintainer", is_flag=True, envvar="TRACKER_MAINTAINER",
              help="When a file is broken, show the validator's messages on the page (viewers otherwise get a short "
                   "notice; the log always has them). Also: TRACKER_MAINTAINER=1.")
def serve(data_dir: Path, host: str = "127.0.0.1", port: int = 8050, debug: bool = False,
          allow_hosts: tuple[str, ...] = (), maintainer: bool = False) -> None:
    """Serve the dashboard (default http://127.0.0.1:8050)."""
    from tracker.serving import QuietHandler, serve_background

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: anyone who can reach this address can open the dashboard",
                   err=True)
    click.echo(f"Dashboard: http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port}/  "
               f"(data: {data_dir}; Ctrl+C stops)")

    def build():
        from tracker.app import create_app

        return create_app(data_dir, host, allow_hosts, maintainer=maintainer)

    if debug:  # Dash's own runner: the debugger and dev tools need it
        build().run(host=host, port=port, debug=True, dev_tools_ui=True, dev_tools_hot_reload=False,
                    request_handler=QuietHandler)
    else:
        serve_background(lambda: build().server, host, port)


class TableCommands(click.Group):
    """`add launch`, `add action`, `add event`: one subcommand per table of the registry, read when asked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [_command_name(t) for t in schema.TABLES]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        table = next((t for t in schema.TABLES if _command_name(t) == name), None)
        return _add_command(table, name) if table else None


def _command_name(table: Table) -> str:
    return table.noun.split()[-1].lower()


@main.group(cls=TableCommands)
def add() -> None:
    """Add a row: validated with the whole dataset, written atomically under a lock."""


def _add_command(table: Table, name: str) -> click.Command:
    params = [click.Option([f"--{f.name.replace('_', '-')}", f.name], default=None, help=f.description
                           + (f" [{table.allowed(f)}]" if table.allowed(f) else ""))
              for f in table.fields]
    params += [click.Option(["--data", "data_dir"], type=click.Path(file_okay=False, path_type=Path), default=None,
                            callback=_data_folder, help=DATA_HELP),
               click.Option(["--dry-run"], is_flag=True, help="Validate and show the row; write nothing.")]

    def callback(data_dir: Path, dry_run: bool, **values) -> None:
        _refuse_installed_copy(data_dir)
        from tracker.append import CannotWrite, add_row
        from tracker.problems import DatasetError

        missing = [f for f in table.fields if values.get(f.name) is None and f.required
                   and not (f.name == table.primary_key and table.dated)]
        if missing:
            if any(v is not None for v in values.values()) and not sys.stdin.isatty():
                raise click.UsageError(f"--{missing[0].name.replace('_', '-')} is required (or give no options "
                                       "for the guided mode)")
            from tracker.guided import guided_add

            sys.exit(guided_add(data_dir, table, values, dry_run))
        _show_same_day(data_dir, table, values)
        try:
            added = add_row(data_dir, table, values, dry_run=dry_run)
        except DatasetError as exc:
            _print_problems(exc.problems)
            click.echo("nothing was written", err=True)
            sys.exit(1)
        except CannotWrite as exc:
            _fail(f"{exc}; nothing was written")
        except OSError as exc:  # a full disk, a file-size limit, a lock that cannot be taken: the file is intact
            _fail(f"{exc.filename or data_dir / table.filename}: {exc.strerror or exc}; nothing was written")
        verb = "would write" if dry_run else "wrote"
        click.echo(f"{verb} {data_dir / table.filename} line {added.line}:\n{added.text}")

    return click.Command(name, params=params, callback=callback,
                         help=f"Add a row to {table.filename}"
                              + (f" (dates: {table.date_convention})" if table.dated else "") + ". Without options: a "
                              "guided session that asks for each column and checks each answer as it is given.")


def _show_same_day(data_dir: Path, table: Table, values: dict) -> None:
    """Before a row is written from flags: the rows already on its date (a second report of one launch shows).
    Read as plain CSV: the write that follows validates everything."""
    import csv

    from tracker import answers

    date = (values.get("date") or "").strip()
    if not table.dated or not date:
        return
    try:
        with open(data_dir / table.filename, newline="", encoding="utf-8-sig") as handle:
            rows = [row for row in csv.DictReader(handle) if (row.get("date") or "").strip() == date]
    except (OSError, UnicodeDecodeError, csv.Error):
        return  # the write below reports what is wrong
    for row in rows:
        click.echo(f"already on {date}: {answers.summary(table, row)}")



@main.command("datapackage")
@data_option
@click.option("--check", is_flag=True, help="Exit 1 if datasets/datapackage.json is not what the schema makes.")
def datapackage(data_dir: Path, check: bool) -> None:
    """Write datapackage.json (a Frictionless Data Package) into the data folder, from the schema."""
    if not check:
        _refuse_installed_copy(data_dir)
    from tracker.datapackage import package_json

    target = data_dir / "datapackage.json"
    text = package_json()
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            click.echo(f"{target} is out of date: run python -m tracker datapackage", err=True)
            sys.exit(1)
        click.echo(f"ok: {target} matches the schema")
        return
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {target}")


@main.command("export-html")
@click.argument("out", type=click.Path(path_type=Path))
@data_option
@click.option("--from", "start", help="First date, YYYY-MM-DD (as ?from= in the URL).")
@click.option("--to", "end", help="Last date, YYYY-MM-DD (as ?to=).")
@click.option("--class", "classes", help="Comma-separated missile classes (as ?class=).")
@click.option("--kind", "kinds", help="Comma-separated launch kinds (as ?kind=).")
@click.option("--outcome", "outcomes", help="Comma-separated outcomes (as ?outcome=).")
@click.option("--action", "action_kinds", help="Comma-separated Council action kinds (as ?action=).")
@click.option("--event", "event_kinds", help="Comma-separated context event kinds (as ?event=).")
@click.option("--view", default="timeline", show_default=True, help="timeline, response, yearly, sanctions or map.")
@click.option("--base-url", default="http://127.0.0.1:8050/", show_default=True,
              help="Where the live dashboard runs, for the link back to this view.")
def export_html_command(out: Path, data_dir: Path, base_url: str, **given) -> None:
    """Write one self-contained, offline, interactive HTML file of a view (same filters as the URL).

    The options are read by the same code as the dashboard's URL, but where a URL with an unknown value still
    opens (the value is dropped), here it is an error. The file is replaced all at once (never left half
    written); every error is one line and exit status 1."""
    from urllib.parse import urlencode

    from tracker.atomic import replace_file
    from tracker.filters import Filters
    from tracker.html_export import export_html
    from tracker.load import load_dataset
    from tracker.problems import DatasetError

    keys = {"start": "from", "end": "to", "classes": "class", "kinds": "kind", "outcomes": "outcome",
            "action_kinds": "action", "event_kinds": "event", "view": "view"}
    problems: list[str] = []
    filters = Filters.from_query("?" + urlencode({keys[k]: v for k, v in given.items() if v}), problems=problems)
    for problem in problems:
        click.echo(f"error: --{problem}", err=True)
    if problems:
        sys.exit(1)
    if not out.parent.is_dir():
        _fail(f"cannot write {out}: the folder {out.parent} does not exist")
    try:
        dataset = load_dataset(data_dir)
    except DatasetError as exc:
        _print_problems(exc.problems)
        sys.exit(1)
    content = export_html(filters.apply(dataset), filters, base_url=base_url).encode("utf-8")
    try:
        replace_file(out, content)
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
    click.echo(f"wrote {out} ({len(content):,} bytes)")


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


CNS_COPY = "https://github.com/nagix/nk-missile-tests/blob/master/data/test.en.json"
CSIS_COPY = ("https://github.com/stiles/north-korea-provocations/blob/main/data/raw/"
             "north_korea_provocations_1958_present.csv")


@main.command()
@click.option("--cns", "cns_path", required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="CNS database: nagix test.en.json (with missile.en.json beside it) or NTI's export saved as CSV.")
@click.option("--csis", "csis_path", required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="CSIS provocations table (date,type,event,description,resources).")
@data_option
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "csv"]), default="text",
              show_default=True)
@click.option("--record", is_flag=True, help="Append this run (how far each database reaches, differences found) "
              "to reconciliation_runs.csv in the data folder.")
@click.option("--cns-url", default=CNS_COPY, show_default=True, help="With --record: the copy of CNS that was read.")
@click.option("--csis-url", default=CSIS_COPY, show_default=True, help="With --record: the copy of CSIS that was read.")
def reconcile(cns_path: Path, csis_path: Path, data_dir: Path, output_format: str, record: bool, cns_url: str,
              csis_url: str) -> None:
    """Line the launch rows up with CNS and CSIS by Korea date; print every difference. Exit 1 if any difference
    has no decision in reconciliation_decisions.csv, or a decision explains nothing."""
    from tracker.problems import DatasetError
    from tracker.reconcile.report import FORMATS
    from tracker.reconcile.runs import reconcile as run, record_run

    try:
        summary = run(data_dir, cns_path, csis_path)
        click.echo(FORMATS[output_format](summary), nl=False)
        if record:
            ids = record_run(data_dir, summary, {"cns": cns_url, "csis": csis_url})
            click.echo(f"recorded run {', '.join(ids)} in {data_dir / 'reconciliation_runs.csv'}", err=True)
    except DatasetError as exc:
        _print_problems(exc.problems)
        sys.exit(2)
    sys.exit(0 if summary.ok else 1)
