"""Person cues for French, German and Dutch: one engine, one small table of words per language.

The rules of ``persons.py`` run on every text and know the English cues and some titles of other
languages. The detectors built here (``fr.py``, ``de.py``, ``nl.py``, registered in
:data:`~scoreatlas.privacy.languages.LANGUAGE_DETECTORS`) add, for one language:

- titles and roles before a name, written alone or as the last part of a compound (``Herr``, ``Frau``,
  ``Dr.``, ``Richterin``, ``Branchenkenner``, ``de heer``, ``mevrouw``, ``staatssecretaris``,
  ``commissielid``, ``M.``, ``Mme``, ``Maître``, ``la juge``), and chains of them (``Herr Dr.``,
  ``Mr. dr.``): rule ``title`` or ``role``, strong, so the keep-list does not overrule them;
- a role or an age after a name (``Bart van 't Hof, onderzoeker``; ``Wolfgang Schröder, 67,``;
  ``Yannick Le Goff, 52 ans``): rule ``role`` / ``age``;
- phrases that hand a name over (``op naam van``, ``au nom de``, ``Kontoinhaberin ist``): rule ``called``;
- speech verbs before or after a name (``a déclaré``, ``selon``, ``sagte``, ``laut``, ``zei``, ``aldus``,
  ``volgens``) and bylines (``Par``, ``Von``, ``Door``): rule ``speech`` / ``byline``, weak;
- a first name from the language's gazetteers followed by capitalised words (rule ``gazetteer``), and in
  Dutch and French, where only proper nouns have capitals, runs of two or more capitalised words inside a
  sentence that are not kept places, organisations or programs (rule ``caps_run``, a guess).

Names may carry particles (``van der``, ``von``, ``de La``, ``El``, ``d'``), initials (``E.J.``),
hyphens (``Perrin-Delmas``) and any Latin letters (``Yıldırım``, ``Wenzel-Obradović``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from scoreatlas.privacy.persons import PREFIXED_SURNAME
from scoreatlas.types import Span

# --- the shape of a name -------------------------------------------------------------------------------
_LOWER = r"[\p{Ll}\p{M}]"
CAPW = rf"\p{{Lu}}{_LOWER}+(?:['’]\p{{Lu}}?{_LOWER}+)?(?:-\p{{Lu}}{_LOWER}+)*"
PREFIXED = rf"(?:[dDlL]['’]|(?:El|Al|el|al)-){CAPW}"
INITIALS = r"\p{Lu}\.(?:-?\p{Lu}\.)*"
ALL_CAPS = r"\p{Lu}{2,}(?:-\p{Lu}{2,})*"
# "in" only as Dutch "in 't" (Sophie in 't Veld): alone it joins a name to a place ("Sewnath in Paramaribo").
PARTICLES_LOWER = r"(?:van|von|vom|zu|zum|zur|der|den|de|des|del|della|di|da|du|la|le|ter|ten|te|in[ \t]+['’]t|op|'t|’t|y|e|bin|ibn)"
PARTICLES_CAP = r"(?:Van|Von|De|Der|Den|Du|Des|La|Le|El|Al|Ter|Ten|Ben|Abu|Ould|Di|Da|Del|Della|Mac|Mc)"
WORD = rf"(?<![\p{{L}}\p{{M}}])(?:{PREFIXED}|{CAPW})(?![\p{{L}}\p{{M}}])"  # not the start of "HandWiki"
SURNAME = rf"(?:{PARTICLES_CAP}[ \t]+(?:{PARTICLES_LOWER}[ \t]+)*{WORD}|{WORD})"
NAME = (
    rf"(?:(?<![\p{{L}}\p{{M}}])(?:{INITIALS})[ \t]?)*(?:{SURNAME})"
    rf"(?:[ \t]+(?:{PARTICLES_LOWER}[ \t]+)*(?:{WORD}|{PARTICLES_CAP}[ \t]+(?:{PARTICLES_LOWER}[ \t]+)*{WORD}))*"
)
_NAME_RE = regex.compile(NAME)
_CAPS_NAME_RE = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){ALL_CAPS}(?:[ \t]+{ALL_CAPS}){{1,2}}(?![\p{{L}}\p{{M}}])")
_WORDS_RE = regex.compile(rf"{INITIALS}|[\p{{L}}\p{{M}}]+(?:['’][\p{{L}}\p{{M}}]+)?(?:-[\p{{L}}\p{{M}}]+)*")


def words(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list (the word tables of ``fr.py``, ``de.py``, ``nl.py``)."""
    return frozenset(text.split())


