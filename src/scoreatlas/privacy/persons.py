"""Person names: from the pipeline's NER, from title and role cues, and by propagation."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from scoreatlas.privacy.keeplist import is_kept
from scoreatlas.types import Span

PERSON_LABELS = frozenset({"PERSON", "PER"})

_NAME = r"[A-Z][\w'’-]*(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|van|von|der|den|de|la|le|bin|binti|al|el|da|di|du|ter|ten))*"
_TITLE_CUE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Judge|Justice|Minister|Senator|Sen|Rep|Gov|Mayor|Sir|Dame|Lord|Lady|"
    r"Herr|Frau|M|Mme|Mlle|Maître|Me|mevrouw|meneer|de heer|dhr|mevr)\.?\s+(" + _NAME + r")"
)


def ner_persons(doc: Doc, keep: frozenset[str]) -> list[Span]:
    """Entities labelled as persons, unless the whole entity is a kept name."""
    spans = []
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS and not is_kept(ent.text, keep):
            spans.append(Span(ent.start_char, ent.end_char, "PERSON", "ner"))
    return spans


def cue_persons(text: str) -> list[Span]:
    """Names after a title or role word: a cue wins over the keep-list."""
    return [Span(m.start(1), m.end(1), "PERSON", "title") for m in _TITLE_CUE.finditer(text)]


def propagate(text: str, spans: list[Span], *, extra_forms: Iterable[str] = ()) -> list[Span]:
    """Every other mention of a found name, whole or by any of its capitalised parts ("Vermeulen said")."""
    forms: set[str] = set()
    surfaces = [text[s.start : s.end] for s in spans if s.kind == "PERSON"] + list(extra_forms)
    for surface in surfaces:
        surface = surface.strip()
        surface = re.sub(r"['’]s$", "", surface)
        forms.add(surface)
        forms.update(p for p in re.split(r"[\s-]+", surface) if len(p) > 1 and p[:1].isupper())
    forms.discard("")
    if not forms:
        return []
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w])")
    return [Span(m.start(), m.end(), "PERSON", "propagation") for m in pattern.finditer(text)]
