"""Keywords in context: every occurrence of a pattern with the tokens around it, as a sortable table."""

from __future__ import annotations

import fnmatch
import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scoreatlas.analysis.groups import passage_groups
from scoreatlas.analysis.tokens import COLUMNS as TOKEN_COLUMNS
from scoreatlas.analysis.tokens import blank, build_tokens, tokens_of
from scoreatlas.analysis.types import GroupBy, PatternType, SortBy, check_option
from scoreatlas.errors import UserError

if TYPE_CHECKING:
    from scoreatlas.analysis.atlas import Atlas

COLUMNS = ["doc_id", "passage_id", "position", "left", "match", "right", "program", "country", "lang", "source",
           "citation"]


def _compile(part: str, pattern_type: PatternType, case_sensitive: bool) -> re.Pattern[str]:
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        if pattern_type == "glob":
            return re.compile(fnmatch.translate(part), flags)
        return re.compile(part, flags)
    except re.error as exc:
        raise UserError("E016", what="pattern", allowed="a valid regular expression", value=f"{part} ({exc})") from None


def _token_masks(vocab: np.ndarray, forms: np.ndarray, parts: list[re.Pattern[str]], regex: bool) -> list[np.ndarray]:
    """For each pattern part, which tokens match it (decided once per distinct form)."""
    masks = []
    for rx in parts:
        test = rx.search if regex else rx.match
        hits = {v for v in vocab if test(v)}
        masks.append(pd.Series(forms, dtype=object).isin(list(hits)).to_numpy())
    return masks


def _starts(masks: list[np.ndarray], pidx: np.ndarray) -> np.ndarray:
    """Positions where part k matches at start + k for every k, all inside one passage."""
    k = len(masks)
    n = len(pidx)
    if n < k:
        return np.empty(0, dtype=np.int64)
    ok = masks[0][: n - k + 1].copy()
    for j in range(1, k):
        ok &= masks[j][j : n - k + 1 + j]
        ok &= pidx[j : n - k + 1 + j] == pidx[: n - k + 1]
    return np.flatnonzero(ok)


def _tokens_for(atlas: Atlas, pattern: str, pattern_type: PatternType, case_sensitive: bool) -> pd.DataFrame:
    """The token table ``find`` searches: the whole atlas's once it exists; before that, for a glob, only that
    of the documents with a passage whose text could hold a match.

    Tokenising every passage costs seconds on a small corpus (loading a language's tokenizer alone can: the
    French one compiles large regular expressions on import), while a concordance usually concerns a few
    documents. A token that matches a glob is a piece of its passage's text, so the glob searched anywhere
    in the text (without its end anchor) finds every passage that can match, and the positions and contexts
    are those of the whole table because whole documents are tokenised. Regular expressions can hold anchors
    and lookarounds that mean something else in the running text, and phrases need each language's
    tokenizer: both search the whole table.
    """
    if pattern_type != "glob" or "_tokens" in atlas.base.__dict__:
        return tokens_of(atlas)
    flags = 0 if case_sensitive else re.IGNORECASE
    probes = []
    for part in pattern.split():
        anchored = fnmatch.translate(part)
        if not anchored.endswith(r"\Z"):
            return tokens_of(atlas)
        probes.append(re.compile(anchored.removesuffix(r"\Z"), flags))
    passages = atlas.passages
    texts = passages["text"].fillna("").astype(str)
    hit = np.fromiter((all(rx.search(t) for rx in probes) for t in texts), dtype=bool, count=len(texts))
    docs = frozenset(passages.loc[hit, "doc_id"])
    if not docs:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TOKEN_COLUMNS})
    return build_tokens(atlas._view(docs, {}))


