"""Option sets of the analysis vocabulary, in one place, so that functions, methods and the CLI agree."""

from __future__ import annotations

from typing import Literal, get_args

from scoreatlas.errors import UserError

GroupBy = Literal["program", "country", "lang", "kind", "doc", "topic", "dimension"]
Unit = Literal["lemma", "token", "ngram"]
PatternType = Literal["glob", "regex", "phrase"]
KeynessMeasure = Literal["ll", "chi2", "log_ratio"]
CollocationMeasure = Literal["logdice", "mi", "ll"]
DispersionLevel = Literal["hits", "groups"]
SortBy = Literal["doc", "left", "match", "right"]


def check_option(what: str, value: object, options: object, *, optional: bool = False) -> None:
    """Raise the one-line user error E016 when ``value`` is not one of the ``Literal`` ``options``."""
    allowed = get_args(options)
    if value is None and optional:
        return
    if value not in allowed:
        shown = ", ".join(map(str, allowed)) + (" or None" if optional else "")
        raise UserError("E016", what=what, allowed=shown, value=value)
