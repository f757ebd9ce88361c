"""Fuzzing with Hypothesis: readers and cleaning never crash and never lose the words of a valid document, and
de-identification hides a planted name whatever Unicode dresses it (zero-width joiners, right-to-left
overrides, look-alike letters, combining marks, full-width forms, a name split across lines or tags).

``make test`` runs a few derandomised examples per property; ``make stress`` sets ``SCOREATLAS_FUZZ_EXAMPLES``
and runs thousands, at random.
"""

from __future__ import annotations

import os
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scoreatlas.clean import Cleaner, prepare
from scoreatlas.clean.normalize import INVISIBLE_CLASS
from scoreatlas.engine import read_input
from scoreatlas.privacy import Redaction
from scoreatlas.sources import ReadOptions, read_bytes
from scoreatlas.sources.encoding import MIN_MOJIBAKE, MOJIBAKE
from scoreatlas.types import RawDocument, Rejected, Span

EXAMPLES = int(os.environ.get("SCOREATLAS_FUZZ_EXAMPLES", "20"))
STRESS = "SCOREATLAS_FUZZ_EXAMPLES" in os.environ
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not STRESS, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])

SUFFIXES = (".txt", ".md", ".html", ".csv", ".tsv", ".jsonl", ".docx", ".pdf", ".parquet")
PREFIXES = (b"", b"PK\x03\x04", b"%PDF-1.4\n", b"<html><body>", b"---\ntitle: x\n---\n", b"\xef\xbb\xbf", b"\xff\xfe",
            b"PAR1", b"text,title\n")

# Invented names, as the canaries of the stress run.
NAMES = ("Ilse Vandermolen", "Oskar Brandtvik", "Marguerite Oyelaran", "Tobias Kreuzfeldt")
TEMPLATES = (
    "Courts barred 5.7 million people from flights, said {name}, a lawyer in Berlin.",
    "{name} said the SCHUFA score was wrong twice in 2021.",
    "In an interview, Mr. {name} described the debtor blacklist.",
)
_CYRILLIC = str.maketrans("aeopcxyAEOPCXBHKMT", "аеорсхуАЕОРСХВНКМТ")


def obfuscate(name: str, how: str) -> str:
    first, _, last = name.partition(" ")
    if how == "zwj":
        return "\u200d".join(first) + " " + "\u200d".join(last)
    if how == "zwsp":
        return first + " " + last[:3] + "\u200b" + last[3:]
    if how == "soft-hyphen":
        return first + " " + last[:4] + "\u00ad" + last[4:]
    if how == "rtl-override":
        return "\u202e" + name + "\u202c"
    if how == "bidi-isolate":
        return "\u2067" + first + "\u2069 " + last
    if how == "homoglyph":
        return first + " " + last.translate(_CYRILLIC)
    if how == "combining":
        return first + " " + "".join(c + "\u0301" if c in "aeiou" else c for c in last)
    if how == "fullwidth":
        return first + " " + "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in last)
    if how == "line-break":
        return first + "\n" + last
    return name


OBFUSCATIONS = ("plain", "zwj", "zwsp", "soft-hyphen", "rtl-override", "bidi-isolate", "homoglyph", "combining",
                "fullwidth", "line-break")
def skeleton(text: str) -> str:
    """What a reader of the text sees: look-alikes folded, marks and invisibles dropped, case ignored."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c) and unicodedata.category(c) not in ("Cf", "Mn"))
    text = text.translate(str.maketrans("аеорсхуАЕОРСХВНКМТ", "aeopcxyAEOPCXBHKMT"))
    return " ".join(text.lower().split())


@pytest.mark.parametrize("suffix", SUFFIXES)
@FUZZ
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000))
def test_fuzz_readers_never_crash(suffix: str, prefix: bytes, body: bytes) -> None:
    items = read_bytes(f"fuzz{suffix}", prefix + body, suffix, ReadOptions())
    assert all(isinstance(i, (RawDocument, Rejected)) for i in items)
    assert all(i.reason for i in items if isinstance(i, Rejected))


_WORD = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Lo")), min_size=2, max_size=12)


@FUZZ
@given(words=st.lists(_WORD, min_size=1, max_size=60), seps=st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t"]),
                                                                      min_size=60, max_size=60))
def test_fuzz_reading_and_cleaning_keep_every_word(tmp_path_factory: pytest.TempPathFactory, words: list[str],
                                                   seps: list[str]) -> None:
    # Invisible letters (Hangul fillers) are removed by design, as evasion padding: the words a reader sees stay.
    words = [unicodedata.normalize("NFC", re.sub(INVISIBLE_CLASS, "", w)) for w in words]
    assume(all(words))
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    # Two or more UTF-8-read-as-cp1252 shapes ("Ãª") make a text damaged by definition, and it is repaired;
    # test_encoding_leaves_real_utf8_texts_unchanged checks that real texts never look so.
    assume(len(MOJIBAKE.findall(text)) < MIN_MOJIBAKE)
    path = tmp_path_factory.mktemp("fuzz") / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    [item] = read_input(path, ReadOptions())
    assert isinstance(item, RawDocument), item
    # Compatibility forms may be repaired (a ligature becomes two letters): compare in NFKC.
    prepared = unicodedata.normalize("NFKC", prepare(item))
    assert all(unicodedata.normalize("NFKC", w) in prepared for w in words)
    cleaned = Cleaner().clean(item)
    if not cleaned.removed:
        kept = unicodedata.normalize("NFKC", cleaned.text)
        assert all(unicodedata.normalize("NFKC", w) in kept for w in words)


@FUZZ
@given(text=st.text(max_size=2000))
def test_fuzz_cleaning_never_crashes(text: str) -> None:
    cleaned = Cleaner().clean(RawDocument("fuzz.txt", text))
    assert isinstance(cleaned.text, str)
    assert sum(cleaned.removed.values()) <= len(text) + 1


def _redacted(nlp: object, raw: RawDocument) -> str:
    """As a build does it: clean, one spaCy pass with pii_detector, typed placeholders."""
    text = Cleaner().clean(raw).text
    doc = nlp(text)  # type: ignore[operator]
    return Redaction(doc.text, [Span(s, e, k, d) for s, e, k, d in doc._.pii]).apply()


@FUZZ
@given(name=st.sampled_from(NAMES), template=st.sampled_from(TEMPLATES), how=st.sampled_from(OBFUSCATIONS),
       fmt=st.sampled_from(["txt", "html"]))
def test_fuzz_deidentification_hides_a_planted_name_whatever_unicode(small_nlp: object, name: str, template: str,
                                                                      how: str, fmt: str) -> None:
    plain = _redacted(small_nlp, RawDocument("doc.txt", template.format(name=name)))
    assume(name.split()[-1].lower() not in skeleton(plain))  # only Unicode's effect is under test
    dressed = template.format(name=obfuscate(name, how))
    if fmt == "html":
        first, _, last = obfuscate(name, how).partition(" ")
        body = template.format(name=f"<b>{first}</b> <span>{last[:3]}</span>{last[3:]}")
        items = read_bytes("doc.html", f"<html><body><article><p>{body}</p><p>{'The list grew. ' * 20}</p>"
                                       f"</article></body></html>".encode(), ".html", ReadOptions())
        raw = next((i for i in items if isinstance(i, RawDocument)), None)
        assume(raw is not None)  # a page with no main text for trafilatura has nothing to test
        assert raw is not None
    else:
        raw = RawDocument("doc.txt", dressed)
    out = skeleton(_redacted(small_nlp, raw))
    for part in name.lower().split():
        assert part not in out, f"{how}/{fmt}: '{part}' leaked in {out!r}"
