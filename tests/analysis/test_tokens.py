"""Tokens, lemmas and stop words from spaCy per language; placeholders never words; one cache per atlas."""

from __future__ import annotations

import pytest

from scoreatlas.analysis.tokens import tokenize


@pytest.mark.parametrize(
    ("lang", "text", "lemmas"),
    [
        ("en", "The courts were barring debtors from flights", {"court", "bar", "debtor", "flight"}),
        ("fr", "Les tribunaux ont interdit aux débiteurs de prendre des trains", {"tribunal", "débiteur", "train"}),
        ("de", "Die Gerichte haben den Schuldnern verboten, Züge zu nehmen", {"gericht", "schuldner", "zug"}),
        ("nl", "De rechtbanken verboden schuldenaars treinen te nemen", {"rechtbank", "schuldenaar"}),
        ("zh", "失信被执行人不得乘坐飞机和高铁。", {"失信", "被执行人", "飞机", "高铁"}),
    ],
)
def test_tokens_lemmas_in_every_supported_language(lang: str, text: str, lemmas: set[str]) -> None:
    frame = tokenize([text], lang)
    assert lemmas <= set(frame.loc[frame["word"], "lemma"])


@pytest.mark.parametrize(("lang", "text", "stop"), [
    ("en", "The list of the court", "the"), ("fr", "Les listes de la cour", "les"),
    ("de", "Die Liste der Gerichte", "die"), ("nl", "De lijst van de rechtbank", "de"),
    ("zh", "法院和银行", "和"),
])
def test_tokens_stop_words_come_from_spacy(lang: str, text: str, stop: str) -> None:
    frame = tokenize([text], lang)
    assert frame.loc[frame["norm"].eq(stop), "stop"].all()
    assert not frame.loc[frame["word"] & ~frame["norm"].eq(stop), "stop"].all()


@pytest.mark.parametrize("text", ["said [PERSON_1], a lawyer", "mail [EMAIL] or call [PHONE_2].", "[PERSON_12]'s list"])
def test_tokens_placeholders_are_never_words(text: str) -> None:
    frame = tokenize([text], "en")
    inside = frame[frame["text"].str.contains("PERSON|EMAIL|PHONE")]
    assert len(inside) and inside["ph"].all() and not inside["word"].any()
    assert set(frame.loc[frame["word"], "norm"]) <= {"said", "a", "lawyer", "mail", "or", "call", "'s", "list"}


@pytest.mark.parametrize("unit", ["lemma", "token"])
def test_tokens_placeholder_of_a_built_store_is_not_counted(mini, unit: str) -> None:
    assert mini.passages["text"].str.contains(r"\[PERSON_1\]").any()
    terms = set(mini.frequency(unit=unit, remove_stopwords=False)["term"])
    assert not {t for t in terms if "person" in t.lower()}


@pytest.mark.parametrize("countries", ["CN"])
def test_tokens_cached_once_and_shared_with_subsets(mini, countries: str) -> None:
    first = mini.tokens()
    assert mini.tokens() is first
    sub = mini.subset(countries=countries)
    assert set(sub.tokens()["pidx"]) == set(sub.passages.index)
    assert mini.tokens() is first


@pytest.mark.parametrize("lang", ["en"])
def test_tokens_are_in_document_order_with_spaces_between_passages(mini, lang: str) -> None:
    tokens = mini.tokens()
    doc = tokens[tokens["lang"].astype(str).eq(lang)].groupby("doc_id", observed=True)
    for _, frame in doc:
        assert list(frame["i"]) == list(range(len(frame)))
        text = "".join(frame["text"] + frame["ws"])
        assert ". The" in text or ". A" in text or ". People" in text
