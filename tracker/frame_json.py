"""A validated data frame as plain JSON data and back, exactly: same columns, values, missing values and dtypes.

The snapshot cache stores frames this way instead of pickling them: reading JSON builds lists, numbers and strings,
never objects chosen by the file, so a planted file can at worst be wrong data (and the cache's name, owner and
mode checks keep even that out). Only the dtypes a validated frame has are written; any other dtype is refused
when saving, so a round trip never changes a frame silently.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_STRING = pd.StringDtype(storage="python", na_value=np.nan)  # pandas' default `str` dtype, written as "str"


def _encode_column(series: pd.Series) -> dict:
    dtype = series.dtype
    if dtype == _STRING:
        return {"dtype": "str", "values": series.astype(object).where(series.notna(), None).tolist()}
    if dtype == object:  # an optional column absent from the file: pd.NA (or text) in every row
        values = series.tolist()
        if not all(isinstance(v, str) or v is pd.NA for v in values):
            raise TypeError(f"column {series.name!r}: only text and pd.NA are kept in an object column")
        return {"dtype": "object", "values": [None if v is pd.NA else v for v in values]}
    if isinstance(dtype, (pd.Int64Dtype, pd.BooleanDtype)):
        return {"dtype": str(dtype), "values": series.astype(object).where(series.notna(), None).tolist()}
    if dtype in (np.dtype("float64"), np.dtype("int64"), np.dtype("bool")):
        return {"dtype": str(dtype), "values": series.tolist()}  # floats keep NaN and infinities (Python JSON)
    if isinstance(dtype, np.dtype) and dtype.kind == "M" and dtype in _DATETIMES:
        return {"dtype": str(dtype), "values": series.to_numpy().view("int64").tolist()}  # NaT is int64's minimum
    raise TypeError(f"column {series.name!r}: dtype {dtype} is not kept in the snapshot")


_DATETIMES = {np.dtype(f"datetime64[{unit}]") for unit in ("s", "ms", "us", "ns")}
_PLAIN = {"float64": "float64", "int64": "int64", "bool": "bool", "Int64": "Int64", "boolean": "boolean"}


def _decode_column(column: dict, rows: int) -> pd.Series:
    dtype, values = column["dtype"], column["values"]
    if not isinstance(values, list) or len(values) != rows:
        raise ValueError(f"column {column.get('name')!r} does not have {rows} values")
    if dtype in ("str", "object"):
        if not all(v is None or isinstance(v, str) for v in values):
            raise ValueError(f"column {column.get('name')!r} holds values that are not text")
        if dtype == "str":
            return pd.Series(values, dtype=_STRING)
        return pd.Series([pd.NA if v is None else v for v in values], dtype=object)
    if dtype in _PLAIN:
        return pd.Series(pd.array(values, dtype=_PLAIN[dtype]))
    if dtype in {str(d) for d in _DATETIMES}:
        return pd.Series(np.array(values, dtype=np.int64).view(dtype))
    raise ValueError(f"unknown column dtype {dtype!r}")


def encode_frame(frame: pd.DataFrame) -> dict:
    """JSON-ready data for a frame with a default index (0..n-1), unique text column names and no attrs."""
    if not frame.index.equals(pd.RangeIndex(len(frame))) or frame.attrs:
        raise TypeError("only frames with a default index and no attrs are kept")
    if not frame.columns.is_unique or not all(isinstance(name, str) for name in frame.columns):
        raise TypeError("only frames with unique text column names are kept")
    return {"rows": len(frame), "columns": [{"name": name, **_encode_column(frame[name])} for name in frame.columns]}


def decode_frame(data: dict) -> pd.DataFrame:
    """The frame `encode_frame` described; ValueError (or KeyError, TypeError) for anything else."""
    rows = data["rows"]
    if not isinstance(rows, int) or rows < 0:
        raise ValueError("bad row count")
    columns = {}
    for column in data["columns"]:
        name = column["name"]
        if not isinstance(name, str) or name in columns:
            raise ValueError(f"bad or repeated column name {name!r}")
        columns[name] = _decode_column(column, rows).set_axis(pd.RangeIndex(rows))
    return pd.DataFrame(columns, index=pd.RangeIndex(rows))
