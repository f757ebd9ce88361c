"""The audit: every detector at its most sensitive over text that should already be clean.

Placeholders (``[PERSON_2]``) are what redaction leaves behind and are not findings; anything else a
detector reports is, including a name that only the NER model suspects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from scoreatlas.privacy.component import detect_text
from scoreatlas.privacy.redact import PLACEHOLDER_RE


class Auditor:
    def __init__(self, nlp: Any, keep: frozenset[str]) -> None:
        self.nlp = nlp
        self.keep = keep

    def _count(self, text: str, doc: Any) -> Counter[str]:
        holes = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
        found: Counter[str] = Counter()
        for span in detect_text(text, keep=self.keep, doc=doc):
            inside = any(s <= span.start and span.end <= e for s, e in holes)
            fragment = text[span.start : span.end]
            if inside or not fragment.strip("[]_ ").strip():
                continue
            found[span.kind] += 1
        return found

    def scan(self, text: str, *, sensitive_ner: bool = True) -> Counter[str]:
        return self._count(text, self.nlp(text) if sensitive_ner and text else None)

    def scan_many(self, texts: Iterable[str]) -> Iterable[Counter[str]]:
        texts = list(texts)
        for text, doc in zip(texts, self.nlp.pipe(texts, batch_size=64), strict=True):
            yield self._count(text, doc) if text else Counter()
