"""Text as the detectors read it: invisible characters removed and look-alike letters folded.

Cleaning already strips zero-width characters and soft hyphens from every document, but detectors also
read strings that never went through cleaning (metadata, file names, evaluation sets, stored text under
audit). Homoglyphs (a Cyrillic ``а`` inside ``Vаn der Berg``) are folded here, only inside words that also
hold Latin letters, so that Russian or Greek text is left as it is. Every character of the result maps back
to a character of the input, so the spans found can be moved back onto the original text.
"""

from __future__ import annotations

import unicodedata

import regex

from scoreatlas.clean.normalize import INVISIBLE_CLASS

INVISIBLE_RE = regex.compile(INVISIBLE_CLASS)

# Cyrillic and Greek letters that render like Latin ones.
_HOMOGLYPHS = str.maketrans(
    "АВЕКМНОРСТХУІЈЅаеорсухіјѕԁԛԝһӏ"
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιν",
    "ABEKMHOPCTXYIJSaeopcyxijsdqwhl"
    "ABEZHIKMNOPTYXoiv",
)
_MIXED_WORD = regex.compile(r"[\p{L}\p{M}]*(?:\p{Latin}[\p{L}\p{M}]*[\p{Cyrillic}\p{Greek}]|[\p{Cyrillic}\p{Greek}][\p{L}\p{M}]*\p{Latin})[\p{L}\p{M}]*")
_WIDE = regex.compile(r"[\uff01-\uff5e\U0001d400-\U0001d7ff]")


def _fold_word(match: regex.Match[str]) -> str:
    return match.group().translate(_HOMOGLYPHS)


def _narrow(match: regex.Match[str]) -> str:
    folded = unicodedata.normalize("NFKC", match.group())
    return folded if len(folded) == 1 else match.group()


def fold_homoglyphs(text: str) -> str:
    """Latin look-alikes inside mixed-script words become Latin; full-width and mathematical letters become
    plain ones. The result has the same length as ``text``.

    >>> fold_homoglyphs("Vаn der Berg")  # the 'а' is Cyrillic
    'Van der Berg'
    """
    if text.isascii():
        return text
    text = _MIXED_WORD.sub(_fold_word, text)
    return _WIDE.sub(_narrow, text)


def prepare(text: str) -> tuple[str, list[int] | None]:
    """``text`` without invisible characters and with homoglyphs folded, and the map back to ``text``.

    Returns:
        The text to detect in, and for each of its characters (plus one past the end) the offset in
        ``text``; ``None`` when nothing was removed and offsets are the same.
    """
    if text.isascii():
        return text, None
    index: list[int] | None = None
    if INVISIBLE_RE.search(text):
        keep = [i for i, ch in enumerate(text) if not INVISIBLE_RE.match(ch)]
        index = [*keep, len(text)]
        text = "".join(text[i] for i in keep)
    return fold_homoglyphs(text), index


def map_back(start: int, end: int, index: list[int] | None) -> tuple[int, int]:
    """Offsets in the prepared text to offsets in the original text."""
    if index is None:
        return start, end
    return index[start], index[end - 1] + 1 if end > start else index[start]
