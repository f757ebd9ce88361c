"""The build driver: lists the inputs, reuses what the cache holds, runs the stages where the engine says,
decides near-duplicates in input order, and streams the rows to the store writer.

The driver holds the store's lock and is the only writer of the store and the cache. Workers only read
inputs and return processed, de-identified rows.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from scoreatlas.engine.executors import WorkerDied, assign_languages, make_executor
from scoreatlas.engine.stages import (
    EMPTY_FP,
    KEPT,
    FrozenIndex,
    ReplayIndex,
    SignatureIndex,
    StageConfig,
    learn_chunk,
    learn_chunk_languages,
    load_languages,
    merge_learned,
    process_chunk,
    process_items_inline,
)
from scoreatlas.errors import UserError
from scoreatlas.sources import ReadOptions
from scoreatlas.sources.base import find_inputs
from scoreatlas.types import Rejected

log = logging.getLogger("scoreatlas.build")

CHUNK_FILES = 8  # the fewest files per task: fewer would make spaCy's batches too small
INLINE_CHUNK_FILES = 32  # the most: in the build's own process there is nothing to balance
PART_FILES = 2000  # input files per part file of a partitioned (Dask) store
URL_BATCH = 64
# Seconds to load a language's pipeline (and build its cues) and to process one character with it, as measured
# in worker processes on a 2-core machine (the 16x corpus of benchmarks/run.py, 2026-11-29); only their ratios
# matter, to spread languages over workers. French loads three times slower than English (its tokenizer
# exceptions), which the first estimates, one per kind of pipeline, did not know. Other languages: by kind.
LOAD_SECONDS = {"en": 2.0, "fr": 6.5, "de": 2.3, "nl": 2.0, "zh": 1.5, "trained": 6.0, "rules": 2.0}
SECONDS_PER_CHAR = {"en": 1.0e-4, "fr": 1.1e-4, "de": 6.4e-5, "nl": 3.5e-5, "zh": 1.8e-4, "trained": 1.0e-4,
                    "rules": 6.0e-5}


class Tally:
    """The manifest's counts, built from the rows as they are written (fresh or reused alike)."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.redactions: Counter[str] = Counter()
        self.cleaning: Counter[str] = Counter()
        self.chars_before = 0
        self.inputs: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any], entry: dict[str, Any]) -> None:
        status = row.get("status", "")
        self.counts[status] += 1
        if status == "rejected":
            self.reasons[str(row.get("reason") or "").split(" (")[0]] += 1
        elif status == "stored":
            self.redactions.update(json.loads(row.get("redactions") or "{}"))
        self.inputs.append(entry)


