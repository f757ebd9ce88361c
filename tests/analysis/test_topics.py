"""topics_discover: NMF topics with top terms, set beside the taxonomy subtopic they overlap most."""

from __future__ import annotations

import pytest

from scoreatlas.errors import UserError


@pytest.mark.parametrize("k", [6])
def test_topics_discover_returns_k_topics_beside_the_taxonomy(shipped_atlas, k: int) -> None:
    table = shipped_atlas.topics_discover(k)
    assert list(table["topic"]) == list(range(k))
    assert table["top_terms"].map(len).gt(0).all()
    subtopics = {t for ts in shipped_atlas.passages["topics"] for t in ts}
    assert set(table["subtopic"]) - {""} <= subtopics
    assert table["overlap"].between(0, 1).all() and table["untagged_share"].between(0, 1).all()
    assert table["passages"].sum() <= len(shipped_atlas.passages)
    again = shipped_atlas.topics_discover(k)
    assert list(again["top_terms"]) == list(table["top_terms"])


@pytest.mark.parametrize("k", [0, 500])
def test_topics_discover_impossible_k_is_a_user_error(mini, k: int) -> None:
    with pytest.raises(UserError, match="E016"):
        mini.topics_discover(k)
