"""``pii_detector``: every detector over one text or Doc, combined recall-first into ``doc._.pii``."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc

from scoreatlas.privacy.identifiers import DATE_VALUE, DOB_HEADING, find_identifiers
from scoreatlas.privacy.keeplist import KeepTerms, is_kept, is_person_field, keep_terms, made_of_kept, within_kept
from scoreatlas.privacy.languages import language_detectors
from scoreatlas.privacy.names import east_asian_surnames, first_names, is_common_word, is_pinyin
from scoreatlas.privacy.normalize import map_back, prepare
from scoreatlas.privacy.persons import (
    GUESS,
    MONTHS,
    ORG_WORDS,
    STRONG,
    WEAK,
    addressee_persons,
    bracketed_names,
    cue_persons,
    extend_name,
    firm_names,
    gazetteer_persons,
    is_given_name,
    join_known_surnames,
    list_persons,
    name_support,
    named_after,
    names_in_identifier,
    namesake,
    ner_persons,
    non_person_entities,
    organisation_context,
    place_context,
    propagate,
    shape_persons,
    widen_left,
)
from scoreatlas.types import Span


def register_extensions() -> None:
    """``doc._.pii``: ``[(start_char, end_char, kind, detector)]``. Set by the caller before the pass:
    ``doc._.doc_lang``, the document's declared language (the pipeline's own language otherwise), and
    ``doc._.doc_keep``, names its metadata declares to be organisations
    (:func:`~scoreatlas.privacy.keeplist.declared_organisations`)."""
    if not Doc.has_extension("pii"):
        Doc.set_extension("pii", default=None)
    if not Doc.has_extension("doc_lang"):
        Doc.set_extension("doc_lang", default=None)
    if not Doc.has_extension("doc_keep"):
        Doc.set_extension("doc_keep", default=None)


def _accept(
    text: str,
    span: Span,
    keep: frozenset[str],
    others: list[tuple[int, int]],
    *,
    lang: str | None,
    firms: Sequence[tuple[int, int]] = (),
) -> bool:
    """Whether a candidate person span stands, given its rule's strength (see ``persons.py``)."""
    rule = span.detector
    if rule in _FIRM_YIELDS and _in_firm(text, span, firms):
        return False
    if rule in GUESS and place_context(text, span):
        return False
    if rule == "name_form" and is_kept(text[span.start : span.end], keep):
        return False  # known as "Toeslagen": a kept body's name in quotes, not a nickname
    if rule in STRONG:
        # A strong cue stands against the keep-list ("Judge Lincoln"), unless the cue word itself is part
        # of a kept name ("China Justice Observer", a publisher).
        before = regex.search(r"[\p{L}\p{M}.]+[ \t]+$", text[max(0, span.start - 40) : span.start])
        start = span.start - len(before.group()) if before else span.start
        return not (before and within_kept(text, start, span.end, keep))
    surface = text[span.start : span.end]
    cased = any(c.isupper() or c.islower() for c in surface)  # Chinese has no capitals to look for
    # Lower-case words are names only in a text written entirely without capitals (chat, form fields).
    lower_case = cased and not any(c.isupper() for c in surface)
    if lower_case and not rule.startswith("gazetteer") and any(c.isupper() for c in text):
        return False
    protect = keep
    alone = " " not in surface.strip()
    if alone and isinstance(keep, KeepTerms) and (rule in WEAK or (rule in GUESS and name_support(surface))):
        # A known name alone ("Mary", "Logan") is also a small city somewhere, and a cue ("says Izumi")
        # outweighs a small town of the same name: only curated places count.
        protect = keep.curated
    elif isinstance(keep, KeepTerms) and rule in WEAK and is_given_name(surface.split()[0]):
        # A cue on a known first name and another word ("fact-checked by Rose Hill") outweighs a small town
        # of that name too.
        protect = keep.curated
    if is_kept(surface, protect) or within_kept(text, span.start, span.end, protect):
        return False
    if made_of_kept(surface, protect):
        return False  # "Amnesty International France": a kept body and the place of its section
    if _agency_of_place(surface, keep):
        return False  # "sagte Statistik Austria", "said Statistics Netherlands": a public body, not a person
    if rule in GUESS and _people_of_place(surface, keep):
        return False  # "Greenlander was fun to visit", "Londoners": the people of a place, not a person
    if named_after(text, span):
        return False
    if rule in GUESS and namesake(text, span):
        return False
    if rule == "generic":
        # "X was", "X has": only a name the gazetteers read as one ("Chinedu Okafor was", not "Can Capital was").
        return bool(gazetteer_persons(surface, lang=lang)) or (
            " " not in surface.strip() and name_support(surface) and not is_common_word(surface.strip())
        )
    if rule == "who" and not name_support(surface):
        return False  # "Travellers who think ...": people in general, not a person
    if rule == "shape":
        # A shape alone is the weakest guess: NER's organisation or place label, or a single kept word in
        # it ("Rongcheng Daily"), is enough to drop it.
        overlapping = [(s, e) for s, e in others if s < span.end and span.start < e]
        # A table cell holding just the two or three words is a name column's entry ("| Ilse Brandt |
        # lawyer |"): there a label on one of its words (an unknown surname read as a place) does not drop it,
        # one over all of it does.
        in_name_cell = _whole_cell(text, span) and all(span.start < s or e < span.end for s, e in overlapping)
        if overlapping and not name_support(surface) and not in_name_cell:
            return False
        if any(is_kept(w, keep.curated if isinstance(keep, KeepTerms) else keep) for w in surface.split()):
            return False
    if rule == "ner":
        # The small model calls capitalised ordinary words persons ("Scores", "Getting Rongcheng Right"):
        # without a known name among them, a guess made only of common words and kept names is dropped.
        words = surface.split()
        plain = [is_common_word(regex.sub(r"['’]s$", "", w).strip(".,")) or is_kept(w, keep) for w in words]
        if all(plain) and not name_support(surface):
            return False
        if len(surface.strip()) <= 2:
            return False
        if any(ch.isdigit() for ch in surface):
            return False
        # A heading the model took for a name ("Expiry.", "Échelle. Aucun ..."): a span that is a sentence of
        # its own stands only if it is a known name.
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        alone = span.start == line_start or regex.search(r"[.!?:;][ \t]+$", text[line_start : span.start])
        ends = text[span.end : span.end + 1] in (".", ":", "") or line.strip(" .:;!?") == surface.strip()
        if alone and ends and not name_support(surface):
            return False
    return True


