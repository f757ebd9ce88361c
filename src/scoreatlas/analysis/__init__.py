"""Analysis: reads only the store and answers with DataFrames.

The vocabulary, object then verb, each returning a tidy DataFrame (quanteda style):
``atlas.subset(...)``, ``kwic``, ``frequency``, ``ngrams``, ``keyness``, ``collocations``, ``dispersion``,
``topics_discover``, beside the cross-reference ``compare``, ``evidence``, ``coverage``, ``crossref``,
``related``, ``claims`` and ``timeline``. Every function is also a method of :class:`Atlas`.
"""

from scoreatlas.analysis.atlas import Atlas
from scoreatlas.analysis.collocations import collocations
from scoreatlas.analysis.compare import compare, coverage, crossref, evidence, matrix, related
from scoreatlas.analysis.dispersion import dispersion
from scoreatlas.analysis.frequency import frequency, ngrams
from scoreatlas.analysis.keyness import keyness
from scoreatlas.analysis.kwic import kwic
from scoreatlas.analysis.topics import topics_discover

__all__ = [
    "Atlas",
    "collocations",
    "compare",
    "coverage",
    "crossref",
    "dispersion",
    "evidence",
    "frequency",
    "keyness",
    "kwic",
    "matrix",
    "ngrams",
    "related",
    "topics_discover",
]
