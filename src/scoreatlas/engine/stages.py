"""The stage functions of a build, the same in the driver, in a local process pool and on a Dask cluster.

Two stages run per chunk of input files, wherever the executor puts them:

- :func:`learn_chunk`: read the files and count their short lines per source (the cleaner's first pass);
  returns line hashes only.
- :func:`process_chunk`: read, clean, run the one spaCy pass, de-identify and tag each file; returns, per
  file, the rows the store will hold, the near-duplicate signature of each document, and the duplicate form
  of each document (in case the driver finds it repeats an earlier one). Raw text never leaves the
  function: what it returns has been through de-identification.

Near-duplicates are decided by the driver, in input order, from the signatures (:class:`SignatureIndex`),
so that the result does not depend on how the files were spread over workers.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoreatlas.errors import UserError
from scoreatlas.sources import ReadOptions, read_path
from scoreatlas.sources.limits import ReadTimeout, deadline
from scoreatlas.store.writer import fault_point
from scoreatlas.types import RawDocument, Rejected

log = logging.getLogger("scoreatlas.build")

# The duplicate form of a document is made before the driver knows which document it repeats.
KEPT = "\x00kept\x00"
EMPTY_FP = hashlib.sha256(b"").hexdigest()[:16]


@dataclass(frozen=True)
class StageConfig:
    """Everything a worker needs to set itself up; small and picklable (paths, not loaded objects)."""

    model: str | None
    registry: str | None
    taxonomy: str | None
    cleaning: str | None
    options: ReadOptions = field(default_factory=ReadOptions)
    fingerprint: str = ""


def group_hash(group: str) -> str:
    # Group names hold folder paths, which may hold a person's name: only their hash is cached.
    return hashlib.sha256(group.encode("utf-8")).hexdigest()[:16]


def frozen_fingerprint(keys: frozenset[int]) -> str:
    if not keys:
        return EMPTY_FP
    digest = hashlib.sha256()
    for key in sorted(keys):
        digest.update(key.to_bytes(8, "big"))
    return digest.hexdigest()[:16]


def read_input(path: Path, options: ReadOptions) -> list[RawDocument | Rejected]:
    """One input file as documents or rejections, within the limits of ``options.limits``.

    A reader that fails on a hostile file in a way its own checks did not foresee costs that file, not the
    build: the failure becomes a rejection naming the exception type (and a warning in the log).
    """
    limits = options.limits
    fault_point("reading")
    try:
        with deadline(limits.max_seconds):
            items = read_path(path, options)
    except ReadTimeout:
        return [Rejected(str(path), f"reading took too long (over {limits.max_seconds:g} s, see --max-seconds)")]
    except MemoryError:
        return [Rejected(str(path), "reading needed too much memory (MemoryError)")]
    except RecursionError:
        return [Rejected(str(path), "file nested too deeply to read (RecursionError)")]
    except UserError:
        raise
    except Exception as exc:
        log.warning("a reader failed on an input (%s); the input is rejected", type(exc).__name__)
        return [Rejected(str(path), f"reader failed ({type(exc).__name__})")]
    out: list[RawDocument | Rejected] = []
    for item in items:
        if isinstance(item, RawDocument) and len(item.text) > limits.max_chars:
            out.append(Rejected(item.source, f"text too long ({len(item.text)} characters; limit "
                                f"{limits.max_chars}, see --max-chars)", item.content_hash))
        else:
            out.append(item)
    return out


# --- the cleaner's first pass -------------------------------------------------------------------------------


Learned = tuple[dict[str, int], dict[str, dict[int, int]], dict[str, dict[str, int]]]


def learn_chunk_languages(config: StageConfig, chunk: list[tuple[str, str]]) -> Learned:
    """:func:`learn_chunk`, also measuring each file's text per language."""
    return learn_chunk(config, chunk, languages=True)


def learn_chunk(config: StageConfig, chunk: list[tuple[str, str]], *, languages: bool = False) -> Learned:
    """Per source group: documents seen and, per short line (hashed), in how many documents it occurs; and,
    with ``languages``, per file the characters of text in each language (detecting a language costs as much
    as the rest of this pass, so only a build that spreads languages over worker processes asks for it)."""
    from scoreatlas.clean import prepare
    from scoreatlas.clean.boilerplate import source_group

    cleaner = _cleaner(config)
    index = cleaner.repeated
    langs: dict[str, dict[str, int]] = {}
    for path, _hash in chunk:
        if path.lower().endswith(".urls"):
            continue  # URLs are fetched once, in the processing stage
        for item in read_input(Path(path), config.options):
            if isinstance(item, RawDocument):
                text = prepare(item)
                # As Cleaner.learn does, without freezing: the driver merges the counts of every chunk.
                index.add(source_group(item.source, item.meta), text)
                if languages:
                    per_lang = langs.setdefault(path, {})
                    lang = pipeline_language(item, text)
                    per_lang[lang] = per_lang.get(lang, 0) + len(text)
    return dict(index.documents), {g: dict(c) for g, c in index.lines.items()}, langs


