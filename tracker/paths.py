"""Where the page's assets and the dataset are: one answer for the app, the CLI and the exports.

In a checkout, `assets/` and `datasets/` sit beside the `tracker` package. An installed package (`pip install .`)
carries copies of both inside itself, as `tracker/bundled_assets` and `tracker/bundled_data` (pyproject.toml
maps the repository's folders there). The data folder a command uses is the first of: `--data`, `$TRACKER_DATA`,
a `datasets/` folder in the current directory that holds a table of the schema, the dataset that came with the
code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tracker.schema import TABLES

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
DATA_ENV = "TRACKER_DATA"


def _installed_or_checkout(installed: str, checkout: str) -> Path:
    inside = PACKAGE / installed
    return inside if inside.is_dir() else CHECKOUT / checkout


def assets_folder() -> Path:
    """The folder Dash serves as /assets/ and the HTML export reads plotly.js and topojson from."""
    return _installed_or_checkout("bundled_assets", "assets")


def shipped_data_folder() -> Path:
    """The curated dataset that came with the code: the package's copy, or the checkout's datasets/."""
    return _installed_or_checkout("bundled_data", "datasets")


def is_installed_copy(folder: Path) -> bool:
    """True for the package's own copy of the dataset, which a reinstall replaces: nothing may be written there."""
    inside = PACKAGE / "bundled_data"
    return inside.is_dir() and Path(folder).resolve() == inside.resolve()


@dataclass(frozen=True)
class DataFolder:
    path: Path
    origin: str  # how it was chosen, in words for the start-up log

    @property
    def shipped(self) -> bool:
        return self.origin == SHIPPED


SHIPPED = "the dataset that came with the code"


def choose_data_folder(given: Path | str | None = None) -> DataFolder:
    """`--data` if given, else $TRACKER_DATA, else ./datasets if it holds a table of the schema, else the shipped
    dataset."""
    if given is not None:
        return DataFolder(Path(given), "--data")
    if os.environ.get(DATA_ENV):
        return DataFolder(Path(os.environ[DATA_ENV]), f"${DATA_ENV}")
    here = Path.cwd() / "datasets"
    if any((here / table.filename).is_file() for table in TABLES):
        return DataFolder(here, "datasets/ in the current directory")
    return DataFolder(shipped_data_folder(), SHIPPED)
