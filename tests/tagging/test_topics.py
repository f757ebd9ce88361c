"""The topic tagger's weak cues and their context, on the shipped English pipeline and on a tiny taxonomy."""

from __future__ import annotations

from pathlib import Path

import pytest

# One dimension, one weak cue, one context word, a window of two tokens: enough to see the rule itself.
TINY_TAXONOMY = """\
version: 1
dimensions:
  - id: operator
    label: Operator
    definition: Who runs the programme.
    context:
      window: 2
      cues:
        en: {lemmas: [run]}
    subtopics:
      - id: state_agency
        label: State agency
        definition: A government body runs it.
        cues:
          en:
            lemmas: [state-run]
            weak_lemmas: [agency]
"""


def _topics(nlp, text: str) -> set[str]:
    return {topic for *_, topic, _cue in nlp(text)._.topics}


def _dimensions(nlp, text: str) -> set[str]:
    return {topic.split(".")[0] for topic in _topics(nlp, text)}


@pytest.fixture(scope="module")
def tiny_nlp(tmp_path_factory: pytest.TempPathFactory):
    from scoreatlas.pipeline import load_pipeline

    path = Path(tmp_path_factory.mktemp("taxonomy")) / "taxonomy.yaml"
    path.write_text(TINY_TAXONOMY, encoding="utf-8")
    return load_pipeline(taxonomy=path)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("The agency runs the list.", True),
        ("They run the agency's list.", True),
        ("The agency said on Monday that it would run.", False),  # context too far away
        ("The agency spoke. It runs.", False),  # context in another sentence
        ("The list is state-run.", True),  # an ordinary cue needs no context
    ],
)
def test_topics_weak_cue_counts_only_near_context(tiny_nlp, text: str, fires: bool) -> None:
    assert ("operator.state_agency" in _topics(tiny_nlp, text)) is fires


@pytest.mark.parametrize(
    "text",
    [
        "A spokesperson for the central bank declined to comment on Tuesday.",
        "The interior ministry moved to a new building last year.",
        "City officials opened a new bridge over the river.",
    ],
)
def test_topics_naming_an_organisation_is_not_operator(nlp, text: str) -> None:
    assert "operator" not in _dimensions(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The central bank's registry collects data from every lender.",
        "The list is kept by the Ministry of the Interior.",
        "The police maintain a register of people suspected of gang involvement.",
    ],
)
def test_topics_organisation_running_the_programme_is_operator(nlp, text: str) -> None:
    assert "operator" in _dimensions(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Residents gathered in the square to watch the parade.",
        "Travellers complained about long queues at the airport.",
        "Interest rates on consumer loans rose by two points.",
    ],
)
def test_topics_mentioning_a_group_is_not_targets(nlp, text: str) -> None:
    assert "targets" not in _dimensions(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Residents are sorted into grades from A to D.",
        "Companies are rated from A to D.",
        "The model flags claimants for review.",
    ],
)
def test_topics_group_that_is_scored_or_listed_is_targets(nlp, text: str) -> None:
    assert "targets" in _dimensions(nlp, text)


@pytest.mark.parametrize(
    ("text", "dimension", "expected"),
    [
        ("They applied for housing subsidies.", "rewards", False),
        ("Trustworthy firms receive subsidies.", "rewards", True),
        ("The No Fly List was created in 2003.", "sanctions", False),
        ("Listed people may not fly.", "sanctions", True),
        ("Article 22 of the GDPR covers automated decisions.", "scoring_method", False),
        ("An automated system flags claimants as high risk.", "scoring_method", True),
        ("Article 22 of the GDPR covers automated decisions.", "legal_basis", True),
        ("The regulator found that the tax office breached the GDPR.", "legal_basis", False),
        ("Companies named on the list of serious violators can be barred from tenders.", "scoring_method", False),
        ("Firms are sorted onto a blacklist or a redlist.", "scoring_method", True),
        ("Tenants in Berlin complain about rising rents.", "targets", False),
    ],
)
def test_topics_setting_words_need_their_dimension_context(nlp, text: str, dimension: str, expected: bool) -> None:
    assert (dimension in _dimensions(nlp, text)) is expected


