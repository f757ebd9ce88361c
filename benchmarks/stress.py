"""``make stress``: the long robustness runs of issue 10, with their figures.

1. kills: real ``scoreatlas build`` processes killed by SIGKILL at every fault point and at random moments
   (reading, processing, writing Parquet, swapping); after each, the previous store must be readable and
   unchanged (or, once swapped, the new one complete), and the next build must recover;
2. one writer: second builds started while one runs must be refused at once, naming the process; readers
   opening the store in a loop while builds swap it must never fail nor see a mix;
3. hostile files at full size (ZIP and PDF bombs of 600 MB, a 2 GB sparse file, a 100 MB line, ...) in a
   build with the default limits: each rejected with a reason or read, within bounded memory and time;
4. fuzzing: the Hypothesis properties of tests/stress/test_fuzz.py with thousands of examples;
5. canaries: a corpus of >= 10,000 documents with invented names and identifiers planted in every position,
   built, then every byte the build wrote (store, cache, lock, logs, temporary files) searched for each.

    python benchmarks/stress.py [--canary-docs 10000] [--kills 20] [--fuzz 2000] [--jobs 2] [--only kills,...]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out" / "stress"
PYTHON = Path(sys.executable)
SCOREATLAS = PYTHON.with_name("scoreatlas")
SMALL = ["--registry", str(ROOT / "tests/data/registry_small.yaml"), "--taxonomy", str(ROOT / "tests/data/taxonomy_small.yaml")]
FAULTS = ("reading", "processing", "writing", "before-manifest", "before-swap", "mid-swap", "after-swap")

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ, PYTHONIOENCODING="utf-8", **extra)
    if "SCOREATLAS_FAULT" not in extra:
        e.pop("SCOREATLAS_FAULT", None)
    return e


def build(corpus: Path, store: Path, *extra: str, fault: str | None = None, timeout: float = 3600,
          small: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = [str(SCOREATLAS), "build", str(corpus), "--store", str(store), "--quiet", *(SMALL if small else []), *extra]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout,
                          env=env(**({"SCOREATLAS_FAULT": fault} if fault else {})))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(store: Path) -> list[str]:
    return sorted(p.name for p in store.parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


def kill_corpus(folder: Path, n: int) -> Path:
    from run import make_corpus

    make_corpus(folder, n, seed=3)
    return folder


# --- 1. kills ---------------------------------------------------------------------------------------------------


def kills(args: argparse.Namespace, figures: dict) -> None:
    from scoreatlas.store import Store

    corpus = kill_corpus(OUT / "kill_corpus", args.kill_docs)
    store = OUT / "kills" / "atlas"
    first = time.monotonic()
    proc = build(corpus, store, "--no-cache")
    full = time.monotonic() - first
    assert proc.returncode == 0, proc.stderr
    survived = failed = 0
    phases: Counter[str] = Counter()
    problems: list[str] = []
    rng = random.Random(11)
    plan = [("fault", f) for f in FAULTS] + [("random", "")] * args.kills
    for n, (how, point) in enumerate(plan):
        before = snapshot(store) if store.exists() else None
        if how == "fault":
            extra = ("--no-cache",) if point in ("reading", "processing") else ()
            result = build(corpus, store, *extra, fault=point)
            killed = result.returncode == -signal.SIGKILL
        else:
            cmd = [str(SCOREATLAS), "build", str(corpus), "--store", str(store), "--quiet", "--verbose", *SMALL]
            if n % 2:
                cmd.append("--no-cache")
            p = subprocess.Popen(cmd, cwd=ROOT, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            delay = rng.uniform(0.5, full * 1.1)
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait()
            killed = p.returncode == -signal.SIGKILL
            point = f"random {delay:.1f}s of ~{full:.0f}s"
        phases[point.split()[0] if how == "random" else point] += 1
        try:
            opened = Store(store)
            ok = opened.verify() == [] and len(opened.documents) > 0
            if killed and point not in ("after-swap",) and before is not None and how == "fault":
                ok = ok and snapshot(opened.root) == before
            elif killed and before is not None and how == "random":
                # A random kill may land after the swap: then the new store is whole; else the old is unchanged.
                ok = ok and (snapshot(opened.root) == before or opened.root == store)
        except Exception as exc:  # every failure is a finding, reported below
            ok = False
            problems.append(f"{point}: {type(exc).__name__}: {exc}")
        survived += ok
        failed += not ok
        print(f"  kill {n + 1}/{len(plan)} at {point}: {'survived' if ok else 'FAILED'}", flush=True)
    final = build(corpus, store, "--verbose")
    recovered = final.returncode == 0 and leftovers(store) == [] and Store(store).verify() == []
    figures["kills"] = {"builds killed": len(plan), "survived (previous store readable, unchanged or new store "
                        "complete)": survived, "failed": failed, "next build recovered": recovered,
                        "problems": problems, "full build seconds": round(full, 1)}


# --- 2. one writer, readers never blocked -----------------------------------------------------------------------


def one_writer(args: argparse.Namespace, figures: dict) -> None:
    from scoreatlas.store import Store

    corpus = OUT / "kill_corpus"
    if not corpus.exists():
        kill_corpus(corpus, args.kill_docs)
    store = OUT / "writer" / "atlas"
    assert build(corpus, store).returncode == 0
    first = subprocess.Popen([str(SCOREATLAS), "build", str(corpus), "--store", str(store), "--quiet", "--no-cache",
                              *SMALL], cwd=ROOT, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(3)
    refusals, wrong, seconds = 0, [], []
    for _ in range(args.second_builds):
        started = time.monotonic()
        second = build(corpus, store)
        seconds.append(time.monotonic() - started)
        line = second.stderr.strip()
        if second.returncode == 2 and "E015" in line and f"pid {first.pid}" in line and len(line.splitlines()) == 1:
            refusals += 1
        else:
            wrong.append(line[-300:])
    first.wait()
    # Readers in a loop while cached rebuilds swap the store again and again.
    stop = threading.Event()
    opens, failures, sizes = 0, [], Counter()

    def reader() -> None:
        nonlocal opens
        while not stop.is_set():
            try:
                with Store(store) as opened:
                    sizes[len(opened.documents)] += 1
                    assert opened.manifest["tables"]["documents"]["rows"] == len(opened.documents)
                opens += 1
            except Exception as exc:
                failures.append(f"{type(exc).__name__}: {exc}")

    thread = threading.Thread(target=reader)
    thread.start()
    swaps = 0
    for _ in range(args.swaps):
        swaps += build(corpus, store).returncode == 0
    stop.set()
    thread.join()
    figures["one writer"] = {"second builds tried": args.second_builds, "refused at once, naming the pid": refusals,
                             "slowest refusal seconds": round(max(seconds), 1), "wrong answers": wrong,
                             "store swaps while reading": swaps, "reader opens": opens, "reader failures": failures[:5]}


# --- 3. hostile files ---------------------------------------------------------------------------------------------


def hostile(args: argparse.Namespace, figures: dict) -> None:
    # Loaded by path: this script is itself named ``stress``, so ``import stress.hostile`` would find it instead.
    spec = importlib.util.spec_from_file_location("hostile_files", ROOT / "tests" / "stress" / "hostile.py")
    assert spec and spec.loader
    helpers = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = helpers  # dataclasses look their module up by name
    spec.loader.exec_module(helpers)
    make_hostile_folder, run_with_peak = helpers.make_hostile_folder, helpers.run_with_peak

    folder = OUT / "hostile"
    if folder.exists():
        shutil.rmtree(folder)
    made = make_hostile_folder(folder, scale=2)
    store = OUT / "hostile_store" / "atlas"
    cmd = [str(SCOREATLAS), "build", str(folder), "--store", str(store), "--quiet", *SMALL]
    started = time.monotonic()
    proc, peak_mb = run_with_peak(cmd, OUT / "hostile_peak_kb", cwd=ROOT, env=env(), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
    seconds = time.monotonic() - started
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8")) if store.exists() else {}
    entries = {Path(e["path"]).name: e for e in manifest.get("inputs", [])}
    rejected_ok = sum(1 for h in made if h.expect == "rejected" and any(
        e["status"] == "rejected" and re.search(h.reason, e["reason"]) for e in entries.values()))
    figures["hostile files"] = {
        "tried": len(made), "expected rejections": sum(h.expect == "rejected" for h in made),
        "rejected with the expected reason": rejected_ok,
        "stored (valid, odd names)": manifest.get("counts", {}).get("stored", 0),
        "build exit code": proc.returncode, "seconds": round(seconds, 1),
        "peak memory MB": round(peak_mb), "reasons": sorted({e["reason"] for e in entries.values()
                                                                          if e["status"] == "rejected"}),
    }


# --- 4. fuzzing ---------------------------------------------------------------------------------------------------


def fuzz(args: argparse.Namespace, figures: dict) -> None:
    started = time.monotonic()
    proc = subprocess.run([str(PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/stress/test_fuzz.py",
                           "--hypothesis-show-statistics"], capture_output=True, text=True, cwd=ROOT,
                          env=env(SCOREATLAS_FUZZ_EXAMPLES=str(args.fuzz)), timeout=24 * 3600)
    # Hypothesis prints "- N passing, M failing, and K invalid test cases" (older: "N passing examples").
    cases = sum(int(n) for n in re.findall(r"- (\d+) passing(?: examples|,)", proc.stdout))
    failing = sum(int(n) for n in re.findall(r"(\d+) failing", proc.stdout))
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-300:]
    figures["fuzzing"] = {"cases run": cases, "cases failed": failing, "pytest exit code": proc.returncode,
                          "pytest": summary, "seconds": round(time.monotonic() - started)}


# --- 5. canaries --------------------------------------------------------------------------------------------------


def canaries(args: argparse.Namespace, figures: dict) -> None:
    from canaries import CanaryCorpus, files_written, found, readable_text, token_pattern

    base = OUT / "canaries"
    if base.exists():
        shutil.rmtree(base)
    corpus_dir = base / "in"
    generator = CanaryCorpus(corpus_dir)
    planted = generator.generate(args.canary_docs)
    tmp = base / "tmp"
    tmp.mkdir(parents=True)
    store = base / "out" / "atlas"
    logs = base / "logs"
    logs.mkdir()
    started = time.monotonic()
    with open(logs / "stdout.log", "wb") as out, open(logs / "stderr.log", "wb") as err:
        proc = subprocess.run([str(SCOREATLAS), "build", str(corpus_dir), "--store", str(store), "--verbose",
                               "--jobs", str(args.jobs), *SMALL], cwd=base, stdout=out, stderr=err,
                              env=env(TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp)), timeout=48 * 3600)
    seconds = time.monotonic() - started
    written = [*files_written([store.parent, logs, tmp])]
    leaked: dict[tuple[str, ...], list[str]] = {}
    tokens = {t.lower() for canary in planted.canaries for t in canary.tokens}
    pattern = token_pattern(tokens)
    hits = {p: found(pattern, tokens, readable_text(p)) for p in written}  # one file's text in memory at a time
    counts: Counter[str] = Counter()
    for canary in planted.canaries:
        counts[canary.kind] += 1
        where = [str(p.relative_to(base)) for p, seen in hits.items() if any(t.lower() in seen for t in canary.tokens)]
        if where:
            key = (canary.kind, canary.position, canary.lang, canary.fmt)
            leaked.setdefault(key, []).append(f"{canary.tokens[0]} in {', '.join(sorted(set(where))[:3])}")
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8")) if store.exists() else {}
    figures["canaries"] = {
        "documents": planted.documents, "canaries planted": len(planted.canaries), "by kind": dict(counts),
        "leaked": sum(len(v) for v in leaked.values()), "build exit code": proc.returncode,
        "build seconds": round(seconds), "files searched": len(written), "stored": manifest.get("counts", {}),
        "leak classes (kind, position, language, format)": {" / ".join(k): v[:3] + ([f"... {len(v)} in all"]
                                                                                    if len(v) > 3 else [])
                                                             for k, v in sorted(leaked.items())},
    }


# --- main ---------------------------------------------------------------------------------------------------------


def write_results(args: argparse.Namespace, figures: dict) -> None:
    """benchmarks/RESULTS-stress.md: the figures, each section with the command and date of its run."""
    import platform

    argv = " ".join(sys.argv[1:])
    lines = ["# Robustness figures (`make stress`)", "",
             f"Generated by `python benchmarks/stress.py {argv}".rstrip() + f"` on {time.strftime('%Y-%m-%d %H:%M %Z')}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}; load average at the end "
             f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}.", ""]
    for section, values in figures.items():
        lines += [f"## {section}", "", "| figure | value |", "|---|---|"]
        for key, value in values.items():
            if isinstance(value, (list, dict)):
                value = json.dumps(value, ensure_ascii=False, default=str)
            lines.append(f"| {key} | {str(value).replace('|', '/')} |")
        lines.append("")
    (ROOT / "benchmarks" / "RESULTS-stress.md").write_text("\n".join(lines), encoding="utf-8")


def previous_figures() -> dict:
    """The last run's figures: from benchmarks/out (this machine) or else from the committed RESULTS-stress.md."""
    saved = OUT / "figures.json"
    if saved.is_file():
        return json.loads(saved.read_text())
    results = ROOT / "benchmarks" / "RESULTS-stress.md"
    figures: dict = {}
    section: dict | None = None
    for line in results.read_text(encoding="utf-8").splitlines() if results.is_file() else []:
        if line.startswith("## "):
            section = figures.setdefault(line[3:].strip(), {})
        elif section is not None and line.startswith("| ") and not line.startswith(("| figure |", "|---")):
            key, _, value = line[2:].rstrip(" |").partition(" | ")
            try:
                section[key] = json.loads(value)
            except json.JSONDecodeError:
                section[key] = {"True": True, "False": False}.get(value, value)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--canary-docs", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=20, help="random-moment kills (besides one per fault point)")
    parser.add_argument("--kill-docs", type=int, default=40, help="documents of the corpus the kills build")
    parser.add_argument("--second-builds", type=int, default=5)
    parser.add_argument("--swaps", type=int, default=5)
    parser.add_argument("--fuzz", type=int, default=2000, help="Hypothesis examples per property")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="kills,writer,hostile,fuzz,canaries")
    parser.add_argument("--merge", action="store_true",
                        help="keep the figures of sections not run this time from the previous run's figures.json")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    figures: dict = previous_figures() if args.merge else {}
    stages = {"kills": kills, "writer": one_writer, "hostile": hostile, "fuzz": fuzz, "canaries": canaries}
    for name in args.only.split(","):
        print(f"== {name}", flush=True)
        started = time.monotonic()
        before = {k: id(v) for k, v in figures.items()}
        stages[name](args, figures)
        for section in [k for k, v in figures.items() if before.get(k) != id(v)]:  # sections this stage wrote
            figures[section]["run"] = f"stress.py {' '.join(sys.argv[1:])}, {time.strftime('%Y-%m-%d %H:%M %Z')}"
        print(json.dumps(figures, indent=1, ensure_ascii=False, default=str)[-4000:], flush=True)
        print(f"   ({time.monotonic() - started:.0f} s)", flush=True)
    (OUT / "figures.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False, default=str))
    write_results(args, figures)
    print("\n== make stress: figures")
    print(json.dumps(figures, indent=1, ensure_ascii=False, default=str))
    bad = (figures.get("kills", {}).get("failed") or not figures.get("kills", {}).get("next build recovered", True)
           or figures.get("canaries", {}).get("leaked") or figures.get("one writer", {}).get("reader failures")
           or figures.get("one writer", {}).get("wrong answers") or figures.get("fuzzing", {}).get("pytest exit code"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
