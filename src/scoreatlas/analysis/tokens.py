"""Tokens, lemmas and stop words of every passage, from spaCy, computed once per atlas.

Analysis reads only the store, so it does not rerun the build's pipeline: each language gets a blank spaCy
pipeline (its rule-based tokenizer and stop words) plus the ``spacy-lookups-data`` lemma table where one
exists. Chinese is segmented into words by spaCy's ``jieba`` segmenter (offline dictionary), falling back to
characters when jieba is not installed. Redaction placeholders such as ``[PERSON_1]`` are kept in the
token stream (so concordance lines read naturally) but are never words: they are neither counted nor matched.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from scoreatlas.analysis.atlas import Atlas

PLACEHOLDER_RE = re.compile(r"\[[A-Z]+(?:_[A-Z]+)*(?:_\d+)?\]")
SUPPORTED = ("en", "fr", "de", "nl", "zh")
# Languages written without spaces: n-grams and contexts join their tokens without a separator.
NO_SPACE = frozenset({"zh", "ja", "th"})

COLUMNS = ["pidx", "doc_id", "i", "text", "ws", "norm", "lemma", "word", "stop", "punct", "ph", "lang"]


@cache
def blank(lang: str) -> Any:
    """A blank spaCy pipeline for ``lang`` (tokenizer and stop words only), cached per process."""
    import spacy

    if lang == "zh":
        try:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        except ImportError:
            return spacy.blank("zh")
    try:
        return spacy.blank(lang)
    except (ImportError, KeyError, OSError, ValueError):
        # A language spaCy does not know: the multi-language tokenizer still splits on spaces and punctuation.
        return spacy.blank("xx")


@cache
def lemma_table(lang: str) -> dict[str, Any] | None:
    """The ``spacy-lookups-data`` lemma lookup table of ``lang`` as a dict, or None where there is none (Chinese).

    Read straight from the package's JSON: spaCy's ``Lookups`` would hash every key first, which costs
    seconds for the French and German tables and is not needed for a dictionary lookup.
    """
    from importlib.resources import files

    import srsly

    try:
        path = files("spacy_lookups_data") / "data" / f"{lang}_lemma_lookup.json.gz"
    except ModuleNotFoundError:
        return None
    if not path.is_file():
        return None
    table = srsly.read_gzip_json(str(path))
    return table if isinstance(table, dict) else None


def stop_words(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in blank(lang).Defaults.stop_words)


# Where the lookup table's lemma misleads an analyst of this corpus: "data" is a mass noun here, not "datum".
LEMMA_OVERRIDES: dict[str, dict[str, str]] = {"en": {"data": "data", "media": "media"}}


def _lemmas(lang: str, forms: pd.Series) -> pd.Series:
    """Lowercased lemmas of token ``forms`` (looked up once per distinct form)."""
    table = lemma_table(lang)
    overrides = LEMMA_OVERRIDES.get(lang, {})
    uniq = forms.unique()
    out = {}
    for form in uniq:
        lemma = overrides.get(form.lower())
        if lemma is None and table is not None:
            lemma = table.get(form)
            if lemma is None:
                lemma = table.get(form.lower())
            if isinstance(lemma, list):
                lemma = lemma[0] if lemma else None
        out[form] = (lemma or form).lower()
    return forms.map(out)


def tokenize(texts: list[str], lang: str) -> pd.DataFrame:
    """Tokens of ``texts`` (all in ``lang``): one row per non-space token, ``n`` being the text's index."""
    nlp = blank(lang)
    n, text, ws, idx, punct = [], [], [], [], []
    for k, doc in enumerate(nlp.pipe(texts, batch_size=256)):
        for tok in doc:
            if tok.is_space:
                continue
            n.append(k)
            text.append(tok.text)
            ws.append(tok.whitespace_)
            idx.append(tok.idx)
            punct.append(tok.is_punct)
    # Object columns, not pandas' Arrow strings: analysis indexes these arrays per hit, and converting Arrow
    # strings to NumPy on every call costs more than the analysis itself on a large corpus.
    frame = pd.DataFrame({"n": np.asarray(n, dtype=np.int64), "text": pd.Series(text, dtype=object),
                          "ws": pd.Series(ws, dtype=object),
                          "idx": np.asarray(idx, dtype=np.int64), "punct": np.asarray(punct, dtype=bool)})
    if frame.empty:
        return frame.assign(norm=[], lemma=[], word=[], stop=[], ph=[])
    frame["norm"] = frame["text"].str.lower().astype(object)
    frame["lemma"] = _lemmas(lang, frame["text"]).astype(object)
    letters = frame["text"].str.contains(r"[^\W\d_]", regex=True)
    frame["word"] = letters & ~frame["punct"]
    stops = stop_words(lang)
    frame["stop"] = frame["norm"].isin(stops) | frame["lemma"].isin(stops)
    # Placeholders are split by tokenizers ("[", "PERSON_1", "]"): every token inside one is no word.
    frame["ph"] = _in_placeholder(texts, frame)
    frame["word"] &= ~frame["ph"]
    return frame


