"""Choosing documents by their metadata: which documents of an atlas a subset keeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from scoreatlas.errors import UserError

if TYPE_CHECKING:
    from scoreatlas.analysis.atlas import Atlas

Many = str | Iterable[str] | None
DateLike = str | int | dt.date | None


def as_list(value: Many) -> list[str] | None:
    """``None`` stays ``None`` (no filter); one string becomes a list of one."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _date(value: DateLike) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _any_in(column: pd.Series, wanted: set[str]) -> pd.Series:
    return column.map(lambda values: bool(wanted.intersection(values)))


def select_documents(
    atlas: Atlas,
    *,
    programs: Many = None,
    countries: Many = None,
    topics: Many = None,
    lang: Many = None,
    kind: Many = None,
    date_from: DateLike = None,
    date_to: DateLike = None,
) -> tuple[frozenset[str], dict[str, Any]]:
    """The doc_ids of ``atlas`` that pass every given filter, and the filters as given (for display)."""
    from scoreatlas.analysis.compare import _dimensions

    docs = atlas.documents
    keep = pd.Series(True, index=docs.index)
    shown: dict[str, Any] = {}
    progs = as_list(programs)
    if progs is not None:
        known = set(atlas.programs["program"])
        for p in progs:
            if p not in known:
                raise UserError("E011", program=p)
        keep &= _any_in(docs["programs"], set(progs))
        shown["programs"] = progs
    ctry = as_list(countries)
    if ctry is not None:
        keep &= _any_in(docs["countries"], {c.upper() for c in ctry})
        shown["countries"] = ctry
    tops = as_list(topics)
    if tops is not None:
        dims = set(_dimensions(atlas))
        for t in tops:
            if t.split(".", 1)[0] not in dims:
                raise UserError("E012", topic=t)
        wanted = set(tops)
        keep &= docs["topics"].map(lambda ts: any(t in wanted or t.split(".", 1)[0] in wanted for t in ts))
        shown["topics"] = tops
    langs = as_list(lang)
    if langs is not None:
        keep &= docs["lang"].fillna("").str.lower().isin({x.lower() for x in langs})
        shown["lang"] = langs
    kinds = as_list(kind)
    if kinds is not None:
        wanted_kinds = set(kinds)
        program_kind = atlas.programs.set_index("program")["kind"].to_dict()
        by_program = docs["programs"].map(lambda ps: any(program_kind.get(p) in wanted_kinds for p in ps))
        keep &= docs["kind"].fillna("").isin(wanted_kinds) | by_program
        shown["kind"] = kinds
    start, end = _date(date_from), _date(date_to)
    dates = docs["date"].fillna("").astype(str)
    if start:
        keep &= dates.ne("") & (dates.str[: len(start)] >= start)
        shown["date_from"] = start
    if end:
        keep &= dates.ne("") & (dates.str[: len(end)] <= end)
        shown["date_to"] = end
    return frozenset(docs.loc[keep, "doc_id"]), shown
