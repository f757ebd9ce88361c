"""kwic: token-based concordance lines, checked against plain regular expressions over the same text."""

from __future__ import annotations

import re

import pytest

from scoreatlas.errors import UserError


@pytest.mark.parametrize(
    ("pattern", "pattern_type", "regex"),
    [
        ("blacklist*", "glob", r"(?<!\w)blacklist\w*"),
        ("credit", "glob", r"(?<!\w)credit(?!\w)"),
        ("score*", "glob", r"(?<!\w)score\w*"),
        (r"^appeal", "regex", r"(?<!\w)appeal\w*"),
        ("失信", "glob", "失信"),
    ],
)
def test_kwic_counts_equal_a_plain_regex_over_the_shipped_corpus(shipped_atlas, pattern: str, pattern_type: str,
                                                                 regex: str) -> None:
    lines = shipped_atlas.kwic(pattern, pattern_type=pattern_type)
    passages = shipped_atlas.passages.set_index("passage_id")["text"]
    expected = passages.map(lambda t: len(re.findall(regex, t, re.IGNORECASE)))
    found = lines.groupby("passage_id").size().reindex(expected.index, fill_value=0)
    assert len(lines) > 0
    assert (found == expected).all()


@pytest.mark.parametrize(
    ("pattern", "window", "left", "match", "right"),
    [
        ("objection", 2, "file an", "objection", "with the"),
        ("train tick*", 3, "debtors from buying", "train tickets", ". Debtors on"),
        ("removed", 1, "is", "removed", "from"),
    ],
)
def test_kwic_context_is_window_tokens_either_side(mini, pattern: str, window: int, left: str, match: str,
                                                    right: str) -> None:
    row = mini.kwic(pattern, window=window).iloc[0]
    assert (row["left"], row["match"], row["right"]) == (left, match, right)
    assert row["program"] == "cn_spc_dishonest_judgment_debtors"
    assert row["source"] == "https://example.org/spc-news"
    assert "Example Daily" in row["citation"]


@pytest.mark.parametrize(("pattern", "pattern_type", "n"), [
    ("失信被执行人", "phrase", 3), ("乘坐飞机", "phrase", 1), ("social credit system", "phrase", 0),
    ("credit score", "phrase", 3), ("CREDIT SCORE", "phrase", 3), ("credit sco*", "glob", 3),
])
def test_kwic_phrases_are_tokenised_like_the_text(mini, pattern: str, pattern_type: str, n: int) -> None:
    assert len(mini.kwic(pattern, pattern_type=pattern_type)) == n


@pytest.mark.parametrize(("pattern", "pattern_type"), [("PERSON*", "glob"), ("person_1", "glob"), ("PERSON", "regex"),
                                                       ("[PERSON_1]", "phrase")])
def test_kwic_never_matches_placeholders(mini, pattern: str, pattern_type: str) -> None:
    assert mini.passages["text"].str.contains("[PERSON_1]", regex=False).any()
    assert mini.kwic(pattern, pattern_type=pattern_type).empty


@pytest.mark.parametrize("sort", ["left", "right", "match", "doc"])
def test_kwic_sorts_as_concordancers_do(mini, sort: str) -> None:
    lines = mini.kwic("blacklist*", sort=sort)
    if sort == "left":
        keys = [" ".join(reversed(x.lower().split())) for x in lines["left"]]
    elif sort == "doc":
        keys = list(zip(lines["doc_id"], lines["position"], strict=True))
    else:
        keys = list(lines[sort].str.lower())
    assert keys == sorted(keys)
    assert len(lines) == 4


@pytest.mark.parametrize("by", ["lang", "program", "topic"])
def test_kwic_by_adds_the_group(mini, by: str) -> None:
    lines = mini.kwic("blacklist*", by=by)
    assert by in lines.columns and list(lines.columns).count(by) == 1


@pytest.mark.parametrize(("kwargs", "code"), [({"pattern": "[unclosed", "pattern_type": "regex"}, "E016"),
                                              ({"pattern": "x", "pattern_type": "fuzzy"}, "E016"),
                                              ({"pattern": "x", "sort": "random"}, "E016"),
                                              ({"pattern": "  "}, "E016")])
def test_kwic_bad_options_are_user_errors(mini, kwargs: dict, code: str) -> None:
    with pytest.raises(UserError, match=code):
        mini.kwic(**kwargs)
