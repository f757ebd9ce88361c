"""Collocations: words that keep company within a few tokens of a node (or of each other)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scoreatlas.analysis.kwic import find
from scoreatlas.analysis.tokens import tokens_of
from scoreatlas.analysis.types import CollocationMeasure, PatternType, check_option
from scoreatlas.errors import UserError

if TYPE_CHECKING:
    from scoreatlas.analysis.atlas import Atlas

COLUMNS = ["node", "collocate", "count", "node_count", "collocate_count", "statistic"]


def _scores(fxy: np.ndarray, fx: np.ndarray, fy: np.ndarray, n: int, measure: CollocationMeasure) -> np.ndarray:
    fxy, fx, fy = (np.asarray(v, dtype=float) for v in (fxy, fx, fy))
    if measure == "logdice":
        return 14 + np.log2(2 * fxy / (fx + fy))
    if measure == "mi":
        return np.log2(fxy * n / (fx * fy))
    # Log-likelihood of the 2x2 table (Evert's O11..O22), clipped where windows overlap heavily.
    o = [fxy, np.clip(fx - fxy, 0, None), np.clip(fy - fxy, 0, None), np.clip(n - fx - fy + fxy, 0, None)]
    r1, r2, c1, c2 = o[0] + o[1], o[2] + o[3], o[0] + o[2], o[1] + o[3]
    total = r1 + r2
    e = [r1 * c1 / total, r1 * c2 / total, r2 * c1 / total, r2 * c2 / total]
    with np.errstate(divide="ignore", invalid="ignore"):
        parts = [np.where(oi > 0, oi * np.log(np.where(oi > 0, oi, 1) / np.where(ei > 0, ei, 1)), 0.0)
                 for oi, ei in zip(o, e, strict=True)]
    return np.asarray(2 * np.sum(parts, axis=0), dtype=float)


def collocations(
    atlas: Atlas,
    pattern: str | None = None,
    *,
    window: int = 5,
    measure: CollocationMeasure = "logdice",
    min_count: int = 3,
    pattern_type: PatternType = "glob",
    n: int | None = None,
) -> pd.DataFrame:
    """Lemmas that occur within ``window`` tokens of ``pattern`` (or, with no pattern, pairs of lemmas near
    each other), scored by association.

    Counting stays inside one passage (sentence); stop words, punctuation and placeholders are never
    collocates but do count towards the window, as they stand in the text.

    Args:
        atlas: an atlas or a subset of one.
        pattern: the node, as in :func:`~scoreatlas.analysis.kwic.kwic`; None for every pair of lemmas.
        window: tokens either side of the node.
        measure: ``logdice`` (Sketch Engine's, 14 at most, comparable across corpus sizes), ``mi`` (pointwise
            mutual information) or ``ll`` (log-likelihood).
        min_count: leave out pairs seen fewer times.
        pattern_type: ``glob``, ``regex`` or ``phrase``.
        n: keep the ``n`` strongest (None: all).

    Returns:
        Columns ``node`` (the pattern, or the first lemma of a pair), ``collocate``, ``count`` (co-occurrences),
        ``node_count``, ``collocate_count`` (corpus frequencies) and ``statistic`` (the measure), strongest first.

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> atlas.collocations("blacklist*", window=5, measure="logdice").head()  # doctest: +SKIP
    """
    check_option("measure", measure, CollocationMeasure)
    if window < 1:
        raise UserError("E016", what="window", allowed="a number >= 1", value=window)
    if pattern is None:
        tokens = tokens_of(atlas).reset_index(drop=True)
    else:
        tokens, start, end = find(atlas, pattern, pattern_type=pattern_type)
    content = (tokens["word"] & ~tokens["stop"]).to_numpy() if len(tokens) else np.zeros(0, dtype=bool)
    n_content = int(content.sum())
    if n_content == 0:
        return pd.DataFrame(columns=COLUMNS)
    codes, vocab = pd.factorize(tokens["lemma"])
    codes = np.where(content, codes, -1)
    freq = np.bincount(codes[content], minlength=len(vocab))
    pidx = tokens["pidx"].to_numpy()
    size = len(tokens)
    if pattern is None:
        firsts, seconds = [], []
        for d in range(1, window + 1):
            ok = content[:-d] & content[d:] & (pidx[:-d] == pidx[d:])
            x, y = codes[:-d][ok], codes[d:][ok]
            firsts.append(np.minimum(x, y))
            seconds.append(np.maximum(x, y))
        x = np.concatenate(firsts) if firsts else np.empty(0, dtype=np.int64)
        y = np.concatenate(seconds) if seconds else np.empty(0, dtype=np.int64)
        keys, fxy = np.unique(x.astype(np.int64) * len(vocab) + y, return_counts=True)
        xs, ys = keys // len(vocab), keys % len(vocab)
        out = pd.DataFrame({"node": vocab[xs], "collocate": vocab[ys], "count": fxy,
                            "node_count": freq[xs], "collocate_count": freq[ys]})
    else:
        found = []
        for d in range(1, window + 1):
            for pos, anchor in ((start - d, start), (end - 1 + d, start)):
                ok = (pos >= 0) & (pos < size)
                pos, anchor = pos[ok], anchor[ok]
                ok = content[pos] & (pidx[pos] == pidx[anchor])
                found.append(codes[pos[ok]])
        ys_all = np.concatenate(found) if found else np.empty(0, dtype=np.int64)
        ys, fxy = np.unique(ys_all, return_counts=True)
        out = pd.DataFrame({"node": pattern, "collocate": vocab[ys], "count": fxy,
                            "node_count": len(start), "collocate_count": freq[ys]})
    out = out[out["count"] >= min_count]
    if out.empty:
        return pd.DataFrame(columns=COLUMNS)
    out = out.assign(statistic=_scores(out["count"], out["node_count"], out["collocate_count"], n_content, measure))
    out = out.sort_values(["statistic", "count", "collocate"], ascending=[False, False, True], kind="stable")
    if n is not None:
        out = out.head(n)
    return out[COLUMNS].reset_index(drop=True)
