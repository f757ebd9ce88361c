"""Tables (CSV, TSV, Parquet, JSON Lines): one document per row, as quanteda's ``corpus(df, text_field=)``.

The text comes from the text column (``ReadOptions.text_column``, default ``text``); every other column is
kept as metadata, and ``title``, ``date``, ``lang``, ``publisher``, ``source_url`` and ``kind`` columns fill
those fields of the document. A row's source is ``path#row=N``, N counting data rows from 1. A row that
cannot become a document (empty text, wrong number of fields, a JSON line that is no object) is rejected
on its own; the rest of the table goes on.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from scoreatlas.errors import ReadError
from scoreatlas.sources.base import ReadOptions, content_hash, register
from scoreatlas.sources.encoding import decode, finish
from scoreatlas.types import RawDocument, Rejected

# Long texts in one cell are normal in exports (whole articles); the csv module's default stops at 128 KB.
csv.field_size_limit(64 * 1024 * 1024)

_SHOWN_COLUMNS = 20


def _columns_note(columns: Iterable[str]) -> str:
    names = [str(c)[:40] for c in columns]
    more = f", ... {len(names) - _SHOWN_COLUMNS} more" if len(names) > _SHOWN_COLUMNS else ""
    return ", ".join(names[:_SHOWN_COLUMNS]) + more


def missing_column(column: str, columns: Iterable[str]) -> ReadError:
    return ReadError(f"no text column '{column}' (columns: {_columns_note(columns)}; choose one with --text-column)")


def _plain(value: Any) -> Any:
    """A metadata value as plain JSON-able Python: NaN and None become absent, numpy scalars Python ones."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str, bytes)):
        try:
            return _plain(value.item())
        except (ValueError, AttributeError):
            pass
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, bytes):
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def row_document(source: str, row: Mapping[str, Any], text_column: str, *, encoding: str, fmt: str) -> RawDocument | Rejected:
    """One table row as a document, or a rejection when its text is empty."""
    value = row.get(text_column)
    value = _plain(value)
    text = "" if value is None else str(value)
    if not text.strip():
        return Rejected(source, f"empty text in column '{text_column}'")
    meta = {str(k): v for k, v in ((k, _plain(v)) for k, v in row.items() if k != text_column) if v not in (None, "")}
    meta["format"] = fmt
    decoded = finish(text, encoding)
    return RawDocument(source=source, text=decoded.text, meta=meta, encoding=encoding,
                       content_hash=content_hash(decoded.text.encode("utf-8")))


def rows_to_documents(
    source: str, rows: Iterable[Mapping[str, Any] | Rejected], columns: list[str], options: ReadOptions, *,
    encoding: str, fmt: str,
) -> list[RawDocument | Rejected]:
    column = options.text_column
    if column not in columns:
        raise missing_column(column, columns)
    out: list[RawDocument | Rejected] = []
    for n, row in enumerate(rows, 1):
        where = f"{source}#row={n}"
        if isinstance(row, Rejected):
            out.append(Rejected(where, row.reason))
        else:
            out.append(row_document(where, row, column, encoding=encoding, fmt=fmt))
    if not out:
        raise ReadError("table has a header but no rows")
    return out


@register(".csv", ".tsv", ".tab")
def read_delimited(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
    decoded = decode(data)
    text = decoded.text
    tab = source.lower().endswith((".tsv", ".tab"))
    delimiter = "\t" if tab else _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ReadError("empty table") from None
    except csv.Error as exc:
        raise ReadError(f"CSV cannot be parsed ({type(exc).__name__} in the header)") from None
    header = [h.strip() for h in header]
    return rows_to_documents(source, _csv_rows(reader, header), header, options, encoding=decoded.encoding,
                             fmt="tsv" if tab else "csv")


def _sniff(text: str) -> str:
    """The delimiter of a ``.csv``: a comma, unless the header line clearly uses semicolons, tabs or pipes."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _csv_rows(reader: Any, header: list[str]) -> Iterator[dict[str, Any] | Rejected]:
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejected("", f"row cannot be parsed ({type(exc).__name__})")
            continue
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue  # blank lines between rows are not rows
        if len(fields) != len(header):
            yield Rejected("", f"row has {len(fields)} fields, the header has {len(header)}")
            continue
        yield dict(zip(header, fields, strict=True))


@register(".jsonl", ".ndjson")
def read_jsonl(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
    decoded = decode(data)
    rows: list[dict[str, Any] | Rejected] = []
    columns: dict[str, None] = {}
    for line in decoded.text.splitlines():
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            rows.append(Rejected("", "invalid JSON line"))
            continue
        if not isinstance(obj, dict):
            rows.append(Rejected("", f"JSON line is a {type(obj).__name__}, not an object"))
            continue
        columns.update(dict.fromkeys(obj))
        rows.append(obj)
    return rows_to_documents(source, rows, list(columns), options, encoding=decoded.encoding, fmt="jsonl")


@register(".parquet", ".pq")
def read_parquet(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(pa.py_buffer(data))  # a buffer, not a Python file: see store.reader
    except (pa.ArrowException, OSError) as exc:
        raise ReadError(f"corrupt Parquet file ({type(exc).__name__})") from None
    return rows_to_documents(source, table.to_pylist(), table.column_names, options, encoding="parquet",
                             fmt="parquet")


def frame_documents(frame: Any, text: str, *, name: str = "dataframe") -> Iterator[RawDocument | Rejected]:
    """Rows of a pandas DataFrame as documents, sources ``dataframe#row=N`` (N from 1, in row order)."""
    columns = [str(c) for c in frame.columns]
    if text not in columns:
        raise missing_column(text, columns)
    for n, row in enumerate(frame.to_dict(orient="records"), 1):
        yield row_document(f"{name}#row={n}", {str(k): v for k, v in row.items()}, text, encoding="",
                           fmt="dataframe")
