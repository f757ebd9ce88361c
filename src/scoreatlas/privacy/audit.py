"""The audit: every detector, as the build runs them, over text that should already be clean.

Placeholders (``[PERSON_2]``) are what redaction leaves behind and are not findings; anything else a
detector reports is, including a name that only the NER model suspects. Findings are counts per kind:
the values found are never kept, printed or logged.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from scoreatlas.privacy.component import detect_text
from scoreatlas.privacy.redact import PLACEHOLDER_RE


class Auditor:
    """Scans stored strings with a spaCy pipeline (for NER) and the kept names of the store.

    Args:
        nlp: a pipeline with NER for the language of the texts (its ``lang`` picks the language detectors).
        keep: kept names; for a store, the keep-list plus the store's own program names.
    """

    def __init__(self, nlp: Any, keep: frozenset[str]) -> None:
        self.nlp = nlp
        self.keep = keep
        self.lang = getattr(nlp, "lang", "en")

    def _count(self, text: str, doc: Any) -> Counter[str]:
        holes = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
        found: Counter[str] = Counter()
        # JSON (metadata, facts) is cleaned by the build without language detectors: audit it the same way.
        lang = None if doc is None and _is_json(text) else self.lang
        for span in detect_text(text, keep=self.keep, doc=doc, lang=lang):
            inside = any(s <= span.start and span.end <= e for s, e in holes)
            fragment = text[span.start : span.end]
            if inside or not fragment.strip("[]_ ").strip():
                continue
            found[span.kind] += 1
        return found

    def scan(self, text: str, *, sensitive_ner: bool = True) -> Counter[str]:
        """Findings per kind in one text; ``sensitive_ner=False`` skips NER (for JSON such as the manifest)."""
        return self._count(text, self.nlp(text) if sensitive_ner and text else None)

    def scan_many(self, texts: Iterable[str]) -> Iterable[Counter[str]]:
        """Findings per kind for each text, with NER run in batches.

        JSON values (a document's metadata, a program's facts) are scanned as the build cleaned them, by
        the rules, gazetteers and identifier patterns without NER: the model reads JSON punctuation and
        source titles in other languages as names.
        """
        texts = list(texts)
        prose = [t if t and not _is_json(t) else "" for t in texts]
        for text, doc in zip(texts, self.nlp.pipe(prose, batch_size=64), strict=True):
            if not text:
                yield Counter()
            else:
                yield self._count(text, doc if not _is_json(text) else None)


def _is_json(text: str) -> bool:
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return False
    try:
        json.loads(stripped)
    except ValueError:
        return False
    return True
