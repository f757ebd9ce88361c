"""Plain-text and Markdown readers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from scoreatlas.errors import ReadError
from scoreatlas.sources.base import register
from scoreatlas.sources.encoding import decode
from scoreatlas.types import RawDocument

FRONT_MATTER_KEYS = ("title", "date", "lang", "source_url", "publisher", "programs", "countries", "kind", "sources")


@register(".txt", ".text")
def read_text(path: Path, data: bytes) -> list[RawDocument]:
    text, encoding = decode(data)
    return [RawDocument(source=str(path), text=text, meta={"title": ""}, encoding=encoding)]


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
def read_markdown(path: Path, data: bytes) -> list[RawDocument]:
    text, encoding = decode(data)
    meta, body = split_front_matter(text)
    return [RawDocument(source=str(path), text=body, meta=meta, encoding=encoding)]
