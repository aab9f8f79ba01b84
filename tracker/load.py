"""Load a valid dataset into typed DataFrames; the dashboard and the CLI share this entry point."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tracker.problems import DatasetError
from tracker.validate import check_dataset


@dataclass(frozen=True)
class Dataset:
    launches: pd.DataFrame
    actions: pd.DataFrame


def load_dataset(data_dir: Path | str) -> Dataset:
    """Typed, validated frames; raise DatasetError listing every problem when the files are not valid."""
    result = check_dataset(data_dir)
    if result.problems:
        raise DatasetError(result.problems)
    return Dataset(result.launches.frame, result.actions.frame)
