"""Cross-reference: programs compared dimension by dimension, every cell backed by passages."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from scoreatlas.errors import UserError

if TYPE_CHECKING:
    from scoreatlas.analysis.atlas import Atlas

DIMENSION_ORDER = (
    "operator", "legal_basis", "targets", "data_sources", "scoring_method", "rewards",
    "sanctions", "publicity", "redress", "scale", "oversight",
)


def _dimension(topic: str) -> str:
    return topic.split(".", 1)[0]


def exploded(atlas: Atlas) -> pd.DataFrame:
    """One row per (passage, program, topic) with the document's source and citation.

    Computed once per atlas (tables never change once loaded); callers filter, never modify, the result.
    """
    cache = atlas.__dict__
    if "_exploded" not in cache:
        cache["_exploded"] = _explode(atlas)
    return cache["_exploded"]


def doc_citations(atlas: Atlas) -> dict[str, list[dict[str, str]]]:
    """Each document's cited sources (see :func:`citations_of`), parsed once per atlas."""
    cache = atlas.__dict__
    if "_citations" not in cache:
        cache["_citations"] = {row["doc_id"]: citations_of(row) for _, row in atlas.documents.iterrows()}
    return cache["_citations"]


def _explode(atlas: Atlas) -> pd.DataFrame:
    p = atlas.passages[["doc_id", "passage_id", "position", "text", "programs", "topics", "cues"]]
    p = p[p["programs"].map(len).gt(0) & p["topics"].map(len).gt(0)]
    if p.empty:
        return pd.DataFrame(
            columns=["doc_id", "passage_id", "position", "text", "program", "topic", "dimension", "cues"]
        )
    p = p.explode("programs").explode("topics").rename(columns={"programs": "program", "topics": "topic"})
    p["dimension"] = p["topic"].map(_dimension)
    return p.reset_index(drop=True)


def _dimensions(atlas: Atlas) -> list[str]:
    found = atlas.manifest.get("taxonomy", {}).get("dimensions")
    if found:
        return list(found)
    topics = {t for ts in atlas.passages["topics"] for t in ts}
    dims = {_dimension(t) for t in topics}
    return [d for d in DIMENSION_ORDER if d in dims] + sorted(dims - set(DIMENSION_ORDER)) or list(DIMENSION_ORDER)


def _check(atlas: Atlas, programs: Sequence[str] | None, dimensions: Sequence[str] | None) -> tuple[list[str], list[str]]:
    known = list(atlas.programs["program"])
    progs = list(programs) if programs else known
    for p in progs:
        if p not in known:
            raise UserError("E011", program=p)
    dims_all = _dimensions(atlas)
    dims = list(dimensions) if dimensions else dims_all
    for d in dims:
        if d not in dims_all:
            raise UserError("E012", topic=d)
    return progs, dims


def _strength(frame: pd.DataFrame) -> pd.Series:
    """A passage is stronger the more distinct cues of the cell fired in it, then the earlier it stands."""
    return frame["n_topics"] * 1000 - frame["position"].clip(upper=999)


def compare(atlas: Atlas, programs: Sequence[str] | None = None, dimensions: Sequence[str] | None = None) -> pd.DataFrame:
    """Program x dimension, one row per cell: evidence passages, documents, sources and the strongest passage.

    Every requested cell is present, empty cells with zero counts, so the table is complete.
    """
    progs, dims = _check(atlas, programs, dimensions)
    ex = exploded(atlas)
    ex = ex[ex["program"].isin(progs) & ex["dimension"].isin(dims)]
    grid = pd.MultiIndex.from_product([progs, dims], names=["program", "dimension"]).to_frame(index=False)
    if ex.empty:
        for col in ("passages", "documents", "sources"):
            grid[col] = 0
        grid["strongest_passage"] = ""
        grid["strongest_passage_id"] = ""
        grid["topics"] = [[] for _ in range(len(grid))]
        return grid
    docs = atlas.documents.set_index("doc_id")
    cell = ex.groupby(["program", "dimension", "passage_id"], sort=False).agg(
        doc_id=("doc_id", "first"), text=("text", "first"), position=("position", "first"),
        n_topics=("topic", "nunique"), topics=("topic", lambda s: sorted(set(s))),
    ).reset_index()
    keys = {d: _source_key(docs, d) for d in cell["doc_id"].unique()}
    cell["source_key"] = cell["doc_id"].map(keys)
    cell["strength"] = _strength(cell)
    best = cell.sort_values("strength", ascending=False).drop_duplicates(["program", "dimension"])
    agg = cell.groupby(["program", "dimension"]).agg(
        passages=("passage_id", "nunique"), documents=("doc_id", "nunique"), sources=("source_key", "nunique"),
        topics=("topics", lambda s: sorted({t for ts in s for t in ts})),
    ).reset_index()
    agg = agg.merge(
        best[["program", "dimension", "text", "passage_id"]].rename(
            columns={"text": "strongest_passage", "passage_id": "strongest_passage_id"}
        ),
        on=["program", "dimension"],
    )
    out = grid.merge(agg, on=["program", "dimension"], how="left")
    for col in ("passages", "documents", "sources"):
        out[col] = out[col].fillna(0).astype(int)
    out["strongest_passage"] = out["strongest_passage"].fillna("")
    out["strongest_passage_id"] = out["strongest_passage_id"].fillna("")
    out["topics"] = out["topics"].map(lambda v: v if isinstance(v, list) else [])
    return out


