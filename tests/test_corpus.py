"""The shipped corpus: every document valid, sourced, tied to the registry, person-free and our own words."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from conftest import CORPUS_TEXTS, SHARED
from scoreatlas.privacy import detect_text, keep_terms
from scoreatlas.resources import load_registry
from scoreatlas.sources.text import split_front_matter

DOCUMENTS = sorted(CORPUS_TEXTS.rglob("*.md"))
LANGS = ("en", "zh", "fr", "de", "nl")


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = Field(pattern=r"^https?://")
    publisher: str
    title: str
    date: str | dt.date | None = ""
    accessed: str | dt.date


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=3)
    programs: list[str] = Field(min_length=1)
    countries: list[str] = Field(min_length=1)
    lang: str
    date: str | dt.date
    kind: str = Field(pattern=r"^(brief|timeline|law_summary|case_study|thematic)$")
    sources: list[Source] = Field(min_length=1)


def _read(path: Path) -> tuple[dict, str]:
    return split_front_matter(path.read_text(encoding="utf-8"))


def test_corpus_has_enough_documents_programs_and_languages() -> None:
    metas = [_read(p)[0] for p in DOCUMENTS]
    programs = {p for m in metas for p in m.get("programs", [])}
    countries = {c for m in metas for c in m.get("countries", [])}
    assert len(programs) >= 30 and len(countries) >= 18
    for lang in LANGS[1:]:
        assert sum(m.get("lang") == lang for m in metas) >= 3, lang


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_front_matter_is_valid_and_sourced(path: Path) -> None:
    meta, body = _read(path)
    fm = FrontMatter.model_validate(meta)
    assert fm.lang in LANGS and fm.lang == path.parent.name
    registry = load_registry().by_id()
    assert all(p in registry for p in fm.programs), [p for p in fm.programs if p not in registry]
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in fm.countries)
    assert len(body.split()) > 100 or (fm.lang == "zh" and len(body) > 400)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_documents_hold_no_personal_data(path: Path) -> None:
    meta, body = _read(path)
    keep = keep_terms()
    text = f"{meta.get('title', '')}\n{body}"
    # Read in the document's own language, as a build reads it: English rules on German nouns ("Eine
    # Strafe") prove nothing. Publishers the document declares are not added: the keep-list must know them.
    kinds = sorted({s.kind for s in detect_text(text, keep=keep, lang=meta.get("lang", "en"))})
    assert kinds == []


def _sentences(text: str) -> set[str]:
    parts = re.split(r"(?<=[.!?。！？；])\s*", text)
    return {re.sub(r"\s+", " ", p).strip() for p in parts if len(p.strip()) >= 25}


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_copies_no_sentence_from_shared_real_texts(path: Path) -> None:
    real = SHARED / "data" / "real_texts"
    if not real.is_dir():
        pytest.skip("../shared/data/real_texts is not present beside this checkout")
    theirs = set().union(*(_sentences(p.read_text(encoding="utf-8")) for p in real.glob("*.txt")))
    ours = _sentences(_read(path)[1])
    assert not (ours & theirs)