# A firm named after persons overrules guesses and the list and "X is" rules, which read the same words; a
# cue about a person in it ("Judge Hall", "Hall said") still stands.
_FIRM_YIELDS = GUESS | {"list", "generic", "predicate"}


def _in_firm(text: str, span: Span, firms: Sequence[tuple[int, int]]) -> bool:
    """True when ``span`` overlaps a firm's name and holds no known name outside it ("Davis Orchestra")."""
    for s, e in firms:
        if s < span.end and span.start < e:
            outside = text[span.start : max(span.start, s)] + " " + text[min(span.end, e) : span.end]
            if not name_support(outside):
                return True
    return False


def _agency_of_place(surface: str, keep: frozenset[str]) -> bool:
    """True for an organisation noun and a kept place with nothing else ("Statistik Austria", "Statistics
    Canada", "Bank Indonesia"), whichever comes first. An organisation noun that is also a known name ("Hall")
    does not count."""
    words = [w.strip(".,;:'’") for w in surface.split()]
    curated = keep.curated if isinstance(keep, KeepTerms) else keep
    places = [w for w in words if is_kept(w, curated)]
    rest = [w for w in words if w not in places]
    return bool(places and rest) and all(w.lower() in ORG_WORDS and not _known_name(w) for w in rest)


_DEMONYM_ENDINGS = ("ers", "er", "ians", "ian", "ese")


def _people_of_place(surface: str, keep: frozenset[str]) -> bool:
    """True for one word that is a curated place with a demonym ending ("Greenlander", "Icelanders",
    "Londoner", "Bostonians") and that no name gazetteer knows."""
    word = surface.strip(" .,;:'’")
    if " " in word or not word[:1].isupper() or name_support(word):
        return False
    curated = keep.curated if isinstance(keep, KeepTerms) else keep
    low = word.lower()
    for ending in _DEMONYM_ENDINGS:
        stem = low[: -len(ending)]
        if low.endswith(ending) and len(stem) >= 4 and stem in curated:
            return True
    return False


