"""The analyst's handle on a store: tables as DataFrames and the analysis vocabulary as methods."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from scoreatlas.analysis import compare as _compare
from scoreatlas.store import Store


class Atlas(Store):
    """A built store opened for analysis. Every method returns a pandas DataFrame.

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> atlas.compare(programs=["cn_spc_dishonest_judgment_debtors", "de_schufa"])  # doctest: +SKIP
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)

    @property
    def programs(self) -> pd.DataFrame:
        """The registry snapshot the store was built with."""
        return self._load("programs")

    def claims(
        self,
        *,
        program: str | None = None,
        topic: str | None = None,
        unit: str | None = None,
        country: str | None = None,
    ) -> pd.DataFrame:
        """Figures with unit, topic, program and the sentence they come from, filtered as asked."""
        c = self.claims_table
        if program:
            c = c[c["programs"].map(lambda ps: program in ps) | c["program"].eq(program)]
        if topic:
            c = c[c["topic"].eq(topic) | c["topic"].str.startswith(topic + ".") | c["topics"].map(lambda ts: topic in ts)]
        if unit:
            c = c[c["unit"].eq(unit)]
        if country:
            c = c[c["countries"].map(lambda cs: country in cs)]
        return self._cite(c).reset_index(drop=True)

    def timeline(self, program: str | None = None) -> pd.DataFrame:
        """Dated events (announced, enacted, launched, struck down, repealed, ruled), oldest first."""
        e = self.events
        if program:
            e = e[e["programs"].map(lambda ps: program in ps) | e["program"].eq(program)]
        return self._cite(e.sort_values(["date", "event_id"])).reset_index(drop=True)

    def _cite(self, frame: pd.DataFrame) -> pd.DataFrame:
        docs = self.documents.set_index("doc_id")
        frame = frame.copy()
        cites = [_compare.citations_of(docs.loc[d]) if d in docs.index else [] for d in frame["doc_id"]]
        frame["source"] = frame["doc_id"].map(docs["source"])
        frame["citation"] = [_compare.format_citation(c[0]) if c else "" for c in cites]
        return frame

    def compare(self, programs: Sequence[str] | None = None, dimensions: Sequence[str] | None = None) -> pd.DataFrame:
        return _compare.compare(self, programs, dimensions)

    def matrix(
        self, programs: Sequence[str] | None = None, dimensions: Sequence[str] | None = None, *, values: str = "passages"
    ) -> pd.DataFrame:
        """The program x dimension table of evidence counts (wide)."""
        return _compare.matrix(self.compare(programs, dimensions), values)

    def evidence(self, program: str, dimension: str) -> pd.DataFrame:
        return _compare.evidence(self, program, dimension)

    def coverage(self, programs: Sequence[str] | None = None) -> pd.DataFrame:
        return _compare.coverage(self, programs)

    def crossref(self, topic: str) -> pd.DataFrame:
        return _compare.crossref(self, topic)

    def related(self, program: str, n: int = 10) -> pd.DataFrame:
        return _compare.related(self, program, n)

    def sources(self) -> pd.DataFrame:
        """Every cited source, with the documents that cite it."""
        rows = []
        for _, doc in self.documents[self.documents["status"].eq("stored")].iterrows():
            for c in _compare.citations_of(doc):
                rows.append({**c, "doc_id": doc["doc_id"], "citation": _compare.format_citation(c)})
        cols = ["url", "publisher", "title", "date", "accessed", "citation", "doc_id"]
        frame = pd.DataFrame(rows, columns=cols)
        if frame.empty:
            return frame
        out = frame.groupby("url", sort=True).agg(
            publisher=("publisher", "first"), title=("title", "first"), date=("date", "first"),
            accessed=("accessed", "first"), citation=("citation", "first"), documents=("doc_id", "nunique"),
        )
        return out.reset_index()
