"""collocations: node-collocate counts inside passages, and logDice / MI / LL as defined."""

from __future__ import annotations

import math

import pytest

from scoreatlas.errors import UserError


@pytest.mark.parametrize(("collocate", "count"), [("score", 3), ("card", 1), ("datum", 0), ("data", 1), ("schufa", 1)])
def test_collocations_count_neighbours_within_the_window(mini, collocate: str, count: int) -> None:
    table = mini.collocations("credit", window=1, min_count=1).set_index("collocate")
    assert (table.loc[collocate, "count"] if collocate in table.index else 0) == count


@pytest.mark.parametrize("measure", ["logdice", "mi", "ll"])
def test_collocations_measures_follow_their_formulas(mini, measure: str) -> None:
    table = mini.collocations("credit", window=1, min_count=1, measure=measure).set_index("collocate")
    row = table.loc["score"]
    fxy, fx, fy = row["count"], row["node_count"], row["collocate_count"]
    assert (fxy, fx, fy) == (3, 5, 3)
    n = int((mini.tokens()["word"] & ~mini.tokens()["stop"]).sum())
    if measure == "logdice":
        assert row["statistic"] == pytest.approx(14 + math.log2(2 * fxy / (fx + fy)))
    elif measure == "mi":
        assert row["statistic"] == pytest.approx(math.log2(fxy * n / (fx * fy)))
    else:
        from scipy.stats import chi2_contingency

        g2 = chi2_contingency([[fxy, fx - fxy], [fy - fxy, n - fx - fy + fxy]], correction=False,
                              lambda_="log-likelihood")[0]
        assert row["statistic"] == pytest.approx(g2)
    assert table["statistic"].is_monotonic_decreasing


@pytest.mark.parametrize("pair", [("credit", "score")])
def test_collocations_without_a_node_find_pairs(mini, pair: tuple[str, str]) -> None:
    table = mini.collocations(window=2, min_count=2)
    pairs = set(zip(table["node"], table["collocate"], strict=True))
    assert pair in pairs


@pytest.mark.parametrize("pattern", ["blacklist*"])
def test_collocations_on_the_shipped_corpus_stay_in_logdice_range(shipped_atlas, pattern: str) -> None:
    table = shipped_atlas.collocations(pattern, min_count=2)
    assert len(table) > 0 and (table["statistic"] <= 14).all()
    assert not table["collocate"].str.contains("person", case=False).any()


@pytest.mark.parametrize(("kwargs", "code"), [({"measure": "t"}, "E016"), ({"window": 0}, "E016")])
def test_collocations_bad_options_are_user_errors(mini, kwargs: dict, code: str) -> None:
    with pytest.raises(UserError, match=code):
        mini.collocations("credit", **kwargs)
