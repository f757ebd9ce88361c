"""Offline language identification with py3langid (BSD-3-Clause; its model ships inside the package).

A document gets one language; a paragraph of another language inside it (a French quotation in an
English report) gets its own, so that passages carry the language they are written in.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

UNDETERMINED = "und"
# Below this many letters the guess is a coin toss; the text is "und" unless a script settles it.
MIN_LETTERS = 12
PASSAGE_MIN_LETTERS = 40
PASSAGE_MIN_CONFIDENCE = 0.9
PASSAGE_SAMPLE = 400

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of ``text``'s language and a confidence in [0, 1]; ``("und", 0.0)`` when unsure.

    >>> detect("Die Auskunftei speichert Daten über Zahlungsausfälle.")[0]
    'de'
    """
    sample = text[:5000]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return UNDETERMINED, 0.0
    han = len(_HAN.findall(sample))
    # Scripts settle what statistics on a few characters cannot.
    if han / letters > 0.3 and not _KANA.search(sample) and not _HANGUL.search(sample):
        return "zh", 1.0
    if letters < MIN_LETTERS:
        return UNDETERMINED, 0.0
    lang, confidence = _identifier().classify(sample)
    return str(lang), float(confidence)


def detect_paragraphs(text: str, doc_lang: str) -> list[tuple[int, int, str]]:
    """``(start, end, lang)`` for each paragraph clearly in another language than ``doc_lang``."""
    out = []
    pos = 0
    for paragraph in text.split("\n"):
        start, end = pos, pos + len(paragraph)
        pos = end + 1
        sample = paragraph[:PASSAGE_SAMPLE]  # the start of a paragraph tells its language, and costs less
        if len(_LETTER.findall(sample)) < PASSAGE_MIN_LETTERS:
            continue
        lang, confidence = detect(sample)
        if lang not in (doc_lang, UNDETERMINED) and confidence >= PASSAGE_MIN_CONFIDENCE:
            out.append((start, end, lang))
    return out
