"""Discovered topics: non-negative matrix factorisation over passages, set beside the taxonomy."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scoreatlas.analysis.frequency import terms
from scoreatlas.analysis.tokens import passage_langs
from scoreatlas.errors import UserError

if TYPE_CHECKING:
    from scoreatlas.analysis.atlas import Atlas

COLUMNS = ["topic", "top_terms", "passages", "lang", "subtopic", "overlap", "subtopic_share", "untagged_share",
           "example_passage_id", "example"]


def topics_discover(
    atlas: Atlas,
    k: int = 8,
    *,
    n_terms: int = 10,
    min_df: int = 2,
    max_df: float = 0.5,
    random_state: int = 0,
) -> pd.DataFrame:
    """``k`` topics found in the passages' lemmas by NMF, each with the taxonomy subtopic it overlaps most.

    Passages are weighted by TF-IDF over lemmas without stop words; each passage belongs to the topic with
    its largest weight. A discovered topic whose passages carry no taxonomy topic (high ``untagged_share``)
    or overlap no subtopic well (low ``overlap``) shows what the taxonomy misses.

    Args:
        atlas: an atlas or a subset of one.
        k: the number of topics.
        n_terms: top terms listed per topic.
        min_df: leave out lemmas found in fewer passages.
        max_df: leave out lemmas found in a larger share of passages.
        random_state: seed of the NMF initialisation, for repeatable results.

    Returns:
        Columns ``topic`` (0..k-1), ``top_terms`` (list), ``passages`` (assigned), ``lang`` (their most common
        language), ``subtopic`` (the taxonomy subtopic whose passages overlap most, by Jaccard), ``overlap``
        (that Jaccard index), ``subtopic_share`` (share of the topic's passages tagged with it),
        ``untagged_share`` (share with no taxonomy topic), and the most typical passage (``example``,
        ``example_passage_id``).

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> atlas.topics_discover(k=10)[["topic", "top_terms", "subtopic", "overlap"]]  # doctest: +SKIP
    """
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    if k < 1:
        raise UserError("E016", what="k", allowed="a number >= 1", value=k)
    found = terms(atlas, unit="lemma")
    if found.empty:
        return pd.DataFrame(columns=COLUMNS)
    rows, row_ids = pd.factorize(found["pidx"])
    cols, vocab = pd.factorize(found["term"])
    counts = csr_matrix((np.ones(len(found)), (rows, cols)), shape=(len(row_ids), len(vocab)))
    counts.sum_duplicates()
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    keep = (df >= min_df) & (df <= max(max_df * len(row_ids), min_df))
    counts = counts[:, keep]
    vocab = np.asarray(vocab)[keep]
    nonempty = np.asarray(counts.sum(axis=1)).ravel() > 0
    counts, row_ids = counts[nonempty], np.asarray(row_ids)[nonempty]
    if counts.shape[0] < k or counts.shape[1] < k:
        raise UserError("E016", what="k", allowed=f"at most {min(counts.shape)} for this corpus", value=k)
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    model = NMF(n_components=k, init="nndsvd", random_state=random_state, max_iter=400)
    weights = model.fit_transform(tfidf)
    assigned = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)
    passages = atlas.passages.loc[row_ids]
    tags = passages["topics"].to_numpy()
    langs = passage_langs(atlas).loc[row_ids].to_numpy()
    by_subtopic: dict[str, set[int]] = {}
    for i, ts in enumerate(tags):
        for t in ts:
            by_subtopic.setdefault(t, set()).add(i)
    out = []
    for topic in range(k):
        members = set(np.flatnonzero(assigned == topic).tolist())
        top = np.argsort(-model.components_[topic])[:n_terms]
        best, best_j = "", 0.0
        for sub, where in sorted(by_subtopic.items()):
            j = len(members & where) / len(members | where) if members | where else 0.0
            if j > best_j:
                best, best_j = sub, j
        example = int(np.argmax(weights[:, topic]))
        out.append({
            "topic": topic,
            "top_terms": [str(vocab[t]) for t in top if model.components_[topic, t] > 0],
            "passages": len(members),
            "lang": Counter(langs[list(members)]).most_common(1)[0][0] if members else "",
            "subtopic": best,
            "overlap": best_j,
            "subtopic_share": (len(members & by_subtopic[best]) / len(members)) if best and members else 0.0,
            "untagged_share": (sum(1 for i in members if len(tags[i]) == 0) / len(members)) if members else 0.0,
            "example_passage_id": passages["passage_id"].iloc[example],
            "example": passages["text"].iloc[example],
        })
    return pd.DataFrame(out, columns=COLUMNS)