def _known_name(word: str) -> bool:
    return name_support(word) and not is_common_word(word)


_NAME_HEADERS = frozenset({
    "name", "names", "person", "persons", "people", "surname", "first name", "last name", "full name", "naam",
    "namen", "achternaam", "voornaam", "nom", "noms", "prénom", "nome", "nombre", "vorname", "nachname",
    "familienname", "姓名", "名字", "人员", "当事人", "被执行人",
})
_ORG_TAILS = ("bank", "gericht", "zentrale", "amt", "ministerium", "verband", "behörde", "kasse", "rechtbank",
              "dienst", "raad", "autorité", "agentur", "institut", "stiftung", "service", "statistik", "anstalt",
              "kammer", "versicherung", "gesellschaft", "genossenschaft", "zentrum")
_ADDRESS_HEADERS = frozenset({
    "address", "home address", "street address", "residential address", "adresse", "wohnadresse", "anschrift",
    "adres", "woonadres", "adresse postale", "domicile", "住址", "地址", "家庭住址", "住所",
})
_SEPARATOR_CELL = regex.compile(r"[ \t]*:?-{2,}:?[ \t]*")
_CELL_WORD = regex.compile(r"[\p{L}\p{M}'’.-]+")


def _cells(line: str) -> list[tuple[int, str]]:
    """A table row's cells with their offsets in the line: cells parted by ``|`` (outer bars optional) or tabs."""
    sep = "|" if "|" in line else "\t"
    parts: list[tuple[int, str]] = []
    pos = 0
    for piece in line.split(sep):
        parts.append((pos, piece))
        pos += len(piece) + 1
    if sep == "|":
        # outer bars leave an empty piece at either end
        if parts and not parts[0][1].strip():
            parts = parts[1:]
        if parts and not parts[-1][1].strip():
            parts = parts[:-1]
    return parts if len(parts) >= 2 else []


def _column_kind(head: str) -> str | None:
    head = head.strip().strip("*_").strip().lower()
    parts = [p.strip() for p in regex.split(r"[,/;]| und | and | en | et ", head) if p.strip()]
    if head in _NAME_HEADERS or (head and is_person_field(head)) or (len(parts) > 1 and all(p in _NAME_HEADERS for p in parts)):
        return "PERSON"
    if DOB_HEADING.fullmatch(head):
        return "DOB"
    if head in _ADDRESS_HEADERS:
        return "ADDRESS"
    return None


def _table_column_cells(text: str) -> list[Span]:
    """Cells of table columns headed "name", "Familienname, Vorname", "naam", "姓名" (persons), "date of birth",
    "Geburtsdatum" (DOB) or "address", "Wohnadresse" (ADDRESS), in markdown, pipe or tab tables: a name
    column's entries are persons whatever their words (``| Ilse Brandt | lawyer |`` with a surname no
    gazetteer knows). Person cells are rule ``author``, weak: the keep-list overrules it, and cells of common
    or organisation words or with digits are left."""
    spans: list[Span] = []
    columns: dict[int, str] = {}
    width = 0
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        cells = _cells(line)
        if not cells:
            columns = {}
            continue
        if all(_SEPARATOR_CELL.fullmatch(c) for _o, c in cells):
            continue
        kinds = {i: k for i, (_o, c) in enumerate(cells) if (k := _column_kind(c))}
        if kinds and not any(ch.isdigit() for ch in line):
            columns, width = kinds, len(cells)
            continue
        if not columns or len(cells) != width:
            continue
        for i, (at, cell) in enumerate(cells):
            value = cell.strip()
            kind = columns.get(i)
            if kind is None or not value:
                continue
            start = line_start + at + len(cell) - len(cell.lstrip())
            if kind == "DOB":
                spans += [Span(start + m.start(), start + m.end(), "DOB", "table") for m in DATE_VALUE.finditer(value)]
            elif kind == "ADDRESS":
                if any(ch.isdigit() for ch in value) and regex.search(r"\p{L}", value):
                    spans.append(Span(start, start + len(value), "ADDRESS", "table"))
            elif _name_cell(value):
                spans.append(Span(start, start + len(value), "PERSON", "author"))
    return spans


