"""atlas.subset: a view over the parent's loaded tables, filtered by document metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scoreatlas.errors import UserError


@pytest.mark.parametrize(
    ("filters", "titles"),
    [
        ({"programs": "de_schufa"}, {"How the SCHUFA score works"}),
        ({"countries": "CN"}, {"Court blacklist keeps debtors off planes", "失信被执行人名单"}),
        ({"countries": ["cn"], "lang": "en"}, {"Court blacklist keeps debtors off planes"}),
        ({"lang": "zh"}, {"失信被执行人名单"}),
        ({"kind": "news"}, {"Court blacklist keeps debtors off planes"}),
        ({"kind": "credit_score"}, {"How the SCHUFA score works"}),
        ({"topics": "redress"}, {"Court blacklist keeps debtors off planes"}),
        ({"topics": ["sanctions.travel"]}, {"Court blacklist keeps debtors off planes", "失信被执行人名单"}),
        ({"date_from": "2019-06"}, {"Court blacklist keeps debtors off planes", "How the SCHUFA score works"}),
        ({"date_to": 2019}, {"Court blacklist keeps debtors off planes", "失信被执行人名单"}),
        ({"date_from": "2020", "date_to": "2023-12-31"}, {"How the SCHUFA score works"}),
    ],
)
def test_subset_filters_choose_documents(mini, filters: dict[str, Any], titles: set[str]) -> None:
    sub = mini.subset(**filters)
    assert set(sub.documents["title"]) == titles
    assert set(sub.passages["doc_id"]) <= sub.doc_ids
    assert set(sub.claims_table["doc_id"]) <= sub.doc_ids


@pytest.mark.parametrize("countries", ["CN"])
def test_subset_is_a_view_not_a_copy(mini, mini_store: Path, countries: str) -> None:
    before = sorted(p.name for p in mini_store.iterdir())
    sub = mini.subset(countries=countries)
    assert sub.base is mini and sub.is_subset and not mini.is_subset
    assert sub.passages.index.isin(mini.passages.index).all()
    assert (sub.passages["text"] == mini.passages.loc[sub.passages.index, "text"]).all()
    assert sorted(p.name for p in mini_store.iterdir()) == before
    assert "subset" in repr(sub) and "countries" in repr(sub)


@pytest.mark.parametrize(("first", "second", "n"), [({"countries": "CN"}, {"lang": "zh"}, 1),
                                                     ({"lang": "en"}, {"programs": "de_schufa"}, 1)])
def test_subset_of_a_subset_narrows(mini, first: dict[str, Any], second: dict[str, Any], n: int) -> None:
    sub = mini.subset(**first).subset(**second)
    assert len(sub.documents) == n
    assert sub.base is mini


@pytest.mark.parametrize("method", ["compare", "claims", "timeline", "sources", "coverage"])
def test_subset_answers_every_method(mini, method: str) -> None:
    sub = mini.subset(programs="de_schufa")
    frame = getattr(sub, method)()
    assert frame is not None
    if method == "claims":
        assert frame.empty  # the only claim (5.7 million barred from flights) is in the Chinese court news


@pytest.mark.parametrize("lang", ["en"])
def test_subset_sql_sees_only_its_documents(mini, lang: str) -> None:
    sub = mini.subset(lang=lang)
    n = sub.sql("SELECT count(*) AS n FROM passages")["n"].iloc[0]
    assert n == len(sub.passages) < len(mini.passages)


@pytest.mark.parametrize(("filters", "code"), [({"programs": "xx_nothing"}, "E011"), ({"topics": "nonsense"}, "E012")])
def test_subset_unknown_names_are_user_errors(mini, filters: dict[str, Any], code: str) -> None:
    with pytest.raises(UserError, match=code):
        mini.subset(**filters)
