"""A validated data frame as plain JSON data and back, exactly: same columns, values, missing values and dtypes.

The snapshot cache stores frames this way instead of pickling them: reading JSON builds lists, numbers and strings,
never objects chosen by the file, so a planted file can at worst be wrong data (and the cache's name, owner and
mode checks keep even that out). Only the dtypes a validated frame has are written; any other dtype is refused
when saving, so a round trip never changes a frame silently.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

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
    if isinstance(dtype, (pd.Int64Dtype, pd.BooleanDtype)):  # the values (0 or False where missing) and the mask
        array = series.array
        return {"dtype": str(dtype), "values": array.to_numpy(dtype=dtype.numpy_dtype, na_value=dtype.type(0)).tolist(),
                "mask": array.isna().tolist()}
    if dtype in (np.dtype("float64"), np.dtype("int64"), np.dtype("bool")):
        return {"dtype": str(dtype), "values": series.tolist()}  # floats keep NaN and infinities (Python JSON)
    if isinstance(dtype, np.dtype) and dtype.kind == "M" and dtype in _DATETIMES:
        return {"dtype": str(dtype), "values": series.to_numpy().view("int64").tolist()}  # NaT is int64's minimum
    raise TypeError(f"column {series.name!r}: dtype {dtype} is not kept in the snapshot")


_DATETIMES = {np.dtype(f"datetime64[{unit}]") for unit in ("s", "ms", "us", "ns")}
_NUMPY = {"float64": np.float64, "int64": np.int64, "bool": np.bool_}
_MASKED = {"Int64": (pd.arrays.IntegerArray, np.int64), "boolean": (pd.arrays.BooleanArray, np.bool_)}


def _typed(values: list, kind: type) -> np.ndarray:
    """No text in a number column, no number as a bool (checked by pandas' C type inference, not a Python loop:
    a loop over every value took 80% of reading a large snapshot)."""
    if values and infer_dtype(values, skipna=False) not in _INFERRED[kind]:
        raise ValueError(f"values that are not {kind.__name__}")
    return np.array(values, dtype=kind)


_INFERRED = {np.float64: ("floating", "integer", "mixed-integer-float"), np.int64: ("integer",),
             np.bool_: ("boolean",)}


def _decode_column(column: dict, rows: int):
    """The column's array (built from NumPy arrays: about 20 us a column where a Series of a list takes 150)."""
    dtype, values = column["dtype"], column["values"]
    if not isinstance(values, list) or len(values) != rows:
        raise ValueError(f"column {column.get('name')!r} does not have {rows} values")
    if dtype in ("str", "object"):
        if values and infer_dtype(values, skipna=True) not in ("string", "empty"):
            raise ValueError(f"column {column.get('name')!r} holds values that are not text")
        if dtype == "str":
            return _STRING.construct_array_type()._from_sequence(values, dtype=_STRING)
        return pd.Series([pd.NA if v is None else v for v in values], dtype=object)  # a bare array would infer str
    if dtype in _NUMPY:
        return _typed(values, _NUMPY[dtype])
    if dtype in _MASKED:
        array_type, kind = _MASKED[dtype]
        mask = column["mask"]
        if not isinstance(mask, list) or len(mask) != rows:
            raise ValueError(f"column {column.get('name')!r} does not have {rows} mask values")
        return array_type(_typed(values, kind), _typed(mask, np.bool_))
    if dtype in {str(d) for d in _DATETIMES}:
        return _typed(values, np.int64).view(dtype)
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
        columns[name] = _decode_column(column, rows)
    return pd.DataFrame(columns, index=pd.RangeIndex(rows), copy=False)
