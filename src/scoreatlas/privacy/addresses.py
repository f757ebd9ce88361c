"""Street addresses in the forms of many countries, from the words of ``corpus/addresses.yaml``.

An address is found in two steps. First a street: a house number and a street name with its type word,
in either order (``24 Clarke Avenue``, ``12 rue de la Paix``, ``Via Roma 131``, ``Hauptstraße 12``,
``Erzsébet tér 19.``), a post-office box, a military address, or "the corner of A and B". Then it grows to
what belongs to it: a number or flat before it (``Flat 2, 14 High St``), and after it flats and suites, the
town, region, country and postcode, on the same line (``, Springfield, IL 62704``) or on the short lines of
an address block below it.

A street name and number with no street-type word (``Pagari 18``), and a type word that is also an ordinary
noun (``27 European Union``), count only with a sign of an address around them: a cue before (``lives at``,
``Anschrift``), or a flat number or postcode after. A year as house number needs such a sign too, so that
"in 2019 Supreme Court ..." stays. A bare town, country, law or figure is never an address: the town and
country are taken only as the tail of a street.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict

from scoreatlas.privacy.keeplist import normalize_term, place_terms
from scoreatlas.resources import corpus_dir, load_yaml
from scoreatlas.types import Span


class _Units(BaseModel):
    model_config = ConfigDict(extra="forbid")

    standalone: list[str]
    attached: list[str]


class _Chinese(BaseModel):
    model_config = ConfigDict(extra="forbid")

    streets: list[str]
    compounds: list[str]
    parts: list[str]


class AddressWords(BaseModel):
    """``corpus/addresses.yaml``: street-type words, flat words, cue words, per language of origin."""

    model_config = ConfigDict(extra="forbid")

    version: int
    street_after: dict[str, list[str]]
    street_after_in_context: dict[str, list[str]]
    street_before: dict[str, list[str]]
    street_suffixes: dict[str, list[str]]
    units: _Units
    cues: dict[str, list[str]]
    not_place_words: list[str]
    zh: _Chinese


@lru_cache(maxsize=4)
def address_words(path: Path | None = None) -> AddressWords:
    """The shipped word lists (or those of ``path``), validated."""
    return load_yaml(path or corpus_dir() / "addresses.yaml", AddressWords)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first; an abbreviation's dot is optional."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = regex.escape(word).replace(r"\ ", r"[ \t]+")
        parts.append(escaped[:-2] + r"\.?" if word.endswith(".") else escaped)
    return "|".join(parts)


def _all(table: dict[str, list[str]]) -> list[str]:
    return [w for words in table.values() for w in words]


# A word of a street or place name: capitalised, in any script with capitals, with inner apostrophes,
# hyphens and dots ("O'Connell", "Vana-Viru", "Λ.").
_CAP = r"\p{Lu}[\p{L}\p{M}'’-]*(?![\p{L}\p{M}\d])\.?"
# Lower-case words inside names of streets and places ("rue de la Paix", "Ostrov nad Ohrí").
_PARTICLE = (
    r"(?:de|del|della|delle|dei|degli|di|da|do|dos|das|du|des|la|le|les|l['’]|d['’]|sur|sous|en|et|y|i|e|nad|pod|"
    r"u|v|z|ze|na|am|an|im|der|den|op|aan|van|bij|ten|ter|al|el|och|og|ob)"
)
_NUMBER = r"\d{1,5}(?:[ ]?(?:bis|ter|[A-Za-z])(?![\p{L}]))?(?:[-/]\d{1,4}[A-Za-z]?)?\.?"
_POSTCODE = (
    r"(?:[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}"  # United Kingdom
    r"|[A-Z]\d[A-Z][ ]?\d[A-Z]\d"  # Canada
    r"|\d{4}[ ]?[A-Z]{2}(?![\p{L}])"  # Netherlands
    r"|\d{2}-\d{3}"  # Poland
    r"|\d{3}[ ]\d{2}(?!\d)"  # Sweden, Czechia
    r"|(?:[A-Z]{1,2}-)?\d{3,6}(?:-\d{4})?)"  # the United States (ZIP+4), most of Europe, Australia, China
)
_LEGAL_REFERENCE = regex.compile(r"(?i:\b(?:article|art|articles|section|sections|§|alinéa|chapitre|chapter|paragraph|"
                                  r"paragraphe|annex|annexe|point|rule|règle|n°|no))\.?[ ]*$")
_YEAR = regex.compile(r"^(?:1[89]\d\d|20\d\d)(?:[-/–](?:1[89]\d\d|20\d\d|\d\d))?\.?$")


class _Patterns:
    """The compiled patterns of one word list."""

    def __init__(self, words: AddressWords) -> None:
        self.not_place = frozenset(w.casefold().rstrip(".") for w in words.not_place_words)
        self.unit_words = frozenset(w.casefold().rstrip(".") for w in words.units.standalone + words.units.attached)
        after = _alternation(_all(words.street_after))
        after_ctx = _alternation(_all(words.street_after_in_context))
        before = _alternation(_all(words.street_before))
        suffixes = _alternation(_all(words.street_suffixes))
        units_alone = _alternation(words.units.standalone)
        units = _alternation(words.units.standalone + words.units.attached)
        # "Flat 2", "Suite 400"; and a floor by its ordinal, before the street: "3rd Floor, 17 Ganeshkhind Road".
        self.unit = (rf"(?:(?i:{units})[ ]?#?[ ]?\d{{1,6}}[A-Za-z]?|\d{{1,3}}(?:st|nd|rd|th|e|er|ème)[ ]+"
                     rf"(?i:Floor|Fl\.|Level|étage|Etage|Stock|verdieping))(?![\w])")
        # A word of a street's name is not a flat word: "Rue Gafsa | Apt. 981".
        word = rf"(?!(?i:{units})(?![\p{{L}}\p{{M}}])){_CAP}"
        name = rf"{word}(?:[ ]+(?:{_PARTICLE}[ ]+)*{word}){{0,3}}"
        # A name may hold one ordinary lower-case word before its type word ("Árpád fejedelem útja").
        name_loose = rf"{word}(?:[ ]+(?:{_PARTICLE}[ ]+)*(?:{word}|\p{{Ll}}{{3,}})){{0,3}}"
        end = r"(?![\p{L}\p{M}\d])"
        lower = r"\p{Ll}[\p{L}\p{M}'’-]+(?![\p{L}\p{M}\d])"
        self.streets: list[tuple[regex.Pattern[str], str]] = [
            # 24 Clarke Avenue; Augsburger Strasse 36; Király u. 15.
            (regex.compile(rf"(?P<n1>{_NUMBER}),?[ ]+(?P<name>{name})[ ]+(?i:(?:{after})){end}\.?"), "street_after"),
            (regex.compile(rf"(?P<name>{name_loose})[ ]+(?i:(?:{after})){end}\.?[ ]+(?P<n2>{_NUMBER}){end}"), "street_after"),
            (regex.compile(rf"(?P<n1>{_NUMBER}),?[ ]+(?P<name>{name})[ ]+(?i:(?:{after_ctx})){end}\.?"), "street_context"),
            (regex.compile(rf"(?P<name>{name_loose})[ ]+(?i:(?:{after_ctx})){end}\.?[ ]+(?P<n2>{_NUMBER}){end}"), "street_context"),
            # 12 rue de la Paix; Via dei Fiorentini 17; ul. Miła 53
            (regex.compile(
                rf"(?:(?P<n1>{_NUMBER}),?[ ]+)?(?<![\p{{L}}\p{{M}}])(?i:(?:{before})){end}\.?[ ]+(?:{_PARTICLE}[ ]*)*"
                rf"(?P<name>{name})(?:,?[ ]+(?P<n2>{_NUMBER}){end})?"), "street_before"),
            # 12 rue des lilas; 3 via roma: a street written in lower case, after its house number only
            (regex.compile(
                rf"(?P<n1>{_NUMBER}),?[ ]+(?<![\p{{L}}\p{{M}}])(?i:(?:{before})){end}\.?[ ]+(?:{_PARTICLE}[ ]+)*"
                rf"(?P<name>{lower}(?:[ ]+(?:(?:{_PARTICLE}[ ]+)+{lower}|{_CAP})){{0,2}})"), "street_before_lower"),
            # Hauptstraße 12; Kerkstraat 5; Koskikatu 25
            (regex.compile(
                rf"(?:(?P<n1>{_NUMBER})[ ]+)?(?P<name>(?:{_CAP}[ ]+)?\p{{Lu}}[\p{{L}}\p{{M}}-]*(?i:{suffixes})\.?)"
                rf"[ ]+(?P<n2>{_NUMBER}){end}"), "street_suffix"),
            # Pagari 18; 28245 Puruntie 82; Joaquin Suarez 2906 (only with a sign of an address)
            (regex.compile(rf"(?:(?P<n1>{_NUMBER})[ ]+)?(?P<name>{name})[ ]+(?P<n2>{_NUMBER}){end}"), "street_name_number"),
            (regex.compile(rf"(?i:(?:P\.?[ ]?O\.?[ ]?Box|Post[ ]Office[ ]Box|Postbox|Postfach|Postbus|Boîte[ ]postale|"
                           rf"Apartado|Casilla))[ ]+\d{{1,6}}(?:[ ]\d{{2}}){{0,2}}{end}"), "po_box"),
        ]
        # Alone, a flat word counts only as written in an address, capitalised: "a flat 20% tax" stays.
        self.standalone_unit = regex.compile(rf"(?<![\w])(?:{units_alone})[ ]?#?[ ]?\d{{1,6}}[A-Za-z]?(?![\w])")
        self.military = regex.compile(
            r"(?i:(?:PSC|CMR|Unit)[ ]\d{3,5},?[ ]+Box[ ]\d{3,5}|(?:USNS|USNV|USS|USCGC)[ ]+\p{L}[\p{L}\p{M}'’-]*)"
            r"[ \t]*\n?[ \t]*(?i:(?:APO|FPO|DPO)[ ]A[AEP][ ]\d{5})"
            r"|(?i:(?:PSC|CMR|Unit)[ ]\d{3,5},?[ ]+Box[ ]\d{3,5})"
        )
        corner_part = (
            rf"(?:{_NUMBER}[ ]+)?(?:(?i:{before})\.?[ ]+)?(?:{_PARTICLE}[ ]+)*{name_loose}"
            rf"(?:[ ]+(?i:{after}|{after_ctx})(?![\p{{L}}\p{{M}}])\.?)?(?:[ ]+{_NUMBER}(?:[ ]+{_CAP})?)?"
        )
        self.corner = regex.compile(rf"(?i:(?:the[ ]+)?corner[ ]+of)[ ]+{corner_part}[ ]+(?i:and|&)[ ]+{corner_part}")
        self.cue = regex.compile(
            rf"(?i:{_alternation(_all(words.cues))})(?![\p{{L}}])[^.!?;\n]{{0,60}}(?:[:\n][ \t>]*[^.!?;\n]{{0,40}})?$"
        )
        self.lead = regex.compile(rf"(?:(?:{self.unit}),?[ ]+)?(?:\d{{1,6}}[ ]+)?$")
        # A dot ends a town's name unless it abbreviates a short word ("St. Felicien"): "Poland. It ..."
        # Greek place names typed with the increment sign for a capital delta ("ΧΑΝ∆ΡΙΑ") are still words.
        place_word = r"(?:\p{Lu}\p{L}{0,2}\.(?=[ ]\p{Lu})|[\p{Lu}∆][\p{L}\p{M}'’∆-]*(?![\p{L}\p{M}\d∆]))"
        place = rf"(?:{place_word}|\({place_word}\))"
        place_words = rf"{place}(?:[ ]+(?:{_PARTICLE}[ ]+)*{place}){{0,4}}"
        # Pieces of the tail: a flat, a postcode, a region code ("IL", "ON") or the words of a place.
        # A table or form exported with its empty fields left in reads "KNIVSTA, nan 18237": the blank holds
        # the address's place, and a one- or two-digit region code on a line of its own (", 32").
        blank = r"(?:nan|NaN|NULL|null|None|N/A)(?![\w/])"
        item = (
            rf"(?:(?P<unit>{self.unit})|(?P<post>{_POSTCODE})(?![\w])|(?P<region>[A-Z]{{2,3}}(?![\w-])|{blank}"
            rf"|\d{{1,2}}(?=[ \t]*(?:\n|$)))|(?P<place>{place_words}))"
        )
        self.piece = regex.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+){item}")
        self.line = regex.compile(rf"[ \t]*,?[ \t]*{item}(?:(?:[ \t]*,[ \t]*|[ \t]+){item})*[ \t]*[.,]?")
        self.line_break = regex.compile(r"[ \t]*\n(?:[ \t]*\n)?[ \t>?|*]*")


@lru_cache(maxsize=4)
def _patterns(path: Path | None = None) -> _Patterns:
    return _Patterns(address_words(path))


def _is_year(number: str | None) -> bool:
    return number is not None and bool(_YEAR.match(number.strip()))


class _Tail:
    """What follows a street: its end, and whether it holds a flat number or a postcode."""

    def __init__(self) -> None:
        self.end, self.unit, self.postcode = 0, False, False
        self.places: list[tuple[int, int]] = []

    def take(self, m: regex.Match[str], pat: _Patterns) -> bool:
        """Add a piece or line to the tail, unless a word of it is not a place's."""
        if any(w.strip("()").casefold().rstrip(".") in pat.not_place for p in m.captures("place") for w in p.split()):
            return False
        self.end = m.end()
        self.unit |= bool(m.captures("unit"))
        self.postcode |= any(not _is_year(p) for p in m.captures("post"))
        # Towns, regions and countries that the gazetteer knows stay in the text: they are places, and only
        # the street, the house, the flat and the postcode are the person's.
        self.places += [(s, e) for s, e in m.spans("place") if known_place(m.string[s:e])]
        self.places += [(s, e) for s, e in m.spans("region") if m.string[s:e].isalpha() and m.string[s:e].isupper()]
        return True


