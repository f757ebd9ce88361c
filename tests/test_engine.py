"""The build engine: cache reuse, near-duplicates decided in input order, the same rows whatever runs the stages
(this process, a pool of processes, a real Dask ``LocalCluster``), and no raw text anywhere in the cache."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zlib
from pathlib import Path

import pandas as pd
import pytest

import scoreatlas as sa
from conftest import DATA, ROOT, SMALL_REGISTRY, SMALL_TAXONOMY
from scoreatlas.cache import default_cache_dir
from scoreatlas.store import Store

SMALL = {"registry": SMALL_REGISTRY, "taxonomy": SMALL_TAXONOMY}
# Planted in the inputs below; none may reach the store or the cache.
PLANTED = ("Zhang Wei", "zhang.wei@example.com", "Hans Becker", "Ilse Vandermolen", "Oskar Brandtvik")
TABLES = ("documents", "passages", "claims", "events")


def make_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("news.md", "schufa.txt", "empty.txt", "binary.txt"):
        shutil.copy(DATA / "sample" / name, folder / name)
    story = " ".join([
        "The SCHUFA credit score affects whether a bank in Germany grants a loan, whether a landlord rents out a",
        "flat and whether a phone company signs a contract. The agency holds data on 68 million people and",
        "6 million companies. In 2023 the Court of Justice of the European Union ruled that a score may not be",
        "the deciding factor when a bank refuses credit. People can ask the agency for a free copy of their data",
        "once a year and may ask it to correct entries that are wrong.",
    ])
    (folder / "schufa_story.txt").write_text(story + "\n")
    # The same story again, lightly edited: a near-duplicate of schufa_story.txt.
    (folder / "story_copy.txt").write_text(story.replace("free copy", "free report") + " Updated.\n")
    (folder / "interview_ilse_vandermolen.txt").write_text(
        "Ilse Vandermolen said the SCHUFA score was wrong twice in 2021. Vandermolen appealed to the court.\n")
    (folder / "rows.csv").write_text(
        "text,title\n"
        "\"Oskar Brandtvik said the debtor list held 5.7 million names.\",List\n"
        "\"Courts can remove a debtor from the list after payment.\",Removal\n")
    return folder


def tables(store: Path) -> dict[str, pd.DataFrame]:
    opened = Store(store)
    return {t: opened.table(t).sort_values(opened.table(t).columns[0]).reset_index(drop=True) for t in TABLES}


def assert_same_rows(a: Path, b: Path) -> None:
    left, right = tables(a), tables(b)
    for table in TABLES:
        pd.testing.assert_frame_equal(left[table], right[table], check_like=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("engine") / "inputs")


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("engine-store") / "atlas"
    sa.build([corpus], store=store, **SMALL)
    return store


def manifest(store: Path) -> dict:
    return json.loads((store / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("status", [("stored", 6), ("rejected", 2), ("duplicate", 1)])
def test_engine_counts_every_input_and_marks_the_near_duplicate(built: Path, status: tuple[str, int]) -> None:
    name, n = status
    assert manifest(built)["counts"].get(name, 0) == n
    docs = Store(built).documents
    if name == "duplicate":
        dup = docs[docs["status"] == "duplicate"].iloc[0]
        assert dup["source"].endswith("story_copy.txt")
        kept = docs[docs["doc_id"] == dup["duplicate_of"]].iloc[0]
        assert kept["source"].endswith("schufa_story.txt") and kept["status"] == "stored"


@pytest.mark.parametrize("run", ["no-change"])
def test_engine_no_change_rebuild_reuses_every_input(built: Path, corpus: Path, tmp_path: Path, run: str) -> None:
    store = tmp_path / "atlas"
    shutil.copytree(built, store)
    shutil.copytree(default_cache_dir(built), default_cache_dir(store))
    sa.build([corpus], store=store, **SMALL)
    report = manifest(store)["build"]["cache"]
    assert report["inputs_processed"] == 0 and report["inputs_reused"] == 8
    assert report["repeated_lines"] == "reused"
    assert_same_rows(built, store)
    assert manifest(store)["counts"] == manifest(built)["counts"]
    assert all(i.get("reused") for i in manifest(store)["inputs"] if i["status"] != "rejected" or i["content_hash"])


@pytest.mark.parametrize("jobs", [1, 2])
def test_engine_damaged_cache_entry_is_processed_again(built: Path, corpus: Path, tmp_path: Path, jobs: int) -> None:
    store = tmp_path / "atlas"
    shutil.copytree(built, store)
    shutil.copytree(default_cache_dir(built), default_cache_dir(store))
    with sqlite3.connect(default_cache_dir(store) / "cache.sqlite") as con:
        (key,) = con.execute("SELECT key FROM entries ORDER BY key LIMIT 1").fetchone()
        con.execute("UPDATE entries SET value = x'0001' WHERE key = ?", (key,))
    sa.build([corpus], store=store, **SMALL, jobs=jobs)
    report = manifest(store)["build"]["cache"]
    assert report["inputs_processed"] == 1 and report["inputs_reused"] == 7
    assert_same_rows(built, store)


@pytest.mark.parametrize("added", ["new_brief.txt"])
def test_engine_rebuild_after_adding_a_file_processes_only_that_file(built: Path, corpus: Path, tmp_path: Path,
                                                                     added: str) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(corpus, inputs)
    store = tmp_path / "atlas"
    sa.build([inputs], store=store, **SMALL, cache=tmp_path / "cache")
    (inputs / added).write_text("The SCHUFA score decides whether a landlord rents a flat to a tenant.\n")
    sa.build([inputs], store=store, **SMALL, cache=tmp_path / "cache")
    report = manifest(store)["build"]["cache"]
    assert (report["inputs_processed"], report["inputs_reused"]) == (1, 8)
    assert manifest(store)["counts"]["stored"] == 7


@pytest.mark.parametrize("changed", ["taxonomy"])
def test_engine_changed_taxonomy_reprocesses_instead_of_reusing(built: Path, corpus: Path, tmp_path: Path,
                                                                changed: str) -> None:
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_text(SMALL_TAXONOMY.read_text() + "\n# edited\n")
    store = tmp_path / "atlas"
    shutil.copytree(built, store)
    shutil.copytree(default_cache_dir(built), default_cache_dir(store))
    sa.build([corpus], store=store, registry=SMALL_REGISTRY, taxonomy=taxonomy)
    assert manifest(store)["build"]["cache"]["inputs_reused"] == 0


@pytest.mark.parametrize("value", PLANTED)
def test_engine_cache_holds_no_planted_name(built: Path, value: str) -> None:
    folder = default_cache_dir(built)
    db = sqlite3.connect(folder / "cache.sqlite")
    blobs = [zlib.decompress(v).decode("utf-8") for (v,) in db.execute("SELECT value FROM entries")]
    state = " ".join(v for (v,) in db.execute("SELECT value FROM state"))
    db.close()
    assert blobs
    raw = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    for text in (*blobs, state):
        assert value not in text and value.split()[-1] not in text
    assert value.encode() not in raw


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [2])
def test_engine_process_pool_writes_the_same_rows(built: Path, corpus: Path, tmp_path: Path, jobs: int) -> None:
    store = tmp_path / "atlas"
    sa.build([corpus], store=store, **SMALL, jobs=jobs, cache=False)
    assert manifest(store)["build"]["workers"] == jobs
    assert_same_rows(built, store)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [2])
def test_engine_dask_local_cluster_writes_a_partitioned_store(built: Path, corpus: Path, tmp_path: Path,
                                                              workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb
    from distributed import LocalCluster

    from scoreatlas.engine import driver

    monkeypatch.setattr(driver, "PART_FILES", 3)
    store = tmp_path / "atlas"
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        sa.build([corpus], store=store, **SMALL, engine="dask", scheduler=cluster.scheduler_address, cache=False)
    report = manifest(store)["build"]
    assert report["engine"] == "dask" and report["workers"] == workers
    parts = sorted((store / "documents").glob("part-*.parquet"))
    assert len(parts) == 3  # 8 inputs, a new part every 3
    assert_same_rows(built, store)
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{store.as_posix()}/passages/*.parquet')").fetchall()[0][0]
    assert n == len(Store(built).passages) == len(sa.open(store).passages)


@pytest.mark.slow
def test_engine_dask_sends_each_chunk_to_a_worker_holding_its_language() -> None:
    import os
    import sys

    import cloudpickle
    from distributed import LocalCluster

    from scoreatlas.engine.executors import DaskExecutor

    # The cluster's workers cannot import this test module: its functions travel by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    chunks = [["en", "0"], ["en", "1"], ["de", "2"], ["en", "3"], ["de", "4"], ["zh", "5"], ["fr", "6"]]
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            executor = DaskExecutor(cluster.scheduler_address, 2)
            try:
                executor.plan(_record_languages, None, [frozenset({"en"}), frozenset({"de", "zh"})])
                results = list(executor.imap(_slow_where, chunks, route=lambda chunk: chunk[0]))
                loaded = executor.client.run(os.getenv, "SCOREATLAS_TEST_LOADED")
            finally:
                executor.close()
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert [chunk for _pid, _started, chunk in results] == chunks  # in chunk order
    assert sorted(loaded.values()) == ["de,zh", "en"]
    pids: dict[str, set[int]] = {}
    for pid, _started, (lang, _n) in results:
        pids.setdefault(lang, set()).add(pid)
    assert len(pids["en"]) == 1 and pids["en"].isdisjoint(pids["de"] | pids["zh"])


@pytest.mark.parametrize("texts", [("one two three four five six seven eight nine ten eleven twelve",) * 2
                                   + ("one two three four five six seven eight nine ten eleven thirteen",
                                      "something else entirely, with words enough to make shingles of it here")])
def test_engine_signature_index_decides_like_near_duplicates(texts: tuple[str, ...]) -> None:
    from scoreatlas.clean import NearDuplicates
    from scoreatlas.clean.rules import NearDuplicateSettings
    from scoreatlas.engine.stages import SignatureIndex, signature

    settings = NearDuplicateSettings(min_shingles=1, threshold=0.5)
    direct, replayed = NearDuplicates(settings), SignatureIndex(settings)
    for i, text in enumerate(texts):
        assert direct.check(str(i), text) == replayed.check(str(i), *signature(text, settings))


DOCS = {name: ROOT / "docs" / name for name in ("scaling.md", "robustness.md")}


def _doc_commands() -> list[tuple[str, str]]:
    import re

    found = []
    for name, path in DOCS.items():
        for block in re.findall(r"```sh\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S):
            found += [(name, line.split("  #")[0].strip()) for line in block.splitlines() if line.startswith("scoreatlas ")]
    return found


@pytest.mark.parametrize("doc,command", _doc_commands())
def test_engine_docs_commands_run(built: Path, corpus: Path, tmp_path: Path, doc: str, command: str) -> None:
    import shlex

    from typer.testing import CliRunner

    from scoreatlas.cli import app

    store = tmp_path / "atlas"
    shutil.copytree(built, store)
    shutil.copytree(default_cache_dir(built), default_cache_dir(store))
    args = [str(corpus) if a == "corpus/texts" else str(store) if a == "build/atlas" else a
            for a in shlex.split(command)[1:]]
    if args[0] == "build":
        args += ["--registry", str(SMALL_REGISTRY), "--taxonomy", str(SMALL_TAXONOMY)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (doc, command, result.output)


@pytest.mark.parametrize("tty,quiet,shown", [(True, False, True), (False, False, False), (True, True, False)])
def test_engine_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tty: bool, quiet: bool,
                                                shown: bool) -> None:
    import io
    import sys

    from scoreatlas.engine.driver import _progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return tty

    monkeypatch.setattr(sys, "stderr", Terminal())
    bar = _progress(10, quiet)
    assert (bar is not None) == shown
    if bar is not None:
        bar.update(10)
        bar.close()
        assert "10/10" in sys.stderr.getvalue()


@pytest.mark.parametrize("costs,workers,expected", [
    # One language with more work than a worker's share: every worker loads it.
    ({"en": (8.0, 60.0)}, 2, [{"en"}, {"en"}]),
    # Little work: a second copy of English would hold up the worker that German needs.
    ({"en": (8.0, 2.0), "de": (2.5, 2.0)}, 2, [{"en"}, {"de"}]),
    # The benchmark's mix: English alone on one worker, the four others together on the other.
    ({"en": (8.0, 15.0), "zh": (2.0, 4.0), "fr": (8.0, 0.7), "de": (2.5, 0.8), "nl": (2.5, 0.7)}, 2,
     [{"en"}, {"zh", "fr", "de", "nl"}]),
    ({"en": (8.0, 10.0), "de": (2.5, 10.0)}, 3, [{"en"}, {"en"}, {"de"}]),
    # The same mix with French's slow load known: Dutch joins English, French goes with Chinese and German.
    ({"en": (2.0, 14.9), "fr": (6.5, 0.75), "zh": (1.5, 5.5), "de": (2.3, 1.35), "nl": (2.0, 0.55)}, 2,
     [{"en", "nl"}, {"zh", "fr", "de"}]),
])
def test_engine_assign_languages_balances_load_and_work(costs: dict, workers: int, expected: list) -> None:
    from scoreatlas.engine.executors import assign_languages

    plan = assign_languages(costs, workers)
    assert sorted(map(sorted, plan)) == sorted(map(sorted, expected))
    assert set().union(*plan) == set(costs)


@pytest.mark.parametrize("size,spread", [(2, 100), (3, 4), (1, 1)])
def test_engine_language_chunks_keep_input_positions(size: int, spread: int) -> None:
    from collections import deque

    from scoreatlas.engine.driver import _language_chunks

    items = [("a.txt", "en"), ("b.txt", "de"), ("c.txt", "en"), ("d.txt", "en"), ("e.txt", "zh"), ("f.txt", "de"),
             ("g.txt", "en"), ("h.txt", "en"), ("i.txt", "de")]
    order: deque[list[int]] = deque()
    chunks = list(_language_chunks(items, size, lambda item: item[1], order, spread=spread))
    assert sorted(i for positions in order for i in positions) == list(range(len(items)))
    for chunk, positions in zip(chunks, order, strict=True):
        assert chunk == [items[i] for i in positions] and len(chunk) <= size
        assert len({lang for _name, lang in chunk}) == 1
        # No chunk waits for more than ``spread`` items past its first one.
        assert positions[-1] - positions[0] <= max(spread, size)


def test_engine_language_chunks_shrink_towards_each_languages_end() -> None:
    from collections import deque

    from scoreatlas.engine.driver import CHUNK_FILES, _language_chunks

    items = [(f"{lang}{n}.txt", lang) for lang, count in (("de", 40), ("en", 300)) for n in range(count)]
    order: deque[list[int]] = deque()
    chunks = list(_language_chunks(items, 32, lambda item: item[1], order, spread=10_000, taper=4))
    sizes = {lang: [len(c) for c in chunks if c[0][1] == lang] for lang in ("de", "en")}
    assert sorted(i for positions in order for i in positions) == list(range(len(items)))
    # Full chunks while much of a language is left, then smaller ones, never below the floor but for the rest.
    assert sizes["en"][0] == 32 and sizes["en"] == sorted(sizes["en"], reverse=True)
    assert sizes["en"][-2] == CHUNK_FILES and sum(sizes["en"]) == 300
    assert max(sizes["de"]) <= 10 and sum(sizes["de"]) == 40


_LOADED: list[str] = []


def _record_languages(_config: object, languages: list[str]) -> None:
    import os

    _LOADED[:] = languages
    os.environ["SCOREATLAS_TEST_LOADED"] = ",".join(languages)  # where a Dask worker's globals cannot be read


def _where(chunk: list[str]) -> tuple[int, tuple[str, ...], list[str]]:
    import os

    return os.getpid(), tuple(_LOADED), chunk


@pytest.mark.parametrize("plan", [[frozenset({"en"}), frozenset({"de", "zh"})]])
def test_engine_pool_sends_each_chunk_to_a_worker_holding_its_language(plan: list[frozenset[str]]) -> None:
    from scoreatlas.engine.executors import PoolExecutor

    executor = PoolExecutor(2)
    executor.plan(_record_languages, None, plan)
    chunks = [["en"], ["de"], ["en"], ["zh"], ["en"], ["de"], ["fr"]]
    try:
        results = list(executor.imap(_where, chunks, route=lambda chunk: chunk[0]))
    finally:
        executor.close()
    assert [chunk for _pid, _langs, chunk in results] == chunks  # in chunk order
    pids = {}
    for pid, loaded, (lang,) in results:
        if lang != "fr":  # a language no worker holds goes to any of them
            assert lang in loaded
            pids.setdefault(lang, set()).add(pid)
    assert len(pids["en"]) == 1 and pids["en"].isdisjoint(pids["de"] | pids["zh"])


def _slow_where(chunk: list[str]) -> tuple[int, float, list[str]]:
    import os
    import time

    started = time.monotonic()  # one clock for every process of the machine
    # Long enough that both processes are busy while the driver hands out chunks, even when one of them
    # starts a second late on a loaded machine (at 0.05 s the other once did every shared chunk alone).
    time.sleep(0.3)
    return os.getpid(), started, chunk


@pytest.mark.parametrize("inputs", [
    ["en"] * 8 + ["fr"] * 3 + ["de"] * 3,  # a folder per language, as corpora often come
    ["de"] * 3 + ["en"] * 8 + ["fr"] * 3,
])
def test_engine_pool_gives_each_process_its_own_languages_first(inputs: list[str]) -> None:
    from scoreatlas.engine.executors import PoolExecutor

    executor = PoolExecutor(2)
    executor.plan(_record_languages, None, [frozenset({"en", "de"}), frozenset({"en", "fr"})])
    chunks = [[lang, str(n)] for n, lang in enumerate(inputs)]
    try:
        results = list(executor.imap(_slow_where, chunks, route=lambda chunk: chunk[0]))
    finally:
        executor.close()
    assert [chunk for _pid, _started, chunk in results] == chunks  # handed back in chunk order
    ran: dict[int, list[str]] = {}
    for pid, _started, (lang, _n) in sorted(results, key=lambda r: r[1]):
        ran.setdefault(pid, []).append(lang)
    # Each process does the language only it holds before the shared one, so that neither is left alone with
    # its own language at the end while the other idles.
    # Sets order by inclusion, not alphabetically: compare sorted lists.
    assert sorted(sorted(set(langs) - {"en"}) for langs in ran.values()) == [["de"], ["fr"]]
    for langs in ran.values():
        own = [n for n, lang in enumerate(langs) if lang != "en"]
        assert own == list(range(len(own)))
    assert all("en" in langs for langs in ran.values())  # and both share the rest


@pytest.mark.slow
def test_engine_process_pool_with_languages_writes_rows_in_input_order(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    # Languages interleaved in input order, so that workers holding different languages finish out of order.
    shipped = ROOT / "corpus" / "texts"
    picks = [("en", "de_schufa.md"), ("de", "de_schufa.md"), ("en", "nl_syri.md"), ("de", "eu_gdpr_art22.md"),
             ("en", "eu_gdpr_art22.md"), ("en", "au_robodebt.md"), ("de", "at_ams_amas.md")]
    for n, (lang, name) in enumerate(picks):
        shutil.copy(shipped / lang / name, folder / f"{n:02d}_{lang}_{name}")
    one, two = tmp_path / "one", tmp_path / "two"
    sa.build([folder], store=one, **SMALL, jobs=1, cache=False)
    sa.build([folder], store=two, **SMALL, jobs=2, cache=False)
    for table in TABLES:
        pd.testing.assert_frame_equal(Store(one).table(table), Store(two).table(table))
    assert manifest(two)["build"]["workers"] == 2


def _blas_threads(_chunk: list[str]) -> list[int]:
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info() if pool.get("user_api") == "blas"]


def test_engine_pool_workers_keep_to_one_blas_thread() -> None:
    from scoreatlas.engine.executors import PoolExecutor
    from scoreatlas.engine.stages import StageConfig, load_languages

    config = StageConfig(model=None, registry=str(SMALL_REGISTRY), taxonomy=str(SMALL_TAXONOMY), cleaning=None)
    executor = PoolExecutor(2)
    executor.plan(load_languages, config, [frozenset(), frozenset()])
    try:
        (threads,) = list(executor.imap(_blas_threads, [["x"]]))
    finally:
        executor.close()
    assert threads and set(threads) == {1}


def test_engine_parallel_driver_loads_no_model_or_privacy_stage(tmp_path: Path) -> None:
    """The workers load spaCy and de-identify; the driver importing them would delay every worker's start."""
    import subprocess
    import sys

    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(4):
        (inputs / f"doc{i}.md").write_text(f"Courts listed {1000 + i} debtors in 2019. SCHUFA scores people.\n",
                                           encoding="utf-8")
    code = (
        "import sys, scoreatlas as sa\n"
        f"sa.build([{str(inputs)!r}], store={str(tmp_path / 'atlas')!r}, jobs=2, cache=False, quiet=True,"
        f" registry={str(SMALL_REGISTRY)!r}, taxonomy={str(SMALL_TAXONOMY)!r})\n"
        "print('spacy' in sys.modules, 'scoreatlas.privacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False False"
    assert len(sa.open(tmp_path / "atlas").documents) == 4
