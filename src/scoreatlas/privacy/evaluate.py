"""Measuring de-identification on labelled sets, the way a reader would find a leak.

Two formats are read:

- JSON Lines, one example a line: ``{"id", "lang", "text", "persons": [surface strings],
  "identifiers": [{"kind", "value"}], "keep": [strings]}`` (``benchmarks/data/privacy_*.jsonl``);
- a Presidio-style JSON list: ``[{"full_text", "spans": [{"entity_type", "start_position", "end_position",
  "entity_value"}]}]`` (``../shared/data/pii_dev/synth_dataset_v2.json``), whose ``PERSON`` spans are persons,
  whose contact and account spans are identifiers and whose ``GPE`` and ``ORGANIZATION`` spans are the
  places and organisations that should stay.

Figures (see :class:`EvalReport`):

- person token recall, strict: a token of a labelled name is leaked when it still appears anywhere in the
  redacted text, in any case, as a whole word, not only where it was labelled. Tokens are words of two or
  more letters; name particles (``de``, ``van``, ``bin`` ...) are not counted;
- person precision: of the words inside ``PERSON`` placeholders, the share that belong to a labelled name;
- identifier recall per kind: an identifier is caught when every letter and digit of it was replaced (an
  address may keep the towns, regions and countries the gazetteer knows: they stay by design);
- keep rate: a keep string is kept when no character of it was replaced, wherever it stands outside a
  labelled name; other place and organisation tokens (Presidio sets) likewise, token by token.

Leaked values are shown only on request (``show_leaks``), and only from these synthetic labelled sets.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from scoreatlas.errors import UserError
from scoreatlas.privacy.normalize import INVISIBLE_RE, fold_homoglyphs
from scoreatlas.privacy.redact import Redaction
from scoreatlas.types import Span

PRESIDIO_IDENTIFIERS = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "SSN",
    "IP_ADDRESS": "IP",
    "STREET_ADDRESS": "ADDRESS",
    "US_DRIVER_LICENSE": "DRIVER_LICENSE",
}
PRESIDIO_KEEP = frozenset({"GPE", "ORGANIZATION"})
PARTICLES = frozenset(
    ["van", "von", "der", "den", "de", "del", "della", "dei", "di", "da", "das", "dos", "du", "la", "le", "ter", "ten", "bin", "binti", "bint", "ibn", "al", "el", "abu", "ap", "zu", "y"]
)
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


@dataclass
class Example:
    """One labelled text."""

    id: str
    text: str
    lang: str = "en"
    persons: list[str] = field(default_factory=list)
    identifiers: list[tuple[str, str]] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    # Presidio sets: labelled positions, for identifiers and for places and organisations to keep.
    identifier_spans: list[tuple[str, int, int]] = field(default_factory=list)
    other_keep_spans: list[tuple[int, int]] = field(default_factory=list)


def load_examples(path: str | Path) -> list[Example]:
    """Read a JSONL set or a Presidio-style JSON list (see the module docstring)."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError("E001", path=path) from None
    stripped = raw.lstrip()
    if stripped.startswith("["):
        try:
            return [_presidio(i, item) for i, item in enumerate(json.loads(raw))]
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise UserError("E017", file=path, line="-", reason=type(exc).__name__) from None
    examples = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            examples.append(
                Example(
                    id=str(item.get("id", number)),
                    text=item["text"],
                    lang=item.get("lang") or "en",
                    persons=list(item.get("persons", [])),
                    identifiers=[(i["kind"], i["value"]) for i in item.get("identifiers", [])],
                    keep=list(item.get("keep", [])),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise UserError("E017", file=path, line=number, reason=type(exc).__name__) from None
    return examples


def _presidio(i: int, item: dict[str, Any]) -> Example:
    spans = item.get("spans") or []
    return Example(
        id=str(i),
        text=item["full_text"],
        persons=[s["entity_value"] for s in spans if s["entity_type"] == "PERSON"],
        identifier_spans=[
            (PRESIDIO_IDENTIFIERS[s["entity_type"]], s["start_position"], s["end_position"])
            for s in spans
            if s["entity_type"] in PRESIDIO_IDENTIFIERS
        ],
        other_keep_spans=[(s["start_position"], s["end_position"]) for s in spans if s["entity_type"] in PRESIDIO_KEEP],
    )


_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def _leaked(token: str, redacted: str) -> bool:
    """Whether a name token still stands in the redacted text as a whole word, in any case. Chinese, Japanese
    and Korean write words without spaces between them, so a name in those scripts counts wherever it stands."""
    if _CJK.search(token):
        return token in redacted
    return regex.search(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}]){regex.escape(token)}(?![\p{{L}}\p{{M}}\p{{N}}])", redacted, regex.IGNORECASE
    ) is not None


def name_tokens(names: Iterable[str]) -> set[str]:
    """The tokens whose leaks are counted: words of two or more characters, particles left out."""
    out = set()
    for name in names:
        for w in _WORD.findall(fold_homoglyphs(INVISIBLE_RE.sub("", name))):
            if len(w) > 1 and w.casefold() not in PARTICLES:
                out.add(w.casefold())
    return out


