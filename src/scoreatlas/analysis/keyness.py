"""Keyness: which terms a target set of documents uses more (or less) than a reference set."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Union

import numpy as np
import pandas as pd

from scoreatlas.analysis.frequency import terms
from scoreatlas.analysis.types import KeynessMeasure, Unit, check_option
from scoreatlas.errors import UserError

if TYPE_CHECKING:
    from scoreatlas.analysis.atlas import Atlas

Side = Union[str, Sequence[str], "Atlas"]

COLUMNS = ["term", "target", "reference", "target_per_10k", "reference_per_10k", "statistic", "p_value", "log_ratio"]


def resolve(atlas: Atlas, side: Side, what: str) -> Atlas:
    """A target or reference as a subset: an atlas as given, or the documents of programs and/or countries."""
    from scoreatlas.analysis.atlas import Atlas

    if isinstance(side, Atlas):
        return side
    names = [side] if isinstance(side, str) else list(side)
    programs = set(atlas.programs["program"])
    countries = {c for cs in atlas.documents["countries"] for c in cs} | set(atlas.programs["country"].dropna())
    wanted_programs = [n for n in names if n in programs]
    wanted_countries = [n.upper() for n in names if n not in programs]
    unknown = [n for n in wanted_countries if n not in countries]
    if not names or unknown:
        raise UserError("E016", what=what, allowed="a program id, a country code, a list of them or a subset",
                        value=unknown[0] if unknown else names)
    docs = atlas.documents
    keep = docs["programs"].map(lambda ps: any(p in ps for p in wanted_programs))
    keep |= docs["countries"].map(lambda cs: any(c in cs for c in wanted_countries))
    return atlas._view(frozenset(docs.loc[keep, "doc_id"]), {what: names})


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x * np.log(np.where(x > 0, x, 1) / np.where(y > 0, y, 1)), 0.0)


def keyness(
    atlas: Atlas,
    *,
    target: Side,
    reference: Side | None = None,
    measure: KeynessMeasure = "ll",
    unit: Unit = "lemma",
    min_count: int = 3,
    remove_stopwords: bool = True,
) -> pd.DataFrame:
    """Terms ranked by how much more often the target uses them than the reference.

    Args:
        atlas: the atlas (or subset) that target and reference strings are looked up in.
        target: a program id (``"cn_social_credit_system"``), a country code (``"CN"``), a list of them (their
            documents together) or a subset (``atlas.subset(countries="CN")``).
        reference: the same kinds; None for every other document of ``atlas``.
        measure: ``ll`` (log-likelihood G2 of the 2x2 table), ``chi2`` (Pearson, no continuity correction) or ``log_ratio``
            (Hardie's log ratio, the binary log of the ratio of relative frequencies); the ranking statistic.
        unit: ``lemma``, ``token`` or ``ngram`` (bigrams), as in :func:`~scoreatlas.analysis.frequency.frequency`.
        min_count: leave out terms seen fewer times in target and reference together.
        remove_stopwords: leave out stop words.

    Returns:
        Columns ``term``, ``target`` and ``reference`` (raw counts), ``target_per_10k``,
        ``reference_per_10k``, ``statistic`` (the measure, negative where the reference uses the term more),
        ``p_value`` (chi-squared with one degree of freedom on G2 or chi2; for ``log_ratio`` that of G2) and
        ``log_ratio`` (the effect size). Most key first. ``attrs`` holds ``measure``, ``n_target`` and
        ``n_reference`` (counted units on each side).

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> atlas.keyness(target="CN", reference=["DE", "FR", "NL", "AT", "EU"]).head(10)  # doctest: +SKIP
    """
    from scipy.stats import chi2 as chi2_dist

    check_option("measure", measure, KeynessMeasure)
    tgt = resolve(atlas, target, "target")
    if reference is None:
        ref = atlas._view(frozenset(atlas.documents["doc_id"]) - tgt.doc_ids, {"reference": "rest"})
    else:
        ref = resolve(atlas, reference, "reference")
    t_terms = terms(tgt, unit=unit, remove_stopwords=remove_stopwords)["term"]
    r_terms = terms(ref, unit=unit, remove_stopwords=remove_stopwords)["term"]
    n_t, n_r = len(t_terms), len(r_terms)
    if n_t == 0 or n_r == 0:
        side = "target" if n_t == 0 else "reference"
        raise UserError("E016", what=side, allowed="a set of documents with words in them", value="no words")
    table = pd.concat([t_terms.value_counts().rename("target"), r_terms.value_counts().rename("reference")], axis=1)
    table = table.fillna(0).astype(np.int64)
    table = table[(table["target"] + table["reference"]) >= min_count]
    a = table["target"].to_numpy(dtype=float)
    b = table["reference"].to_numpy(dtype=float)
    total = n_t + n_r
    e1 = n_t * (a + b) / total
    e2 = n_r * (a + b) / total
    more = a / n_t >= b / n_r
    sign = np.where(more, 1.0, -1.0)
    c, d = n_t - a, n_r - b
    # The full 2x2 likelihood ratio (all four cells), as scipy's chi2_contingency(lambda_="log-likelihood").
    g2 = 2 * (_xlogy(a, e1) + _xlogy(b, e2) + _xlogy(c, n_t - e1) + _xlogy(d, n_r - e2))
    with np.errstate(divide="ignore", invalid="ignore"):
        x2 = total * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    x2 = np.nan_to_num(x2)
    log_ratio = np.log2((np.where(a > 0, a, 0.5) / n_t) / (np.where(b > 0, b, 0.5) / n_r))
    stat = {"ll": sign * g2, "chi2": sign * x2, "log_ratio": log_ratio}[measure]
    p = chi2_dist.sf(x2 if measure == "chi2" else g2, 1)
    out = pd.DataFrame({
        "term": table.index.astype(str), "target": a.astype(np.int64), "reference": b.astype(np.int64),
        "target_per_10k": a / n_t * 10_000, "reference_per_10k": b / n_r * 10_000,
        "statistic": stat, "p_value": p, "log_ratio": log_ratio,
    })
    out = out.sort_values(["statistic", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out = out[COLUMNS]
    out.attrs.update(measure=measure, n_target=n_t, n_reference=n_r)
    return out
