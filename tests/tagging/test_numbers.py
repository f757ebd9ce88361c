from __future__ import annotations

import pytest

from scoreatlas.tagging.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("four million", "en", 4_000_000),
        ("14.6 million", "en", 14_600_000),
        ("2.3m", "en", 2_300_000),
        ("26,000", "en", 26_000),
        ("three in ten", "en", 30),
        ("half a million", "en", 500_000),
        ("AUD 1.8 billion", "en", 1_800_000_000),
        ("1460万", "zh", 14_600_000),
        ("1500多万", "zh", 15_000_000),
        ("二十余万", "zh", 200_000),
        ("两万多", "zh", 20_000),
        ("2.3亿", "zh", 230_000_000),
        ("百分之三十", "zh", 30),
        ("一千二百万", "zh", 12_000_000),
        ("4,6 millions", "fr", 4_600_000),
        ("1,2 Millionen", "de", 1_200_000),
        ("26.000", "nl", 26_000),
    ],
)
def test_numbers_parse_number_normalises_figures(text: str, lang: str, value: float) -> None:
    assert parse_number(text, lang=lang) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "many", "the list"])
def test_numbers_parse_number_rejects_non_figures(text: str) -> None:
    assert parse_number(text) is None
