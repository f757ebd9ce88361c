"""Near-duplicates: the same story published on several sites is kept once.

MinHash signatures of word shingles (character shingles for Chinese and Japanese), indexed by LSH
(datasketch). Only signatures stay in memory, never texts: ``num_perm`` x 8 bytes per document.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from scoreatlas.clean.rules import NearDuplicateSettings

_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of the lower-cased text; character n-grams where the text is mostly CJK."""
    if len(_CJK.findall(text[:2000])) > 0.3 * max(1, len(text[:2000].strip())):
        chars = [c for c in text if not c.isspace()]
        grams = ("".join(chars[i : i + size]) for i in range(max(0, len(chars) - size + 1)))
    else:
        words = _WORD.findall(text.lower())
        grams = (" ".join(words[i : i + size]) for i in range(max(0, len(words) - size + 1)))
    return {g.encode("utf-8") for g in grams}


class NearDuplicates:
    """Remembers the documents seen so far and says which earlier one a new document repeats.

    >>> finder = NearDuplicates(NearDuplicateSettings(min_shingles=1))
    >>> finder.check("a", "one two three four five six seven")
    >>> finder.check("b", "one two three four five six seven")
    'a'
    """

    def __init__(self, settings: NearDuplicateSettings | None = None) -> None:
        self.settings = settings or NearDuplicateSettings()
        self._lsh: Any = None
        self.signatures: dict[str, Any] = {}
        self.exact: dict[bytes, str] = {}

    @property
    def lsh(self) -> Any:
        # Made on first use: datasketch's LSH imports scipy, over a second that a build comparing no document
        # (every one reused from the cache) need not pay.
        if self._lsh is None:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=self.settings.threshold, num_perm=self.settings.num_perm)
        return self._lsh

    def check(self, key: str, text: str) -> str | None:
        """The key of an earlier document that ``text`` duplicates, or ``None`` (and ``text`` is remembered)."""
        from datasketch import LeanMinHash, MinHash

        norm = " ".join(_WORD.findall(text.lower()))
        digest = hashlib.blake2b(norm.encode("utf-8"), digest_size=16).digest()
        if digest in self.exact:
            return self.exact[digest]
        self.exact[digest] = key
        grams = shingles(text, self.settings.shingle_words)
        if len(grams) < self.settings.min_shingles:
            return None
        sig = MinHash(num_perm=self.settings.num_perm)
        sig.update_batch(list(grams))
        lean = LeanMinHash(sig)
        best, best_sim = None, 0.0
        for other in self.lsh.query(lean):
            sim = lean.jaccard(self.signatures[other])
            if sim >= self.settings.threshold and sim > best_sim:
                best, best_sim = other, sim
        if best is not None:
            return str(best)
        self.lsh.insert(key, lean)
        self.signatures[key] = lean
        return None
