"""De-identifying the short strings around a document: its title, metadata fields and file path.

They have no sentence around them for a detector to read, so each is read with its document's detectors and
the names its body gave away (``known``), and a field that names people (``author``) is replaced whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scoreatlas.privacy.component import detect_name_parts, detect_text
from scoreatlas.privacy.keeplist import is_person_field
from scoreatlas.privacy.redact import Redaction

# What a field that names people holds once stored.
PERSON_VALUE = "[PERSON]"


class MetadataRedactor:
    """Removes persons from a document's title, metadata and file path.

    Args:
        keep: the kept names (:func:`~scoreatlas.privacy.keep_terms`), for every document of a build.
    """

    def __init__(self, keep: frozenset[str]) -> None:
        self.keep = keep

    def text(
        self, value: str, known: set[str], doc: Any = None, keep: frozenset[str] | None = None, lang: str | None = None
    ) -> str:
        """``value`` with persons and identifiers replaced; ``doc`` is its spaCy Doc when one was made."""
        if not value:
            return value
        lang = lang or (doc.lang_ if doc is not None else "en")
        spans = detect_text(value, keep=keep or self.keep, doc=doc, lang=lang, known_forms=known)
        return Redaction(value, spans).apply()

    def path(self, source: str, known: set[str]) -> str:
        """A path with names removed from every part (``interview_anne_vermeulen.pdf``)."""
        head, sep, row = source.partition("#")
        if "://" in head:  # a URL: its scheme and host stay, its path is cleaned like a file path
            scheme, _, rest = head.partition("://")
            host, _, path = rest.partition("/")
            return f"{scheme}://{host}/{self.path(path, known) if path else ''}" + (sep + row if sep else "")
        out = []
        for part in Path(head).parts:
            # Names in file names are written in lower case and joined by separators: they are read word by
            # word (interview_anne_vermeulen.pdf -> interview_[PERSON_1].pdf).
            spans = detect_name_parts(part, keep=self.keep, known_forms=known)
            out.append(Redaction(part, spans).apply() if spans else part)
        return str(Path(*out)) + (sep + row if sep else "") if out else source

    def value(self, value: Any, known: set[str], keep: frozenset[str] | None = None, lang: str | None = None,
              *, person: bool = False) -> Any:
        """Metadata with persons removed; under a key that names people (``author``) every value is a person."""
        if isinstance(value, str):
            return PERSON_VALUE if person and value.strip() else self.text(value, known, keep=keep, lang=lang)
        if isinstance(value, list):
            return [self.value(v, known, keep, lang, person=person) for v in value]
        if isinstance(value, dict):
            return {k: self.value(v, known, keep, lang, person=person or is_person_field(str(k)))
                    for k, v in value.items()}
        return value