# An exported form's empty field ("KNIVSTA, nan 18237"): no part of anyone's address.
BLANK_FIELD = regex.compile(r"(?i)\b(?:nan|null|none|n/a)\b")


def known_place(surface: str) -> bool:
    """A town, region or country the place gazetteer knows, also with a district letter ("København V")."""
    term = normalize_term(surface.strip("()"))
    return term in place_terms() or (len(term) > 2 and term[-2] == " " and term[:-2] in place_terms())


def _carved(text: str, start: int, end: int, places: list[tuple[int, int]], rule: str) -> list[Span]:
    """The address from ``start`` to ``end`` without the known places of its tail, in pieces."""
    spans = []
    pieces = []
    pos = start
    for s, e in sorted(places):
        if s >= pos and e <= end:
            pieces.append((pos, s))
            pos = e
    pieces.append((pos, end))
    for s, e in pieces:
        lead = len(text[s:e]) - len(text[s:e].lstrip(" \t\n,;"))
        s, e = s + lead, _trimmed_end(text, s + lead, e)
        if BLANK_FIELD.sub("", text[s:e]).strip(" \t\n,;.") and any(c.isalnum() for c in text[s:e]):
            spans.append(Span(s, e, "ADDRESS", rule))
    return spans


def _tail(text: str, pos: int, pat: _Patterns) -> _Tail:
    """Grow an address from ``pos`` over flats, places and postcodes, on its line and the short lines below."""
    tail = _Tail()
    tail.end = pos
    lines = 0
    while True:
        m = pat.piece.match(text, tail.end)
        if m and tail.take(m, pat):
            continue
        brk = pat.line_break.match(text, tail.end)
        if brk is None or lines >= 5:
            break
        line_end = text.find("\n", brk.end())
        line_end = len(text) if line_end < 0 else line_end
        # A line below an address belongs to it only when it starts with flats, places and postcodes and is
        # short: a sentence or a contact line ("Mobile: ...") ends the block. What follows them on the line
        # ("Cyprus 36903? I am in ...") is left, and ends the block too.
        m = pat.line.match(text, brk.end(), line_end)
        if m is None or m.end() - brk.end() > 60 or not _line_ends(text, m.end(), line_end):
            break
        goes_on = m.end() < line_end and text[m.end() : line_end].strip(" \t.,")
        # After a blank line, a line that goes on as a sentence keeps its first words only when they hold a
        # postcode or a flat: "Die Schufa und ..." below "1090 Wien" is the next paragraph, not its town.
        paragraph = goes_on and brk.group().count("\n") > 1
        if (paragraph and not (m.captures("post") or m.captures("unit"))) or not tail.take(m, pat) or goes_on:
            break
        lines += 1
    return tail