def _source_key(docs: pd.DataFrame, doc_id: str) -> str:
    """A document's first cited source (its URL), or the document itself when it cites none."""
    if doc_id not in docs.index:
        return doc_id
    row = docs.loc[doc_id]
    cited = citations_of(row)
    return cited[0]["url"] if cited else str(row.get("source_url") or row.get("source") or doc_id)


def citations_of(row: pd.Series) -> list[dict[str, str]]:
    """The sources a document cites: its front-matter ``sources`` list, else its own URL and publisher."""
    try:
        meta = json.loads(row.get("meta") or "{}")
    except ValueError:
        meta = {}
    found = []
    for src in meta.get("sources") or []:
        if isinstance(src, dict) and src.get("url"):
            found.append({k: str(src.get(k) or "") for k in ("url", "publisher", "title", "date", "accessed")})
        elif isinstance(src, str):
            found.append({"url": src, "publisher": "", "title": "", "date": "", "accessed": ""})
    if not found and (row.get("source_url") or row.get("publisher")):
        found.append({"url": str(row.get("source_url") or ""), "publisher": str(row.get("publisher") or ""),
                      "title": str(row.get("title") or ""), "date": str(row.get("date") or ""), "accessed": ""})
    return found


def format_citation(c: dict[str, str]) -> str:
    parts = [c.get("publisher", ""), f"'{c['title']}'" if c.get("title") else "", c.get("date", ""), c.get("url", "")]
    return ", ".join(p for p in parts if p)


def matrix(table: pd.DataFrame, values: str = "passages") -> pd.DataFrame:
    """The wide program x dimension view of :func:`compare`'s output."""
    wide = table.pivot(index="program", columns="dimension", values=values)
    dims = [d for d in table["dimension"].drop_duplicates()]
    return wide.reindex(index=table["program"].drop_duplicates(), columns=dims).fillna(0).astype(int)


def evidence(atlas: Atlas, program: str, dimension: str) -> pd.DataFrame:
    """The passages behind one cell, with document, source, date, the cue that fired and a citation.

    ``dimension`` may be a dimension (``sanctions``) or one subtopic (``sanctions.travel``).
    """
    _check(atlas, [program], [dimension.split(".", 1)[0]])
    ex = exploded(atlas)
    mask = ex["program"].eq(program) & (ex["topic"].eq(dimension) | ex["dimension"].eq(dimension))
    ex = ex[mask]
    cols = ["program", "dimension", "topics", "cue", "text", "doc_id", "passage_id", "title", "source", "date",
            "publisher", "url", "citation"]
    if ex.empty:
        return pd.DataFrame(columns=cols)
    rows = ex.groupby("passage_id", sort=False).agg(
        doc_id=("doc_id", "first"), text=("text", "first"), position=("position", "first"),
        topics=("topic", lambda s: sorted(set(s))), cues=("cues", "first"),
    ).reset_index()
    rows["cue"] = [
        "; ".join(c.split("=", 1)[1] for c in cues if c.split("=", 1)[0] in topics)
        for cues, topics in zip(rows["cues"], rows["topics"], strict=True)
    ]
    docs = atlas.documents.set_index("doc_id")
    rows = rows.join(docs[["title", "source", "date"]], on="doc_id")
    cited = doc_citations(atlas)
    cites = [cited.get(d, []) for d in rows["doc_id"]]
    rows["publisher"] = [c[0]["publisher"] if c else "" for c in cites]
    rows["url"] = [c[0]["url"] if c else "" for c in cites]
    rows["citation"] = [format_citation(c[0]) if c else "" for c in cites]
    rows["program"] = program
    rows["dimension"] = dimension
    rows["n"] = rows["topics"].map(len)
    rows = rows.sort_values(["n", "doc_id", "position"], ascending=[False, True, True])
    return rows[cols].reset_index(drop=True)


