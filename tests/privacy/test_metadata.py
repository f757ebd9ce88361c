"""The short strings around a document: title, metadata fields and file path, with invented names."""

from __future__ import annotations

from typing import Any

import pytest

from scoreatlas.privacy import PERSON_VALUE, MetadataRedactor


@pytest.fixture(scope="module")
def redactor(keep: Any) -> MetadataRedactor:
    return MetadataRedactor(keep)


@pytest.mark.parametrize(
    ("meta", "gone"),
    [
        ({"author": "Amstel Dravenhoek"}, "Dravenhoek"),
        ({"dc.creator": ["Q. Oyelaran", "Ilse Vandermolen"]}, "Vandermolen"),
        ({"article:author": "Rongcheng"}, "Rongcheng"),  # a person field: even a place-like value goes whole
        ({"sources": [{"publisher": "Caixin", "byline": "Tobias Kreuzfeldt"}]}, "Kreuzfeldt"),
    ],
)
def test_metadata_person_fields_replaced_whole(redactor: MetadataRedactor, meta: dict, gone: str) -> None:
    out = redactor.value(meta, set())
    assert gone not in repr(out)
    assert PERSON_VALUE in repr(out)


def test_metadata_other_fields_keep_bodies_and_lose_names(redactor: MetadataRedactor) -> None:
    out = redactor.value({"publisher": "Caixin", "note": "Judge Lincoln of the Federal Court of Australia"}, set())
    assert out["publisher"] == "Caixin"
    assert "Federal Court of Australia" in out["note"]
    assert "Lincoln" not in out["note"]


@pytest.mark.parametrize(
    ("source", "gone", "kept"),
    [
        ("in/interview_anne_vermeulen.pdf", "vermeulen", "in/interview_"),
        ("https://example.org/people/oskar-brandtvik/profile", "brandtvik", "https://example.org/"),
        ("data/court_rulings.csv#row=4", "", "data/court_rulings.csv#row=4"),
    ],
)
def test_metadata_path_names_removed_host_and_rows_kept(redactor: MetadataRedactor, source: str, gone: str,
                                                        kept: str) -> None:
    out = redactor.path(source, set())
    assert kept in out
    if gone:
        assert gone not in out.lower()


def test_metadata_title_uses_names_known_from_the_body(redactor: MetadataRedactor) -> None:
    # "Brandtvik" alone in a title is no name to any detector; the body said it was one.
    assert "Brandtvik" not in redactor.text("Why Brandtvik sued the bureau", {"Oskar Brandtvik", "Brandtvik"})
