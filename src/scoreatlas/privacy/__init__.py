"""De-identification: find every person and personal identifier, replace them before anything is written."""

from scoreatlas.privacy.component import PiiDetector, detect_text
from scoreatlas.privacy.keeplist import keep_terms
from scoreatlas.privacy.redact import PLACEHOLDER_RE, Redaction

__all__ = ["PLACEHOLDER_RE", "PiiDetector", "Redaction", "detect_text", "keep_terms"]
