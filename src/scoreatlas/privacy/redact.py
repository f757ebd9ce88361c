"""Replacing found spans by typed placeholders, numbered within one document."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from scoreatlas.privacy.normalize import fold_homoglyphs
from scoreatlas.types import Span

# Kinds shown with a number, so a reader can follow who said what; the others stand alone.
NUMBERED = frozenset({"PERSON"})
PLACEHOLDER_RE = re.compile(r"\[(?:[A-Z]+(?:_[A-Z]+)*)(?:_\d+)?\]")


def merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans become one. The longer span gives the kind, so that "zhang" inside an email address
    stays an ``[EMAIL]``; between spans of equal length a PERSON wins."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end <= span.start:
            continue
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            longer = span if (span.end - span.start, span.kind == "PERSON") > (last.end - last.start, last.kind == "PERSON") else last
            merged[-1] = Span(last.start, max(last.end, span.end), longer.kind, longer.detector)
        else:
            merged.append(span)
    return merged


@dataclass
class Redaction:
    """The spans of one document and the numbering of its persons, applied to any slice of its text."""

    text: str
    spans: list[Span]
    numbers: dict[str, int] = field(default_factory=dict)

    def _key(self, surface: str) -> str:
        # Folded, so that "Vаn der Berg" written with a Cyrillic "а" gets the number of "Van der Berg".
        return re.sub(r"\W+", " ", re.sub(r"['’]s$", "", fold_homoglyphs(surface))).strip().casefold()

    def __post_init__(self) -> None:
        self.spans = merge(self.spans)
        # Full names are numbered first, so that a later "Vermeulen" takes the number of "Anne Vermeulen".
        parts: dict[str, int] = {}
        persons = [s for s in self.spans if s.kind == "PERSON"]
        for span in sorted(persons, key=lambda s: -(s.end - s.start)):
            key = self._key(self.text[span.start : span.end])
            if key in self.numbers:
                continue
            words = key.split()
            # A shorter form of a name already numbered ("Vermeulen", "van der Berg") takes its number.
            seen = {parts[w] for w in words if w in parts}
            known = seen.pop() if len(seen) == 1 and all(w in parts for w in words) else None
            number = known or len(set(self.numbers.values())) + 1
            self.numbers[key] = number
            for w in words:
                parts.setdefault(w, number)
        ordered = sorted(persons, key=lambda s: s.start)
        first_seen: dict[int, int] = {}
        for span in ordered:
            n = self.numbers[self._key(self.text[span.start : span.end])]
            first_seen.setdefault(n, len(first_seen) + 1)
        # Renumber in order of first appearance, so [PERSON_1] is the first person a reader meets.
        self.numbers = {k: first_seen[v] for k, v in self.numbers.items()}

    def placeholder(self, span: Span) -> str:
        if span.kind in NUMBERED:
            return f"[{span.kind}_{self.numbers[self._key(self.text[span.start : span.end])]}]"
        return f"[{span.kind}]"

    def apply(self, start: int = 0, end: int | None = None) -> str:
        """The redacted text of ``text[start:end]``; a span cut by the slice is replaced whole."""
        end = len(self.text) if end is None else end
        out: list[str] = []
        pos = start
        for span in self.spans:
            if span.end <= start or span.start >= end:
                continue
            out.append(self.text[pos : max(pos, span.start)])
            out.append(self.placeholder(span))
            pos = max(pos, span.end)
        out.append(self.text[pos:end] if pos < end else "")
        return "".join(out)

    def split(self, cuts: list[int]) -> list[str]:
        """The redacted text cut at ``cuts`` (ascending offsets in the original text): one piece more than cuts.

        A cut inside a span moves to the span's end, so the pieces joined are exactly ``apply()``.
        """
        whole = self.apply()
        bounds = [0]
        spans = iter(self.spans)
        span = next(spans, None)
        shift = 0  # how much longer the redacted text is than the original, up to the current cut
        for cut in cuts:
            while span is not None and span.start < cut:
                cut = max(cut, span.end)
                shift += len(self.placeholder(span)) - (span.end - span.start)
                span = next(spans, None)
            bounds.append(max(cut + shift, bounds[-1]))
        bounds.append(len(whole))
        return [whole[a:b] for a, b in pairwise(bounds)]

    def counts(self) -> Counter[str]:
        return Counter(s.kind for s in self.spans)

    def person_forms(self) -> set[str]:
        """The person names found (in memory only), to redact the same names in titles and metadata."""
        return {self.text[s.start : s.end] for s in self.spans if s.kind == "PERSON"}
