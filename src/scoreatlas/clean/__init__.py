"""Cleaning: normalise text, strip junk by named rules, find near-duplicates, detect the language."""

from scoreatlas.clean.cleaner import Cleaned, Cleaner, Cut, prepare
from scoreatlas.clean.dedup import NearDuplicates
from scoreatlas.clean.language import detect, detect_paragraphs
from scoreatlas.clean.markdown import strip_markdown
from scoreatlas.clean.normalize import normalize_text
from scoreatlas.clean.rules import CleaningRules, load_rules

__all__ = [
    "Cleaned",
    "Cleaner",
    "CleaningRules",
    "Cut",
    "NearDuplicates",
    "detect",
    "detect_paragraphs",
    "load_rules",
    "normalize_text",
    "prepare",
    "strip_markdown",
]
