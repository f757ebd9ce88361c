"""French, German and Dutch: the cues, gazetteers and capitalised runs of privacy/european.py."""

from __future__ import annotations

import re
from typing import Any

import pytest

CASES = [
    ("fr", "« Je n'ai reçu aucune explication », a confié Christophe Vasseur, joint par téléphone.", ["Christophe", "Vasseur"]),
    ("fr", "M. Paul-Henri d'Arvieu et Mme Mathilde de La Rochère représentaient l'association.", ["Paul-Henri", "Arvieu", "Mathilde", "Rochère"]),
    ("fr", "Numéro de l'intéressée. Nom : DUMONT, prénom : Chantal.", ["DUMONT", "Chantal"]),
    ("fr", "« C'est une double peine », estime Nour El Khatib. Pour El Khatib, les contrôles ciblent les mêmes quartiers.", ["Nour", "Khatib"]),
    ("fr", "Jordan Paris, 33 ans, chauffeur-livreur à Bordeaux, a dû attendre six mois.", ["Jordan", "Paris"]),
    ("de", "Herr Fuchs und Frau Koch klagten gemeinsam; Herr Bauer trat dem Verfahren später bei.", ["Fuchs", "Koch", "Bauer"]),
    ("de", "Die Creditreform betreibt eigene Score-Modelle, erklärte Branchenkenner Uwe Feldmann.", ["Uwe", "Feldmann"]),
    ("de", "Die Mails blieben unbeantwortet, sagte Thomas Riedels Anwalt Stefan Albrecht.", ["Thomas", "Stefan", "Albrecht"]),
    ("de", "Kontoinhaberin ist Frau Sabine Hofmann-Krause.", ["Sabine", "Hofmann", "Krause"]),
    ("de", "Wolfgang Schröder, 67, Rentner aus Dresden, erfuhr von seinem Eintrag.", ["Wolfgang", "Schröder"]),
    ("nl", "De heer De Vries kreeg pas na vier jaar te horen waarom zijn toeslag was stopgezet.", ["Vries"]),
    ("nl", "Mr. dr. E.J. Schouten, voorzitter van de commissie, noemde de werkwijze onrechtmatig.", ["Schouten"]),
    ("nl", "De terugbetaling werd overgemaakt op naam van Ruud van Dijk.", ["Ruud", "Dijk"]),
    ("nl", "Bart van 't Hof, onderzoeker aan de Erasmus Universiteit Rotterdam, zei het.", ["Bart", "Hof"]),
    ("nl", "Volgens Marloes Jansen van Bits of Freedom is het verbod te beperkt.", ["Marloes", "Jansen"]),
]


@pytest.mark.parametrize(("lang", "text", "tokens"), CASES)
def test_european_names_removed(redact: Any, lang: str, text: str, tokens: list[str]) -> None:
    out, _doc = redact(text, lang)
    for token in tokens:
        assert not re.search(rf"(?<!\w){re.escape(token)}(?!\w)", out, re.IGNORECASE), out


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        ("fr", "La Caisse nationale des allocations familiales a indiqué que son algorithme attribue un score.", ["Caisse nationale des allocations familiales"]),
        ("de", "Wie Kerstin Vogt vom Chaos Computer Club berichtete, ließen sich Adressen abrufen.", ["Chaos Computer Club"]),
        ("nl", "De wijken in Capelle aan den IJssel en Rotterdam-Zuid waren de eerste waar SyRI werd ingezet.", ["Capelle aan den IJssel", "SyRI"]),
        ("nl", "Volgens het overzicht op HandWiki werden tussen 2005 en 2019 duizenden ouders geregistreerd.", ["HandWiki"]),
    ],
)
def test_european_organisations_and_places_kept(redact: Any, lang: str, text: str, kept: list[str]) -> None:
    out, _doc = redact(text, lang)
    for term in kept:
        assert term in out, out


@pytest.mark.parametrize("lang", ["de"])
def test_european_german_nouns_are_not_names(redact: Any, lang: str) -> None:
    text = (
        "Der Kern des Streits war die Veröffentlichung von Scores. Im Sinne von Artikel 22 darf die betroffene "
        "Person eine Streichung von der Liste verlangen; der Schuldner Staatsbediensteter wird gemeldet."
    )
    out, _doc = redact(text, lang)
    assert "[PERSON" not in out, out
