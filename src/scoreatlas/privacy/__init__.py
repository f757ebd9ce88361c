"""De-identification: find every person and personal identifier, replace them before anything is written.

Public functions: :func:`detect_text` (every detector over one text), :func:`detect_name_parts` (a file or
folder name), :func:`keep_terms` (the names that must survive), :class:`Redaction` (typed, numbered
placeholders), :class:`MetadataRedactor` (titles, metadata and paths), :func:`evaluate` and :func:`load_examples` (the evaluation harness). The spaCy component
``pii_detector`` runs :func:`detect_text` inside a build's one pass. See ``docs/privacy.md``.
"""

from scoreatlas.privacy.component import PiiDetector, detect_name_parts, detect_text
from scoreatlas.privacy.evaluate import EvalReport, evaluate, load_examples, privacy_pipeline
from scoreatlas.privacy.keeplist import KeepTerms, declared_organisations, is_kept, is_person_field, keep_terms
from scoreatlas.privacy.languages import LANGUAGE_DETECTORS
from scoreatlas.privacy.metadata import PERSON_VALUE, MetadataRedactor
from scoreatlas.privacy.redact import PLACEHOLDER_RE, Redaction

__all__ = [
    "LANGUAGE_DETECTORS",
    "PERSON_VALUE",
    "PLACEHOLDER_RE",
    "EvalReport",
    "KeepTerms",
    "MetadataRedactor",
    "PiiDetector",
    "Redaction",
    "declared_organisations",
    "detect_name_parts",
    "detect_text",
    "evaluate",
    "is_kept",
    "is_person_field",
    "keep_terms",
    "load_examples",
    "privacy_pipeline",
]
