"""Registry and taxonomy validation, and the shipped data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreatlas.errors import UserError
from scoreatlas.resources import DIMENSIONS, Registry, Taxonomy, corpus_dir, load_registry, load_taxonomy, load_yaml


@pytest.mark.parametrize(
    ("yaml_text", "location"),
    [
        ("version: 1\nprograms:\n  - {id: xx, name: A, country: DE, kind: credit_score, operator: O, status: active, names: {}}\n",
         "programs[0] (id=xx).id"),
        ("version: 1\nprograms:\n  - {id: fr_a, name: A, country: DE, kind: credit_score, operator: O, status: active, names: {}}\n",
         "programs[0] (id=fr_a)"),
        ("version: 1\nprograms:\n  - {id: de_a, name: A, country: DE, kind: credit_score, operator: O, status: active, names: {}, colour: red}\n",
         "programs[0] (id=de_a).colour"),
    ],
)
def test_resources_registry_errors_name_file_entry_field(tmp_path: Path, yaml_text: str, location: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_yaml(path, Registry)
    assert str(path) in str(info.value) and location in str(info.value)


@pytest.mark.parametrize("text", ["programs: [unclosed", "\t- bad"])
def test_resources_invalid_yaml_is_user_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match="cannot be read as YAML"):
        load_yaml(path, Taxonomy)


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_resources_shipped_taxonomy_has_the_eleven_dimensions(dimension: str) -> None:
    tax = load_taxonomy()
    assert [d.id for d in tax.dimensions] == list(DIMENSIONS)
    dim = next(d for d in tax.dimensions if d.id == dimension)
    assert dim.subtopics and all(s.definition and s.label for s in dim.subtopics)


@pytest.mark.parametrize(
    "topic",
    ["sanctions.travel", "sanctions.finance", "sanctions.employment", "sanctions.education", "sanctions.business",
     "rewards.discounts", "rewards.credit_access", "publicity.public_list", "publicity.shaming", "redress.appeal",
     "redress.removal", "redress.credit_repair", "data_sources.informants", "data_sources.court_records",
     "data_sources.financial", "scoring_method.points", "scoring_method.grades", "scoring_method.algorithmic_model",
     "scale.people_affected"],
)
def test_resources_shipped_taxonomy_has_required_subtopics(topic: str) -> None:
    tax = load_taxonomy()
    assert topic in tax.topic_ids()
    assert len(tax.topic_ids()) >= 50


@pytest.mark.parametrize("program", ["cn_social_credit_system", "cn_spc_dishonest_judgment_debtors", "de_schufa", "nl_syri"])
def test_resources_shipped_registry_has_core_programs(program: str) -> None:
    reg = load_registry()
    assert program in reg.by_id()
    assert len(reg.programs) >= 30
    assert (corpus_dir() / "registry" / "programs.yaml").is_file()


def test_resources_geonames_cities_are_read_once_with_their_alternate_names() -> None:
    from scoreatlas.resources import geonames_cities

    cities = geonames_cities()
    assert geonames_cities() is cities
    amsterdam = max((c for c in cities.values() if c["name"] == "Amsterdam"), key=lambda c: c["population"])
    assert amsterdam["countrycode"] == "NL"
    assert any(c["alternatenames"] for c in cities.values() if c["name"] == "Guangzhou")
