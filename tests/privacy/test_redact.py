"""Replacement: typed placeholders, numbered by first appearance, nothing derived from the name."""

from __future__ import annotations

import pytest

from scoreatlas.privacy import Redaction
from scoreatlas.types import Span


def _spans(text: str, *names: str, kind: str = "PERSON") -> list[Span]:
    out = []
    for name in names:
        start = 0
        while (i := text.find(name, start)) >= 0:
            out.append(Span(i, i + len(name), kind, "test"))
            start = i + len(name)
    return out


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("Anne Vermeulen met Zhang Wei. Vermeulen left.", ("Anne Vermeulen", "Zhang Wei", "Vermeulen"),
         "[PERSON_1] met [PERSON_2]. [PERSON_1] left."),
        ("Pieter van der Berg spoke. Van der Berg left.", ("Pieter van der Berg", "Van der Berg"),
         "[PERSON_1] spoke. [PERSON_1] left."),
        ("Zhang Wei and Anne Vermeulen", ("Anne Vermeulen", "Zhang Wei"), "[PERSON_1] and [PERSON_2]"),
    ],
)
def test_redact_numbered_by_first_appearance(text: str, names: tuple[str, ...], expected: str) -> None:
    assert Redaction(text, _spans(text, *names)).apply() == expected


@pytest.mark.parametrize("name", ["Anne Vermeulen", "Zhang Wei"])
def test_redact_numbering_not_derived_from_name(name: str) -> None:
    assert Redaction(f"{name} said so.", _spans(f"{name} said so.", name)).apply() == "[PERSON_1] said so."


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("mail zhang.wei@example.com now", [Span(5, 26, "EMAIL", "email"), Span(5, 10, "PERSON", "propagation")], "mail [EMAIL] now"),
        ("Zhang Wei at home", [Span(0, 9, "PERSON", "ner"), Span(0, 5, "PERSON", "propagation")], "[PERSON_1] at home"),
    ],
)
def test_redact_overlaps_merge_longest_kind(text: str, spans: list[Span], expected: str) -> None:
    assert Redaction(text, spans).apply() == expected


@pytest.mark.parametrize(("start", "end", "expected"), [(0, 23, "[PERSON_1] said so."), (24, None, "[PERSON_1] left.")])
def test_redact_slices_share_numbering(start: int, end: int | None, expected: str) -> None:
    text = "Anne Vermeulen said so. Vermeulen left."
    red = Redaction(text, _spans(text, "Anne Vermeulen", "Vermeulen"))
    assert red.apply(start, end) == expected


@pytest.mark.parametrize(
    ("text", "names", "cuts", "expected"),
    [
        ("Anne Vermeulen said so. Vermeulen left.", ("Anne Vermeulen", "Vermeulen"), [24],
         ["[PERSON_1] said so. ", "[PERSON_1] left."]),
        # a cut inside a name moves to its end: the name is replaced once, in the first piece
        ("Mr. J. Smith spoke.", ("J. Smith",), [7], ["Mr. [PERSON_1]", " spoke."]),
        ("A. B. C.", (), [3, 3, 6], ["A. ", "", "B. ", "C."]),
    ],
)
def test_redact_split_pieces_join_to_the_whole(text: str, names: tuple[str, ...], cuts: list[int],
                                               expected: list[str]) -> None:
    red = Redaction(text, _spans(text, *names))
    assert red.split(cuts) == expected
    assert "".join(red.split(cuts)) == red.apply()
