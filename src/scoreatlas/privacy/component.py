"""``pii_detector``: every detector over one Doc, combined recall-first into ``doc._.pii``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from scoreatlas.privacy.identifiers import find_identifiers
from scoreatlas.privacy.keeplist import keep_terms
from scoreatlas.privacy.persons import cue_persons, ner_persons, propagate
from scoreatlas.types import Span


def register_extensions() -> None:
    if not Doc.has_extension("pii"):
        Doc.set_extension("pii", default=None)


def detect_text(
    text: str, *, keep: frozenset[str], doc: Doc | None = None, known_forms: Iterable[str] = ()
) -> list[Span]:
    """All personal-data spans in ``text``: NER persons (when a Doc is given), cues, identifiers, and
    every other mention of any name found, here or elsewhere in the document (``known_forms``)."""
    spans = ner_persons(doc, keep) if doc is not None else []
    spans += cue_persons(text)
    spans += find_identifiers(text)
    spans += propagate(text, spans, extra_forms=known_forms)
    return spans


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
    def __init__(self, keeplist: Path | None, registry: Path | None) -> None:
        register_extensions()
        self.keep = keep_terms(keeplist, registry)

    def __call__(self, doc: Doc) -> Doc:
        # Plain tuples, so that the spans survive spaCy's multiprocessing (msgpack) unchanged.
        doc._.pii = [(s.start, s.end, s.kind, s.detector) for s in detect_text(doc.text, keep=self.keep, doc=doc)]
        return doc
