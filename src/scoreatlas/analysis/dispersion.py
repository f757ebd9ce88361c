"""Dispersion: where in each document, and how evenly across groups, a term occurs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scoreatlas.analysis.frequency import grouped
from scoreatlas.analysis.kwic import find
from scoreatlas.analysis.tokens import tokens_of
from scoreatlas.analysis.types import DispersionLevel, GroupBy, PatternType, check_option

if TYPE_CHECKING:
    from scoreatlas.analysis.atlas import Atlas

HIT_COLUMNS = ["group", "doc_id", "passage_id", "match", "position", "doc_tokens", "relative_position"]
GROUP_COLUMNS = ["group", "hits", "documents", "documents_with_hits", "words", "per_10k", "juilland_d"]


def _juilland(rates: np.ndarray) -> float:
    """Juilland's D over the documents of a group: 1 is perfectly even, 0 all in one document."""
    if len(rates) < 2 or rates.mean() == 0:
        return float("nan")
    return float(np.clip(1 - (rates.std(ddof=0) / rates.mean()) / np.sqrt(len(rates) - 1), 0.0, 1.0))


def dispersion(
    atlas: Atlas,
    pattern: str,
    *,
    by: GroupBy | None = "doc",
    pattern_type: PatternType = "glob",
    level: DispersionLevel = "hits",
) -> pd.DataFrame:
    """Where ``pattern`` occurs: each hit's place in its document, or a summary per group.

    Args:
        atlas: an atlas or a subset of one.
        pattern: as in :func:`~scoreatlas.analysis.kwic.kwic`.
        by: the grouping (``doc``, ``program``, ``country``, ``lang``, ``kind``, ``topic``, ``dimension``);
            a hit in a passage of two programs is listed under both.
        pattern_type: ``glob``, ``regex`` or ``phrase``.
        level: ``hits`` (one row per hit and group) or ``groups`` (one row per group).

    Returns:
        ``hits``: ``<by>`` (the group), ``doc_id``, ``passage_id``, ``match``, ``position`` (token index in the document),
        ``doc_tokens`` and ``relative_position`` (0 = start, 1 = end of the document).
        ``groups``: ``<by>``, ``hits``, ``documents``, ``documents_with_hits``, ``words``, ``per_10k`` and
        ``juilland_d`` (evenness over the group's documents; NaN with fewer than two), every group listed.

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> atlas.dispersion("appeal*", by="program", level="groups")  # doctest: +SKIP
    """
    check_option("by", by, GroupBy, optional=True)
    check_option("level", level, DispersionLevel)
    tokens, start, end = find(atlas, pattern, pattern_type=pattern_type)
    doc_len = tokens.groupby("doc_id", observed=True).size()
    pieces = (tokens["text"] + tokens["ws"]).to_numpy(dtype=object)
    hits = pd.DataFrame({
        "pidx": tokens["pidx"].to_numpy()[start],
        "doc_id": tokens["doc_id"].to_numpy()[start].astype(object),
        "match": ["".join(pieces[a:b]).strip() for a, b in zip(start, end, strict=True)],
        "position": tokens["i"].to_numpy()[start],
    })
    hits["passage_id"] = atlas.passages.loc[hits["pidx"], "passage_id"].to_numpy() if len(hits) else []
    hits["doc_tokens"] = hits["doc_id"].map(doc_len).fillna(0).astype(int)
    hits["relative_position"] = hits["position"] / hits["doc_tokens"].clip(lower=1)
    hits = grouped(atlas, hits, by)
    if level == "hits":
        out = hits.sort_values(["group", "doc_id", "position"], kind="stable")[HIT_COLUMNS].reset_index(drop=True)
        return _named(out, by)
    words = tokens_of(atlas)
    words = grouped(atlas, words.loc[words["word"], ["pidx", "doc_id"]].assign(doc_id=lambda f: f["doc_id"].astype(object)), by)
    per_doc_words = words.groupby(["group", "doc_id"]).size()
    per_doc_hits = hits.groupby(["group", "doc_id"]).size().reindex(per_doc_words.index, fill_value=0)
    rows = []
    for group, sizes in per_doc_words.groupby(level=0):
        h = per_doc_hits.loc[group].to_numpy(dtype=float)
        w = sizes.to_numpy(dtype=float)
        rows.append({"group": group, "hits": int(h.sum()), "documents": len(w), "documents_with_hits": int((h > 0).sum()),
                     "words": int(w.sum()), "per_10k": h.sum() / w.sum() * 10_000, "juilland_d": _juilland(h / w)})
    out = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    out = out.sort_values(["hits", "group"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return _named(out, by)


def _named(frame: pd.DataFrame, by: GroupBy | None) -> pd.DataFrame:
    """The group column named after the grouping (none without one), as in the other tables; ``attrs['by']``."""
    frame = frame.drop(columns="group") if by is None else frame.rename(columns={"group": by})
    frame.attrs["by"] = by
    return frame
