"""Metadata that travels with each passage (program, country, language, kind, topic), for grouping."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from scoreatlas.analysis.tokens import passage_langs
from scoreatlas.analysis.types import GroupBy, check_option

if TYPE_CHECKING:
    from scoreatlas.analysis.atlas import Atlas


def _with_fallback(atlas: Atlas, column: str) -> pd.Series:
    """A passage's own tags, or its document's when the passage carries none."""
    p = atlas.passages
    doc_tags = p["doc_id"].map(atlas.documents.set_index("doc_id")[column])
    own = p[column]
    return pd.Series(
        [list(a) if len(a) else (list(b) if isinstance(b, list) else []) for a, b in zip(own, doc_tags, strict=True)],
        index=p.index, dtype=object,
    )


def passage_groups(atlas: Atlas, by: GroupBy | None) -> pd.Series:
    """The group(s) of every passage, indexed by passage row label; a passage in several groups repeats.

    ``program`` and ``country`` are the passage's own tags, or its document's where it has none; ``topic`` and
    ``dimension`` are the passage's topics (untagged passages belong to no topic group); ``kind`` is the
    document kind; ``lang`` the passage language; ``doc`` the document id. With ``by=None`` every passage is
    in the one group ``""``.
    """
    check_option("by", by, GroupBy, optional=True)
    p = atlas.passages
    if by is None:
        return pd.Series("", index=p.index, dtype=object)
    if by == "doc":
        return p["doc_id"].astype(object)
    if by == "lang":
        return passage_langs(atlas).astype(object)
    if by == "kind":
        return p["doc_id"].map(atlas.documents.set_index("doc_id")["kind"]).fillna("").astype(object)
    if by in ("program", "country"):
        values = _with_fallback(atlas, {"program": "programs", "country": "countries"}[by])
    elif by == "topic":
        values = p["topics"]
    else:
        values = p["topics"].map(lambda ts: sorted({t.split(".", 1)[0] for t in ts}))
    return values.explode().dropna().astype(object)
