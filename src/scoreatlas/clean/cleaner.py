"""Cleaning a document: normalise, strip markup, cut junk by named rules, detect the language.

Every cut is counted per rule (characters removed), so a cleaning decision can be audited in
``documents.cleaning`` and the manifest. The cut text itself is kept only when asked for
(``clean-preview``), and only in memory.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scoreatlas.clean.boilerplate import RepeatedLineIndex, line_key, source_group
from scoreatlas.clean.language import UNDETERMINED, detect, detect_paragraphs
from scoreatlas.clean.markdown import strip_markdown
from scoreatlas.clean.normalize import normalize_text
from scoreatlas.clean.rules import CleaningRules, Rule, load_rules
from scoreatlas.types import RawDocument, Rejected

_SENTENCE_END = re.compile(r"[.!?。！？]\s*$")


@dataclass(slots=True)
class Cut:
    """One piece of text a rule removed (only collected for previews; never stored)."""

    rule: str
    line: int
    text: str


@dataclass(slots=True)
class Cleaned:
    """A cleaned document: its text, its language, and the characters each rule removed."""

    text: str
    lang: str
    removed: Counter[str] = field(default_factory=Counter)
    chars_before: int = 0
    passage_langs: list[tuple[int, int, str]] = field(default_factory=list)
    cuts: list[Cut] = field(default_factory=list)


def _is_markdown(raw: RawDocument) -> bool:
    return raw.meta.get("format") == "markdown" or raw.source.lower().endswith((".md", ".markdown"))


def prepare(raw: RawDocument) -> str:
    """Markup stripped (Markdown) and Unicode and whitespace normalised."""
    text = raw.text
    if _is_markdown(raw):
        text = strip_markdown(text)
    return normalize_text(text)


def _edges(content: list[int], n: int) -> set[int]:
    """The first and last ``n`` non-blank lines."""
    return set(content[:n]) | set(content[-n:])


class Cleaner:
    """Applies the rules of ``corpus/cleaning.yaml`` (or another rules file) to documents.

    Example:
        >>> from scoreatlas.types import RawDocument
        >>> cleaner = Cleaner()
        >>> doc = RawDocument("page.txt", "Courts listed 5.7 million people.\\nShare on Facebook")
        >>> cleaner.clean(doc).text
        'Courts listed 5.7 million people.'
    """

    def __init__(self, rules: CleaningRules | str | Path | None = None) -> None:
        if rules is None or isinstance(rules, (str, Path)):
            rules = load_rules(Path(rules) if rules else None)
        self.rules = rules
        self.repeated = RepeatedLineIndex(rules.repeated_lines)

    def learn(self, items: Iterable[RawDocument | Rejected]) -> int:
        """First pass: count the lines that documents of one source share. Returns the documents seen."""
        n = 0
        for item in items:
            if isinstance(item, RawDocument) and not _is_markdown(item):
                self.repeated.add(source_group(item.source, item.meta), prepare(item))
                n += 1
        self.repeated.freeze()
        return n

    def clean(self, raw: RawDocument, *, keep_cuts: bool = False) -> Cleaned:
        text = prepare(raw)
        declared = str(raw.meta.get("lang") or "").strip().lower()
        rule_lang = declared or detect(text)[0]
        lines = text.split("\n")
        before = sum(len(line) for line in lines)
        removed: Counter[str] = Counter()
        cuts: list[Cut] = []
        keep = [True] * len(lines)

        def cut(i: int, rule: str, piece: str) -> None:
            removed[rule] += len(piece)
            if keep_cuts:
                cuts.append(Cut(rule, i + 1, piece))

        content = [i for i, line in enumerate(lines) if line.strip()]
        for rule in self.rules.rules:
            pattern = rule.pattern_for(rule_lang)
            if pattern is None:
                continue
            if rule.scope == "block":
                self._blocks(rule, pattern, lines, keep, cut)
                continue
            for i, line in enumerate(lines):
                if not keep[i] or not line.strip():
                    continue
                if rule.edge_lines is not None and i not in _edges(content, rule.edge_lines):
                    continue
                if rule.scope == "line":
                    if len(line) <= rule.max_chars and pattern.search(line.strip()):
                        keep[i] = False
                        cut(i, rule.name, line)
                else:  # span
                    for match in pattern.finditer(line):
                        cut(i, rule.name, match.group(0))
                    new = pattern.sub("", line)
                    if new != line:
                        lines[i] = new
                        if not new.strip():
                            keep[i] = False
        self._repeated(raw, lines, keep, before, cut)
        cleaned = normalize_text("\n".join(line for line, k in zip(lines, keep, strict=True) if k))
        lang = declared or (detect(cleaned)[0] if cleaned else UNDETERMINED)
        passages = detect_paragraphs(cleaned, lang) if lang != UNDETERMINED else []
        return Cleaned(cleaned, lang, removed, before, passages, cuts)

    @staticmethod
    def _blocks(rule: Rule, pattern: re.Pattern[str], lines: list[str], keep: list[bool], cut: object) -> None:
        i = 0
        while i < len(lines):
            line = lines[i]
            if keep[i] and line.strip() and len(line) <= rule.max_chars and pattern.search(line.strip()):
                keep[i] = False
                cut(i, rule.name, line)  # type: ignore[operator]
                taken, j = 0, i + 1
                while j < len(lines) and taken < rule.block_lines:
                    item = lines[j]
                    if not item.strip():
                        j += 1
                        continue
                    # A list item is short and is not a sentence; the first line that is ends the list.
                    if len(item) > rule.block_line_chars or _SENTENCE_END.search(item):
                        break
                    if keep[j]:
                        keep[j] = False
                        cut(j, rule.name, item)  # type: ignore[operator]
                    taken += 1
                    j += 1
                i = j
            else:
                i += 1

    def _repeated(self, raw: RawDocument, lines: list[str], keep: list[bool], before: int, cut: object) -> None:
        settings = self.rules.repeated_lines
        if _is_markdown(raw):
            return  # authored text, not a page template: a house structure of headings is content
        repeated = self.repeated.repeated(source_group(raw.source, raw.meta))
        if not repeated:
            return
        # A line that ends as a sentence reads as one; junk of that shape is for a named rule to catch.
        hits = [
            i for i, line in enumerate(lines)
            if keep[i] and line.strip() and len(line) <= settings.max_chars and not _SENTENCE_END.search(line)
            and line_key(line) in repeated
        ]
        # A document most of whose lines repeat is a copy of another, not a template: leave it whole.
        if sum(len(lines[i]) for i in hits) > settings.max_document_share * max(1, before):
            return
        for i in hits:
            keep[i] = False
            cut(i, settings.name, lines[i])  # type: ignore[operator]
