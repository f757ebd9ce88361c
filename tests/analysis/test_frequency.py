"""frequency and ngrams: exact counts on a small store, and agreement with plain pandas on the shipped one."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from scoreatlas.errors import UserError


@pytest.mark.parametrize(
    ("unit", "term", "count"),
    [("lemma", "blacklist", 4), ("token", "blacklist", 3), ("token", "blacklisted", 1), ("lemma", "debtor", 4),
     ("token", "debtors", 3), ("lemma", "被执行人", 3), ("lemma", "名单", 2), ("token", "credit", 5)],
)
def test_frequency_counts_are_exact(mini, unit: str, term: str, count: int) -> None:
    table = mini.frequency(unit=unit).set_index("term")
    assert table.loc[term, "count"] == count


@pytest.mark.parametrize(("program", "term", "count"), [("de_schufa", "credit", 5),
                                                        ("cn_spc_dishonest_judgment_debtors", "debtor", 4)])
def test_frequency_by_program_groups_passages(mini, program: str, term: str, count: int) -> None:
    table = mini.frequency(by="program")
    rows = table[table["program"].eq(program)].set_index("term")
    assert rows.loc[term, "count"] == count
    assert rows["rank"].min() == 1
    assert abs(rows["per_10k"].sum() - 10_000) < 1e-6  # every counted unit of the group, no cut-off


@pytest.mark.parametrize("n", [1, 3])
def test_frequency_n_keeps_the_top_per_group(mini, n: int) -> None:
    table = mini.frequency(by="lang", n=n)
    assert table.groupby("lang").size().max() <= n
    assert set(table["lang"]) == {"en", "zh"}


@pytest.mark.parametrize("words", [("credit", "score", "list", "court", "appeal")])
def test_frequency_tokens_equal_plain_pandas_regex_counts(shipped_atlas, words: tuple[str, ...]) -> None:
    english = shipped_atlas.subset(lang="en")  # German keeps "Score-Charakter" whole, as it should
    table = english.frequency(unit="token").set_index("term")["count"]
    text = english.passages["text"]
    # Placeholders are removed and hyphens/apostrophes split, as the English tokenizer does, then words counted.
    plain = Counter(w.lower() for t in text.str.replace(r"\[[A-Z_0-9]+\]", " ", regex=True)
                    for w in re.findall(r"[^\W\d_]+", t))
    for word in words:
        assert table.get(word, 0) == plain[word], word


@pytest.mark.parametrize(("n", "gram", "count"), [(2, "credit score", 3), (2, "train tickets", 1), (3, "free copy credit", 0)])
def test_frequency_ngrams_stay_inside_passages(mini, n: int, gram: str, count: int) -> None:
    table = mini.ngrams(n).set_index("term")["count"]
    assert table.get(gram, 0) == count


@pytest.mark.parametrize("gram", ["失信被执行人"])
def test_frequency_ngrams_join_chinese_without_spaces(mini, gram: str) -> None:
    assert mini.frequency(unit="ngram", ngram=2).set_index("term").loc[gram, "count"] == 3


@pytest.mark.parametrize(("kwargs", "code"), [({"unit": "stem"}, "E016"), ({"by": "colour"}, "E016"), ({"n": 0}, "E016"),
                                              ({"unit": "ngram", "ngram": 0}, "E016")])
def test_frequency_bad_options_are_user_errors(mini, kwargs: dict, code: str) -> None:
    with pytest.raises(UserError, match=code):
        mini.frequency(**kwargs)
