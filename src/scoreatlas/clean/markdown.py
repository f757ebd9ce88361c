"""Markdown markup to plain text, keeping the words and the paragraph breaks."""

from __future__ import annotations

import re

_RULES = (
    (re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$", re.M), r"\1"),  # headings
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: keep the anchor text
    (re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+", re.M), ""),  # list markers
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # block quotes
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<!\w)([*_])(\S.*?\S|\S)\1(?!\w)"), r"\2"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$", re.M), ""),
)


def _end_heading(m: re.Match[str]) -> str:
    heading = m.group(1).rstrip(".:：。")
    if not heading:
        return ""
    return heading + ("。" if re.search(r"[\u4e00-\u9fff]$", heading) else ".")


def strip_markdown(text: str) -> str:
    """Remove Markdown markup. A heading becomes a line of its own, ended as a sentence."""
    text = re.sub(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$", _end_heading, text, flags=re.M)
    for pattern, repl in _RULES[1:]:
        text = pattern.sub(repl, text)
    return text
