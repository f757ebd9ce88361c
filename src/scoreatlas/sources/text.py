"""Plain-text and Markdown readers."""

from __future__ import annotations

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


@register(".txt", ".text")
def read_text(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
    decoded = decode(data)
    if not decoded.text.strip():
        raise ReadError("empty file (whitespace only)")
    meta = {"title": "", "format": "text", **decoded_meta(decoded)}
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
    return [RawDocument(source=source, text=body, meta=meta, encoding=decoded.encoding)]
