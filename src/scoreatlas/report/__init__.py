"""Reports: what the analysis says, for people who do not run Python."""

from scoreatlas.report.summary import summary_text

__all__ = ["summary_text"]
