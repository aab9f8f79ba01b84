"""One thing written twice: rows that agree on a table's `unique_together` columns, and names (`name_columns`)
that name two rows. State is carried across the validator's chunks, so the first row is named wherever it was."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.schema import Table
from tracker.values import name_key, split_list

Found = tuple[int, str, str]  # (line, column, message)


class Repeats:
    def __init__(self, table: Table):
        self.table = table
        # unique_together keys seen so far as 64-bit hashes, sorted, with the line of the row that first had each:
        # 16 bytes a row, so a file checked in chunks keeps little across them
        self.hashes = np.empty(0, dtype=np.uint64)
        self.lines = np.empty(0, dtype=np.int64)
        self.names: dict[str, tuple[int, str]] = {}  # a name (as `name_key`) -> (line, id of the row it names)

    def check(self, typed: pd.DataFrame, lines: np.ndarray, header: list[str]) -> list[Found]:
        return self._groups(typed, lines) + self._names(typed, lines, header)

    def _groups(self, typed: pd.DataFrame, lines: np.ndarray) -> list[Found]:
        """The later of two rows that agree on every `unique_together` column (trimmed, case ignored), naming the
        first."""
        columns = self.table.unique_together
        if not columns:
            return []
        parts = []
        for name in columns:
            values = typed[name]
            if pd.api.types.is_datetime64_any_dtype(values):
                values = values.dt.strftime("%Y-%m-%d")
            parts.append(values.astype("string").str.strip().str.casefold())
        complete = parts[0].notna().to_numpy()  # a row without a date is refused anyway
        keys = parts[0].fillna("").str.cat([p.fillna("") for p in parts[1:]], sep="\x1f")
        hashes = pd.util.hash_array(keys.to_numpy(dtype=object))
        at = np.searchsorted(self.hashes, hashes)
        seen = (at < len(self.hashes)) & (self.hashes[np.minimum(at, len(self.hashes) - 1)] == hashes) \
            if len(self.hashes) else np.zeros(len(hashes), dtype=bool)
        repeated = (pd.Series(hashes).duplicated().to_numpy() | seen) & complete
        first = complete & ~repeated
        order = np.argsort(np.concatenate([self.hashes, hashes[first]]), kind="stable")
        self.hashes = np.concatenate([self.hashes, hashes[first]])[order]
        self.lines = np.concatenate([self.lines, np.asarray(lines)[first].astype(np.int64)])[order]
        found = []
        noun = self.table.noun
        for row in np.flatnonzero(repeated).tolist():
            line = int(self.lines[np.searchsorted(self.hashes, hashes[row])])
            found.append((int(lines[row]), columns[0],
                          f"{columns[0]}: the same {noun} as line {line}: same {', '.join(columns[:-1])} "
                          f"and {columns[-1]}. One {noun} group is one row: merge the two (add up the counts), or "
                          f"give each its own site or missile name"))
        return found

    def _names(self, typed: pd.DataFrame, lines: np.ndarray, header: list[str]) -> list[Found]:
        """Each name and alias in `name_columns` (case and spacing ignored) names one row only."""
        found = []
        for column in self.table.name_columns:
            if column not in header:
                continue
            for row, value in enumerate(typed[column].tolist()):
                for name in split_list(value) if isinstance(value, str) else ():
                    line, owner = self.names.get(name_key(name), (None, None))
                    if line is None:
                        self.names[name_key(name)] = (int(lines[row]), typed["id"].iat[row])
                    elif owner != typed["id"].iat[row]:
                        found.append((int(lines[row]), column, f"{column}: {name!r} already names {owner} on line "
                                                              f"{line}"))
        return found
