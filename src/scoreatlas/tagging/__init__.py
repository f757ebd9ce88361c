"""Tagging: spaCy components that find programs, countries, topics, figures and dates in one pass."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from scoreatlas.tagging.countries import CountryTagger
from scoreatlas.tagging.extensions import register_extensions
from scoreatlas.tagging.figures import ClaimExtractor, EventExtractor, find_dates
from scoreatlas.tagging.numbers import parse_number
from scoreatlas.tagging.programs import ProgramTagger
from scoreatlas.tagging.topics import TopicTagger

TAGGING_PIPES = ("country_tagger", "program_tagger", "topic_tagger", "claim_extractor", "event_extractor")


def add_tagging_pipes(nlp: Language, *, registry: Path | None = None, taxonomy: Path | None = None) -> Language:
    """Append the tagging components to ``nlp`` (configured with the given registry and taxonomy)."""
    register_extensions()
    nlp.add_pipe("country_tagger")
    nlp.add_pipe("program_tagger", config={"registry_path": str(registry) if registry else None})
    nlp.add_pipe("topic_tagger", config={"taxonomy_path": str(taxonomy) if taxonomy else None})
    nlp.add_pipe("claim_extractor")
    nlp.add_pipe("event_extractor")
    return nlp


__all__ = [
    "TAGGING_PIPES",
    "ClaimExtractor",
    "CountryTagger",
    "EventExtractor",
    "ProgramTagger",
    "TopicTagger",
    "add_tagging_pipes",
    "find_dates",
    "parse_number",
]