def _in_placeholder(texts: list[str], frame: pd.DataFrame) -> pd.Series:
    spans = [(k, m.start(), m.end()) for k, t in enumerate(texts) if "[" in t for m in PLACEHOLDER_RE.finditer(t)]
    mask = np.zeros(len(frame), dtype=bool)
    if not spans:
        return pd.Series(mask, index=frame.index)
    n = frame["n"].to_numpy()
    idx = frame["idx"].to_numpy()
    for k, start, end in spans:
        lo, hi = np.searchsorted(n, k, "left"), np.searchsorted(n, k, "right")
        mask[lo:hi] |= (idx[lo:hi] >= start) & (idx[lo:hi] < end)
    return pd.Series(mask, index=frame.index)


def passage_langs(atlas: Atlas) -> pd.Series:
    """Each passage's language: its own, else its document's, else English."""
    p = atlas.passages
    doc_lang = p["doc_id"].map(atlas.documents.set_index("doc_id")["lang"])
    lang = p["lang"].where(p["lang"].fillna("").ne(""), doc_lang).fillna("")
    return lang.where(lang.ne(""), "en").str.lower().str.split("-").str[0]


def build_tokens(atlas: Atlas) -> pd.DataFrame:
    """The token table of every passage of ``atlas``, in document order (see :data:`COLUMNS`)."""
    p = atlas.passages.sort_values(["doc_id", "position"], kind="stable")
    langs = passage_langs(atlas).reindex(p.index)
    parts = []
    for lang, idx in langs.groupby(langs, sort=True).groups.items():
        rows = p.loc[idx]
        frame = tokenize(rows["text"].fillna("").tolist(), str(lang))
        frame["pidx"] = rows.index.to_numpy()[frame["n"].to_numpy()] if len(frame) else []
        frame["lang"] = lang
        parts.append(frame)
    if not parts or all(f.empty for f in parts):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    tokens = pd.concat([f for f in parts if not f.empty], ignore_index=True)
    order = pd.Series(np.arange(len(p)), index=p.index)
    tokens["_o"] = tokens["pidx"].map(order)
    tokens = tokens.sort_values(["_o", "n", "idx"], kind="stable").reset_index(drop=True)
    tokens["doc_id"] = tokens["pidx"].map(p["doc_id"]).astype("category")
    tokens["i"] = tokens.groupby("doc_id", observed=True).cumcount().astype(np.int64)
    # Passages are sentences cut from running text: where one ends, the next starts after a space.
    last = tokens["pidx"].ne(tokens["pidx"].shift(-1)).to_numpy()
    spaced = ~tokens["lang"].isin(NO_SPACE).to_numpy()
    tokens.loc[last & spaced & tokens["ws"].eq("").to_numpy(), "ws"] = " "
    tokens["lang"] = tokens["lang"].astype(object)
    tokens["pidx"] = tokens["pidx"].astype(np.int64)
    return tokens[COLUMNS]


def tokens_of(atlas: Atlas) -> pd.DataFrame:
    """The token table of ``atlas`` (or of a subset: the parent's table, filtered), computed once per atlas."""
    base = atlas.base
    cache = base.__dict__
    if "_tokens" not in cache:
        cache["_tokens"] = build_tokens(base)
    tokens = cache["_tokens"]
    if atlas is base:
        return tokens
    return tokens[tokens["pidx"].isin(atlas.passages.index)]
