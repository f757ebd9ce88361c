"""Plain-text and Markdown readers."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from scoreatlas.errors import ReadError
from scoreatlas.sources.base import ReadOptions, register
from scoreatlas.sources.encoding import Decoded, decode
from scoreatlas.types import RawDocument, Rejected

FRONT_MATTER_KEYS = ("title", "date", "lang", "source_url", "publisher", "programs", "countries", "kind", "sources")


def decoded_meta(decoded: Decoded) -> dict[str, Any]:
    """Metadata that records a repair made while decoding (kept in ``documents.meta``)."""
    return {"decode_note": decoded.note} if decoded.note else {}


_HEADING = re.compile(r"\A\s*#{1,6}[ \t]+(?P<title>[^\n]+?)[ \t#]*(?:\n|\Z)")
_FIRST_LINE = re.compile(r"\A\s*(?P<title>[^\n]{3,200}?)[ \t]*\n[ \t]*\n")


def first_line_title(text: str, *, markdown: bool = False) -> str:
    """A headline standing as the first line of a text: a Markdown heading, or a short first line followed by a
    blank line that does not end like a sentence or open like a byline. Empty when there is none."""
    m = _HEADING.match(text) if markdown else None
    if m is None:
        m = _FIRST_LINE.match(text)
        if m is None:
            return ""
        line = m.group("title").strip()
        if line.endswith((".", ",", ";", ":")) or re.match(r"(?i)(?:by|door|von|par|from|to|date|subject)\b", line):
            return ""
        return line
    return m.group("title").strip()


@register(".txt", ".text")
def read_text(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
    decoded = decode(data)
    if not decoded.text.strip():
        raise ReadError("empty file (whitespace only)")
    meta = {"title": first_line_title(decoded.text), "format": "text", **decoded_meta(decoded)}
    return [RawDocument(source=source, text=decoded.text, meta=meta, encoding=decoded.encoding)]


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (between ``---`` lines) from a Markdown body."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError:
                raise ReadError("front matter is not valid YAML") from None
            if not isinstance(meta, dict):
                raise ReadError("front matter is not a mapping")
            return _plain(meta), "\n".join(lines[i + 1 :])
    return {}, text


@register(".md", ".markdown")
def read_markdown(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
    decoded = decode(data)
    meta, body = split_front_matter(decoded.text)
    if not body.strip():
        raise ReadError("no text (front matter only)")
    meta = {**meta, **decoded_meta(decoded), "format": "markdown"}
    if not meta.get("title"):
        meta["title"] = first_line_title(body, markdown=True)
    return [RawDocument(source=source, text=body, meta=meta, encoding=decoded.encoding)]