def evidence_table(
    atlas: Atlas, programs: Sequence[str] | None = None, dimensions: Sequence[str] | None = None, *,
    per_cell: int | None = None,
) -> pd.DataFrame:
    """The evidence of every program x dimension cell in one table (what :func:`evidence` gives for one cell).

    Rows are ordered by program, dimension, then as in :func:`evidence`; ``per_cell`` keeps that many
    passages per cell. Used where many cells are shown at once (the report), at the cost of one pass.
    """
    progs, dims = _check(atlas, programs, dimensions)
    ex = exploded(atlas)
    ex = ex[ex["program"].isin(progs) & ex["dimension"].isin(dims)]
    cols = ["program", "dimension", "topics", "cue", "text", "doc_id", "passage_id", "title", "source", "date",
            "publisher", "url", "citation"]
    if ex.empty:
        return pd.DataFrame(columns=cols)
    rows = ex.groupby(["program", "dimension", "passage_id"], sort=False).agg(
        doc_id=("doc_id", "first"), text=("text", "first"), position=("position", "first"),
        topics=("topic", lambda s: sorted(set(s))), cues=("cues", "first"),
    ).reset_index()
    rows["cue"] = [
        "; ".join(c.split("=", 1)[1] for c in cues if c.split("=", 1)[0] in topics)
        for cues, topics in zip(rows["cues"], rows["topics"], strict=True)
    ]
    docs = atlas.documents.set_index("doc_id")
    rows = rows.join(docs[["title", "source", "date"]], on="doc_id")
    cited = doc_citations(atlas)
    first = {d: c[0] for d, c in cited.items() if c}
    none = {"publisher": "", "url": ""}
    rows["publisher"] = [first.get(d, none)["publisher"] for d in rows["doc_id"]]
    rows["url"] = [first.get(d, none)["url"] for d in rows["doc_id"]]
    rows["citation"] = [format_citation(first[d]) if d in first else "" for d in rows["doc_id"]]
    rows["n"] = rows["topics"].map(len)
    rows["_p"] = rows["program"].map({p: i for i, p in enumerate(progs)})
    rows["_d"] = rows["dimension"].map({d: i for i, d in enumerate(dims)})
    rows = rows.sort_values(["_p", "_d", "n", "doc_id", "position"], ascending=[True, True, False, True, True])
    if per_cell is not None:
        rows = rows.groupby(["program", "dimension"], sort=False).head(per_cell)
    return rows[cols].reset_index(drop=True)


def coverage(atlas: Atlas, programs: Sequence[str] | None = None) -> pd.DataFrame:
    """Per program: how many dimensions have evidence, and which have none (what to read next)."""
    table = compare(atlas, programs)
    out = table.groupby("program", sort=False).agg(
        dimensions_covered=("passages", lambda s: int((s > 0).sum())),
        passages=("passages", "sum"),
        missing=("dimension", lambda s: []),
    ).reset_index()
    missing = table[table["passages"].eq(0)].groupby("program")["dimension"].agg(list)
    out["missing"] = out["program"].map(missing).map(lambda v: v if isinstance(v, list) else [])
    names = atlas.programs.set_index("program")
    out.insert(1, "name", out["program"].map(names["name"]))
    out.insert(2, "country", out["program"].map(names["country"]))
    return out.sort_values(["dimensions_covered", "passages"], ascending=False).reset_index(drop=True)


def crossref(atlas: Atlas, topic: str) -> pd.DataFrame:
    """For one dimension or subtopic, what every program says about it, side by side."""
    dims = _dimensions(atlas)
    if topic.split(".", 1)[0] not in dims:
        raise UserError("E012", topic=topic)
    ex = exploded(atlas)
    ex = ex[ex["topic"].eq(topic) | ex["dimension"].eq(topic)]
    cols = ["program", "name", "country", "passages", "documents", "strongest_passage", "citation", "topics"]
    if ex.empty:
        return pd.DataFrame(columns=cols)
    cell = ex.groupby(["program", "passage_id"], sort=False).agg(
        doc_id=("doc_id", "first"), text=("text", "first"), position=("position", "first"),
        n_topics=("topic", "nunique"), topics=("topic", lambda s: sorted(set(s))),
    ).reset_index()
    cell["strength"] = _strength(cell)
    best = cell.sort_values("strength", ascending=False).drop_duplicates("program").set_index("program")
    agg = cell.groupby("program").agg(
        passages=("passage_id", "nunique"), documents=("doc_id", "nunique"),
        topics=("topics", lambda s: sorted({t for ts in s for t in ts})),
    )
    agg["strongest_passage"] = best["text"]
    agg["citation"] = [
        format_citation(c[0]) if (c := doc_citations(atlas).get(best.loc[p, "doc_id"])) else "" for p in agg.index
    ]
    names = atlas.programs.set_index("program")
    agg["name"] = names["name"].reindex(agg.index)
    agg["country"] = names["country"].reindex(agg.index)
    return agg.reset_index().sort_values("passages", ascending=False)[cols].reset_index(drop=True)


def related(atlas: Atlas, program: str, n: int = 10) -> pd.DataFrame:
    """Programs ranked by the subtopics they share with ``program`` (Jaccard similarity)."""
    _check(atlas, [program], None)
    ex = exploded(atlas)
    topics = ex.groupby("program")["topic"].agg(lambda s: set(s))
    mine = topics.get(program, set())
    rows = []
    for other, theirs in topics.items():
        if other == program:
            continue
        shared = mine & theirs
        union = mine | theirs
        rows.append({"program": other, "shared": len(shared), "jaccard": len(shared) / len(union) if union else 0.0,
                     "shared_topics": sorted(shared)})
    out = pd.DataFrame(rows, columns=["program", "shared", "jaccard", "shared_topics"])
    names = atlas.programs.set_index("program")
    out.insert(1, "name", out["program"].map(names["name"]))
    out.insert(2, "country", out["program"].map(names["country"]))
    return out.sort_values(["jaccard", "shared"], ascending=False).head(n).reset_index(drop=True)
