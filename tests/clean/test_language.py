"""Offline language identification."""

from __future__ import annotations

import pytest

from scoreatlas.clean import detect


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The court publishes the list of debtors online and updates it every week.", "en"),
        ("最高人民法院于2013年建立失信被执行人名单制度。", "zh"),
        ("Le fichier national des incidents de remboursement est géré par la Banque de France.", "fr"),
        ("Die Auskunftei speichert Daten über Zahlungsausfälle von Millionen Menschen.", "de"),
        ("De Belastingdienst gebruikte een risicomodel om fraude op te sporen.", "nl"),
        ("Betalningsanmärkningar registreras hos kreditupplysningsföretagen i tre år.", "sv"),
    ],
)
def test_language_detects_offline(text: str, lang: str) -> None:
    assert detect(text)[0] == lang


@pytest.mark.parametrize("text", ["", "12 34", "OK"])
def test_language_undetermined_for_too_little_text(text: str) -> None:
    assert detect(text) == ("und", 0.0)