def _sha256_path(path: Path, limit: int) -> str:
    """The sha256 of a file's bytes ("" when it cannot be read or is over the size limit: never cached)."""
    try:
        if path.stat().st_size > limit:
            return ""
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return ""


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _language_chunks(items: list[Any], size: int, lang_of: Callable[[Any], str], order: deque[list[int]], *,
                     spread: int, taper: int = 0) -> Iterator[list[Any]]:
    """Chunks of up to ``size`` items of one language each, noting in ``order`` the items' positions.

    A chunk goes out once full, or once ``spread`` more items have been read since its first item, so that
    the driver, which writes in input order, never holds back more than about ``spread`` results. With
    ``taper``, a language's chunks shrink towards its last items (to the items of it left over ``taper``, at
    least :data:`CHUNK_FILES`): a last big chunk would keep one worker busy while the others wait.
    """
    left = Counter(lang_of(item) for item in items)
    open_chunks: dict[str, list[int]] = {}
    for n, item in enumerate(items):
        lang = lang_of(item)
        left[lang] -= 1
        open_chunks.setdefault(lang, []).append(n)
        for lang, positions in list(open_chunks.items()):
            limit = max(CHUNK_FILES, min(size, (left[lang] + len(positions)) // taper)) if taper else size
            if len(positions) >= limit or n - positions[0] >= spread:
                del open_chunks[lang]
                order.append(positions)
                yield [items[i] for i in positions]
    for positions in sorted(open_chunks.values()):
        order.append(positions)
        yield [items[i] for i in positions]


def _with_kept(value: Any, kept: str) -> Any:
    if isinstance(value, dict):
        return {k: (kept if v == KEPT else v) for k, v in value.items()}
    return value


class SourceRun:
    """One build over files, folders and URLs, as :func:`scoreatlas.build` runs it.

    Args:
        sources: files and folders.
        urls: URLs to fetch.
        options: read options, limits included.
        store: the store folder (the cache sits beside it unless ``cache`` is a folder).
        engine: ``"local"`` (this machine; ``jobs`` processes) or ``"dask"`` (a Dask cluster).
        scheduler: the Dask scheduler address; ``None`` starts a local cluster of ``jobs`` workers.
        cache: ``True`` for the default cache folder, ``False`` for none, or a folder.
    """

    def __init__(
        self, sources: list[str | os.PathLike[str]], *, urls: list[str], options: ReadOptions, store: Path,
        model: str | None, registry: Path | None, taxonomy: Path | None, cleaning: Path | None,
        engine: str = "local", scheduler: str | None = None, jobs: int = 1, cache: bool | str | os.PathLike[str] = True,
        quiet: bool = True,
    ) -> None:
        if engine not in ("local", "dask"):
            raise UserError("E016", what="--engine", allowed="local, dask", value=engine)
        self.options = options
        self.urls = urls
        self.store = Path(store)
        self.engine = engine
        self.scheduler = scheduler
        self.jobs = max(1, int(jobs))
        self.quiet = quiet
        self.partitioned = engine == "dask"
        self.skipped: list[Rejected] = []
        self.paths = find_inputs(sources, rejected=self.skipped)
        if not self.paths and not urls and not self.skipped:
            raise UserError("E009")
        self.config = StageConfig(
            model=model, registry=str(registry) if registry else None, taxonomy=str(taxonomy) if taxonomy else None,
            cleaning=str(cleaning) if cleaning else None, options=options,
        )
        self.cache_dir: Path | None = None
        if cache is True:
            from scoreatlas.cache import default_cache_dir

            self.cache_dir = default_cache_dir(self.store)
        elif cache:
            self.cache_dir = Path(cache)
        self.report: dict[str, Any] = {}
        self._cache: Any = None
        self._state: dict[str, str] = {}
        self.pipelines: dict[str, Any] = {}

    # -- the build ----------------------------------------------------------------------------------------

    def execute(self, builder: Any) -> None:
        """Write every input's rows through ``builder.writer`` and leave the manifest's counts on ``builder``."""
        from scoreatlas.cache import BuildCache, config_fingerprint, input_key, set_fingerprint
        from scoreatlas.pipeline import TRAINED_PIPELINES

        started = time.perf_counter()
        writer = self._writer = builder.writer
        self.tally = Tally()
        self.sigs: SignatureIndex | ReplayIndex = SignatureIndex(builder.cleaner.rules.near_duplicates)
        self.decisions: dict[str, str] = {}
        for line in getattr(writer, "recovered", []):
            log.info("%s", line)

        fingerprint = config_fingerprint(
            model=self.config.model, pipelines=TRAINED_PIPELINES, registry=_p(self.config.registry),
            taxonomy=_p(self.config.taxonomy), cleaning=_p(self.config.cleaning), limits=self.options.limits,
            extra={"text_column": self.options.text_column},
        )
        self.config = StageConfig(**{**self.config.__dict__, "fingerprint": fingerprint})
        if self.skipped:
            # Through a worker: names in the file names of the links are removed with the full keep-list.
            for result in process_items_inline(self.config, {}, list(self.skipped))["files"]:
                self._emit(result, reused=False)

        hashes = [_sha256_path(p, self.options.limits.max_bytes) for p in self.paths]
        t_hash = time.perf_counter()
        keys = [input_key(fingerprint, str(p), h) for p, h in zip(self.paths, hashes, strict=True)]
        set_fp = set_fingerprint((str(p), h) for p, h in zip(self.paths, hashes, strict=True))
        cached: dict[str, dict[str, str]] = {}
        if self.cache_dir is not None:
            try:
                self._cache = BuildCache(self.cache_dir)
            except OSError as exc:
                log.warning("cache folder cannot be used (%s); building without it", exc.strerror)
            if self._cache is not None:
                cached = self._cache.groups([k for k, h in zip(keys, hashes, strict=True) if h])
        all_hit = bool(self.paths) and len(cached) == len(self.paths)
        learn = not (self._cache is not None and all_hit and self._cache.state("inputs") == set_fp
                     and self._cache.state("config") == fingerprint)
        replay = self._cache.state("duplicates") if not learn and not self.urls and self._cache is not None else None
        if replay is not None:
            self.sigs = ReplayIndex(json.loads(replay))

        executor = make_executor(self.engine, self.jobs, self.scheduler)
        try:
            self._run(executor, builder, learn, cached, keys, hashes, started, t_hash)
        except WorkerDied as exc:
            raise UserError("E018", what=exc.what, reason=exc.reason, path=self.store) from None
        finally:
            executor.close()
        self._state = {"inputs": set_fp, "config": fingerprint}
        if not self.urls:  # fetched pages may change from one build to the next: their decisions do not replay
            self._state["duplicates"] = json.dumps(self.decisions, sort_keys=True)
        if self.pipelines:
            self._state["pipelines"] = json.dumps(self.pipelines, sort_keys=True)
        elif self._cache is not None:
            self.pipelines = json.loads(self._cache.state("pipelines") or "{}")
        builder.result_counts = self.tally.counts
        builder.reasons = self.tally.reasons
        builder.redactions = self.tally.redactions
        builder.cleaning = self.tally.cleaning
        builder.chars_before = self.tally.chars_before
        builder.inputs = self.tally.inputs
        builder.pipelines.remote = dict(self.pipelines)

    def _run(self, executor: Any, builder: Any, learn: bool, cached: dict[str, dict[str, str]], keys: list[str],
             hashes: list[str], started: float, t_hash: float) -> None:
        writer = self._writer
        frozen: dict[str, frozenset[int]] = {}
        languages: dict[str, dict[str, int]] = {}
        if learn:
            frozen = self._learn(executor, builder, languages)
        t_learn = time.perf_counter()
        current = FrozenIndex(frozen).fingerprints()

        def valid(key: str) -> bool:
            groups = cached.get(key)
            if groups is None:
                return False
            return not learn or all(current.get(g, EMPTY_FP) == fp for g, fp in groups.items())

        hit = [valid(k) for k in keys]
        misses = [(str(p), h) for p, h, ok in zip(self.paths, hashes, hit, strict=True) if not ok]
        # A file's language is the one most of its text is in (known only when the first pass looked).
        lang_of = {path: max(chars, key=chars.__getitem__) for path, chars in languages.items() if chars}
        if misses and lang_of and hasattr(executor, "plan"):
            executor.plan(load_languages, self.config, assign_languages(self._costs(misses, languages),
                                                                        executor.workers))
        shared = executor.share(frozen) if misses or self.urls else frozen
        # Workers get at least four chunks each to balance, as big as that allows (spaCy batches a chunk).
        size = (INLINE_CHUNK_FILES if executor.workers == 1
                else max(CHUNK_FILES, min(INLINE_CHUNK_FILES, len(misses) // (4 * executor.workers))))
        order: deque[list[int]] = deque()
        chunks = _language_chunks(misses, size, lambda item: lang_of.get(item[0], ""), order,
                                  spread=size * 4 * executor.workers,
                                  taper=2 * executor.workers if executor.workers > 1 else 0)
        results = self._in_input_order(
            executor.imap(process_chunk, chunks, self.config, shared, route=lambda c: lang_of.get(c[0][0], "")),
            order)
        bar = _progress(len(self.paths), self.quiet)
        reused = processed = 0
        for n, (key, ok, content_hash) in enumerate(zip(keys, hit, hashes, strict=True)):
            entry = self._cache.get(key) if ok and self._cache is not None else None
            if entry is not None:
                self._emit(entry, reused=True)
                reused += 1
            else:
                # A hit whose entry cannot be read back (damaged) is processed after all.
                result = (self._process_one(executor, frozen, str(self.paths[n]), content_hash) if ok
                          else next(results))
                if self._cache is not None and content_hash and result.pop("cacheable", False):
                    self._cache.put(key, result, result.get("groups", {}))
                self._emit(result, reused=False)
                processed += 1
            if self.partitioned and (n + 1) % PART_FILES == 0:
                writer.new_part()
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        if self.urls:
            self._fetch_urls(executor, frozen)
        t_process = time.perf_counter()
        self.report = {
            "engine": self.engine,
            "jobs": self.jobs,
            "workers": executor.workers,
            **({"scheduler": executor.scheduler} if self.engine == "dask" else {}),
            "cache": {
                "enabled": self._cache is not None,
                "folder": self.cache_dir.name if self.cache_dir else None,
                "inputs_reused": reused,
                "inputs_processed": processed,
                "repeated_lines": "learned" if learn else "reused",
            },
            "limits": asdict(self.options.limits),
            "seconds": {"hash": round(t_hash - started, 2), "learn": round(t_learn - t_hash, 2),
                        "process": round(t_process - t_learn, 2)},
        }
        log.info("inputs: %d reused from the cache, %d processed (%s, %d worker%s)", reused, processed,
                 self.engine, executor.workers, "s" if executor.workers != 1 else "")

    def committed(self) -> None:
        """The store is in place: record the cache's state for the next build."""
        if self._cache is not None:
            self._cache.finish(**self._state)

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    # -- stages ---------------------------------------------------------------------------------------------

    @staticmethod
    def _costs(misses: list[tuple[str, str]], languages: dict[str, dict[str, int]]) -> dict[str, tuple[float, float]]:
        """Per language of the files to process: seconds to load its pipeline, seconds to process its text."""
        from scoreatlas.pipeline import TRAINED_PIPELINES

        chars: Counter[str] = Counter()
        for path, _hash in misses:
            chars.update(languages.get(path, {}))
        keys = {lang: lang if lang in LOAD_SECONDS else "trained" if lang in TRAINED_PIPELINES else "rules"
                for lang in chars}
        return {lang: (LOAD_SECONDS[keys[lang]], n * SECONDS_PER_CHAR[keys[lang]]) for lang, n in chars.items()}

    def _learn(self, executor: Any, builder: Any, languages: dict[str, dict[str, int]]) -> dict[str, frozenset[int]]:
        from scoreatlas.clean import Cleaner

        index = Cleaner(builder.cleaner.rules).repeated
        learnable = [(str(p), "") for p in self.paths if p.suffix.lower() != ".urls"]
        chunk_size = max(CHUNK_FILES, len(learnable) // (8 * max(1, executor.workers)) + 1)
        learn = learn_chunk_languages if hasattr(executor, "plan") else learn_chunk
        for learned in executor.imap(learn, _chunks(learnable, chunk_size), self.config):
            merge_learned(index, learned)
            languages.update(learned[2])
        groups = list(index.lines)
        index.freeze()
        return {g: keys for g in groups if (keys := index.repeated(g))}

    def _in_input_order(self, chunk_results: Iterator[dict[str, Any]], order: deque[list[int]]) -> Iterator[dict[str, Any]]:
        """Each file's result, in input order: ``order`` holds the input positions of each chunk's files."""
        pending: dict[int, dict[str, Any]] = {}
        following = 0
        for chunk in chunk_results:
            self.pipelines.update(chunk.get("pipelines", {}))
            pending.update(zip(order.popleft(), chunk["files"], strict=True))
            while following in pending:
                yield pending.pop(following)
                following += 1

    def _process_one(self, executor: Any, frozen: Any, path: str, content_hash: str) -> dict[str, Any]:
        shared = executor.share(frozen)
        results = executor.imap(process_chunk, [[(path, content_hash)]], self.config, shared)
        return next(self._in_input_order(results, deque([[0]])))

    def _fetch_urls(self, executor: Any, frozen: dict[str, frozenset[int]]) -> None:
        # Fetched pages are processed here, in the driver: their raw text is never sent to other machines.
        from scoreatlas.sources.urls import fetch_all

        for batch in _chunks(fetch_all(self.urls, self.options), URL_BATCH):
            chunk = process_items_inline(self.config, frozen, batch)
            self.pipelines.update(chunk.get("pipelines", {}))
            for result in chunk["files"]:
                self._emit(result, reused=False)

    def _emit(self, result: dict[str, Any], *, reused: bool) -> None:
        writer = self._writer
        for doc in result["docs"]:
            row, entry = doc["doc"], dict(doc["entry"])
            kept = self.sigs.check(row["doc_id"], *doc["sig"]) if doc.get("sig") else None
            if kept is not None:
                self.decisions[row["doc_id"]] = kept
            if kept is not None and doc.get("dup"):
                row, entry = _with_kept(doc["dup"]["doc"], kept), _with_kept(doc["dup"]["entry"], kept)
                tables: dict[str, Any] = {}
            else:
                tables = doc.get("rows", {})
            if reused:
                entry["reused"] = True
            writer.write("documents", [row])
            for table in ("passages", "claims", "events"):
                writer.write(table, tables.get(table, []))
            self.tally.add(row, entry)
        self.tally.cleaning.update(result.get("cleaning", {}))
        self.tally.chars_before += int(result.get("chars_before", 0))


def _p(value: str | None) -> Path | None:
    return Path(value) if value else None


def _progress(total: int, quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty() or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr)
