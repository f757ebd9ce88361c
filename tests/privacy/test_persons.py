"""Person rules one by one: cues, gazetteers, name shapes, propagation (no NER here; see test_component)."""

from __future__ import annotations

import pytest

from scoreatlas.privacy.persons import (
    cue_persons,
    gazetteer_persons,
    list_persons,
    names_in_identifier,
    propagate,
)
from scoreatlas.types import Span


def _names(spans: list[Span], text: str, rule: str | None = None) -> set[str]:
    return {text[s.start : s.end] for s in spans if rule is None or s.detector == rule}


@pytest.mark.parametrize(
    ("text", "name", "rule"),
    [
        ("Judge Lincoln dismissed the claim.", "Lincoln", "role"),
        ("Mr Chen Jianguo runs a shop.", "Chen Jianguo", "title"),
        ("Dr. Ingrid Halvorsen told the committee.", "Ingrid Halvorsen", "title"),
        ("Minister Pieter van der Berg told parliament.", "Pieter van der Berg", "role"),
        ("Lawyer Will Baker said he will appeal.", "Will Baker", "role"),
        ("the spokesperson Anna Berg said", "Anna Berg", "role"),
        ("Plaintiffs Ruth Abebe, Samuel Otieno and Grace Wanjiru say", "Samuel Otieno", "role"),
        ("Paris, 41, works as a nurse in Detroit.", "Paris", "age"),
        ("A man called Jordan Paris told the inquiry", "Jordan Paris", "called"),
        ("Frau Müller-Lüdenscheidt sagte", "Müller-Lüdenscheidt", "title"),
        ("Mme Élodie Marchand a dit", "Élodie Marchand", "title"),
    ],
)
def test_persons_strong_cues(text: str, name: str, rule: str) -> None:
    assert name in _names(cue_persons(text), text, rule)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the list grew, said Liu Jiahao, a lawyer in Hangzhou.", "Liu Jiahao"),
        ("Wang said she repaid the debt.", "Wang"),
        ("Anne-Sophie Vermeulen, a researcher at Amnesty International, said so.", "Anne-Sophie Vermeulen"),
        ("Okafor's appeal was heard on Tuesday.", "Okafor"),
        ("By Jan de Vries and Priya Raghunathan, Beijing", "Jan de Vries"),
        ("By Jan de Vries and Priya Raghunathan, Beijing", "Priya Raghunathan"),
        ("Additional reporting by Kwabena Owusu-Ansah in Accra.", "Kwabena Owusu-Ansah"),
        ("The report was written by J. K. Mwangi of the Commission.", "J. K. Mwangi"),
        ("Judgment debtor: ZHANG WEI, male", "ZHANG WEI"),
        ("Remember me, Kelly? I talked like this.", "Kelly"),
        ("My name is Akinori", "Akinori"),
        ("said Gladys to Logan", "Logan"),
    ],
)
def test_persons_weak_cues(text: str, name: str) -> None:
    assert name in _names(cue_persons(text), text)


@pytest.mark.parametrize(
    "text",
    [
        "By March 2021 the list had grown.",
        "Officials said the list would grow.",
        "The Court said in a statement that it would review the list.",
        "according to The Insider, about 20,000 people were named",
        "The National Development and Reform Commission runs Credit China.",
        "General Data Protection Regulation applies.",
        "Justice Department officials declined to comment.",
    ],
)
def test_persons_cues_skip_ordinary_words_and_organisations(text: str) -> None:
    assert cue_persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Anne Vermeulen spoke first.", "Anne Vermeulen"),
        ("Zhang Wei spoke first.", "Zhang Wei"),
        ("Park Ji-hoon, a rider, spoke.", "Park Ji-hoon"),
        ("Tan Wei Ling spoke.", "Tan Wei Ling"),
        ("NOTICE: ZHANG WEI, male", "ZHANG WEI"),
        ("DEFENDANT: MARISOL GUTIERREZ.", "MARISOL GUTIERREZ"),
        ("Sydney Clarke moved to London.", "Sydney Clarke"),
        ("It is under my partner's name Shane M Culp", "Shane M Culp"),
        ("follow up with monika žilková in a month", "monika žilková"),
        ("Ahmad bin Yusuf, a worker", "Ahmad bin Yusuf"),
    ],
)
def test_persons_gazetteer_pairs(text: str, name: str) -> None:
    assert name in _names(gazetteer_persons(text), text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I would like to remove my kid Lukas from the will.", "Lukas"),
        ("Unlike the Castro novel, it is not about that.", "Castro"),
    ],
)
def test_persons_gazetteer_single_names(text: str, found: str) -> None:
    assert found in _names(gazetteer_persons(text), text, "gazetteer_single")


@pytest.mark.parametrize(
    "text",
    [
        "Will the court review the case?",  # a first name that is a common word, alone
        "Grace Period rules apply.",  # common word after it
        "Sunshine Loan is a product for people on low incomes.",
        "English and German versions exist.",  # languages are not names
        "Vajiram & Ravi reported the figure.",  # a firm
        "Die Kraft des Gesetzes wirkt lange.",
    ],
)
def test_persons_gazetteer_not_ordinary_words(text: str) -> None:
    assert _names(gazetteer_persons(text, lang="de" if text.startswith("Die") else "en"), text) == set()


