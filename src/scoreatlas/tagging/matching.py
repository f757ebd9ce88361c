"""Finding lists of terms in a Doc, the same way for every language.

Terms in scripts written with spaces are matched token by token with a :class:`PhraseMatcher` on the
lower-cased form, tokenised by the pipeline's own tokenizer; short all-caps abbreviations (``SCS``, ``AMS``)
match only as written. Terms in scripts written without spaces (Chinese, Japanese) are matched as
substrings, since a segmenter may split them differently in context than on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_cjk(term: str) -> bool:
    return bool(_CJK.search(term))


def is_abbreviation(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return 1 < len(letters) <= 5 and term.isupper()


class TermMatcher:
    """Match many terms, each carrying a key, and return character spans ``(start, end, key, term)``."""

    def __init__(self, nlp: Language, terms: Iterable[tuple[str, str]]) -> None:
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._keys: dict[int, tuple[str, str]] = {}
        cjk: dict[str, list[str]] = {}
        for term, key in terms:
            term = term.strip()
            if not term:
                continue
            if is_cjk(term):
                # A term may be a cue of several keys (列入 for listing and for sanctions): each one counts.
                keys = cjk.setdefault(term, [])
                if key not in keys:
                    keys.append(key)
                continue
            label = f"{key}\u241f{term}"
            matcher = self._exact if is_abbreviation(term) else self._lower
            matcher.add(label, [nlp.make_doc(term)])
            self._keys[nlp.vocab.strings[label]] = (key, term)
        self._cjk_keys = cjk
        self._cjk_re = (
            re.compile("|".join(re.escape(t) for t in sorted(cjk, key=len, reverse=True))) if cjk else None
        )

    def __call__(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        found: list[tuple[int, int, str, str]] = []
        for matcher in (self._lower, self._exact):
            for match_id, start, end in matcher(doc):
                key, term = self._keys[match_id]
                span = doc[start:end]
                found.append((span.start_char, span.end_char, key, term))
        if self._cjk_re is not None:
            for m in self._cjk_re.finditer(doc.text):
                found += [(m.start(), m.end(), key, m.group()) for key in self._cjk_keys[m.group()]]
        return longest_first(found)


def longest_first(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Drop spans that lie inside a longer span, so 'SCHUFA score' wins over 'SCHUFA'."""
    spans = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str, str]] = []
    reach = -1
    for span in spans:
        inside = span[1] <= reach and kept and span[0] >= kept[-1][0]
        if inside and (span[0], span[1]) != (kept[-1][0], kept[-1][1]):
            continue
        kept.append(span)
        reach = max(reach, span[1])
    return kept