_LINE_REST = regex.compile(r"[ \t]*(?:[?!.,;:)]|\p{Ll}|$)")


def _line_ends(text: str, pos: int, line_end: int) -> bool:
    """Whether an address line stops where a sentence or a lower-case word goes on ("... 36903? I am")."""
    return text[pos - 1] in ".?!" or _LINE_REST.match(text, pos, line_end) is not None


def _name_ok(name: str, rule: str, pat: _Patterns) -> bool:
    from scoreatlas.privacy.names import is_common_word

    if rule == "street_before_lower":
        # "3 place on the list", "2 via email": ordinary English words after a number are not a street.
        words = [w for w in name.split() if not regex.fullmatch(_PARTICLE, w)]
        return bool(words) and not any(w.casefold() in pat.not_place | pat.unit_words for w in words) and not all(
            is_common_word(w) for w in words)
    words = [w for w in name.split() if w[:1].isupper()]
    if not words or any(w.casefold().rstrip(".") in pat.not_place | pat.unit_words for w in words):
        return False
    if rule in ("street_suffix", "street_name_number"):
        # "Scoring 5", "Committee 2", "Spring 3": an English word is not a street name of its own.
        return not all(is_common_word(w.rstrip(".")) for w in words)
    return True


def find_addresses(text: str, *, words: Path | None = None) -> list[Span]:
    """Street addresses, post-office boxes and military addresses, grown to their town and postcode.

    Args:
        text: the text to scan.
        words: another word list than ``corpus/addresses.yaml`` (for tests).

    Returns:
        ``ADDRESS`` spans; ``detector`` names the form of the street that anchored each.
    """
    if not regex.search(r"\d", text):
        return []
    pat = _patterns(words)
    # A text written entirely in lower case (chat, forms) is read as if each word were capitalised.
    from scoreatlas.privacy.persons import lower_case_view

    scan = lower_case_view(text)
    # Military addresses first: where a street form reads the same text ("PSC 4115"), they name it better.
    spans = [Span(m.start(), m.end(), "ADDRESS", "military") for m in pat.military.finditer(scan)]
    for pattern, rule in pat.streets:
        for m in pattern.finditer(scan, overlapped=True):
            if m.start() and (scan[m.start() - 1].isalnum() or scan[m.start() - 1] in ".,-/"):
                continue
            spans += _grow(scan, m, rule, pat)
    for m in pat.corner.finditer(scan):
        if not any(c.isdigit() for c in m.group()):
            continue  # two street names alone are a place, not an address
        tail = _tail(scan, m.end(), pat)
        spans += _carved(scan, m.start(), _trimmed_end(scan, m.start(), tail.end), tail.places, "corner")
    spans += [Span(m.start(), m.end(), "ADDRESS", "unit") for m in pat.standalone_unit.finditer(scan)]
    return _outermost(spans)