def _name_cell(value: str) -> bool:
    words = _CELL_WORD.findall(value)
    han = any("\u3400" <= c <= "\u9fff" for c in value)
    if not han and not (1 <= len(words) <= 5 and any(w[:1].isupper() for w in words)):
        return False
    # (German compounds end in their head noun: "Bundesbank", "Verbraucherzentrale")
    org = any(w.lower() in ORG_WORDS or any(w.lower().endswith(o) for o in _ORG_TAILS) for w in words)
    if any(ch.isdigit() for ch in value) or org:
        return False
    return han or not (words and all(is_common_word(w) for w in words))


def _whole_name_field(text: str) -> list[Span]:
    """A short text that is nothing but two or three capitalised words (a title field "Ilse Brandt"): rule
    ``shape``, a guess, in any language."""
    m = _WHOLE_FIELD.fullmatch(text)
    if m is None:
        return []
    words = m.group(1).split()
    if any(is_common_word(w) or w.lower() in ORG_WORDS or w.lower() in MONTHS for w in words):
        return []
    return [Span(m.start(1), m.end(1), "PERSON", "shape")]


_HAN = regex.compile(r"\p{Han}")
_WHOLE_FIELD = regex.compile(r"\s*(\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ \t]+\p{Lu}[\p{Ll}\p{M}'’-]+){1,2})\s*")


def _whole_cell(text: str, span: Span) -> bool:
    """Whether ``span`` fills a table cell (only spaces between it and a ``|`` or a tab on both sides) or the
    whole text (a title field)."""
    if text[: span.start].strip() == "" and text[span.end :].strip() == "":
        return True
    before = regex.search(r"(?:^|[|\t])[ \t]*$", text[max(0, span.start - 200) : span.start])
    after = regex.match(r"[ \t]*(?:[|\t]|$)", text[span.end : span.end + 200])
    line_start = text.rfind("\n", 0, span.start) + 1
    in_table = "|" in text[line_start : span.start] or "\t" in text[line_start : span.start]
    return bool(before and after and in_table)


