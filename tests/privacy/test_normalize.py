"""Evasions: invisible characters and homoglyphs, with offsets that map back to the original."""

from __future__ import annotations

import pytest

from scoreatlas.privacy.normalize import fold_homoglyphs, map_back, prepare


@pytest.mark.parametrize(
    ("text", "folded"),
    [("V\u0430n der Berg", "Van der Berg"), ("Ζhang Wei", "Zhang Wei"), ("Москва", "Москва"), ("ＡＢＣ", "ABC")],
)
def test_normalize_fold_homoglyphs(text: str, folded: str) -> None:
    assert fold_homoglyphs(text) == folded and len(fold_homoglyphs(text)) == len(text)


@pytest.mark.parametrize(("text", "name"), [("said Zh\u200bang W\u00adei today", "Zhang Wei")])
def test_normalize_prepare_maps_back(text: str, name: str) -> None:
    prepared, index = prepare(text)
    start = prepared.index(name)
    s, e = map_back(start, start + len(name), index)
    assert text[s:e].replace("\u200b", "").replace("\u00ad", "") == name
