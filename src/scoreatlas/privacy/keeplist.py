"""The keep-list: names of programs, places and organisations that must never be taken for a person.

It protects a span only from a guess (an NER label or a gazetteer hit), never from a person cue: "Judge
Lincoln" is a person even though Lincoln is a city.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from scoreatlas.resources import corpus_dir, load_registry, load_yaml


class KeepList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = 1
    organisations: list[str] = []
    places: list[str] = []
    other: list[str] = []


@lru_cache(maxsize=4)
def keep_terms(keeplist: Path | None = None, registry: Path | None = None) -> frozenset[str]:
    """Lower-cased names to keep: the keep-list file, every registry name and every country name."""
    data = load_yaml(keeplist or corpus_dir() / "keeplist.yaml", KeepList)
    terms = {t.lower() for t in data.organisations + data.places + data.other}
    for program in load_registry(registry).programs:
        for names in list(program.names.values()) + list(program.generic.values()):
            terms.update(n.lower() for n in names)
        terms.add(program.name.lower())
        terms.add(program.operator.lower())
    import pycountry

    for country in pycountry.countries:
        terms.add(country.name.lower())
        for attr in ("common_name", "official_name"):
            if getattr(country, attr, None):
                terms.add(getattr(country, attr).lower())
    return frozenset(terms)


def is_kept(surface: str, terms: frozenset[str]) -> bool:
    """True when ``surface`` (or it without a leading article) is a kept name."""
    s = surface.strip().lower()
    if s in terms:
        return True
    for article in ("the ", "la ", "le ", "les ", "de ", "het ", "der ", "die ", "das "):
        if s.startswith(article) and s[len(article) :] in terms:
            return True
    return s.endswith("'s") and s[:-2] in terms
