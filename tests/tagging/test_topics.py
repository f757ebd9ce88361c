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
