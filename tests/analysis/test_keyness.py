"""keyness: counts, G2 / chi2 checked against scipy's contingency test, log ratio, targets by id or subset."""

from __future__ import annotations

import math

import pytest
from scipy.stats import chi2_contingency

from scoreatlas.errors import UserError


@pytest.mark.parametrize("measure", ["ll", "chi2", "log_ratio"])
def test_keyness_statistics_agree_with_scipy(mini, measure: str) -> None:
    table = mini.keyness(target="de_schufa", reference="cn_spc_dishonest_judgment_debtors", measure=measure,
                         min_count=1)
    n_t, n_r = table.attrs["n_target"], table.attrs["n_reference"]
    row = table.set_index("term").loc["credit"]
    assert (row["target"], row["reference"]) == (5, 0)
    observed = [[row["target"], row["reference"]], [n_t - row["target"], n_r - row["reference"]]]
    g2, p_ll, _, _ = chi2_contingency(observed, correction=False, lambda_="log-likelihood")
    x2, p_x2, _, _ = chi2_contingency(observed, correction=False)
    expected = {"ll": (g2, p_ll), "chi2": (x2, p_x2), "log_ratio": (math.log2((5 / n_t) / (0.5 / n_r)), p_ll)}[measure]
    assert row["statistic"] == pytest.approx(expected[0])
    assert row["p_value"] == pytest.approx(expected[1])
    assert row["log_ratio"] == pytest.approx(math.log2((5 / n_t) / (0.5 / n_r)))


@pytest.mark.parametrize("measure", ["ll", "chi2"])
def test_keyness_reference_terms_are_negative_and_last(mini, measure: str) -> None:
    table = mini.keyness(target="de_schufa", reference="cn_spc_dishonest_judgment_debtors", measure=measure,
                         min_count=1)
    assert table["statistic"].is_monotonic_decreasing
    debtor = table.set_index("term").loc["debtor"]
    assert debtor["statistic"] < 0 and debtor["target"] == 0 and debtor["reference"] == 4
    assert table.iloc[0]["statistic"] > 0


@pytest.mark.parametrize(("target", "reference"), [("DE", None), (["de_schufa"], "CN"), ("subset", "subset")])
def test_keyness_targets_by_program_country_or_subset(mini, target, reference) -> None:
    if target == "subset":
        target, reference = mini.subset(countries="DE"), mini.subset(countries="CN")
    table = mini.keyness(target=target, reference=reference, min_count=1)
    baseline = mini.keyness(target="de_schufa", reference="cn_spc_dishonest_judgment_debtors", min_count=1)
    assert table.set_index("term")["statistic"].to_dict() == pytest.approx(baseline.set_index("term")["statistic"].to_dict())


@pytest.mark.parametrize(("target", "reference"), [("xx_unknown", None), ("ZZ", None)])
def test_keyness_unknown_target_is_a_user_error(mini, target, reference) -> None:
    with pytest.raises(UserError, match="E016"):
        mini.keyness(target=target, reference=reference)


@pytest.mark.parametrize("europe", [["DE", "FR", "NL", "AT", "PL", "DK", "IT", "SE", "GB", "EU"]])
def test_keyness_chinese_programs_against_european_ones(shipped_atlas, europe: list[str]) -> None:
    programs = shipped_atlas.programs
    chinese = list(programs.loc[programs["country"].eq("CN"), "program"])
    european = list(programs.loc[programs["country"].isin(europe), "program"])
    table = shipped_atlas.keyness(target=chinese, reference=european)
    assert len(table) > 50
    top = table.head(10)
    assert (top["p_value"] < 0.01).all() and (top["target_per_10k"] > top["reference_per_10k"]).all()
