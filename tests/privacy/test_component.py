"""The combined detector through the real spaCy pipeline: what a build removes and what it keeps."""

from __future__ import annotations

import pytest

from scoreatlas.privacy import LANGUAGE_DETECTORS, detect_name_parts, detect_text
from scoreatlas.types import Span


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Judge Lincoln dismissed the claim.", ["Lincoln"]),
        ("Anne-Sophie Vermeulen, a researcher, said so. Vermeulen's report followed.", ["Anne", "Sophie", "Vermeulen"]),
        ("“I could not buy a ticket,” said Wang Xiuying, 54. Wang said she repaid the debt.", ["Wang", "Xiuying"]),
        ("Minister Pieter van der Berg spoke. Van der Berg declined to say more.", ["Pieter", "Berg"]),
        ("A man called Jordan Paris told the inquiry. Paris, 41, works as a nurse.", ["Jordan", "Paris"]),
        ("Write to wei.zhang.1968@mail.example.cn, offering a reward for information on Zhang.", ["Zhang", "wei"]),
        ("“I'm glad to hear it,” says Izumi.", ["Izumi"]),  # a small town's name after a cue
        ("My name is Rubija", ["Rubija"]),  # a cue stands against NER's organisation label
    ],
)
def test_component_persons_removed_everywhere(redact, text: str, gone: list[str]) -> None:
    import regex

    out = redact(text)
    for token in gone:
        assert not regex.search(rf"(?<!\w){token}(?!\w)", out, regex.IGNORECASE), out


@pytest.mark.parametrize(
    "text",
    [
        "The Cyberspace Administration of China did not respond to a request for comment.",
        "The Dutch Data Protection Authority fined the tax office; Experian said it would appeal.",
        "Amnesty International and the Federal Court of Australia were named in the ruling.",
        "Washington is one of several US states that restrict credit checks; Lincoln, Nebraska, is another.",
        "The Supreme People's Court said millions of tickets had been blocked; the court publishes the list.",
        "Courts added 40,000 names in 2019, barring 5.7 million people; the fine was €2.75 million.",
        "Groups such as Amnesty International France and Human Rights Watch China objected.",
        "Le lycée Victor-Hugo de Besançon et la Heinrich-Heine-Universität Düsseldorf ont répondu.",
    ],
)
def test_component_kept_names_and_figures_survive(redact, text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Zh\u200bang Wei, a lawyer, said the list grew.", "Zh"),
        ("Ve\u00adrmeulen, a researcher at the court, said so. Anne Vermeulen left.", "rmeulen"),
        ("Anne V\u0435rmeulen, a researcher, said so.", "rmeulen"),  # Cyrillic е
    ],
)
def test_component_evasions_normalised(redact, text: str, gone: str) -> None:
    assert gone not in redact(text)


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("Call Tyrell Jackson at (415) 555-0198 or email tjackson@example.com now.", "[PHONE]"),
        ("The card 4532 0187 4619 0322 was used.", "[CARD]"),
        ("Her number 371082196802091538 was published.", "[ID]"),
    ],
)
def test_component_identifiers_typed(redact, text: str, placeholder: str) -> None:
    assert placeholder in redact(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("interview_anne_vermeulen.pdf", "interview_[PERSON_1].pdf"),
        ("zhang-wei-notes.txt", "[PERSON_1]-notes.txt"),
        ("AnneVermeulen.md", "[PERSON_1].md"),
        ("cn_social_credit_system.md", "cn_social_credit_system.md"),
        ("2019-07-10_report.txt", "2019-07-10_report.txt"),
    ],
)
def test_component_file_names(keep, value: str, expected: str) -> None:
    from scoreatlas.privacy import Redaction

    assert Redaction(value, detect_name_parts(value, keep=keep)).apply() == expected


@pytest.mark.parametrize("known", [{"Anne-Sophie Vermeulen"}])
def test_component_known_forms_reach_titles(keep, known: set[str]) -> None:
    from scoreatlas.privacy import Redaction

    title = "What vermeulen told the court"
    assert Redaction(title, detect_text(title, keep=keep, known_forms=known)).apply() == "What [PERSON_1] told the court"


@pytest.mark.parametrize("lang", ["xx"])
def test_component_language_detectors_dispatched(keep, lang: str) -> None:
    def find_marker(text: str, doc: object) -> list[Span]:
        i = text.find("QQQ")
        return [Span(i, i + 3, "PERSON", "title")] if i >= 0 else []

    LANGUAGE_DETECTORS[lang] = [find_marker]
    try:
        spans = detect_text("the QQQ wrote", keep=keep, lang=lang)
        assert any(s.detector == "title" for s in spans)
        assert not any(s.detector == "title" for s in detect_text("the QQQ wrote", keep=keep, lang="en"))
    finally:
        del LANGUAGE_DETECTORS[lang]


@pytest.mark.parametrize("text", ["Experian said the score was wrong, according to TechNode."])
def test_component_doc_keep_protects_declared_publishers(privacy_nlp, text: str) -> None:
    doc = privacy_nlp.make_doc(text)
    doc._.doc_keep = ["TechNode"]
    doc = privacy_nlp(doc)
    assert not any(kind == "PERSON" for _s, _e, kind, _d in doc._.pii)
