"""The command line as a user runs it: subprocesses, real files, real stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, SMALL_REGISTRY, SMALL_TAXONOMY, run_cli

SMALL = ("--registry", str(SMALL_REGISTRY), "--taxonomy", str(SMALL_TAXONOMY))


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "atlas"
    proc = run_cli("build", str(DATA / "sample"), "--store", str(store), *SMALL)
    assert proc.returncode == 0, proc.stderr
    assert "2 stored, 2 rejected" in proc.stdout
    return store


@pytest.mark.parametrize("table", ["documents", "passages", "claims", "events", "programs"])
def test_cli_export_jsonl_rows_are_json_objects(sample_store: Path, table: str) -> None:
    proc = run_cli("export", "--store", str(sample_store), "--table", table, check=True)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert all(isinstance(r, dict) for r in rows)
    if table in ("documents", "passages", "programs"):
        assert rows


def test_cli_export_documents_lists_every_input_with_status(sample_store: Path) -> None:
    proc = run_cli("export", "--store", str(sample_store), "--table", "documents", check=True)
    rows = {Path(r["source"]).name: r for r in map(json.loads, proc.stdout.splitlines())}
    assert set(rows) == {"news.md", "schufa.txt", "empty.txt", "binary.txt"}
    assert rows["empty.txt"]["status"] == "rejected" and rows["empty.txt"]["reason"] == "empty file"
    assert rows["binary.txt"]["status"] == "rejected" and "binary" in rows["binary.txt"]["reason"]
    assert rows["news.md"]["status"] == "stored" and rows["news.md"]["reason"] == ""
    assert isinstance(rows["news.md"]["programs"], list)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_cli_export_formats_write_files(sample_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"docs.{fmt}"
    run_cli("export", "--store", str(sample_store), "--table", "documents", "--format", fmt, "-o", str(out), check=True)
    import pandas as pd

    frame = pd.read_csv(out) if fmt == "csv" else pd.read_parquet(out)
    assert len(frame) == 4


def test_cli_stored_text_has_no_planted_person_or_contact(sample_store: Path) -> None:
    for table in ("documents", "passages", "claims"):
        out = run_cli("export", "--store", str(sample_store), "--table", table, check=True).stdout
        for value in ("Zhang", "zhang.wei@example.com", "138 0013 8000", "Hans Becker", "Becker"):
            assert value not in out
    manifest = (sample_store / "manifest.json").read_text(encoding="utf-8")
    assert "Zhang" not in manifest


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("build", "no/such/folder", "--store", "{tmp}/s"), "does not exist"),
        (("build", str(DATA / "sample"), "--store", "{tmp}/s", "--registry", "{tmp}/bad.yaml"), "kind"),
        (("info", "--store", "{tmp}/nothing"), "no store"),
        (("export", "--store", "{store}", "--table", "nope"), "unknown table"),
        (("build", str(DATA / "sample" / "empty.txt"), "--store", "{tmp}/s"), "nothing could be stored"),
    ],
)
def test_cli_user_errors_are_one_line_exit_2(sample_store: Path, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "bad.yaml").write_text(
        "version: 1\nprograms:\n  - {id: de_x, name: X, country: DE, kind: nonsense, operator: O, status: active, names: {en: [X]}}\n",
        encoding="utf-8",
    )
    filled = [a.format(tmp=tmp_path, store=sample_store) for a in args]
    if filled[0] == "build" and "--registry" not in filled:
        filled += ["--registry", str(SMALL_REGISTRY), "--taxonomy", str(SMALL_TAXONOMY)]
    proc = run_cli(*filled)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in proc.stderr


def test_cli_malformed_registry_names_file_entry_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "programs.yaml"
    bad.write_text(
        "version: 1\nprograms:\n  - {id: de_ok, name: A, country: DE, kind: credit_score, operator: O, status: active, names: {en: [A]}}\n"
        "  - {id: de_bad, name: B, country: DE, kind: credit_score, operator: O, status: sometimes, names: {en: [B]}}\n",
        encoding="utf-8",
    )
    proc = run_cli("build", str(DATA / "sample"), "--store", str(tmp_path / "s"), "--registry", str(bad))
    assert proc.returncode == 2
    assert str(bad) in proc.stderr and "programs[1] (id=de_bad).status" in proc.stderr


def test_cli_unwritable_store_is_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    proc = run_cli("build", str(DATA / "sample"), "--store", str(blocker / "atlas"), *SMALL)
    assert proc.returncode == 2 and "cannot be written" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_sql_runs_duckdb_over_tables(sample_store: Path) -> None:
    proc = run_cli("sql", "--store", str(sample_store), "SELECT status, count(*) AS n FROM documents GROUP BY status ORDER BY status",
                   "--format", "jsonl", check=True)
    assert [json.loads(x) for x in proc.stdout.splitlines()] == [{"status": "rejected", "n": 2}, {"status": "stored", "n": 2}]


def test_cli_info_counts_status_and_reasons(sample_store: Path) -> None:
    proc = run_cli("info", "--store", str(sample_store), check=True)
    assert "2 stored, 2 rejected" in proc.stdout and "empty file: 1" in proc.stdout


def test_cli_audit_passes_on_a_built_store(sample_store: Path) -> None:
    proc = run_cli("audit", "--store", str(sample_store))
    assert proc.returncode == 0, proc.stdout + proc.stderr
