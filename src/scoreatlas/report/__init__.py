"""Reports: what the analysis says, for people who do not run Python."""

from scoreatlas.report.html import render_report, write_report
from scoreatlas.report.summary import summary_text

__all__ = ["render_report", "summary_text", "write_report"]