def pipeline_language(item: RawDocument, text: str) -> str:
    """The language whose pipeline will most likely process ``item`` (declared, else detected), to load
    pipelines before the workers start; a wrong guess costs only a load in a worker."""
    from scoreatlas.clean.language import UNDETERMINED, detect

    declared = str(item.meta.get("lang") or "").strip().lower()
    if declared:
        return declared.split("-")[0].split("_")[0]
    lang = detect(text)[0]
    return "en" if lang == UNDETERMINED else lang


_CLEANERS: dict[str, Any] = {}
_DATA_LOADERS = (
    ("scoreatlas.resources", "load_registry"), ("scoreatlas.resources", "load_taxonomy"),
    ("scoreatlas.clean.rules", "load_rules"), ("scoreatlas.tagging.figures", "load_rules"),
    ("scoreatlas.tagging.countries", "country_terms"), ("scoreatlas.privacy.keeplist", "_keep_terms"),
)


def forget_loaded_data() -> None:
    """Empty the loaders' caches (keyed by path), so that a data file edited since (a taxonomy changed in a
    notebook between two builds) is read again; the cache key already says its content changed."""
    import sys

    for module, name in _DATA_LOADERS:
        # A module not imported yet has nothing cached; importing it here would load spaCy into every process
        # of the cleaner's first pass, which needs none of it.
        clear = getattr(getattr(sys.modules.get(module), name, None), "cache_clear", None)
        if clear is not None:
            clear()


_SEEN: list[str] = []


def _fresh(config: StageConfig) -> None:
    """On the first stage of a new configuration in this process: forget what the last one loaded."""
    if [config.fingerprint] != _SEEN:
        forget_loaded_data()
        _CLEANERS.clear()
        _WORKERS.clear()
        _SEEN[:] = [config.fingerprint]


def _cleaner(config: StageConfig) -> Any:
    from scoreatlas.clean import Cleaner

    _fresh(config)
    if config.fingerprint not in _CLEANERS:
        _CLEANERS[config.fingerprint] = Cleaner(Path(config.cleaning) if config.cleaning else None)
    # A fresh index of repeated lines each time, over the same rules.
    return Cleaner(_CLEANERS[config.fingerprint].rules)


def merge_learned(index: Any, learned: Learned) -> None:
    documents, lines, _languages = learned
    index.documents.update(documents)
    for group, counts in lines.items():
        index.lines[group].update(counts)


class FrozenIndex:
    """The repeated lines of each source, learned by the driver and handed to every worker."""

    def __init__(self, frozen: dict[str, frozenset[int]]) -> None:
        self.frozen = frozen

    def repeated(self, group: str) -> frozenset[int]:
        return self.frozen.get(group, frozenset())

    def fingerprints(self) -> dict[str, str]:
        return {group_hash(g): frozen_fingerprint(k) for g, k in self.frozen.items()}


# --- near-duplicates --------------------------------------------------------------------------------------


def signature(text: str, settings: Any) -> tuple[str, str | None]:
    """What :class:`~scoreatlas.clean.NearDuplicates` compares, computed apart from the comparison: a digest
    of the normalised words and a MinHash of shingles (base64), or ``None`` for too few shingles."""
    from datasketch import LeanMinHash, MinHash

    from scoreatlas.clean.dedup import _WORD, shingles

    norm = " ".join(_WORD.findall(text.lower()))
    digest = hashlib.blake2b(norm.encode("utf-8"), digest_size=16).hexdigest()
    grams = shingles(text, settings.shingle_words)
    if len(grams) < settings.min_shingles:
        return digest, None
    sig = MinHash(num_perm=settings.num_perm)
    sig.update_batch(list(grams))
    lean = LeanMinHash(sig)
    buf = bytearray(lean.bytesize())
    lean.serialize(buf)
    return digest, base64.b64encode(bytes(buf)).decode("ascii")