def find(atlas: Atlas, pattern: str, *, pattern_type: PatternType = "glob",
         case_sensitive: bool = False) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The token table (positionally indexed) and the start and end (exclusive) rows of every match."""
    check_option("pattern_type", pattern_type, PatternType)
    if not pattern or not pattern.strip():
        raise UserError("E016", what="pattern", allowed="a non-empty pattern", value=pattern)
    tokens = _tokens_for(atlas, pattern, pattern_type, case_sensitive).reset_index(drop=True)
    candidate = ~(tokens["ph"].to_numpy() | tokens["punct"].to_numpy()) if len(tokens) else np.zeros(0, bool)
    pidx = tokens["pidx"].to_numpy()
    starts, ends = [], []
    if pattern_type == "phrase":
        forms_col = "text" if case_sensitive else "norm"
        langs = tokens["lang"].to_numpy()
        forms = tokens[forms_col].to_numpy()
        placeholder = tokens["ph"].to_numpy()
        for lang in pd.unique(langs):
            in_lang = langs == lang
            words = [t.text if case_sensitive else t.lower_ for t in blank(str(lang)).make_doc(pattern.strip())
                     if not t.is_space]
            masks = [(forms == w) & in_lang & ~placeholder for w in words]
            s = _starts(masks, pidx)
            starts.append(s)
            ends.append(s + len(words))
    else:
        parts = pattern.split() if pattern_type == "glob" else [pattern]
        compiled = [_compile(p, pattern_type, case_sensitive) for p in parts]
        forms = tokens["text"].to_numpy()
        masks = [m & candidate for m in _token_masks(pd.unique(forms), forms, compiled, pattern_type == "regex")]
        s = _starts(masks, pidx)
        starts.append(s)
        ends.append(s + len(parts))
    start = np.concatenate(starts) if starts else np.empty(0, dtype=np.int64)
    end = np.concatenate(ends) if ends else np.empty(0, dtype=np.int64)
    order = np.argsort(start, kind="stable")
    return tokens, start[order], end[order]


def _joined(pieces: np.ndarray, lo: int, hi: int) -> str:
    return "".join(pieces[lo:hi]).strip()


def doc_sources(atlas: Atlas) -> pd.DataFrame:
    """Per document: the URL of its first cited source (else its file), and a ready citation."""
    from scoreatlas.analysis.compare import doc_citations, format_citation

    cited = doc_citations(atlas)
    files = atlas.documents.set_index("doc_id")["source"].fillna("").astype(str)
    rows = [{"doc_id": d, "source": c[0]["url"] if c else files.get(d, ""),
             "citation": format_citation(c[0]) if c else ""} for d, c in cited.items()]
    return pd.DataFrame(rows, columns=["doc_id", "source", "citation"]).set_index("doc_id")


def kwic(
    atlas: Atlas,
    pattern: str,
    *,
    window: int = 5,
    pattern_type: PatternType = "glob",
    by: GroupBy | None = None,
    sort: SortBy = "doc",
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Every occurrence of ``pattern`` with ``window`` tokens either side, one row per occurrence.

    Args:
        atlas: an atlas or a subset of one.
        pattern: what to find. ``glob``: one glob per token, space-separated for a sequence (``"credit scor*"``);
            ``regex``: a regular expression searched in each token; ``phrase``: words tokenised like the text
            of each language (``"social credit"``, ``"失信被执行人"``).
        window: tokens of context either side, within the document.
        pattern_type: ``glob``, ``regex`` or ``phrase``.
        by: add a column with the passage's group (see :func:`~scoreatlas.analysis.groups.passage_groups`);
            several groups are joined with ``", "``.
        sort: ``doc`` (document order), ``match``, ``left`` (by the word nearest the match, then outwards, as
            concordancers sort) or ``right``.
        case_sensitive: match case exactly (default: ignore case).

    Returns:
        Columns ``doc_id``, ``passage_id``, ``position`` (token index in the document), ``left``, ``match``,
        ``right``, ``program``, ``country``, ``lang``, ``source`` (URL cited), ``citation``, and the ``by``
        column when asked. Placeholders such as ``[PERSON_1]`` are never matched.

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> atlas.kwic("blacklist*", window=4).head()  # doctest: +SKIP
    """
    check_option("sort", sort, SortBy)
    if window < 0:
        raise UserError("E016", what="window", allowed="a number >= 0", value=window)
    tokens, start, end = find(atlas, pattern, pattern_type=pattern_type, case_sensitive=case_sensitive)
    cols = COLUMNS + ([by] if by and by not in COLUMNS else [])
    if by is not None:
        check_option("by", by, GroupBy)
    if len(start) == 0:
        return pd.DataFrame(columns=cols)
    doc_codes = tokens["doc_id"].cat.codes.to_numpy()
    n = len(tokens)
    boundaries = np.flatnonzero(np.diff(doc_codes)) + 1
    doc_start = np.repeat(np.r_[0, boundaries], np.diff(np.r_[0, boundaries, n]))
    doc_end = np.repeat(np.r_[boundaries, n], np.diff(np.r_[0, boundaries, n]))
    pieces = (tokens["text"] + tokens["ws"]).to_numpy(dtype=object)
    lo = np.maximum(doc_start[start], start - window)
    hi = np.minimum(doc_end[end - 1], end + window)
    lang = tokens["lang"].to_numpy()
    left = [_joined(pieces, a, b) for a, b in zip(lo, start, strict=True)]
    right = [_joined(pieces, a, b) for a, b in zip(end, hi, strict=True)]
    match = [_joined(pieces, a, b) for a, b in zip(start, end, strict=True)]
    pidx = tokens["pidx"].to_numpy()[start]
    passages = atlas.passages
    out = pd.DataFrame({
        "doc_id": tokens["doc_id"].to_numpy()[start].astype(object),
        "passage_id": passages.loc[pidx, "passage_id"].to_numpy(),
        "position": tokens["i"].to_numpy()[start],
        "left": left, "match": match, "right": right,
        "lang": lang[start],
        "_pidx": pidx,
        "_l1": [" ".join(reversed(x.lower().split())) for x in left],
    })
    hit_passages = set(pidx.tolist())
    for col in ("program", "country") + ((by,) if by is not None and by not in out.columns else ()):
        groups = passage_groups(atlas, col)
        groups = groups[groups.index.isin(hit_passages)]
        joined: dict[int, set[str]] = {}
        for key, value in zip(groups.index, groups.to_numpy(), strict=True):
            joined.setdefault(key, set()).add(str(value))
        out[col] = out["_pidx"].map({k: ", ".join(sorted(v)) for k, v in joined.items()}).fillna("")
    sources = doc_sources(atlas)
    out["source"] = out["doc_id"].map(sources["source"]).fillna("")
    out["citation"] = out["doc_id"].map(sources["citation"]).fillna("")
    if sort == "match":
        out = out.sort_values(["match", "doc_id", "position"], key=_lower, kind="stable")
    elif sort == "left":
        out = out.sort_values(["_l1", "doc_id", "position"], key=_lower, kind="stable")
    elif sort == "right":
        out = out.sort_values(["right", "doc_id", "position"], key=_lower, kind="stable")
    else:
        out = out.sort_values(["doc_id", "position"], kind="stable")
    return out[cols].reset_index(drop=True)


def _lower(s: pd.Series) -> pd.Series:
    return s if pd.api.types.is_numeric_dtype(s) else s.astype(str).str.lower()
