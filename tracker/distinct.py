"""Work once per distinct value: columns of this dataset repeat a few values (kinds, classes, member lists) over
many rows, so a Python function over the distinct values (or combinations of values) costs far less than one over
the rows, and gives every row the same answer."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def per_distinct(function: Callable[..., object], *columns: pd.Series) -> np.ndarray:
    """`function(*values)` for each row's values of `columns` (missing values included), called once per distinct
    combination; an object array aligned with the rows."""
    combined = np.zeros(len(columns[0]), dtype=np.int64)
    values = []
    for column in columns:
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        combined, _ = pd.factorize(combined * max(len(uniques), 1) + codes)  # stays below the row count
        values.append((codes, list(uniques)))
    codes = combined
    first = np.zeros(codes.max() + 1 if codes.size else 0, dtype=np.int64)
    first[codes[::-1]] = np.arange(codes.size - 1, -1, -1)  # the first row of each combination
    answers = np.empty(len(first), dtype=object)
    for answer, row in enumerate(first):
        answers[answer] = function(*(uniques[column_codes[row]] for column_codes, uniques in values))
    return answers[codes]