@pytest.fixture(scope="module")
def zh_nlp():
    from scoreatlas.pipeline import load_pipeline

    return load_pipeline(lang="zh")


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("失信企业不得发行债券。", {"sanctions.business", "sanctions.finance"}),
        ("企业和个人都可能被列入名单。", {"targets.companies", "targets.individuals"}),
    ],
)
def test_topics_chinese_cue_shared_by_two_subtopics_fires_both(zh_nlp, text: str, topics: set[str]) -> None:
    assert topics <= _topics(zh_nlp, text)


TINY_DE_TAXONOMY = """\
version: 1
dimensions:
  - id: sanctions
    label: Sanctions
    definition: What a listing costs.
    subtopics:
      - id: travel
        label: Travel
        definition: Travel bans.
        cues:
          de: {lemmas: [Reiseverbot]}
"""


@pytest.fixture
def own_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder of this test's own, and no lemmatised cues in memory: as in a fresh process."""
    import tempfile

    from scoreatlas.tagging import topics

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(topics, "_CUE_LEMMAS", {})
    path = tmp_path / "taxonomy.yaml"
    path.write_text(TINY_DE_TAXONOMY, encoding="utf-8")
    return path


def test_topics_lemmatised_cues_are_kept_on_disk_and_read_back(own_scratch: Path) -> None:
    import json

    from scoreatlas.pipeline import load_pipeline
    from scoreatlas.resources import scratch_dir
    from scoreatlas.tagging import topics

    assert _topics(load_pipeline(lang="de", taxonomy=own_scratch), "Ein Reiseverbot wurde verhängt.") == {"sanctions.travel"}
    folder = scratch_dir()
    assert folder is not None and folder.parent == own_scratch.parent
    (kept,) = folder.glob("cue-lemmas-*.json")
    assert folder.stat().st_mode & 0o077 == 0  # the owner's alone
    lemmas = json.loads(kept.read_text(encoding="utf-8"))
    assert lemmas["Reiseverbot"][0][0] == "reiseverbot"
    # A new process reads the file instead of lemmatising again: a form planted in it is what then matches.
    lemmas["Reiseverbot"] = [["reiseverbot", ["Ausreisesperre", "ausreisesperre"]]]
    kept.write_text(json.dumps(lemmas), encoding="utf-8")
    topics._CUE_LEMMAS.clear()
    assert _topics(load_pipeline(lang="de", taxonomy=own_scratch), "Eine Ausreisesperre wurde verhängt.") == {
        "sanctions.travel"}


@pytest.mark.parametrize("damage", ["{not json", '{"Reiseverbot": 5}', '["a list"]', ""])
def test_topics_damaged_lemma_file_is_lemmatised_again(own_scratch: Path, damage: str) -> None:
    from scoreatlas.pipeline import load_pipeline
    from scoreatlas.resources import scratch_dir
    from scoreatlas.tagging import topics

    load_pipeline(lang="de", taxonomy=own_scratch)("Warm-up.")
    folder = scratch_dir()
    assert folder is not None
    (kept,) = folder.glob("cue-lemmas-*.json")
    kept.write_text(damage, encoding="utf-8")
    topics._CUE_LEMMAS.clear()
    assert _topics(load_pipeline(lang="de", taxonomy=own_scratch), "Ein Reiseverbot wurde verhängt.") == {"sanctions.travel"}
    assert '"Reiseverbot"' in kept.read_text(encoding="utf-8")  # written afresh


def test_topics_scratch_folder_that_is_a_link_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import tempfile

    from scoreatlas.resources import scratch_dir

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    owner = os.getuid() if hasattr(os, "getuid") else "user"
    (tmp_path / f"scoreatlas-{owner}").symlink_to(elsewhere)
    assert scratch_dir() is None
