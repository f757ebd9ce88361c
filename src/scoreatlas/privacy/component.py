"""``pii_detector``: every detector over one text or Doc, combined recall-first into ``doc._.pii``."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc

from scoreatlas.privacy.identifiers import find_identifiers
from scoreatlas.privacy.keeplist import KeepTerms, is_kept, keep_terms, made_of_kept, within_kept
from scoreatlas.privacy.languages import language_detectors
from scoreatlas.privacy.names import east_asian_surnames, first_names, is_common_word, is_pinyin
from scoreatlas.privacy.normalize import map_back, prepare
from scoreatlas.privacy.persons import (
    GUESS,
    STRONG,
    WEAK,
    addressee_persons,
    cue_persons,
    extend_name,
    gazetteer_persons,
    list_persons,
    name_support,
    named_after,
    names_in_identifier,
    namesake,
    ner_persons,
    non_person_entities,
    propagate,
    shape_persons,
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
    text: str, span: Span, keep: frozenset[str], others: list[tuple[int, int]], *, lang: str | None
) -> bool:
    """Whether a candidate person span stands, given its rule's strength (see ``persons.py``)."""
    rule = span.detector
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
    if is_kept(surface, protect) or within_kept(text, span.start, span.end, protect):
        return False
    if made_of_kept(surface, protect):
        return False  # "Amnesty International France": a kept body and the place of its section
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
        if any(s < span.end and span.start < e for s, e in others) and not name_support(surface):
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
        for span in ner_persons(doc, ents, text if index is None else None):
            s, e = inward(span.start, span.end)
            candidates.append(extend_name(prepared, Span(s, e, "PERSON", "ner")))
    candidates += cue_persons(prepared, lang=lang)
    candidates += gazetteer_persons(prepared, lang=lang)
    candidates += shape_persons(prepared, lang=lang)
    for detector in language_detectors(lang):
        candidates += detector(prepared, doc if index is None else None)

    persons = [
        s for s in candidates if s.kind != "PERSON" or _accept(prepared, s, keep, others, lang=lang)
    ]
    persons += [
        s for s in list_persons(prepared, persons) if _accept(prepared, s, keep, others, lang=lang)
    ]
    found = find_identifiers(prepared) if identifiers else []
    addresses = [s for s in found if s.kind == "ADDRESS"]
    persons += [s for s in addressee_persons(prepared, addresses) if _accept(prepared, s, keep, others, lang=lang)]
    surfaces = [prepared[s.start : s.end] for s in persons if s.kind == "PERSON"] + list(known_forms)
    for span in found:
        if span.kind in ("EMAIL", "URL", "HANDLE"):
            surfaces += names_in_identifier(prepared[span.start : span.end])
    words = keep.words if isinstance(keep, KeepTerms) else frozenset()
    spread = propagate(prepared, surfaces, protected=words, keep=keep)
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
    # Identifiers are read in the name as written (an email's dots must stay dots, a date its hyphens).
    spans += find_identifiers(value)
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
