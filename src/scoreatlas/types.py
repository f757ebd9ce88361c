"""Shared types: the records that flow from one stage to the next."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["stored", "rejected", "duplicate"]
Lang = str  # ISO 639-1 code: "en", "zh", "fr", "de", "nl" ...
OutputFormat = Literal["jsonl", "csv", "parquet", "table"]


@dataclass(slots=True)
class RawDocument:
    """One document as a reader returns it: raw text and metadata, in memory only.

    ``source`` is the input path (plus ``#row`` for table inputs); it may hold a person's name and is
    de-identified before it is stored.
    """

    source: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""
    encoding: str = ""


@dataclass(slots=True)
class Rejected:
    """An input that could not become a document, with a reason free of document text."""

    source: str
    reason: str
    content_hash: str = ""


@dataclass(slots=True)
class Span:
    """A character span of personal data found by a detector. Its text is never stored."""

    start: int
    end: int
    kind: str  # PERSON, EMAIL, PHONE, ID, ...
    detector: str
    score: float = 1.0