@pytest.mark.parametrize(("lang", "found"), [("en", True), ("de", False), ("fr", False)])
def test_persons_gazetteer_single_only_in_english(lang: str, found: bool) -> None:
    text = "Elle a dit que Lukas viendrait."
    assert ("Lukas" in _names(gazetteer_persons(text, lang=lang), text, "gazetteer_single")) is found


@pytest.mark.parametrize(
    ("text", "surfaces", "expected"),
    [
        ("Anne-Sophie Vermeulen spoke. Later Vermeulen said no.", ["Anne-Sophie Vermeulen"], {"Vermeulen", "Anne-Sophie Vermeulen"}),
        ("Wang Xiuying spoke. WANG said no; wang agreed.", ["Wang Xiuying"], {"WANG", "wang", "Wang Xiuying"}),
        ("Pieter van der Berg spoke. Van der Berg left.", ["Pieter van der Berg"], {"Van der Berg", "Pieter van der Berg"}),
    ],
)
def test_persons_propagate_parts_in_any_case(text: str, surfaces: list[str], expected: set[str]) -> None:
    assert expected <= _names(propagate(text, surfaces), text)


@pytest.mark.parametrize(
    ("text", "surface", "absent"),
    [
        ("The Supreme People's Court ruled. The court and the Court agree.", "Supreme People's Court", "Court"),
        ("Will Baker said he will appeal.", "Will Baker", "will"),
        ("Jordan Paris spoke. Paris is far from Jordan.", "Jordan Paris", "Paris"),
    ],
)
def test_persons_propagate_never_spreads_kept_or_common_words(text: str, surface: str, absent: str, keep) -> None:
    found = propagate(text, [surface], protected=keep.words, keep=keep)
    lone = [text[s.start : s.end] for s in found if text[s.start : s.end] == absent]
    assert lone == []


@pytest.mark.parametrize(
    ("value", "name"),
    [("wei.zhang.1968@mail.example.cn", "Wei Zhang"), ("https://www.linkedin.com/in/rahul-iyer-risk", "Rahul Iyer")],
)
def test_persons_names_in_identifier(value: str, name: str) -> None:
    assert name in names_in_identifier(value)


@pytest.mark.parametrize("text", ["They had 3: Hleb, Sheila and Donna."])
def test_persons_list_completes_a_list_of_persons(text: str) -> None:
    found = [Span(text.index(n), text.index(n) + len(n), "PERSON", "gazetteer_single") for n in ("Sheila", "Donna")]
    assert "Hleb" in _names(list_persons(text, found), text)


@pytest.mark.parametrize(
    ("text", "name", "rule"),
    [
        ("She was born on 7/30/1964. Her maiden name is LeBatelier", "LeBatelier", "called"),
        ("What's your last name? Arcuri", "Arcuri", "asked"),
        ("I want to add Irenke Sörös as a beneficiary to my account", "Irenke Sörös", "asked"),
        ("Tomomi Nishiyama lives at 86036 Rua do Arenque 1634, Goiânia", "Tomomi Nishiyama", "life"),
        ("This song by ex-Zombie Kleist is a perfect example.", "Kleist", "author"),
        ("Warrane, can I please speak to your boss?", "Warrane", "speech"),
        ("I'd like to join accounts with ms. Quinzia", "Quinzia", "title"),
    ],
)
def test_persons_cues_on_forms_and_chat(text: str, name: str, rule: str) -> None:
    assert name in _names(cue_persons(text), text, rule)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my name is borna jerkovic but everyone calls me borna", "borna jerkovic"),
        ("mr. elliott flew to helsinki on friday morning.", "elliott"),
    ],
)
def test_persons_cues_read_text_without_capitals(text: str, name: str) -> None:
    assert name in _names(cue_persons(text), text)


@pytest.mark.parametrize("text", ["Is there a better crafted pop song on this list? Dale and White were precision engineers."])
def test_persons_list_vouches_for_a_surname_that_is_a_word(text: str) -> None:
    found = [Span(text.index("Dale"), text.index("Dale") + 4, "PERSON", "ner")]
    assert "White" in _names(list_persons(text, found), text)


@pytest.mark.parametrize("text", ["Oversight. Supervision comes from two directions.", "Accountability came from the courts."])
def test_persons_life_cue_skips_abstract_nouns(text: str) -> None:
    assert cue_persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Onderzoeker Lotte Smits van de Universiteit van Amsterdam bestudeerde het.", "Lotte Smits"),
        ("M. Abdoulaye Sow du FICP a été radié.", "Abdoulaye Sow"),
    ],
)
def test_persons_name_stops_at_a_foreign_body(text: str, name: str) -> None:
    found = _names(cue_persons(text), text)
    assert name in found and not any("Universiteit" in f or "FICP" in f for f in found)