def detect_text(
    text: str,
    *,
    keep: frozenset[str],
    doc: Doc | None = None,
    lang: str | None = "en",
    known_forms: Iterable[str] = (),
    identifiers: bool = True,
) -> list[Span]:
    """All personal-data spans in ``text``.

    Args:
        text: the text to scan; spans are offsets into it.
        keep: kept names (:func:`~scoreatlas.privacy.keep_terms`); they overrule guesses, not strong cues.
        doc: the spaCy ``Doc`` of ``text``, for its NER persons; without it only rules and gazetteers run.
        lang: the document's language, to add the detectors registered for it
            (:data:`~scoreatlas.privacy.languages.LANGUAGE_DETECTORS`).
        known_forms: names found elsewhere in the same document (the body, for its title and file name).
        identifiers: also look for identifiers (off for a text that is a rewritten view of another).

    Returns:
        Spans of kind ``PERSON`` and of identifier kinds, possibly overlapping (redaction merges them).

    Example:
        >>> from scoreatlas.privacy import detect_text, keep_terms
        >>> spans = detect_text("Zhang Wei, a lawyer, said so.", keep=keep_terms())  # doctest: +SKIP
        >>> [(s.start, s.end, s.kind) for s in spans][:1]  # doctest: +SKIP
        [(0, 9, 'PERSON')]
    """
    if not text:
        return []
    prepared, index = prepare(text)

    def inward(start: int, end: int) -> tuple[int, int]:
        if index is None:
            return start, end
        return bisect_left(index, start), bisect_left(index, end)

    others: list[tuple[int, int]] = []
    candidates: list[Span] = []
    if doc is not None:
        ents = doc.ents  # built once: each access makes new Span objects
        others = [inward(s, e) for s, e in non_person_entities(doc, ents)]
        if lang not in (None, "en", "xx") and _WHOLE_FIELD.fullmatch(prepared):
            # The French, German and Dutch models file an unknown name standing alone as MISC ("Matthis
            # Staalkeaateel" as a title): for a field that is nothing but a name's shape, that is no evidence
            # of a thing. Organisations and places still count.
            misc = {inward(e.start_char, e.end_char) for e in ents if e.label_ == "MISC"}
            others = [o for o in others if o not in misc]
        for span in ner_persons(doc, ents, text if index is None else None):
            s, e = inward(span.start, span.end)
            candidates.append(extend_name(prepared, Span(s, e, "PERSON", "ner")))
    candidates += cue_persons(prepared, lang=lang)
    candidates += gazetteer_persons(prepared, lang=lang)
    candidates += shape_persons(prepared, lang=lang)
    candidates += _whole_name_field(prepared) if lang not in (None, "en", "xx") else []
    table = _table_column_cells(prepared)
    candidates += [s for s in table if s.kind == "PERSON"]
    detectors = language_detectors(lang)
    if _HAN.search(prepared) and (lang or "").split("-")[0] != "zh":
        # Chinese names in characters turn up in any language's text: "Zhou Minghui (周明辉), a professor".
        detectors = [*detectors, *(d for d in language_detectors("zh") if d not in detectors)]
    for detector in detectors:
        candidates += detector(prepared, doc if index is None else None)

    firms = firm_names(prepared) if lang in (None, "en", "xx") else []
    persons = [
        s for s in candidates if s.kind != "PERSON" or _accept(prepared, s, keep, others, lang=lang, firms=firms)
    ]
    persons += [
        s for s in list_persons(prepared, persons) if _accept(prepared, s, keep, others, lang=lang, firms=firms)
    ]
    if lang in (None, "en", "xx"):
        # A guess that the words around it call a body or a place ("X is a design agency", "the CEO of X",
        # "Margaret Stouffer of X", "in X 1426") is dropped; a cue about a person there still stands.
        persons = [
            s
            for s in persons
            if s.kind != "PERSON" or s.detector not in _FIRM_YIELDS or not organisation_context(prepared, s, persons)
        ]
    found = find_identifiers(prepared) + [s for s in table if s.kind != "PERSON"] if identifiers else []
    addresses = [s for s in found if s.kind == "ADDRESS"]
    persons += [s for s in addressee_persons(prepared, addresses) if _accept(prepared, s, keep, others, lang=lang)]
    persons += widen_left(prepared, persons, keep=keep, lang=lang)
    persons += bracketed_names(prepared, persons, keep=keep)
    surfaces = [prepared[s.start : s.end] for s in persons if s.kind == "PERSON"] + list(known_forms)
    for span in found:
        if span.kind in ("EMAIL", "URL", "HANDLE"):
            surfaces += names_in_identifier(prepared[span.start : span.end])
    words = keep.words if isinstance(keep, KeepTerms) else frozenset()
    cued = [prepared[s.start : s.end].strip() for s in persons if s.kind == "PERSON" and s.detector in ("name_form", "called")]
    nicknames = [n for n in cued if " " not in n]
    spread = propagate(prepared, surfaces, protected=words, keep=keep, nicknames=nicknames)
    spread += widen_left(prepared, spread, keep=keep, lang=lang)
    spread += join_known_surnames(prepared, persons + spread)
    spans = persons + found + spread
    if index is None:
        return spans
    return [Span(*map_back(s.start, s.end, index), s.kind, s.detector, s.score) for s in spans]


def detect_name_parts(value: str, *, keep: frozenset[str], known_forms: Iterable[str] = ()) -> list[Span]:
    """Personal data in a file or folder name (``interview_anne_vermeulen.pdf``).

    Separators become spaces and each word is capitalised, so that the gazetteers and cues can read a
    name written in lower case; offsets stay those of ``value``.
    """
    stem, dot, ext = value.rpartition(".")
    if not dot or not ext.isalnum() or len(ext) > 5:
        stem, ext = value, ""
    spaced = "".join(" " if c in "_-+." else c for c in stem) + (" " * (len(ext) + 1) if ext else "")
    # Capitalise only where the result keeps its length, so that spans fit the original.
    cased = "".join(
        w[:1].upper() + w[1:] if len(w[:1].upper()) == 1 else w for w in _split_keep(spaced)
    )
    if len(cased) != len(value):
        cased = spaced
    spans = detect_text(cased, keep=keep, known_forms=known_forms, identifiers=False)
    spans += _camel_case_names(value)
    spans += _unknown_word_runs(cased, keep)
    # Identifiers are read in the name as written (an email's dots must stay dots, a date its hyphens).
    spans += find_identifiers(value)
    return spans


