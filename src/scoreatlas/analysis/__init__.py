"""Analysis: reads only the store and answers with DataFrames."""

from scoreatlas.analysis.atlas import Atlas
from scoreatlas.analysis.compare import compare, coverage, crossref, evidence, matrix, related

__all__ = ["Atlas", "compare", "coverage", "crossref", "evidence", "matrix", "related"]