def _grow(text: str, m: regex.Match[str], rule: str, pat: _Patterns) -> list[Span]:
    groups = m.groupdict()
    numbers = [groups.get("n1"), groups.get("n2")]
    if rule != "po_box":
        if not any(numbers):
            return []
        if not _name_ok(groups.get("name") or "", rule, pat):
            return []
    if rule == "street_before_lower" and _LEGAL_REFERENCE.search(text, max(0, m.start() - 20), m.start()):
        return []  # "article 12 voie de recours" numbers a provision, not a house
    tail = _tail(text, m.end(), pat)
    before = text[max(0, m.start() - 160) : m.start()]
    cue = pat.cue.search(before) is not None
    sign = cue or tail.unit or tail.postcode
    if rule in ("street_context", "street_name_number") and not sign:
        return []
    # "in 2019 Supreme Court", "Bundesgerichtshof 2019"; a bare name before a year ("lives in Rongcheng 2019")
    # needs a flat or postcode even after a cue.
    year_only = all(_is_year(n) for n in numbers if n)
    if year_only and not (tail.unit or tail.postcode or (cue and rule != "street_name_number")):
        return []
    lead = pat.lead.search(text, max(0, m.start() - 30), m.start())
    start = lead.start() if lead and lead.group().strip() else m.start()
    return _carved(text, start, _trimmed_end(text, start, tail.end), tail.places, rule)


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n,;.":
        end -= 1
    return end


def _outermost(spans: list[Span]) -> list[Span]:
    """Drop spans that lie inside a longer one (the pattern forms overlap)."""
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[Span] = []
    for s in spans:
        if out and s.end <= out[-1].end:
            continue
        out.append(s)
    return out