def names_after(conj: str) -> str:
    """A list of names: ``A, B und C`` (``conj`` being the language's words for "and")."""
    return rf"(?:{NAME})(?:(?:[ \t]*,[ \t]*|[ \t]+(?:{conj})[ \t]+)(?:{NAME}))*"


@dataclass(frozen=True)
class LanguageCues:
    """The words one language uses around names. Regular expressions, matched case-sensitively unless said."""

    lang: str
    titles: str  # before a name, as written: "Herr|Frau|Dr\\."
    roles: str  # before a name, any case: "richter(?:in)?|anwalt"
    role_suffixes: str  # last part of a compound role: "berater(?:in)?|kenner(?:in)?"
    roles_after: str  # after "Name, ": "onderzoeker|gemeentesecretaris"
    age_after: str  # after "Name, ": r"\d{1,2}(?:[ \t]+ans)?"
    called: str  # right before a name: "op naam van|ten name van"
    speech_before: str  # right before a name: "zei|aldus|volgens"
    speech_after: str  # right after a name: "zei|zegt|vertelt"
    byline: str  # at the start of a line: "Door|DOOR"
    conj: str  # "en|&"
    org_words: frozenset[str]  # lower-cased nouns that make a capitalised run an organisation or place
    stop_words: frozenset[str]  # capitalised words that are never part of a name (articles, months ...)
    # Runs of capitalised words inside a sentence: "any" run is a name guess (Dutch, French), "gazetteer" only
    # a run holding a known first name or surname (German, where every noun has a capital), "off".
    caps_runs: str
    first_name_locales: tuple[str, ...] = ()
    # German writes its role nouns with a capital ("die betroffene Person" holds no role); a role's name
    # must then also be a known name or two capitalised words ("der Schuldner Staatsbediensteter").
    roles_capitalised: bool = False
    # Capitalised particles that may open a surname here ("De Vries", "Van der Laan", "Le Goff"), as
    # opposed to the same words as articles ("Der Kern des Streits").
    capital_particles: str = PARTICLES_CAP
    extra: tuple[Callable[[str], list[Span]], ...] = field(default_factory=tuple)


_QUOTED = rf"[\"“„«‘'‚][ \t]*(?P<name>{NAME})[ \t]*[\"”“»’'‘]"
_NICKNAME_CUES = (
    r"bekend als|bekend staat als|bijgenaamd|noemde (?:haar|hem)|noemen (?:haar|hem)|bekannt als|genannt|Spitzname|"
    r"nannte (?:sie|ihn)|nennen (?:sie|ihn)|surnommée?|l'appel(?:ait|le|aient)|alias"
)


@lru_cache(maxsize=8)
def locale_first_names(locales: tuple[str, ...]) -> frozenset[str]:
    """First names of Faker's person providers for ``locales`` (offline lists inside the package)."""
    import importlib

    out: set[str] = set()
    for loc in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            value = getattr(provider, attr, ())
            out.update(n for n in (list(value) if isinstance(value, dict) else value) if isinstance(n, str))
    return frozenset(w for n in out for w in n.split() if len(w) > 1)


def _all_first_names(cues: LanguageCues) -> frozenset[str]:
    from scoreatlas.privacy.names import first_names

    return first_names() | locale_first_names(cues.first_name_locales)


