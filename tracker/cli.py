"""Command line: `python -m tracker [serve|validate|stats|schema|add]`.

Only `serve` imports dash; `validate`, `stats` and `add` need pandas and pandera alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker.schema import ACTIONS, LAUNCHES, Table

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "datasets"
data_option = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                           default=DEFAULT_DATA, show_default="datasets/ beside the package",
                           help="Folder holding launches.csv and council_actions.csv.")


def _print_problems(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", err=True)


@click.group(invoke_without_command=True)
@click.pass_context
def main(ctx: click.Context) -> None:
    """DPRK launches and UN Security Council actions: validate, explore and serve the dataset."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve)


@main.command()
@data_option
def validate(data_dir: Path) -> None:
    """Check both CSV files and the links between them; report every problem as FILE:LINE:COLUMN."""
    from tracker.validate import check_dataset

    result = check_dataset(data_dir, keep=False)
    if result.problems:
        _print_problems(result.problems)
        sys.exit(1)
    click.echo(f"ok: {result.launches.rows} launch rows and {result.actions.rows} Council actions "
               f"in {data_dir} are valid")


@main.command()
@data_option
@click.option("--markdown", is_flag=True, help="Print a Markdown table (for the README).")
def stats(data_dir: Path, markdown: bool) -> None:
    """Per-year launch days, missiles by class and Council actions by kind."""
    import pandas as pd

    from tracker.load import load_dataset
    from tracker.problems import DatasetError
    from tracker.stats import per_year, to_markdown

    try:
        dataset = load_dataset(data_dir)
    except DatasetError as exc:
        _print_problems(exc.problems)
        sys.exit(1)
    table = per_year(dataset.launches, dataset.actions)
    if markdown:
        click.echo(to_markdown(table))
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200):
            click.echo(table.to_string())


@main.command()
def schema() -> None:
    """Print the schema of both files as Markdown tables (generated from tracker/schema.py)."""
    from tracker.schema_docs import schema_markdown

    click.echo(schema_markdown())


@main.command()
@data_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Dash debug mode with the Werkzeug debugger: never on a shared host.")
def serve(data_dir: Path = DEFAULT_DATA, host: str = "127.0.0.1", port: int = 8050, debug: bool = False) -> None:
    """Serve the dashboard (default http://127.0.0.1:8050)."""
    from tracker.app import create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: anyone who can reach this address can open the dashboard",
                   err=True)
    app = create_app(data_dir)
    click.echo(f"Dashboard: http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port}/  "
               f"(data: {data_dir}; Ctrl+C stops)")
    app.run(host=host, port=port, debug=debug, dev_tools_ui=debug, dev_tools_hot_reload=False)


@main.group()
def add() -> None:
    """Add a row: validated with the whole dataset, written atomically under a lock."""


def _add_command(table: Table, name: str) -> click.Command:
    params = [click.Option([f"--{f.name.replace('_', '-')}", f.name], default=None, help=f.description
                           + (f" [{f.allowed()}]" if f.allowed() else ""))
              for f in table.fields]
    params += [click.Option(["--data", "data_dir"], type=click.Path(file_okay=False, path_type=Path),
                            default=DEFAULT_DATA, help="Folder holding the CSV files."),
               click.Option(["--dry-run"], is_flag=True, help="Validate and show the row; write nothing.")]

    def callback(data_dir: Path, dry_run: bool, **values) -> None:
        from tracker.append import add_row
        from tracker.problems import DatasetError

        for f in table.fields:
            if values.get(f.name) is None and f.required and f.name != "id":
                if not sys.stdin.isatty():
                    raise click.UsageError(f"--{f.name.replace('_', '-')} is required")
                choice = click.Choice(f.choices) if f.choices and f.type == "enum" else None
                values[f.name] = click.prompt(f"{f.name} ({f.description})", type=choice)
        try:
            added = add_row(data_dir, table, values, dry_run=dry_run)
        except DatasetError as exc:
            _print_problems(exc.problems)
            click.echo("nothing was written", err=True)
            sys.exit(1)
        verb = "would write" if dry_run else "wrote"
        click.echo(f"{verb} {data_dir / table.filename} line {added.line}:\n{added.text}")

    return click.Command(name, params=params, callback=callback,
                         help=f"Add a row to {table.filename} (dates: {table.date_convention}).")


add.add_command(_add_command(LAUNCHES, "launch"))
add.add_command(_add_command(ACTIONS, "action"))