class SignatureIndex:
    """The driver's near-duplicate index: the decisions of ``NearDuplicates.check``, made from signatures."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self._lsh: Any = None
        self.signatures: dict[str, Any] = {}
        self.exact: dict[str, str] = {}

    @property
    def lsh(self) -> Any:
        if self._lsh is None:  # datasketch's LSH imports scipy: only when a signature is compared
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=self.settings.threshold, num_perm=self.settings.num_perm)
        return self._lsh

    def check(self, key: str, digest: str, packed: str | None) -> str | None:
        from datasketch import LeanMinHash

        if digest in self.exact:
            return self.exact[digest]
        self.exact[digest] = key
        if packed is None:
            return None
        lean = LeanMinHash.deserialize(bytearray(base64.b64decode(packed)))
        best, best_sim = None, 0.0
        for other in self.lsh.query(lean):
            sim = lean.jaccard(self.signatures[other])
            if sim >= self.settings.threshold and sim > best_sim:
                best, best_sim = other, sim
        if best is not None:
            return str(best)
        self.lsh.insert(key, lean)
        self.signatures[key] = lean
        return None


class ReplayIndex:
    """The near-duplicate decisions of the last build, for a build of the very same inputs and configuration:
    every decision depends only on the documents before it, so they are the same again."""

    def __init__(self, decisions: dict[str, str]) -> None:
        self.decisions = decisions

    def check(self, key: str, digest: str, packed: str | None) -> str | None:
        return self.decisions.get(key)


# --- the processing stage ---------------------------------------------------------------------------------


class _Sink:
    """Stands in for the store writer inside a worker: keeps the rows, in order."""

    def __init__(self) -> None:
        self.writes: list[tuple[str, list[dict[str, Any]]]] = []

    def write(self, table: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.writes.append((table, list(rows)))


class _NeverDuplicate:
    """The worker's stand-in for near-duplicate detection, which the driver does over all inputs."""

    def check(self, key: str, text: str) -> None:
        return None


def _builder_class() -> type:
    from scoreatlas.clean import Cleaned
    from scoreatlas.pipeline import _Builder

    class RecordingBuilder(_Builder):
        """The build's own document logic, also noting whose row each documents row is.

        Each call of ``_reject`` and ``_document`` writes exactly one documents row, in call order, so the
        sources noted here, in order, say which input every row comes from.
        """

        seen: list[tuple[str, RawDocument, Any]]
        calls: list[str]

        def _reject(self, source: str, *args: Any, **kwargs: Any) -> Any:
            self.calls.append(source)
            return super()._reject(source, *args, **kwargs)

        def _document(self, *args: Any, **kwargs: Any) -> str:
            values = list(args) + list(kwargs.values())
            raw = next(v for v in values if isinstance(v, RawDocument))
            cleaned = next(v for v in values if isinstance(v, Cleaned))
            self.calls.append(raw.source)
            doc_id = super()._document(*args, **kwargs)
            self.seen.append((doc_id, raw, cleaned))
            return str(doc_id)

    return RecordingBuilder


