"""Word documents: body and tables read, author dropped, truncated and legacy files rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreatlas.sources import read_path
from scoreatlas.types import RawDocument, Rejected

FILES = Path(__file__).resolve().parents[1] / "data" / "ingest" / "files"


@pytest.mark.parametrize("name", ["memo.docx"])
def test_docx_reads_paragraphs_and_tables_without_author(name: str) -> None:
    [doc] = read_path(FILES / name)
    assert isinstance(doc, RawDocument)
    assert doc.meta["title"] == "Review of the register"
    assert doc.meta["date"] == "2024-05-02"
    assert "Quillfeather" not in repr(doc.meta) and "Quillfeather" not in doc.text
    assert "which decided about 1,200 such cases in 2022" in doc.text
    assert "2022\t41,000" in doc.text
    assert "not for circulation" not in doc.text  # page header


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("truncated.docx", "truncated or corrupt DOCX (the ZIP archive is incomplete)"),
        ("legacy_word.docx", "legacy Word document named .docx (save it as .docx or PDF first)"),
    ],
)
def test_docx_bad_files_are_rejected_with_a_reason(name: str, reason: str) -> None:
    [result] = read_path(FILES / name)
    assert isinstance(result, Rejected)
    assert result.reason == reason
