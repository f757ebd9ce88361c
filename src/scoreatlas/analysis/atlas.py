"""The analyst's handle on a store: tables as DataFrames and the analysis vocabulary as methods."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

import scoreatlas.analysis.compare as _compare
from scoreatlas.analysis.subset import DateLike, Many, select_documents
from scoreatlas.analysis.types import (
    CollocationMeasure,
    DispersionLevel,
    GroupBy,
    KeynessMeasure,
    PatternType,
    SortBy,
    Unit,
)
from scoreatlas.store import Store

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from scoreatlas.analysis.keyness import Side

# Tables whose rows belong to one document: a subset keeps the rows of its documents.
_BY_DOCUMENT = ("documents", "passages", "claims", "events")


class Atlas(Store):
    """A built store opened for analysis. Every method returns a pandas DataFrame.

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> atlas.compare(programs=["cn_spc_dishonest_judgment_debtors", "de_schufa"])  # doctest: +SKIP
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self._base: Atlas = self
        self._doc_ids: frozenset[str] | None = None
        self.filters: dict[str, Any] = {}

    # -- subsets ---------------------------------------------------------------------------------------

    @property
    def base(self) -> Atlas:
        """The atlas opened from disk: a subset's is the atlas it was cut from, an opened atlas's is itself."""
        return self._base

    @property
    def is_subset(self) -> bool:
        return self._doc_ids is not None

    @property
    def doc_ids(self) -> frozenset[str]:
        """The documents of this atlas or subset."""
        if self._doc_ids is not None:
            return self._doc_ids
        return frozenset(self.documents["doc_id"])

    def _view(self, doc_ids: frozenset[str], filters: dict[str, Any]) -> Atlas:
        """A subset holding ``doc_ids``: no file is read or copied, the base's loaded tables are filtered.

        The view holds no file handles of its own (the base keeps them open), so dropping it closes nothing.
        """
        view = object.__new__(type(self))
        view.path = self.path
        view.root = self.root
        view.manifest = self.manifest
        view._fds = {}
        view._check = False
        view._problems = []
        view._base = self._base
        view._doc_ids = frozenset(doc_ids) & self.doc_ids if self._doc_ids is not None else frozenset(doc_ids)
        view.filters = {**self.filters, **filters}
        return view

    def _load(self, name: str) -> pd.DataFrame:
        if self._doc_ids is None:
            return super()._load(name)
        cache = self.__dict__.setdefault("_tables", {})
        if name not in cache:
            frame = self._base._load(name)
            if name in _BY_DOCUMENT and "doc_id" in frame.columns:
                frame = frame[frame["doc_id"].isin(self._doc_ids)]
            cache[name] = frame
        return cache[name]

    def arrow(self, name: str) -> Any:
        if self._doc_ids is None:
            return super().arrow(name)
        import pyarrow as pa

        return pa.Table.from_pandas(self._load(name), preserve_index=False)

    @property
    def _duckdb(self) -> Any:
        if self._doc_ids is None:
            return Store._duckdb.__get__(self)
        import duckdb

        if "_duckdb_view" not in self.__dict__:
            con = duckdb.connect(":memory:")
            for name in self.tables:
                con.register(name, self._load(name))
            self.__dict__["_duckdb_view"] = con
        return self.__dict__["_duckdb_view"]

    def subset(
        self,
        *,
        programs: Many = None,
        countries: Many = None,
        topics: Many = None,
        lang: Many = None,
        kind: Many = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
    ) -> Atlas:
        """The documents that pass every given filter, as an atlas of their own (a view: nothing is copied).

        Every method works on a subset as on the whole atlas, and subsets can be subset again.

        Args:
            programs: documents tagged with any of these program ids.
            countries: documents tagged with any of these country codes (``"CN"``, ``"EU"``).
            topics: documents with any of these subtopics (``"sanctions.travel"``) or dimensions (``"redress"``).
            lang: documents in any of these languages.
            kind: documents of this kind (``"brief"``) or about a program of this kind (``"credit_score"``).
            date_from: documents dated on or after this ISO date or year (undated documents are left out).
            date_to: documents dated on or before this ISO date or year (a year includes all of it).

        Returns:
            An :class:`Atlas` over the chosen documents, sharing the parent's loaded tables and token cache.

        Example:
            >>> import scoreatlas as sa
            >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
            >>> china = atlas.subset(countries="CN", lang=["en", "zh"])  # doctest: +SKIP
            >>> china.frequency(n=10)  # doctest: +SKIP
        """
        doc_ids, shown = select_documents(
            self, programs=programs, countries=countries, topics=topics, lang=lang, kind=kind,
            date_from=date_from, date_to=date_to,
        )
        return self._view(doc_ids, shown)

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
        cited = _compare.doc_citations(self)
        cites = [cited.get(d, []) for d in frame["doc_id"]]
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

    # -- the analysis vocabulary -------------------------------------------------------------------------

    def tokens(self) -> pd.DataFrame:
        """One row per token of every passage: ``text``, ``lemma``, ``word``, ``stop``, ``lang``, positions.

        Computed once per opened atlas (subsets share it).
        """
        from scoreatlas.analysis.tokens import tokens_of

        return tokens_of(self)

    def kwic(
        self, pattern: str, *, window: int = 5, pattern_type: PatternType = "glob", by: GroupBy | None = None,
        sort: SortBy = "doc", case_sensitive: bool = False,
    ) -> pd.DataFrame:
        """Keywords in context; see :func:`scoreatlas.analysis.kwic.kwic`."""
        from scoreatlas.analysis.kwic import kwic

        return kwic(self, pattern, window=window, pattern_type=pattern_type, by=by, sort=sort,
                    case_sensitive=case_sensitive)

    def frequency(
        self, *, by: GroupBy | None = None, unit: Unit = "lemma", n: int | None = None, ngram: int = 2,
        remove_stopwords: bool = True,
    ) -> pd.DataFrame:
        """Term frequencies, overall or per group; see :func:`scoreatlas.analysis.frequency.frequency`."""
        from scoreatlas.analysis.frequency import frequency

        return frequency(self, by=by, unit=unit, n=n, ngram=ngram, remove_stopwords=remove_stopwords)

    def ngrams(
        self, n: int = 2, *, by: GroupBy | None = None, top: int | None = None, remove_stopwords: bool = True
    ) -> pd.DataFrame:
        """Frequent word sequences; see :func:`scoreatlas.analysis.frequency.ngrams`."""
        from scoreatlas.analysis.frequency import ngrams

        return ngrams(self, n, by=by, top=top, remove_stopwords=remove_stopwords)

    def keyness(
        self, *, target: Side, reference: Side | None = None, measure: KeynessMeasure = "ll", unit: Unit = "lemma",
        min_count: int = 3, remove_stopwords: bool = True,
    ) -> pd.DataFrame:
        """Key terms of a target against a reference; see :func:`scoreatlas.analysis.keyness.keyness`."""
        from scoreatlas.analysis.keyness import keyness

        return keyness(self, target=target, reference=reference, measure=measure, unit=unit, min_count=min_count,
                       remove_stopwords=remove_stopwords)

    def collocations(
        self, pattern: str | None = None, *, window: int = 5, measure: CollocationMeasure = "logdice",
        min_count: int = 3, pattern_type: PatternType = "glob", n: int | None = None,
    ) -> pd.DataFrame:
        """Words near a node, scored; see :func:`scoreatlas.analysis.collocations.collocations`."""
        from scoreatlas.analysis.collocations import collocations

        return collocations(self, pattern, window=window, measure=measure, min_count=min_count,
                            pattern_type=pattern_type, n=n)

    def dispersion(
        self, pattern: str, *, by: GroupBy | None = "doc", pattern_type: PatternType = "glob",
        level: DispersionLevel = "hits",
    ) -> pd.DataFrame:
        """Where a term occurs; see :func:`scoreatlas.analysis.dispersion.dispersion`."""
        from scoreatlas.analysis.dispersion import dispersion

        return dispersion(self, pattern, by=by, pattern_type=pattern_type, level=level)

    def topics_discover(
        self, k: int = 8, *, n_terms: int = 10, min_df: int = 2, max_df: float = 0.5, random_state: int = 0
    ) -> pd.DataFrame:
        """NMF topics beside the taxonomy; see :func:`scoreatlas.analysis.topics.topics_discover`."""
        from scoreatlas.analysis.topics import topics_discover

        return topics_discover(self, k, n_terms=n_terms, min_df=min_df, max_df=max_df, random_state=random_state)

    # -- plots ---------------------------------------------------------------------------------------------

    def plot_matrix(self, programs: Sequence[str] | None = None, dimensions: Sequence[str] | None = None) -> Figure:
        """Heat map of evidence passages, program x dimension; see :func:`scoreatlas.analysis.plots.heatmap`."""
        from scoreatlas.analysis.plots import heatmap

        return heatmap(self.matrix(programs, dimensions))

    def plot_claims(self, **filters: Any) -> Figure:
        """Claims per year and unit; ``filters`` as for :meth:`claims`."""
        from scoreatlas.analysis.plots import claims_over_time

        return claims_over_time(self.claims(**filters))

    def plot_dispersion(self, pattern: str, *, by: GroupBy | None = "doc", pattern_type: PatternType = "glob") -> Figure:
        """Each hit of ``pattern`` as a tick at its place in the document, one row per group."""
        from scoreatlas.analysis.plots import dispersion_plot

        return dispersion_plot(self.dispersion(pattern, by=by, pattern_type=pattern_type), title=pattern)

    def plot_keyness(self, *, target: Side, reference: Side | None = None, n: int = 15, **options: Any) -> Figure:
        """Bar chart of the ``n`` most key terms on each side; ``options`` as for :meth:`keyness`."""
        from scoreatlas.analysis.plots import keyness_plot

        return keyness_plot(self.keyness(target=target, reference=reference, **options), n=n)

    def __repr__(self) -> str:
        if self._doc_ids is None:
            return super().__repr__()
        shown = ", ".join(f"{k}={v}" for k, v in self.filters.items())
        return (f"<{type(self).__name__} subset of {self.path}: {len(self.documents)} documents, "
                f"{len(self.passages)} passages ({shown})>")