_NAME_PART_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*")


# Words that put a person's name next in a file name: interview_<name>, portrait_<name>, cv_<name>.
_FILE_NAME_CUES = frozenset(
    [
        "interview", "interviews", "gesprek", "gespräch", "gespraech", "entretien", "entrevista", "portrait",
        "portret", "porträt", "profile", "profil", "cv", "resume", "lebenslauf", "with", "mit", "met", "avec", "by",
        "von", "door", "par", "letter", "brief", "lettre", "statement", "verklaring", "aussage", "testimony",
        "getuigenis", "témoignage", "zeugenaussage", "采访", "专访",
    ]
)


def _unknown_word_runs(cased: str, keep: frozenset[str]) -> list[Span]:
    """Two or three words in a row that no list knows, after a word that announces a person
    (``interview_matthis_brolwenkamp_12``, ``portret_jorien_kwalsteeg``): read as a name even when no
    gazetteer knows the first name. Common words, organisation nouns, months and kept names break a run."""
    def unknown(word: str) -> bool:
        low = word.lower()
        return (len(word) >= 3 and not is_common_word(low) and not is_common_word(word) and low not in ORG_WORDS
                and low not in MONTHS and not is_kept(word, keep) and not is_kept(low, keep))

    spans: list[Span] = []
    run: list[regex.Match[str]] = []
    for m in [*_NAME_PART_WORD.finditer(cased), None]:
        if m is not None and unknown(m.group()) and (not run or cased[run[-1].end() : m.start()].strip() == ""):
            run.append(m)
            continue
        before = _NAME_PART_WORD.findall(cased[: run[0].start()])[-1:] if run else []
        if 2 <= len(run) <= 3 and before and before[0].lower() in _FILE_NAME_CUES:
            spans.append(Span(run[0].start(), run[-1].end(), "PERSON", "shape"))
        run = [m] if m is not None and unknown(m.group()) else []
    return spans


_CAMEL = regex.compile(r"(?:\p{Lu}\p{Ll}+){2,4}")
_CAMEL_PART = regex.compile(r"\p{Lu}\p{Ll}+")


def _camel_case_names(value: str) -> list[Span]:
    """``AnneVermeulen``, ``ZhangWei``: a first name (or East Asian surname) joined to the next word."""
    spans = []
    for m in _CAMEL.finditer(value):
        parts = [p.group() for p in _CAMEL_PART.finditer(m.group())]
        first, nxt = parts[0], parts[1]
        if (first in first_names() and not is_common_word(first) and not is_common_word(nxt)) or (
            first in east_asian_surnames() and is_pinyin(nxt)
        ):
            spans.append(Span(m.start(), m.end(), "PERSON", "gazetteer"))
    return spans


def _split_keep(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in text:
        if ch == " ":
            if word:
                out.append(word)
            out.append(ch)
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


@Language.factory(
    "pii_detector",
    assigns=["doc._.pii"],
    requires=["doc.ents"],
    default_config={"keeplist_path": None, "registry_path": None},
)
def make_pii_detector(nlp: Language, name: str, keeplist_path: str | None, registry_path: str | None) -> PiiDetector:
    return PiiDetector(
        Path(keeplist_path) if keeplist_path else None, Path(registry_path) if registry_path else None
    )


class PiiDetector:
    """The spaCy component: :func:`detect_text` over each Doc, in the Doc's declared language."""

    def __init__(self, keeplist: Path | None, registry: Path | None) -> None:
        register_extensions()
        self.keep = keep_terms(keeplist, registry)

    def __call__(self, doc: Doc) -> Doc:
        lang = doc._.doc_lang or doc.lang_
        keep = self.keep | doc._.doc_keep if doc._.doc_keep else self.keep
        spans = detect_text(doc.text, keep=keep, doc=doc, lang=lang)
        # Plain tuples, so that the spans survive spaCy's multiprocessing (msgpack) unchanged.
        doc._.pii = [(s.start, s.end, s.kind, s.detector) for s in spans]
        return doc
