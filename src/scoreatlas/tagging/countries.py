"""``country_tagger``: places, demonyms and languages to ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from scoreatlas.resources import load_countries
from scoreatlas.tagging.extensions import register_extensions
from scoreatlas.tagging.matching import TermMatcher


@lru_cache(maxsize=4)
def country_terms(path: Path | None = None) -> tuple[tuple[str, str], ...]:
    """All (term, code) pairs: our gazetteer first, then every country name pycountry knows."""
    gaz = load_countries(path)
    terms: list[tuple[str, str]] = []
    for country in gaz.countries:
        for names in country.names.values():
            terms.extend((n, country.code) for n in names)
    import pycountry

    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                terms.append((name, c.alpha_2))
    return tuple(terms)


@Language.factory(
    "country_tagger",
    assigns=["doc._.countries"],
    requires=[],
    default_config={"gazetteer_path": None},
)
def make_country_tagger(nlp: Language, name: str, gazetteer_path: str | None) -> CountryTagger:
    return CountryTagger(nlp, Path(gazetteer_path) if gazetteer_path else None)


class CountryTagger:
    def __init__(self, nlp: Language, path: Path | None) -> None:
        register_extensions()
        self.matcher = TermMatcher(nlp, country_terms(path))

    def __call__(self, doc: Doc) -> Doc:
        doc._.countries = [(s, e, code, term) for s, e, code, term in self.matcher(doc)]
        return doc
