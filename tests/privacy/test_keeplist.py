"""The keep-list: validated on load, matched with or without articles, and inside longer names."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreatlas.errors import UserError
from scoreatlas.privacy.keeplist import (
    declared_organisations,
    is_kept,
    keep_terms,
    made_of_kept,
    term_forms,
    within_kept,
)


@pytest.mark.parametrize(
    "name",
    [
        "Cyberspace Administration of China",
        "the Dutch Data Protection Authority",
        "Experian",
        "Amnesty International",
        "Federal Court of Australia",
        "Supreme People’s Court",
        "Washington",
        "Lincoln",
        "Maracaibo",  # a city from the world gazetteer
        "Experian's",
    ],
)
def test_keeplist_kept_names(keep, name: str) -> None:
    assert is_kept(name, keep)


@pytest.mark.parametrize(("text", "part"), [("at the Max Planck Institute for Innovation and Competition today", "Max Planck")])
def test_keeplist_within_kept(keep, text: str, part: str) -> None:
    start = text.index(part)
    assert within_kept(text, start, start + len(part), keep)


@pytest.mark.parametrize("name", ["Mary", "Logan", "Isabel"])
def test_keeplist_small_cities_not_curated(keep, name: str) -> None:
    assert is_kept(name, keep) and not is_kept(name, keep.curated)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("version: 1\norganisations: [Experian, '']\n", "organisations: entry 1 is empty"),
        ("version: 1\nplaces: [Lincoln]\npersons: [Someone]\n", "persons"),
    ],
)
def test_keeplist_invalid_file_named_in_error(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "keeplist.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(UserError) as err:
        keep_terms(path, None, use_registry=False)
    assert str(path) in str(err.value) and message in str(err.value)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [({"sources": [{"publisher": "TechNode", "title": "x"}], "operator": "Ant Group"}, ["TechNode", "Ant Group"])],
)
def test_keeplist_declared_organisations(meta: dict, expected: list[str]) -> None:
    assert sorted(declared_organisations(meta)) == sorted(expected)


@pytest.mark.parametrize("extra", [["Bologna Smart Citizen Wallet (virtuous-citizen points)"]])
def test_keeplist_union_keeps_store_names_without_gloss(keep, extra: list[str]) -> None:
    merged = keep | extra
    assert is_kept("Bologna Smart Citizen Wallet", merged) and "wallet" in merged.words


@pytest.mark.parametrize("name", ["Europese Unie", "Commission européenne", "Europäische Kommission", "HandWiki", "Kenyans.co.ke"])
def test_keeplist_country_gazetteer_and_publishers_kept(keep, name: str) -> None:
    assert is_kept(name, keep)


@pytest.mark.parametrize(
    ("surface", "kept"),
    [
        ("Amnesty International France", True),
        ("Human Rights Watch China", True),
        ("Florence Lyon", False),  # two places side by side may still be a person
        ("Amnesty Ruth Abebe", False),
    ],
)
def test_keeplist_made_of_kept(keep, surface: str, kept: bool) -> None:
    assert made_of_kept(surface, keep) is kept


@pytest.mark.parametrize(("term", "form"), [("EUR-Lex (Publicatiebureau van de Europese Unie)", "publicatiebureau van de europese unie")])
def test_keeplist_term_forms_keep_the_gloss_alone(term: str, form: str) -> None:
    assert form in term_forms(term)
