"""Plain text and Markdown readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreatlas.sources import read_path
from scoreatlas.types import RawDocument, Rejected

FILES = Path(__file__).resolve().parents[1] / "data" / "ingest" / "files"


@pytest.mark.parametrize(("name", "reason"), [("empty.txt", "empty file"), ("blank.txt", "empty file"),
                                              ("binary_named.txt", "binary file, not text (PNG image)")])
def test_text_rejects_empty_and_binary_files(name: str, reason: str) -> None:
    [result] = read_path(FILES / name)
    assert isinstance(result, Rejected)
    assert result.reason == reason


@pytest.mark.parametrize("name", ["en_utf8_one_bad_byte.txt"])
def test_text_records_a_decode_note_in_metadata(name: str) -> None:
    [doc] = read_path(FILES / name)
    assert isinstance(doc, RawDocument)
    assert doc.encoding == "utf-8"
    assert doc.meta["decode_note"].startswith("1 invalid UTF-8 bytes")


@pytest.mark.parametrize("body", ["---\ntitle: A brief\nlang: fr\n---\nLe texte du document.\n"])
def test_text_markdown_front_matter_becomes_metadata(tmp_path: Path, body: str) -> None:
    path = tmp_path / "brief.md"
    path.write_text(body, encoding="utf-8")
    [doc] = read_path(path)
    assert isinstance(doc, RawDocument)
    assert doc.meta["title"] == "A brief"
    assert doc.meta["lang"] == "fr"
    assert doc.meta["format"] == "markdown"
    assert doc.text.strip() == "Le texte du document."


@pytest.mark.parametrize("body", ["---\ntitle: Only metadata\n---\n\n"])
def test_text_markdown_without_body_is_rejected(tmp_path: Path, body: str) -> None:
    path = tmp_path / "empty.md"
    path.write_text(body, encoding="utf-8")
    [result] = read_path(path)
    assert isinstance(result, Rejected)
    assert result.reason == "no text (front matter only)"


@pytest.mark.parametrize(
    ("name", "body", "title"),
    [
        ("story.txt", "Points, perks and a shaming screen\n\nJINHUA, China - The screen scrolls names.\n", "Points, perks and a shaming screen"),
        ("question.txt", "Who watches the scorers?\n\nText.\n", "Who watches the scorers?"),
        ("prose.txt", "The court ruled on Monday.\n\nMore text.\n", ""),
        ("byline.txt", "By Jan de Vries\n\nText.\n", ""),
        ("one_block.txt", "A title-like line\nrunning straight into the body.\n", ""),
        ("heading.md", "# The Dutch benefits scandal\n\nText.\n", "The Dutch benefits scandal"),
        ("front.md", "---\ntitle: From front matter\n---\n# A heading\n\nText.\n", "From front matter"),
    ],
)
def test_text_first_line_headline_becomes_title(tmp_path: Path, name: str, body: str, title: str) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    [doc] = read_path(path)
    assert isinstance(doc, RawDocument)
    assert doc.meta["title"] == title