@dataclass
class EvalReport:
    """The figures of one labelled set (see the module docstring for how each is counted)."""

    name: str
    examples: int = 0
    person_tokens: int = 0
    leaked_tokens: int = 0
    redacted_words: int = 0
    redacted_person_words: int = 0
    identifiers: Counter[str] = field(default_factory=Counter)
    identifiers_caught: Counter[str] = field(default_factory=Counter)
    keep_total: int = 0
    keep_kept: int = 0
    keep_missing: int = 0
    other_keep_total: int = 0
    other_keep_kept: int = 0
    seconds: float = 0.0
    leaks: list[tuple[str, str]] = field(default_factory=list)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)
    # Place and organisation tokens removed (Presidio sets): example, token, and the rules that removed it.
    lost_other: list[tuple[str, str, str]] = field(default_factory=list)

    def details(self) -> list[str]:
        """One line per leaked name token, missed identifier, lost keep string and removed place or
        organisation token (filled only by ``evaluate(..., show_leaks=True)``)."""
        return [
            *(f"leaked {ex}: {token}" for ex, token in self.leaks),
            *(f"missed {ex} {kind}: {value!r}" for ex, kind, value in self.misses),
            *(f"lost {ex}: {term}" for ex, term in self.lost),
            *(f"lost place/org {ex}: {token} ({rules})" for ex, token, rules in self.lost_other),
        ]

    @staticmethod
    def _ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    @property
    def person_recall(self) -> float | None:
        return self._ratio(self.person_tokens - self.leaked_tokens, self.person_tokens)

    @property
    def person_precision(self) -> float | None:
        return self._ratio(self.redacted_person_words, self.redacted_words)

    @property
    def keep_rate(self) -> float | None:
        return self._ratio(self.keep_kept, self.keep_total)

    @property
    def other_keep_rate(self) -> float | None:
        return self._ratio(self.other_keep_kept, self.other_keep_total)

    def identifier_recall(self) -> dict[str, float]:
        return {k: self.identifiers_caught[k] / n for k, n in sorted(self.identifiers.items())}

    def rows(self) -> list[tuple[str, str, str]]:
        """(figure, value, count) rows for a table."""

        def fmt(x: float | None) -> str:
            return "-" if x is None else f"{x:.3f}"

        rows = [
            ("examples", str(self.examples), ""),
            ("person token recall (strict)", fmt(self.person_recall), f"{self.leaked_tokens} leaked of {self.person_tokens}"),
            ("person precision (words)", fmt(self.person_precision), f"{self.redacted_person_words} of {self.redacted_words}"),
        ]
        for kind, rate in self.identifier_recall().items():
            rows.append((f"identifier recall {kind}", fmt(rate), f"{self.identifiers_caught[kind]} of {self.identifiers[kind]}"))
        if self.keep_total:
            rows.append(("keep-list strings kept", fmt(self.keep_rate), f"{self.keep_kept} of {self.keep_total}"))
        if self.other_keep_total:
            rows.append(("other place/org tokens kept", fmt(self.other_keep_rate), f"{self.other_keep_kept} of {self.other_keep_total}"))
        rows.append(("seconds", f"{self.seconds:.1f}", ""))
        return rows

    def to_markdown(self) -> str:
        lines = [f"| {self.name} | value | count |", "|---|---|---|"]
        lines += [f"| {a} | {b} | {c} |" for a, b, c in self.rows()]
        return "\n".join(lines)


# Chinese provinces, cities, districts and counties before a street (浙江省温州市鹿城区): places, kept.
_CN_DIVISIONS = regex.compile(r"(?:\p{Han}{1,8}?(?:自治区|省|市|区|县|州|盟|旗))+")


def _covered(spans: Sequence[Span], start: int, end: int, text: str, *, places: bool = False) -> bool:
    """True when every letter and digit of ``text[start:end]`` lies inside a span; with ``places``, a town,
    region or country the gazetteer knows may stay (an address keeps them by design)."""
    from scoreatlas.privacy.addresses import BLANK_FIELD, known_place

    left = "".join(c if not any(s.start <= start + i < s.end for s in spans) else "\x00" for i, c in enumerate(text[start:end]))
    left = BLANK_FIELD.sub("\x00", left)
    for piece in regex.split(r"[\x00,;\n]", left):
        piece = piece.strip(" \t.()")
        if not any(c.isalnum() for c in piece):
            continue
        if places and (known_place(piece) or (piece.isalpha() and piece.isupper() and len(piece) <= 3)
                       or _CN_DIVISIONS.fullmatch(piece)):
            continue
        return False
    return True


def _untouched(spans: Sequence[Span], start: int, end: int) -> bool:
    return not any(s.start < end and start < s.end for s in spans)


def _occurrences(text: str, value: str) -> list[tuple[int, int]]:
    found = [(m.start(), m.end()) for m in regex.finditer(regex.escape(value), text)]
    if not found:
        flexible = r"\s+".join(regex.escape(p) for p in value.split())
        found = [(m.start(), m.end()) for m in regex.finditer(flexible, text)]
    return found


