"""Language-specific person detectors, plugged into :func:`~scoreatlas.privacy.detect_text` by language.

The detectors in ``persons.py`` and ``identifiers.py`` run on every text whatever its language (Latin-script
names and identifiers turn up everywhere). A language that needs more, such as Chinese names written in
characters, adds its detectors here::

    LANGUAGE_DETECTORS["zh"] = ["scoreatlas.privacy.zh:find_persons"]

A detector is called as ``detector(text, doc)`` with the text being scanned (invisible characters removed,
homoglyphs folded; in a build this is the document's text unchanged) and the spaCy ``Doc`` of that text
or ``None``, and returns :class:`~scoreatlas.types.Span` objects with offsets into ``text``. Spans of kind
``PERSON`` are treated as guesses (a kept name overrules them) unless their ``detector`` is one of
:data:`~scoreatlas.privacy.persons.STRONG`; every person found is then propagated through the document.
Entries are ``"module:function"`` strings, imported on first use, or the functions themselves.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from scoreatlas.types import Span

LanguageDetector = Callable[[str, Any], list[Span]]

# The shipped detectors, one module per language (see docs/languages.md).
LANGUAGE_DETECTORS: dict[str, list[str | LanguageDetector]] = {
    "zh": ["scoreatlas.privacy.zh:find_persons"],
    "fr": ["scoreatlas.privacy.fr:find_persons"],
    "de": ["scoreatlas.privacy.de:find_persons"],
    "nl": ["scoreatlas.privacy.nl:find_persons"],
}

_resolved: dict[str, LanguageDetector] = {}


def _resolve(entry: str | LanguageDetector) -> LanguageDetector:
    if callable(entry):
        return entry
    if entry not in _resolved:
        module, _, name = entry.partition(":")
        _resolved[entry] = getattr(importlib.import_module(module), name)
    return _resolved[entry]


def language_detectors(lang: str | None) -> list[LanguageDetector]:
    """The detectors registered for ``lang`` (an ISO 639-1 code; ``zh-Hans`` reads as ``zh``)."""
    if not lang:
        return []
    code = lang.lower().replace("_", "-").split("-")[0]
    return [_resolve(entry) for entry in LANGUAGE_DETECTORS.get(code, ())]