class Detector:
    """``detector(text, doc)``: the person spans one language's cues find (see the module docstring)."""

    def __init__(self, cues: LanguageCues) -> None:
        self.cues = cues
        names = names_after(cues.conj)
        title_chain = rf"(?:(?:{cues.titles})\.?[ \t]+)+"
        if cues.roles_capitalised:
            role_word = rf"(?=\p{{Lu}})(?:(?i:{cues.roles})|[\p{{L}}-]*(?i:{cues.role_suffixes}))"
        else:
            role_word = rf"(?i:{cues.roles})|[\p{{L}}-]*(?i:{cues.role_suffixes})"
        self._role_word = regex.compile(role_word)
        self._particle = regex.compile(cues.capital_particles)
        self._title_word = regex.compile(rf"(?:{cues.titles})\.?")
        self.rules: list[tuple[regex.Pattern[str], str]] = [
            (regex.compile(rf"(?<![\p{{L}}\p{{M}}]){title_chain}(?P<name>{names})"), "title"),
            (
                regex.compile(
                    rf"(?<![\p{{L}}\p{{M}}-])(?:{role_word})(?![\p{{L}}\p{{M}}])[ \t]*,?[ \t]+(?:{title_chain})?(?P<name>{names})"
                ),
                "role",
            ),
            (
                regex.compile(
                    # not after a place's preposition: "ÖZDEMIR, uit Rotterdam, eiseres" names her town
                    rf"(?<!(?<![\p{{L}}])(?:uit|in|te|aus|à|from|of)[ \t]+)"
                    rf"(?P<name>{NAME}),[ \t]+(?:(?:\p{{Ll}}+[ \t]+){{0,2}})?(?:(?i:{cues.roles_after})|[\p{{L}}-]*(?i:{cues.role_suffixes}))(?![\p{{L}}\p{{M}}])(?![ \t]+\p{{Lu}})"
                ),
                "role",
            ),
            (
                regex.compile(
                    rf"(?P<name>{NAME})(?:,[ \t]+(?:{cues.age_after})(?=[ \t]*[,;)]|[ \t]+\p{{L}})|[ \t]+\((?:{cues.age_after})\))"
                ),
                "age",
            ),
            (regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{cues.called})[ \t]*:?[ \t]+(?:{title_chain})?(?P<name>{names})"), "called"),
            (regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{cues.speech_before})[ \t]+(?:{title_chain})?(?P<name>{names})"), "speech"),
            (regex.compile(rf"(?P<name>{NAME})[ \t]+(?:{cues.speech_after})(?![\p{{L}}\p{{M}}])"), "speech"),
            # A name and what it is: "Semhar Tekle, die als kind ...", "Soetini Pranoto, een grootmoeder", "Ilse
            # Brandt, eine Rentnerin", "Claire Morel, qui ...".
            (regex.compile(rf"(?P<name>{NAME}),[ \t]+(?:een|die|dat|eine|ein|der|qui|une|un)[ \t]+\p{{Ll}}"), "appositive"),
            # Where someone is from, as news writes people: "Sharmila Ramdin uit Den Haag", "Jonas Weber aus Köln".
            (regex.compile(rf"(?P<name>{NAME})[ \t]+(?:uit|aus)[ \t]+(?:Den[ \t]+|De[ \t]+|Het[ \t]+)?\p{{Lu}}"), "life"),
            (regex.compile(rf"(?m)^[ \t]*(?:{cues.byline})[ \t]*:?[ \t]+(?P<name>{names})"), "byline"),
            # A pseudonym a report gives: "die wir hier nur als „Sandra“ bezeichnen", "que nous appellerons « Lina »".
            (regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:als|comme)[ \t]+{_QUOTED}[ \t]+(?:bezeichnen|bezeichnet|nennen|noemen|"
                           rf"appellerons|appelons|appelle)(?![\p{{L}}])"
                           rf"|(?<![\p{{L}}\p{{M}}])(?:appellerons|appelons|nennen wir|noemen we|noemen wij)[ \t]+{_QUOTED}"),
             "called"),
            # A nickname in quotes: "bij iedereen bekend als 'Bartje'", "genannt „Wolle“", "surnommé « Dédé »".
            (regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{_NICKNAME_CUES})[ \t]+{_QUOTED}"), "called"),
        ]

    def __call__(self, text: str, doc: Any = None) -> list[Span]:
        spans: list[Span] = []
        for pattern, rule in self.rules:
            for m in pattern.finditer(text):
                quoted = rule == "speech" and _QUOTE_BEFORE.search(text, max(0, m.start() - 4), m.start() + 1) is not None
                previous = m.start("name")
                for k, (s, e) in enumerate(self._names(text, m.start("name"), m.end("name"))):
                    if rule == "title" and k and "," in text[previous:s]:
                        break  # a title is one person's: "Dr. Carola Weidenbach, Frankfurt am Main"
                    previous = e
                    # Only the first name after the verb is the speaker; "Bäcker in der Stadt" after it is not.
                    trimmed = self._trim(text, s, e, strong=rule in ("title", "role", "age", "called"), quoted=quoted and k == 0)
                    if trimmed and rule == "role" and self.cues.roles_capitalised:
                        surface = text[trimmed[0] : trimmed[1]]
                        if not self._known(surface) and len(surface.split()) < 2:
                            continue
                    if trimmed:
                        spans.append(Span(trimmed[0], trimmed[1], "PERSON", rule))
        guesses = self._gazetteer(text) + self._caps_names(text)
        if self.cues.caps_runs != "off":
            guesses += self._caps_runs(text)
        # Where the language has a trained NER, a guess inside what it filed as a place or organisation
        # ("le lycée Victor-Hugo de Besançon") gives way.
        others = _non_person_entities(doc)
        spans += [g for g in guesses if not any(s <= g.start and g.end <= e for s, e in others)]
        for extra in self.cues.extra:
            spans += extra(text)
        return spans

    # --- helpers --------------------------------------------------------------------------------------
    def _names(self, text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
        pos = start
        while pos < end:
            m = _NAME_RE.search(text, pos, end)
            if m is None:
                return
            yield m.start(), m.end()
            pos = m.end()

    def _trim(self, text: str, start: int, end: int, *, strong: bool, quoted: bool = False) -> tuple[int, int] | None:
        """Cut a captured name at an organisation word, a stop word or a role word; drop leading titles."""
        words = list(_WORDS_RE.finditer(text, start, end))
        kept: list[regex.Match[str]] = []
        role = self._role_word
        for k, w in enumerate(words):
            low = w.group().lower()
            particle = self._particle.fullmatch(w.group()) is not None and k + 1 < len(words)
            if not particle and (w.group() in self.cues.stop_words or (low in self.cues.stop_words and w.group()[:1].isupper())):
                if not kept:
                    continue  # a sentence's opening word before the name: "En Soetini Pranoto"
                break
            if low in self.cues.org_words or low in _shared_org_words() or _ends_with_org_word(low, self.cues.org_words):
                # The organisation's name runs back to the last particle: "Kerstin Vogt vom | Chaos Computer
                # Club", "Helga Brandstätter von der | Universität Wien"; with none, all of it is the name of
                # the organisation ("Erasmus Universiteit Rotterdam").
                cut = max((i for i, x in enumerate(kept) if x.group()[:1].islower()), default=-1)
                kept = kept[:cut] if cut >= 0 else []
                break
            if role.fullmatch(w.group()) and w.group()[:1].isupper() and kept and k + 1 < len(words):
                break  # "Thomas Riedels Anwalt Stefan Albrecht": the role opens the next name
            kept.append(w)
        while kept and (role.fullmatch(kept[0].group()) or self._title_word.fullmatch(kept[0].group())):
            kept.pop(0)
        while kept and kept[-1].group()[:1].islower() and not PREFIXED_SURNAME.match(kept[-1].group()):
            kept.pop()
        if not kept:
            return None
        surface = text[kept[0].start() : kept[-1].end()]
        if not any(ch.isupper() for ch in surface):
            return None
        if not strong and not self._plausible(surface) and not (quoted and _two_names(surface)):
            return None
        return kept[0].start(), kept[-1].end()

    def _known(self, surface: str) -> bool:
        from scoreatlas.privacy.persons import name_support

        return name_support(surface) or any(w.split("-")[0] in _all_first_names(self.cues) for w in surface.split())

    def _plausible(self, surface: str) -> bool:
        """A weak cue's capture is a name when some word of it is a known name, or (outside German, where
        every noun has a capital) when it has two words or more."""
        if self._known(surface):
            return True
        words = surface.split()
        if self._particle.fullmatch(words[0]):
            return False  # "Le Monde", "De Telegraaf": an article, not a particle, unless the rest is a known name
        return self.cues.lang != "de" and len(words) >= 2

    def _gazetteer(self, text: str) -> list[Span]:
        """A first name of the language's gazetteers followed by one or more capitalised words."""
        first = _all_first_names(self.cues)
        spans = []
        for m in _NAME_RE.finditer(text):
            words = m.group().split()
            if len(words) < 2:
                continue
            for k, w in enumerate(words[:-1]):
                base = w.split("-")[0]
                if base in first and w not in self.cues.stop_words:
                    start = m.start() + len(" ".join(words[:k])) + (1 if k else 0)
                    trimmed = self._trim(text, start, m.end(), strong=False)
                    if trimmed and trimmed[1] > start + len(w):
                        spans.append(Span(trimmed[0], trimmed[1], "PERSON", "gazetteer"))
                    break
        return spans

    def _caps_names(self, text: str) -> list[Span]:
        """A name written in capitals, as court headers write parties ("MERYEM ÖZDEMIR, uit ..."): two or three
        words in capitals, the first a known first name."""
        first = _all_first_names(self.cues)
        spans = []
        for m in _CAPS_NAME_RE.finditer(text):
            words = m.group().split()
            if words[0].split("-")[0].title() in first and not any(w in self.cues.stop_words for w in words):
                spans.append(Span(m.start(), m.end(), "PERSON", "caps"))
        return spans

    def _caps_runs(self, text: str) -> list[Span]:
        """Two or more capitalised words inside a sentence (not right after its start)."""
        spans = []
        for m in _NAME_RE.finditer(text):
            words = [w for w in m.group().split() if w[:1].isupper()]
            if len(words) < 2:
                continue
            before = text[max(0, m.start() - 3) : m.start()]
            if regex.search(r"(?:^|[.!?:;«»„“\"(\n])[ \t]*$", before) or m.start() == 0:
                continue  # a sentence's first word has a capital anyway
            trimmed = self._trim(text, m.start(), m.end(), strong=False)
            if not trimmed or len(text[trimmed[0] : trimmed[1]].split()) < 2:
                continue
            if self.cues.caps_runs == "gazetteer" and not self._known(text[trimmed[0] : trimmed[1]]):
                continue
            spans.append(Span(trimmed[0], trimmed[1], "PERSON", "caps_run"))
        return spans


# A speech verb right after a closing quotation mark attributes the quote ("„…“, sagte Ilse Brandt"): what
# follows is a speaker, so two capitalised words there make a name even when no gazetteer knows either.
_QUOTE_BEFORE = regex.compile(r"[“”\"»«‘’'‹›][ \t]*,?[ \t]*(?=\p{L})")


_NAME_PARTICLES = frozenset([
    "von", "van", "vom", "zu", "zum", "zur", "der", "den", "de", "ter", "te", "ten", "la", "le", "du", "di", "da",
    "del", "dos", "das",
])


def _two_names(surface: str) -> bool:
    """Two to four words with capitals, lower-case ones only particles ("Ilse von Brandt", not "Bäcker in der
    Stadt")."""
    words = surface.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in (words[0], words[-1]))
        and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words)
    )


def _non_person_entities(doc: Any) -> list[tuple[int, int]]:
    if doc is None or not getattr(doc, "ents", None):
        return []
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("ORG", "LOC", "GPE", "MISC", "FAC")]


@lru_cache(maxsize=1)
def _shared_org_words() -> frozenset[str]:
    """The English organisation nouns of ``persons.py`` ("Human Rights Law Centre" turns up in any language)."""
    from scoreatlas.privacy.persons import ORG_WORDS

    return frozenset(ORG_WORDS)


def _ends_with_org_word(low: str, org_words: frozenset[str]) -> bool:
    """German compounds end in their head noun: ``verbraucherzentrale``, ``max-planck-institut``."""
    last = low.rsplit("-", 1)[-1]
    if last in org_words:
        return True
    return any(len(last) > len(o) + 2 and last.endswith(o) for o in org_words if len(o) >= 4)
