"""dispersion: each hit's place in its document, and per-group summaries with Juilland's D."""

from __future__ import annotations

import math

import pytest


@pytest.mark.parametrize("by", ["doc", "program", None])
def test_dispersion_hits_have_relative_positions(mini, by) -> None:
    hits = mini.dispersion("blacklist*", by=by)
    assert len(hits) == 4
    assert hits["relative_position"].between(0, 1).all()
    assert (hits["position"] < hits["doc_tokens"]).all()
    assert list(hits["position"]) == sorted(hits["position"])
    assert (by in hits.columns) if by else ("group" not in hits.columns)


@pytest.mark.parametrize(("group", "hits", "documents"), [("cn_spc_dishonest_judgment_debtors", 4, 2), ("de_schufa", 0, 1)])
def test_dispersion_groups_list_every_group(mini, group: str, hits: int, documents: int) -> None:
    table = mini.dispersion("blacklist*", by="program", level="groups").set_index("program")
    assert table.loc[group, "hits"] == hits
    assert table.loc[group, "documents"] == documents


@pytest.mark.parametrize("pattern", ["credit"])
def test_dispersion_juilland_is_nan_for_one_document_and_in_range_otherwise(shipped_atlas, mini, pattern: str) -> None:
    single = mini.dispersion(pattern, by="program", level="groups").set_index("program")
    assert math.isnan(single.loc["de_schufa", "juilland_d"])
    table = shipped_atlas.dispersion(pattern, by="country", level="groups")
    d = table["juilland_d"].dropna()
    assert len(d) and d.between(0, 1).all()
