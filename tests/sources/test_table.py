"""Tables: one document per row, other columns as metadata, every row accounted for."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreatlas.sources import ReadOptions, read_path
from scoreatlas.types import RawDocument, Rejected

FILES = Path(__file__).resolve().parents[1] / "data" / "ingest" / "files"


@pytest.mark.parametrize("name", ["table.csv", "table.tsv", "table_semicolon.csv", "table.parquet", "table.jsonl"])
def test_table_one_document_per_row(name: str) -> None:
    results = read_path(FILES / name)
    first, second, third = results[:3]
    assert isinstance(first, RawDocument) and isinstance(third, RawDocument)
    assert first.source == f"{FILES / name}#row=1"
    assert first.text == "Courts in one province listed 12,000 debtors in 2021."
    assert first.meta["title"] == "Province list"
    assert first.meta["country"] == "CN"
    assert "text" not in first.meta
    assert third.meta["lang"] == "fr"
    assert isinstance(second, Rejected)
    assert second.source.endswith("#row=2")
    assert second.reason == "empty text in column 'text'"


@pytest.mark.parametrize("name", ["table.jsonl"])
def test_table_bad_json_lines_are_rows_of_their_own(name: str) -> None:
    results = read_path(FILES / name)
    assert [r.reason for r in results if isinstance(r, Rejected)] == [
        "empty text in column 'text'", "invalid JSON line", "JSON line is a list, not an object"]
    assert results[-1].source.endswith("#row=5")


@pytest.mark.parametrize("name", ["ragged.csv"])
def test_table_ragged_row_is_rejected_alone(name: str) -> None:
    ok, bad = read_path(FILES / name)
    assert isinstance(ok, RawDocument)
    assert isinstance(bad, Rejected) and bad.reason == "row has 4 fields, the header has 2"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("no_text_column.csv", "no text column 'text' (columns: id, body, country; choose one with --text-column)"),
        ("corrupt.parquet", "corrupt Parquet file (ArrowInvalid)"),
    ],
)
def test_table_without_text_column_is_rejected_naming_the_columns(name: str, reason: str) -> None:
    [result] = read_path(FILES / name)
    assert isinstance(result, Rejected)
    assert result.reason == reason


@pytest.mark.parametrize(("name", "column"), [("table_gbk.csv", "body"), ("no_text_column.csv", "body")])
def test_table_text_column_option(name: str, column: str) -> None:
    [doc] = read_path(FILES / name, ReadOptions(text_column=column))
    assert isinstance(doc, RawDocument)
    assert "id" in doc.meta
    if name == "table_gbk.csv":
        assert doc.encoding == "gb18030"
        assert doc.text == "失信被执行人名单制度建立于2013年。"
