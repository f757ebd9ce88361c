"""PDFs: text per page, running headers and page numbers removed, hyphenation joined, bad PDFs rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreatlas.sources import read_path
from scoreatlas.sources.pdf import join_lines, resolve_hyphens
from scoreatlas.types import RawDocument, Rejected

FILES = Path(__file__).resolve().parents[1] / "data" / "ingest" / "files"


@pytest.mark.parametrize("name", ["report.pdf"])
def test_pdf_removes_running_headers_and_page_numbers(name: str) -> None:
    [doc] = read_path(FILES / name)
    assert isinstance(doc, RawDocument)
    assert "Country Brief" not in doc.text
    assert "Page " not in doc.text
    assert doc.meta["pages"] == 3
    assert doc.meta["title"] == "Credit Register Review - Country Brief"


@pytest.mark.parametrize("name", ["report.pdf"])
def test_pdf_joins_hyphenation_and_reflows_paragraphs(name: str) -> None:
    [doc] = read_path(FILES / name)
    assert isinstance(doc, RawDocument)
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 3
    assert "the data protection authority, which decided about 1,200 such cases in 2022." in doc.text
    assert "-\n" not in doc.text and "\x00" not in doc.text


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["the regis-", "tration stays"], "the registration stays"),
        (["state-", "owned banks; state-owned firms"], "state-owned banks; state-owned firms"),
        (["A sentence ends-", "With a capital"], "A sentence ends- With a capital"),
        (["限制乘坐", "飞机"], "限制乘坐飞机"),
    ],
)
def test_pdf_hyphen_decisions(lines: list[str], expected: str) -> None:
    assert resolve_hyphens(join_lines(*lines)) == expected


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("encrypted.pdf", "encrypted PDF (a password is needed to open it)"),
        ("corrupt.pdf", "corrupt PDF (cannot be parsed: PSEOF)"),
        ("garbage.pdf", "corrupt PDF (cannot be parsed: PDFSyntaxError)"),
        ("scanned.pdf", "PDF has no text layer (1 pages; a scan needs OCR first)"),
    ],
)
def test_pdf_bad_files_are_rejected_with_a_reason(name: str, reason: str) -> None:
    [result] = read_path(FILES / name)
    assert isinstance(result, Rejected)
    assert result.reason == reason
