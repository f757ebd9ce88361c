"""``program_tagger``: registry programs by name, alias and abbreviation, generic mentions by context."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from scoreatlas.resources import Registry, load_registry
from scoreatlas.tagging.extensions import register_extensions
from scoreatlas.tagging.figures import load_rules
from scoreatlas.tagging.matching import TermMatcher, is_abbreviation, is_cjk


def _variants(term: str) -> list[str]:
    """A generic term and its plural, since generic mentions are written both ways."""
    if is_cjk(term) or is_abbreviation(term) or not term[-1:].isalpha():
        return [term]
    return [term, term + ("es" if term.endswith(("s", "x", "ch", "sh")) else "s")]


@Language.factory(
    "program_tagger",
    assigns=["doc._.programs"],
    requires=["doc._.countries"],
    default_config={"registry_path": None},
)
def make_program_tagger(nlp: Language, name: str, registry_path: str | None) -> ProgramTagger:
    return ProgramTagger(nlp, load_registry(Path(registry_path) if registry_path else None))


class ProgramTagger:
    """Tags specific names everywhere; keeps a generic mention only when its context agrees.

    A generic mention ("the blacklist") is resolved, in this order, to a candidate program the document
    declares or names specifically, then to a candidate whose country is named in the same sentence, then
    in the document (registry order breaks ties). Otherwise it stays untagged.
    """

    def __init__(self, nlp: Language, registry: Registry) -> None:
        register_extensions()
        self.country = {p.id: p.country for p in registry.programs}
        self.order = {p.id: i for i, p in enumerate(registry.programs)}
        specific = [(n, p.id) for p in registry.programs for names in p.names.values() for n in names]
        generic = [
            (v, p.id) for p in registry.programs for terms in p.generic.values() for t in terms for v in _variants(t)
        ]
        self.specific = TermMatcher(nlp, specific)
        # One term may be generic for several programs: keep all candidates per span.
        self.generic = TermMatcher(nlp, [(t, f"{t.lower()}") for t, _ in generic])
        references = load_rules().references.get(nlp.lang or "", [])
        self.references = TermMatcher(nlp, [(r, "ref") for r in references])
        self.kind_nouns = {w.lower() for w in load_rules().kind_nouns.get(nlp.lang or "", [])}
        self.candidates: dict[str, list[str]] = {}
        for term, pid in generic:
            bucket = self.candidates.setdefault(term.lower(), [])
            if pid not in bucket:
                bucket.append(pid)

    def __call__(self, doc: Doc) -> Doc:
        found = [(s, e, pid, term, False) for s, e, pid, term in self.specific(doc)]
        taken = [(s, e) for s, e, *_ in found]
        named = {pid for *_, pid, _, _ in found} | set(doc._.doc_programs or ())
        doc_countries = set(doc._.doc_countries or ()) | {c for *_, c, _ in doc._.countries or ()}
        sents = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
        for s, e, key, term in self.generic(doc):
            if any(s < te and ts < e for ts, te in taken):
                continue
            pid = self._resolve(self.candidates.get(key, []), s, doc, named, doc_countries, sents)
            if pid:
                found.append((s, e, pid, term, True))
                taken.append((s, e))
        found += self._references(doc, found, taken)
        found += self._by_country(doc, found, sents)
        doc._.programs = sorted(found)
        return doc

    def _by_country(self, doc: Doc, found: list, sents: list[tuple[int, int]]) -> list:
        """A sentence naming no program but the country of exactly one declared program, and a word for what
        a program is ("the French benefits agency's algorithm"), is about that declared program."""
        declared = list(dict.fromkeys(doc._.doc_programs or ()))
        if not declared or not self.kind_nouns or not sents:
            return []
        resolved = []
        for a, b in sents:
            if any(a <= f[0] < b for f in found):
                continue
            named = {c for s, _, c, _ in doc._.countries or () if a <= s < b}
            local = [p for p in declared if self.country.get(p) in named]
            if len(local) != 1:
                continue
            noun = next(
                (t for t in doc.char_span(a, b, alignment_mode="expand") or ()
                 if t.lower_ in self.kind_nouns or t.lemma_.lower() in self.kind_nouns),
                None,
            )
            if noun is not None:
                resolved.append((noun.idx, noun.idx + len(noun), local[0], noun.text, True))
        return resolved

    def _references(self, doc: Doc, found: list, taken: list[tuple[int, int]]) -> list:
        """'The list', 'the scheme': the program named last before the reference, else the document's one."""
        declared = list(dict.fromkeys(doc._.doc_programs or ()))
        resolved = []
        for s, e, _key, term in self.references(doc):
            if any(s < te and ts < e for ts, te in taken):
                continue
            before = [f for f in found if f[1] <= s]
            if before:
                pid = max(before, key=lambda f: f[1])[2]
            elif len(declared) == 1:
                pid = declared[0]
            else:
                continue
            resolved.append((s, e, pid, term, True))
        return resolved

    def _resolve(
        self,
        candidates: list[str],
        pos: int,
        doc: Doc,
        named: set[str],
        doc_countries: set[str],
        sents: list[tuple[int, int]],
    ) -> str | None:
        if not candidates:
            return None
        in_doc = [p for p in candidates if p in named]
        if in_doc:
            return min(in_doc, key=self.order.__getitem__)
        sent = next(((a, b) for a, b in sents if a <= pos < b), (0, len(doc.text)))
        sent_countries = {c for s, _, c, _ in doc._.countries or () if sent[0] <= s < sent[1]}
        for scope in (sent_countries, doc_countries):
            local = [p for p in candidates if self.country[p] in scope]
            if local:
                return min(local, key=self.order.__getitem__)
        return None
