"""Counting words: frequency tables by group, and n-grams."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scoreatlas.analysis.groups import passage_groups
from scoreatlas.analysis.tokens import NO_SPACE, tokens_of
from scoreatlas.analysis.types import GroupBy, Unit, check_option
from scoreatlas.errors import UserError

if TYPE_CHECKING:
    from scoreatlas.analysis.atlas import Atlas


def terms(atlas: Atlas, *, unit: Unit = "lemma", ngram: int = 2, remove_stopwords: bool = True) -> pd.DataFrame:
    """One row per counted unit: ``pidx`` (passage row), ``doc_id``, ``i`` (token index) and ``term``.

    Words only (a letter in them, no punctuation, no placeholder). ``lemma`` and ``token`` are lowercased;
    an n-gram is ``ngram`` consecutive words inside one passage, not across punctuation or a placeholder, and
    with ``remove_stopwords`` it may not begin or end with a stop word.
    """
    check_option("unit", unit, Unit)
    tokens = tokens_of(atlas)
    if unit != "ngram":
        keep = tokens["word"] & ~tokens["stop"] if remove_stopwords else tokens["word"]
        kept = tokens.loc[keep, ["pidx", "doc_id", "i", "lemma" if unit == "lemma" else "norm"]]
        return kept.set_axis(["pidx", "doc_id", "i", "term"], axis=1).reset_index(drop=True)
    if ngram < 1:
        raise UserError("E016", what="n-gram size", allowed="a number >= 1", value=ngram)
    n = len(tokens)
    word = tokens["word"].to_numpy()
    stop = tokens["stop"].to_numpy()
    pidx = tokens["pidx"].to_numpy()
    norm = tokens["norm"].to_numpy(dtype=object)
    sep = np.where(tokens["lang"].isin(NO_SPACE).to_numpy(), "", " ").astype(object)
    m = n - ngram + 1
    if m <= 0:
        return pd.DataFrame(columns=["pidx", "doc_id", "i", "term"])
    ok = word[:m].copy()
    term = norm[:m].copy()
    for k in range(1, ngram):
        ok &= word[k : m + k] & (pidx[k : m + k] == pidx[:m])
        term = term + sep[:m] + norm[k : m + k]
    if remove_stopwords:
        ok &= ~stop[:m] & ~stop[ngram - 1 : m + ngram - 1]
    rows = np.flatnonzero(ok)
    return pd.DataFrame({"pidx": pidx[rows], "doc_id": tokens["doc_id"].to_numpy()[rows],
                         "i": tokens["i"].to_numpy()[rows], "term": term[rows]})


def grouped(atlas: Atlas, frame: pd.DataFrame, by: GroupBy | None) -> pd.DataFrame:
    """``frame`` (with a ``pidx`` column) with a ``group`` column; rows repeat for passages in several groups."""
    if by is None:
        return frame.assign(group="")
    groups = passage_groups(atlas, by)
    lookup = pd.DataFrame({"pidx": groups.index.to_numpy(), "group": groups.to_numpy()})
    return frame.merge(lookup, on="pidx", how="inner")


def frequency(
    atlas: Atlas,
    *,
    by: GroupBy | None = None,
    unit: Unit = "lemma",
    n: int | None = None,
    ngram: int = 2,
    remove_stopwords: bool = True,
) -> pd.DataFrame:
    """How often each term occurs, overall or per group.

    Args:
        atlas: an atlas or a subset of one.
        by: ``program``, ``country``, ``lang``, ``kind``, ``doc``, ``topic``, ``dimension`` or None (whole corpus).
            A passage tagged with two programs counts for both.
        unit: ``lemma`` (spaCy lookup lemmas), ``token`` (lowercased word forms) or ``ngram``.
        n: keep the ``n`` most frequent terms per group (None: all).
        ngram: n-gram length when ``unit="ngram"``.
        remove_stopwords: leave out spaCy's stop words of each language (n-grams: at either end).

    Returns:
        Columns ``<by>`` (when grouped), ``term``, ``count``, ``documents`` (documents it occurs in),
        ``per_10k`` (per 10,000 counted units of the group) and ``rank`` (1 = most frequent), most frequent first.

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> atlas.frequency(by="lang", n=5)  # doctest: +SKIP
    """
    check_option("by", by, GroupBy, optional=True)
    if n is not None and n < 1:
        raise UserError("E016", what="n", allowed="a number >= 1 or None", value=n)
    frame = grouped(atlas, terms(atlas, unit=unit, ngram=ngram, remove_stopwords=remove_stopwords), by)
    cols = ([by] if by else []) + ["term", "count", "documents", "per_10k", "rank"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    frame["doc"] = frame["doc_id"].astype(object)
    counts = frame.groupby(["group", "term"], sort=False).agg(count=("i", "size"), documents=("doc", "nunique"))
    counts = counts.reset_index()
    totals = frame.groupby("group").size()
    counts["per_10k"] = counts["count"] / counts["group"].map(totals) * 10_000
    counts = counts.sort_values(["group", "count", "term"], ascending=[True, False, True], kind="stable")
    counts["rank"] = counts.groupby("group")["count"].rank(method="min", ascending=False).astype(int)
    if n is not None:
        counts = counts.groupby("group", sort=False).head(n)
    out = counts.rename(columns={"group": by}) if by else counts.drop(columns="group")
    return out[cols].reset_index(drop=True)


def ngrams(
    atlas: Atlas,
    n: int = 2,
    *,
    by: GroupBy | None = None,
    top: int | None = None,
    remove_stopwords: bool = True,
) -> pd.DataFrame:
    """The most frequent sequences of ``n`` words, overall or per group (see :func:`frequency`).

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> atlas.ngrams(3, top=10)  # doctest: +SKIP
    """
    return frequency(atlas, by=by, unit="ngram", n=top, ngram=n, remove_stopwords=remove_stopwords)
