"""Tables out of the analysis: record dataclasses as columns and rows, as CSV (written by the one
table writer, :mod:`fengong.tables`), or as pandas DataFrames for notebooks (pandas is optional:
only :func:`frame` needs it)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..tables import render

DIGITS = 6  # decimals of the floats in the CSV tables: enough to compare, stable to read


def columns(cls: type) -> tuple[str, ...]:
    """The field names of a record dataclass, in order: the columns of its table."""
    return tuple(f.name for f in dataclasses.fields(cls))


def cells(record: object) -> tuple[object, ...]:
    """A record's values in column order; tuples (lists of names) joined with 、.

    Read field by field, not with ``dataclasses.astuple``, which deep-copies every value: the
    records are flat (names, counts, scores), and on a 100-plan corpus the copies were 10 s of an
    80 s analysis.
    """
    values = (getattr(record, f.name) for f in dataclasses.fields(record))
    return tuple("、".join(v) if isinstance(v, tuple) else v for v in values)


def to_csv(records: Sequence, cls: type, extra: Mapping[str, Callable[[Any], object]] | None = None) -> str:
    """Records as CSV with a header row; floats rounded to 6 decimals so files are stable to read.

    ``extra`` appends columns after the record's own: column name → its value for a record.
    """
    extra = extra or {}
    rows = [cells(r) + tuple(f(r) for f in extra.values()) for r in records]
    return render(columns(cls) + tuple(extra), rows, "csv", digits=DIGITS)


def frame(records: Sequence, cls=None):
    """Records (a list of the analysis's dataclasses) as a :class:`pandas.DataFrame`.

    ``cls`` gives the columns when ``records`` is empty. Raises :class:`ImportError` with the fix
    when pandas is not installed.
    """
    try:
        import pandas
    except ImportError:
        raise ImportError("frame() needs pandas: pip install pandas (or pip install 'fengong[notebook]')") from None
    cls = cls or (type(records[0]) if records else None)
    if cls is None:
        return pandas.DataFrame()
    return pandas.DataFrame([cells(r) for r in records], columns=list(columns(cls)))