class _RecordingCleaner:
    """The build's cleaner, also noting what cleaning did to each document (characters before, removed)."""

    def __init__(self, cleaner: Any) -> None:
        self.inner = cleaner
        self.done: list[tuple[str, int, dict[str, int]]] = []

    def clean(self, raw: RawDocument, **kwargs: Any) -> Any:
        cleaned = self.inner.clean(raw, **kwargs)
        self.done.append((raw.source, cleaned.chars_before, dict(cleaned.removed)))
        return cleaned

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class Worker:
    """A build's document logic with its spaCy pipelines loaded, processing chunks of input files.

    A chunk goes through the build's document logic in one batch (one ``nlp.pipe`` per language), and its
    rows are then told apart by the file they come from.
    """

    def __init__(self, config: StageConfig) -> None:
        from scoreatlas.pipeline import Pipelines
        from scoreatlas.privacy import keep_terms
        from scoreatlas.resources import load_registry

        registry = Path(config.registry) if config.registry else None
        taxonomy = Path(config.taxonomy) if config.taxonomy else None
        self.config = config
        self.pipelines = Pipelines(model=config.model, registry=registry, taxonomy=taxonomy)
        self.cleaner = _cleaner(config)
        self.recorder = _RecordingCleaner(self.cleaner)
        self.builder = _builder_class()(
            self.pipelines, _Sink(), keep_terms(None, registry), registry=load_registry(registry), jobs=1,
            quiet=True, cleaner=self.recorder,
        )
        self.builder.duplicates = _NeverDuplicate()
        self.frozen = FrozenIndex({})
        self._described: tuple[frozenset[str], dict[str, Any]] = (frozenset(), {})

    def set_frozen(self, frozen: dict[str, frozenset[int]]) -> None:
        self.frozen = FrozenIndex(frozen)
        self.cleaner.repeated = self.frozen

    def warm(self) -> None:
        """Run each loaded pipeline once, so that what its components build on first use (lemmatised cues,
        matchers) is built before workers are forked from this process."""
        for lang in list(self.pipelines._loaded):
            list(self.pipelines[lang].pipe(["Warm-up."]))

    def describe(self) -> dict[str, Any]:
        loaded = frozenset(self.pipelines._loaded)
        if loaded != self._described[0]:
            self._described = (loaded, self.pipelines.describe())
        return self._described[1]

    def process_files(self, paths: list[str]) -> list[dict[str, Any]]:
        """One result per file, in order."""
        groups = [(path, read_input(Path(path), self.config.options)) for path in paths]
        results = self.process(groups)
        for (path, items), result in zip(groups, results, strict=True):
            result["cacheable"] = not path.lower().endswith(".urls") and all(
                i.source == path or i.source.startswith(path + "#") for i in items)
        return results

    def process(self, groups: list[tuple[str, list[RawDocument | Rejected]]]) -> list[dict[str, Any]]:
        """Process the items of several inputs together; returns one result per input."""
        from scoreatlas.clean.boilerplate import source_group

        b = self.builder
        sink = _Sink()
        b.writer, b.kept_ids, b.inputs, b.seen, b.calls = sink, {}, [], [], []
        self.recorder.done = []
        origin: dict[str, int] = {}
        results: list[dict[str, Any]] = []
        for n, (_name, items) in enumerate(groups):
            fingerprints: dict[str, str] = {}
            for item in items:
                origin.setdefault(item.source, n)
                if isinstance(item, RawDocument):
                    group = source_group(item.source, item.meta)
                    fingerprints[group_hash(group)] = frozen_fingerprint(self.frozen.repeated(group))
            results.append({"docs": [], "chars_before": 0, "cleaning": Counter(), "groups": fingerprints})
        everything = [item for _name, items in groups for item in items]
        if everything:
            b._batch(everything)
            fault_point("processing")
        rows = [row for table, batch in sink.writes if table == "documents" for row in batch]
        by_id: dict[str, dict[str, Any]] = {}
        for row, entry, source in zip(rows, b.inputs, b.calls, strict=True):
            doc: dict[str, Any] = {"doc": row, "rows": {}, "sig": None, "dup": None, "entry": entry}
            results[origin[source]]["docs"].append(doc)
            by_id[row["doc_id"]] = doc
        for table, batch in sink.writes:
            if table != "documents":
                for row in batch:
                    by_id[row["doc_id"]]["rows"].setdefault(table, []).append(row)
        for source, chars_before, removed in self.recorder.done:
            result = results[origin[source]]
            result["chars_before"] += chars_before
            result["cleaning"].update(removed)
        settings = self.cleaner.rules.near_duplicates
        for doc_id, raw, cleaned in b.seen:
            doc = by_id[doc_id]
            doc["sig"] = list(signature(cleaned.text, settings))
            scratch = _Sink()
            b.writer = scratch
            b._duplicate(raw, cleaned, KEPT)
            doc["dup"] = {"doc": scratch.writes[0][1][0], "entry": b.inputs.pop()}
        b.writer, b.seen, b.calls = sink, [], []
        for result in results:
            result["cleaning"] = dict(result["cleaning"])
        return results


_WORKERS: dict[str, Worker] = {}
_WORKER_LOCK = threading.Lock()


def worker_for(config: StageConfig) -> Worker:
    """This process's worker for ``config``, set up on first use (models load once per process)."""
    _fresh(config)
    if config.fingerprint not in _WORKERS:
        _WORKERS[config.fingerprint] = Worker(config)
    return _WORKERS[config.fingerprint]


def load_languages(config: StageConfig, languages: list[str]) -> None:
    """A worker process's start: load the pipelines of the languages it will be sent, and build what their
    components build on first use, before the first chunk arrives.

    The worker is one of several sharing the machine's cores, so it keeps to one BLAS thread: with NumPy's
    default of one thread per core, two workers on two cores made four threads that spin waiting for each
    other (measured: each worker 30-40% slower per document, the model loads slower too).
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    with _WORKER_LOCK:  # a Dask worker with several threads may start a chunk meanwhile
        worker = worker_for(config)
        for lang in languages:
            worker.pipelines[lang]
        worker.warm()


def process_chunk(config: StageConfig, frozen: dict[str, frozenset[int]], chunk: list[tuple[str, str]]) -> dict[str, Any]:
    """Process a chunk of input files: ``{"files": [one result per file, in order], "pipelines": {...}}``."""
    with _WORKER_LOCK:  # a Dask worker may run several tasks in threads; a worker's state is not shared
        worker = worker_for(config)
        worker.set_frozen(frozen)
        files = worker.process_files([path for path, _hash in chunk])
        return {"files": files, "pipelines": worker.describe()}


def process_items_inline(config: StageConfig, frozen: dict[str, frozenset[int]], items: list[Any]) -> dict[str, Any]:
    """Process documents that are already in memory (URLs fetched by the driver, links not followed)."""
    worker = worker_for(config)
    worker.set_frozen(frozen)
    return {"files": worker.process([("", items)]), "pipelines": worker.describe()}
