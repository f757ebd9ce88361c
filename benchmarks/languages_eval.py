"""De-identification per language: name recall, identifier recall and keep rate on hand-labelled sets.

Usage:
    python benchmarks/languages_eval.py [--langs zh fr de nl] [--out benchmarks/RESULTS-languages.md]
                                        [--show-leaks] [--heldout] [--model-fr fr_core_news_md]

Each set is ``benchmarks/data/privacy_<lang>.jsonl``, one sentence a line: ``{"id", "lang", "text",
"persons": [...], "identifiers": [{"kind", "value"}], "keep": [...]}`` (invented people, real institutions
and places). Lines whose id holds ``-h`` were written after the detectors, as a check on over-fitting
(``--heldout`` reports them apart). Every sentence goes through the build's own pipeline for its language
(:func:`scoreatlas.pipeline.load_pipeline`) and :class:`scoreatlas.privacy.Redaction`, as a document would.

How leaks are counted (strictly, as a reader would find them):

- Latin script: a name is split into words; a word (two letters or more, particles such as ``de``, ``van``,
  ``von`` left out) is leaked when it appears anywhere in the redacted sentence, in any case, as a whole word;
- Chinese: a labelled name string (张伟, or a surname alone such as 陈 in 陈先生) is leaked when it appears
  anywhere in the redacted sentence as a substring: there are no word boundaries to hide behind;
- an identifier is caught when every letter and digit of it was replaced;
- a keep string (an institution, place, program or company code) is kept when no character of it was
  replaced (occurrences inside a labelled name are not judged).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from scoreatlas.pipeline import load_pipeline  # noqa: E402
from scoreatlas.privacy import Redaction  # noqa: E402
from scoreatlas.types import Span  # noqa: E402

LANGS = ("zh", "fr", "de", "nl")
AIMS = {"zh": 0.97, "fr": 0.97, "de": 0.90, "nl": 0.90}
PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la", "le", "les", "ter",
     "ten", "zu", "zum", "zur", "'t", "in", "op", "el", "al", "bin", "ibn", "d", "l"}
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass
class Result:
    lang: str
    sentences: int = 0
    name_units: int = 0
    leaked: int = 0
    redacted_words: int = 0
    redacted_name_words: int = 0
    ids: Counter[str] = field(default_factory=Counter)
    ids_caught: Counter[str] = field(default_factory=Counter)
    keep_total: int = 0
    keep_kept: int = 0
    seconds: float = 0.0
    leaks: list[tuple[str, str]] = field(default_factory=list)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return (self.name_units - self.leaked) / self.name_units if self.name_units else 1.0

    @property
    def precision(self) -> float:
        return self.redacted_name_words / self.redacted_words if self.redacted_words else 1.0

    @property
    def id_recall(self) -> float:
        total = sum(self.ids.values())
        return sum(self.ids_caught.values()) / total if total else 1.0

    @property
    def keep_rate(self) -> float:
        return self.keep_kept / self.keep_total if self.keep_total else 1.0


def name_units(persons: list[str], lang: str) -> set[str]:
    """What is checked for leaks: whole name strings in Chinese, name words elsewhere."""
    units: set[str] = set()
    for name in persons:
        if lang == "zh" and _HAN.search(name):
            units.add(name)
            continue
        for word in _WORD.findall(name):
            word = re.sub(r"^[dl]['’]", "", word, flags=re.IGNORECASE)
            if len(word) > 1 and word.casefold() not in PARTICLES:
                units.add(word)
    return units


def leaked(unit: str, redacted: str) -> bool:
    if _HAN.search(unit):
        return unit in redacted
    return re.search(rf"(?<![^\W_]){re.escape(unit)}(?![^\W_])", redacted, re.IGNORECASE) is not None


def occurrences(text: str, value: str) -> list[tuple[int, int]]:
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(value), text)]
    if not found:
        flexible = r"\s+".join(re.escape(p) for p in value.split())
        found = [(m.start(), m.end()) for m in re.finditer(flexible, text)]
    return found


def covered(spans: list[Span], start: int, end: int, text: str) -> bool:
    return all(not text[p].isalnum() or any(s.start <= p < s.end for s in spans) for p in range(start, end))


def untouched(spans: list[Span], start: int, end: int) -> bool:
    return not any(s.start < end and start < s.end for s in spans)


def evaluate(lang: str, rows: list[dict], nlp) -> Result:
    result = Result(lang)
    started = time.perf_counter()
    docs = []
    for row in rows:
        doc = nlp.make_doc(row["text"])
        doc._.doc_lang = lang
        docs.append(doc)
    for row, doc in zip(rows, nlp.pipe(docs), strict=True):
        text = row["text"]
        red = Redaction(text, [Span(s, e, kind, det) for s, e, kind, det in doc._.pii])
        spans = red.spans
        redacted = red.apply()
        result.sentences += 1
        units = name_units(row.get("persons", []), lang)
        result.name_units += len(units)
        for unit in sorted(units):
            if leaked(unit, redacted):
                result.leaked += 1
                result.leaks.append((row["id"], unit))
        # Precision: characters (zh) or words (others) inside PERSON placeholders that belong to a name.
        names_at = [o for p in row.get("persons", []) for o in occurrences(text, p)]
        for span in spans:
            if span.kind != "PERSON":
                continue
            if lang == "zh":
                chars = [p for p in range(span.start, span.end) if _HAN.match(text[p])]
                result.redacted_words += len(chars)
                result.redacted_name_words += sum(any(a <= p < b for a, b in names_at) for p in chars)
            else:
                for w in _WORD.finditer(text, span.start, span.end):
                    if len(w.group()) < 2 or w.group().casefold() in PARTICLES:
                        continue
                    result.redacted_words += 1
                    result.redacted_name_words += any(a <= w.start() < b for a, b in names_at)
        for ident in row.get("identifiers", []):
            kind, value = ident["kind"], ident["value"]
            occ = occurrences(text, value)
            result.ids[kind] += 1
            ok = bool(occ) and all(covered(spans, s, e, text) for s, e in occ)
            result.ids_caught[kind] += ok
            if not ok:
                result.misses.append((row["id"], kind, value))
        for term in row.get("keep", []):
            occ = [(s, e) for s, e in occurrences(text, term) if not any(a < e and s < b for a, b in names_at)]
            if not occ:
                continue
            result.keep_total += 1
            ok = all(untouched(spans, s, e) for s, e in occ)
            result.keep_kept += ok
            if not ok:
                result.lost.append((row["id"], term))
    result.seconds = time.perf_counter() - started
    return result


def to_markdown(results: list[Result], *, show: bool, command: str, models: dict[str, str]) -> str:
    lines = [
        "# De-identification per language",
        "",
        f"Produced by `{command}` on {platform.python_implementation()} {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}. Sets: `benchmarks/data/privacy_<lang>.jsonl` (hand-written, invented "
        "people, real institutions and places). Each sentence runs through the build's pipeline for its "
        "language (`load_pipeline(lang=...)`) and `Redaction`. Name recall is strict: a name word (a name "
        "string in Chinese) counts as leaked when it appears anywhere in the redacted sentence.",
        "",
        "| lang | pipeline | sentences | name recall (aim) | leaked | name precision | identifier recall | "
        "identifiers | keep rate | kept | seconds |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.lang} | {models.get(r.lang[:2], '')} | {r.sentences} | {r.recall:.3f} (>= {AIMS.get(r.lang[:2], 0):.2f}) | "
            f"{r.leaked} of {r.name_units} | {r.precision:.3f} | {r.id_recall:.3f} | "
            f"{sum(r.ids_caught.values())} of {sum(r.ids.values())} | {r.keep_rate:.3f} | "
            f"{r.keep_kept} of {r.keep_total} | {r.seconds:.1f} |"
        )
    whole = [r for r in results if len(r.lang) == 2]  # the held-out rows are a part of these
    lines += ["", "Identifier recall by kind:", "", "| lang | kind | caught |", "|---|---|---|"]
    for r in whole:
        for kind in sorted(r.ids):
            lines.append(f"| {r.lang} | {kind} | {r.ids_caught[kind]} of {r.ids[kind]} |")
    if show:
        lines += ["", "Leaks, misses and lost keep strings (invented data only):", ""]
        for r in whole:
            for sid, unit in r.leaks:
                lines.append(f"- {sid}: name leaked: {unit}")
            for sid, kind, value in r.misses:
                lines.append(f"- {sid}: {kind} missed: {value}")
            for sid, term in r.lost:
                lines.append(f"- {sid}: keep lost: {term}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--langs", nargs="+", default=list(LANGS))
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown table here")
    parser.add_argument("--show-leaks", action="store_true", help="list leaked names (invented data only)")
    parser.add_argument("--taxonomy", type=Path, default=None, help="a taxonomy YAML instead of the shipped one")
    parser.add_argument("--model-fr", default=None, help="another installed French pipeline, e.g. fr_core_news_md")
    parser.add_argument(
        "--heldout", action="store_true", help="also report the sentences written after the detectors (ids with -h)"
    )
    args = parser.parse_args(argv)
    results = []
    models = {}
    for lang in args.langs:
        rows = [json.loads(x) for x in (args.data / f"privacy_{lang}.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
        model = args.model_fr if lang == "fr" and args.model_fr else None
        nlp = load_pipeline(model, lang=lang, taxonomy=args.taxonomy)
        models[lang] = f"{nlp.meta.get('lang', lang)}_{nlp.meta.get('name', '')}"
        results.append(evaluate(lang, rows, nlp))
        heldout = [r for r in rows if "-h" in r["id"]]
        if heldout and args.heldout:
            part = evaluate(lang, heldout, nlp)
            part.lang = f"{lang} held-out"
            results.append(part)
    command = "python benchmarks/languages_eval.py " + " ".join(argv if argv is not None else sys.argv[1:])
    report = to_markdown(results, show=args.show_leaks, command=command.strip(), models=models)
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
