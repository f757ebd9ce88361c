"""Repeated boilerplate: lines that many documents of one source share are that source's template.

A source is the folder a file sits in (and, for web pages, the site that published it), or a URL's host.
The index is learned in a first pass over the inputs and holds only 8-byte hashes of lines, never text.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from scoreatlas.clean.rules import RepeatedLines

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def source_group(source: str, meta: dict[str, Any]) -> str:
    """The source a document belongs to, for repeated-line counting."""
    head = source.split("#", 1)[0]
    if "://" in head:
        return "url:" + urlsplit(head).netloc.lower()
    publisher = str(meta.get("publisher") or "").strip().lower()
    if "#" in source:  # a table row: its table is its source
        return "table:" + head
    return f"dir:{PurePath(head).parent}|{publisher}"


def line_key(line: str) -> int:
    """A hash of a line, with case, digits and spacing ignored ("Page 3" and "page 4" are one line)."""
    norm = _SPACE.sub(" ", _DIGITS.sub("0", line.strip().lower()))
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


class RepeatedLineIndex:
    """Counts, per source, in how many documents each short line occurs."""

    def __init__(self, settings: RepeatedLines) -> None:
        self.settings = settings
        self.documents: Counter[str] = Counter()
        self.lines: dict[str, Counter[int]] = defaultdict(Counter)
        self._frozen: dict[str, frozenset[int]] | None = None

    def add(self, group: str, text: str) -> None:
        self._frozen = None
        self.documents[group] += 1
        keys = {line_key(line) for line in text.split("\n") if line.strip() and len(line) <= self.settings.max_chars}
        self.lines[group].update(keys)

    def freeze(self) -> None:
        """Keep only the lines that count as boilerplate, dropping the rest of the counts."""
        s = self.settings
        frozen: dict[str, frozenset[int]] = {}
        for group, counts in self.lines.items():
            n = self.documents[group]
            if n < s.min_documents:
                continue
            need = max(s.min_documents, s.min_share * n)
            keys = frozenset(k for k, c in counts.items() if c >= need)
            if keys:
                frozen[group] = keys
        self.lines.clear()
        self._frozen = frozen

    def repeated(self, group: str) -> frozenset[int]:
        if self._frozen is None:
            self.freeze()
        assert self._frozen is not None
        return self._frozen.get(group, frozenset())