def privacy_pipeline(model: str, *, registry: Path | None = None, keeplist: Path | None = None) -> Any:
    """A spaCy pipeline with only what de-identification reads: the model's NER and ``pii_detector``."""
    import spacy

    try:
        nlp = spacy.load(model, disable=["parser", "tagger", "lemmatizer", "attribute_ruler", "morphologizer"])
    except OSError:
        raise UserError("E005", name=model) from None
    nlp.add_pipe(
        "pii_detector",
        config={"registry_path": str(registry) if registry else None, "keeplist_path": str(keeplist) if keeplist else None},
        last=True,
    )
    return nlp


def _processed(examples: Sequence[Example], nlp: Any) -> list[Any]:
    """The Doc of every example, in order, each through the pipeline of its language."""
    by_lang: dict[str, list[int]] = {}
    for i, ex in enumerate(examples):
        by_lang.setdefault(ex.lang if not hasattr(nlp, "pipe") else "", []).append(i)
    out: list[Any] = [None] * len(examples)
    for lang, positions in by_lang.items():
        pipeline = nlp if hasattr(nlp, "pipe") else nlp(lang or "en")
        docs = []
        for i in positions:
            doc = pipeline.make_doc(examples[i].text)
            doc._.doc_lang = examples[i].lang
            docs.append(doc)
        for i, doc in zip(positions, pipeline.pipe(docs, batch_size=64), strict=True):
            out[i] = doc
    return out


def evaluate(examples: Sequence[Example], nlp: Any, *, name: str = "set", show_leaks: bool = False) -> EvalReport:
    """Redact every example with ``nlp`` (a pipeline ending in ``pii_detector``) and count.

    Args:
        examples: labelled texts (:func:`load_examples`).
        nlp: a spaCy pipeline with ``pii_detector`` (:func:`privacy_pipeline`), or a function that returns
            one for a language code (``scoreatlas.pipeline.privacy_pipeline``), so that each example is read
            by the pipeline of its own language, as in a build.
        name: the set's name, for the report.
        show_leaks: keep the leaked tokens, missed identifiers, lost keep strings and removed place and
            organisation tokens (with the rules that removed them) in the report.
    """
    from scoreatlas.privacy.component import register_extensions

    register_extensions()
    report = EvalReport(name=name, examples=len(examples))
    started = time.perf_counter()
    for ex, doc in zip(examples, _processed(examples, nlp), strict=True):
        spans = [Span(s, e, kind, det) for s, e, kind, det in doc._.pii]
        red = Redaction(ex.text, spans)
        merged = red.spans
        redacted = fold_homoglyphs(INVISIBLE_RE.sub("", red.apply()))
        tokens = name_tokens(ex.persons)
        report.person_tokens += len(tokens)
        for tok in sorted(tokens):
            if _leaked(tok, redacted):
                report.leaked_tokens += 1
                if show_leaks:
                    report.leaks.append((ex.id, tok))
        folded = fold_homoglyphs(ex.text)
        for span in merged:
            if span.kind != "PERSON":
                continue
            for w in _WORD.finditer(folded, span.start, span.end):
                word = w.group().casefold()
                if len(word) < 2 or word in PARTICLES:
                    continue
                report.redacted_words += 1
                report.redacted_person_words += word in tokens
        checks = [(kind, s, e) for kind, s, e in ex.identifier_spans]
        for kind, value in ex.identifiers:
            occ = _occurrences(ex.text, value)
            checks += [(kind, s, e) for s, e in occ] if occ else [(kind, -1, -1)]
        for kind, s, e in checks:
            report.identifiers[kind] += 1
            caught = s >= 0 and _covered(merged, s, e, ex.text, places=kind == "ADDRESS")
            report.identifiers_caught[kind] += caught
            if not caught and show_leaks:
                report.misses.append((ex.id, kind, ex.text[s:e] if s >= 0 else "(not in text)"))
        # A keep string inside a labelled name ("Sydney" in "Sydney Clarke") is judged where it stands alone.
        names_at = [o for person in ex.persons for o in _occurrences(ex.text, person)]
        for term in ex.keep:
            occ = [(s, e) for s, e in _occurrences(ex.text, term) if not any(a < e and s < b for a, b in names_at)]
            if not occ:
                report.keep_missing += 1
                continue
            report.keep_total += 1
            kept = all(_untouched(merged, s, e) for s, e in occ)
            report.keep_kept += kept
            if not kept and show_leaks:
                report.lost.append((ex.id, term))
        for s, e in ex.other_keep_spans:
            for w in _WORD.finditer(ex.text, s, e):
                if len(w.group()) < 2:
                    continue
                report.other_keep_total += 1
                untouched = _untouched(merged, w.start(), w.end())
                report.other_keep_kept += untouched
                if not untouched and show_leaks:
                    rules = sorted({f"{sp.kind}/{sp.detector}" for sp in spans if sp.start < w.end() and w.start() < sp.end})
                    report.lost_other.append((ex.id, w.group(), ",".join(rules)))
    report.seconds = time.perf_counter() - started
    return report
