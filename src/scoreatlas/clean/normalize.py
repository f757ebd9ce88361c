"""Unicode and whitespace normalisation: the first step of cleaning, for every language."""

from __future__ import annotations

import re
import unicodedata

# Characters that are invisible or steer rendering. They can hide a name from a detector
# ("Zh\u200bang") or reorder what a reader sees, so they go before anything else looks at the text.
# Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) are letters to Unicode yet draw nothing.
INVISIBLE_CLASS = (
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
_INVISIBLE = re.compile(INVISIBLE_CLASS)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC, without control or zero-width characters, with tidy whitespace.

    Line breaks are kept (paragraphs matter to passages); runs of spaces become one, and runs of more
    than one blank line become one blank line.

    >>> normalize_text("Zh\\u200bang  Wei\\r\\nsaid")
    'Zhang Wei\\nsaid'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
