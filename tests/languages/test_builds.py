"""Real files through the CLI: the shared real texts (Chinese regulations, EU law) and the shipped corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import needs_shared, run_cli

CHINESE = {
    "cn_credit_reporting_industry_regulations_2013.txt": {"cn_pboc_credit_reference"},
    "cn_shandong_social_credit_regulations_2020.txt": {"cn_social_credit_system"},
    "cn_shanghai_social_credit_regulations_2017.txt": {"cn_social_credit_system"},
    "cn_shenzhen_social_credit_regulations.txt": {"cn_social_credit_system"},
    "cn_spc_dishonest_debtor_list_2013.txt": {"cn_spc_dishonest_judgment_debtors"},
    "cn_spc_high_consumption_restrictions_2010.txt": {"cn_spc_dishonest_judgment_debtors"},
}


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = needs_shared("data", "real_texts")
    store = tmp_path_factory.mktemp("real") / "rt"
    run_cli("build", str(source), "--store", str(store), check=True)
    return store


@pytest.mark.shared
@pytest.mark.slow
def test_builds_real_texts_languages(real_store: Path) -> None:
    import scoreatlas as sa

    docs = sa.open(real_store).documents
    langs = {Path(s).name: lang for s, lang in zip(docs["source"], docs["lang"], strict=True)}
    assert len(langs) == 8
    assert {n: langs[n] for n in CHINESE} == dict.fromkeys(CHINESE, "zh")
    # The GDPR file holds the English article and its Swedish translation: read in English, Swedish
    # paragraphs keep their own language in the passages table.
    assert langs["eu_ai_act_art5_recital31_en.txt"] == "en"
    assert langs["eu_gdpr_art22_en_sv.txt"] == "en"
    proc = run_cli("sql", "--store", str(real_store), "SELECT lang, count(*) FROM documents GROUP BY lang", check=True)
    assert "zh" in proc.stdout and "en" in proc.stdout


@pytest.mark.shared
@pytest.mark.slow
def test_builds_real_texts_gdpr_swedish_passages(real_store: Path) -> None:
    import scoreatlas as sa

    atlas = sa.open(real_store)
    gdpr = atlas.documents[atlas.documents["source"].str.endswith("eu_gdpr_art22_en_sv.txt")]["doc_id"].iloc[0]
    langs = set(atlas.passages[atlas.passages["doc_id"] == gdpr]["lang"])
    assert langs == {"en", "sv"}


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CHINESE))
def test_builds_real_texts_chinese_programs_and_dimensions(real_store: Path, name: str) -> None:
    import scoreatlas as sa

    docs = sa.open(real_store).documents
    row = docs[docs["source"].str.endswith(name)].iloc[0]
    assert CHINESE[name] <= set(row["programs"])
    dimensions = {t.split(".")[0] for t in row["topics"]}
    assert {"legal_basis", "operator", "targets", "sanctions", "redress"} <= dimensions
    assert len(dimensions) >= 7


@pytest.mark.shared
@pytest.mark.slow
def test_builds_real_texts_audit_clean(real_store: Path) -> None:
    proc = run_cli("audit", "--store", str(real_store))
    assert proc.returncode == 0, proc.stdout


@pytest.mark.slow
def test_builds_shipped_languages_compared_together(shipped_store: Path) -> None:
    """The shipped corpus (conftest's ``shipped_store``, built once per session) holds all five languages,
    and ``compare`` counts the passages of every language in a cell."""
    import scoreatlas as sa

    atlas = sa.open(shipped_store)
    stored = atlas.documents[atlas.documents["status"] == "stored"]
    assert set(stored["lang"]) == {"en", "zh", "fr", "de", "nl"}
    p = atlas.passages
    tagged = p[(p["programs"].map(len) > 0) & (p["topics"].map(len) > 0)]
    assert set(tagged["lang"]) >= {"en", "zh", "fr", "de", "nl"}
    table = atlas.compare()
    for program, langs in (("cn_spc_dishonest_judgment_debtors", {"en", "zh"}), ("nl_syri", {"en", "nl"})):
        cell = table[(table["program"] == program) & (table["dimension"] == "sanctions")]
        expected = p[p["programs"].map(lambda x, program=program: program in x)
                     & p["topics"].map(lambda ts: any(t.startswith("sanctions.") for t in ts))]
        assert set(expected["lang"]) >= langs
        assert int(cell["passages"].iloc[0]) == len(expected)
    proc = run_cli("compare", "--store", str(shipped_store))
    assert proc.returncode == 0 and "cn_spc_dishonest_judgment_debtors" in proc.stdout
