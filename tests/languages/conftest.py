"""Fixtures for the language tests: the build's real pipeline for each language, loaded once per session."""

from __future__ import annotations

from typing import Any

import pytest

from scoreatlas.privacy import Redaction
from scoreatlas.types import Span


@pytest.fixture(scope="session")
def pipelines(shipped_pipelines: Any) -> Any:
    """``pipelines(lang)``: the build pipeline for a language (``load_pipeline(lang=...)``), loaded once."""
    return shipped_pipelines


@pytest.fixture(scope="session")
def redact(pipelines: Any) -> Any:
    """``redact(text, lang)``: the text as the build would store it, and the Doc it came from."""

    def run(text: str, lang: str) -> tuple[str, Any]:
        nlp = pipelines(lang)
        doc = nlp.make_doc(text)
        doc._.doc_lang = lang
        doc = nlp(doc)
        red = Redaction(text, [Span(s, e, kind, det) for s, e, kind, det in doc._.pii])
        return red.apply(), doc

    return run
