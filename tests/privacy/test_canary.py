"""Nothing raw on disk: canary names and identifiers planted in a small corpus appear in no file the build
writes (store, manifest, temporary files) and in no line it prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT

# Invented values: names of several origins, and identifiers that pass their checksums.
CANARY_NAMES = ("Marguerite Oyelaran", "Tobias Kreuzfeldt", "Zhang Qiuyue", "Annelies Vandermolen")
CANARY_IDENTIFIERS = (
    "m.oyelaran@canary-mail.example.org",
    "+31 6 4821 7395",
    "NL91 ABNA 0417 1643 00",
    "371082196802091538",
    "238761058",
)
CANARY_TOKENS = ("oyelaran", "kreuzfeldt", "qiuyue", "vandermolen", "annelies", "marguerite", "4821 7395",
                 "0417 1643", "371082196802091538", "238761058", "canary-mail")

DOCUMENT = """---
title: Interview with Marguerite Oyelaran on the debtor list
programs: [cn_spc_dishonest_judgment_debtors]
countries: [CN]
lang: en
interviewee: Tobias Kreuzfeldt
sources:
  - {{url: https://example.org/news, publisher: Example Daily, title: Notes by Annelies Vandermolen, date: 2019-07-10, accessed: 2026-11-28}}
---
# The list

Courts barred 5.7 million people from flights in 2019, said Marguerite Oyelaran, a lawyer in Beijing.
Oyelaran can be reached at {email} or {phone}. Her account {iban} was frozen.
Zhang Qiuyue, 54, said her identity number {cn_id} was published; Tobias Kreuzfeldt (BSN {bsn}) agreed.
Debtors on the blacklist may file an objection with the court.
"""


def _leaks(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="ignore").lower()
    return [t for t in CANARY_TOKENS if t in text]


@pytest.fixture(scope="module")
def canary_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("canary")
    corpus = base / "in" / "interviews"
    corpus.mkdir(parents=True)
    body = DOCUMENT.format(email=CANARY_IDENTIFIERS[0], phone=CANARY_IDENTIFIERS[1], iban=CANARY_IDENTIFIERS[2],
                           cn_id=CANARY_IDENTIFIERS[3], bsn=CANARY_IDENTIFIERS[4])
    (corpus / "interview_marguerite_oyelaran.md").write_text(body, encoding="utf-8")
    (corpus / "notes_zhang_qiuyue.txt").write_text("Zhang Qiuyue said the court list was wrong.\n", encoding="utf-8")
    tmpdir = base / "tmp"
    tmpdir.mkdir()
    store = base / "out" / "atlas"
    env = dict(os.environ, TMPDIR=str(tmpdir), TEMP=str(tmpdir), TMP=str(tmpdir), PYTHONIOENCODING="utf-8")
    exe = Path(sys.executable).with_name("scoreatlas")
    proc = subprocess.run(
        [str(exe), "build", str(corpus), "--store", str(store), "--registry", str(DATA / "registry_small.yaml"),
         "--taxonomy", str(DATA / "taxonomy_small.yaml")],
        capture_output=True, text=True, cwd=base, env=env, timeout=900,
    )
    return {"proc": proc, "store": store, "tmpdir": tmpdir, "base": base, "corpus": corpus}


@pytest.mark.parametrize("where", ["store", "tmpdir"])
def test_canary_no_file_holds_raw_text(canary_build: dict[str, object], where: str) -> None:
    proc = canary_build["proc"]
    assert proc.returncode == 0, proc.stderr
    root = Path(canary_build[where])
    files = [p for p in root.rglob("*") if p.is_file()]
    if where == "store":
        assert any(p.suffix == ".parquet" for p in files) and any(p.name == "manifest.json" for p in files)
    found = {str(p.relative_to(root)): _leaks(p.read_bytes()) for p in files}
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("table", ["documents", "passages", "claims", "events"])
def test_canary_no_stored_value_holds_raw_text(canary_build: dict[str, object], table: str) -> None:
    import pyarrow.parquet as pq

    store = Path(canary_build["store"])
    for path in store.rglob(f"{table}*.parquet"):
        frame = pq.read_table(path).to_pandas()
        for column in frame.columns:
            values = " ".join(str(v) for v in frame[column].tolist())
            assert _leaks(values.encode()) == [], column


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_canary_no_printed_line_holds_raw_text(canary_build: dict[str, object], stream: str) -> None:
    assert _leaks(getattr(canary_build["proc"], stream).encode()) == []


@pytest.mark.parametrize("probe", ["source"])
def test_canary_file_names_cleaned_in_store(canary_build: dict[str, object], probe: str) -> None:
    import json

    manifest = json.loads((Path(canary_build["store"]) / "manifest.json").read_text(encoding="utf-8"))
    paths = [i["path"] for i in manifest["inputs"]]
    assert any("interview_[PERSON_" in p for p in paths), paths


@pytest.mark.parametrize("nothing_else", [True])
def test_canary_build_writes_only_its_store(canary_build: dict[str, object], nothing_else: bool) -> None:
    base = Path(canary_build["base"])
    written = {p.relative_to(base).parts[0] for p in base.rglob("*") if p.is_file()}
    assert written <= {"in", "out", "tmp"}
    assert not (ROOT / "interview_marguerite_oyelaran.md").exists()
