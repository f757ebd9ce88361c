"""Cleaning: normalise text and strip junk before anything looks for persons or topics."""

from scoreatlas.clean.markdown import strip_markdown
from scoreatlas.clean.normalize import normalize_text

__all__ = ["normalize_text", "strip_markdown"]
