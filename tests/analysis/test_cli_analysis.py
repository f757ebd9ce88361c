"""The analysis subcommands on a real store: table, CSV and JSON Lines.

Most run the Typer app in this process (each subprocess would load spaCy's tokenizers again); one of each kind
runs as a user would, through the installed ``scoreatlas`` script.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_cli
from scoreatlas.cli import app


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["kwic", "blacklist*", "--window", "3"], lambda rows: len(rows) == 4 and rows[0]["match"].lower().startswith("blacklist")),
        (["kwic", "失信被执行人", "--type", "phrase", "--lang", "zh"], lambda rows: len(rows) == 3),
        (["frequency", "--by", "lang", "--n", "2"], lambda rows: {r["lang"] for r in rows} == {"en", "zh"}),
        (["ngrams", "--n", "2", "--top", "1"], lambda rows: rows[0]["term"] == "credit score" and rows[0]["count"] == 3),
        (["keyness", "--target", "de_schufa", "--reference", "CN", "--min-count", "1"],
         lambda rows: rows[0]["term"] == "credit" and rows[0]["target"] == 5),
        (["collocations", "credit", "--window", "1", "--min-count", "2"], lambda rows: rows[0]["collocate"] == "score"),
        (["dispersion", "blacklist*", "--by", "doc", "--level", "hits"], lambda rows: len(rows) == 4),
        (["topics", "--k", "2"], lambda rows: len(rows) == 2 and isinstance(rows[0]["top_terms"], list)),
    ],
)
def test_cli_analysis_commands_write_json_lines(mini_store: Path, args: list[str], check) -> None:
    code, out, err = invoke(*args, "--store", str(mini_store), "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert check(rows), rows[:3]


@pytest.mark.parametrize("pattern", ["blacklist*"])
def test_cli_kwic_runs_as_a_console_script(mini_store: Path, pattern: str) -> None:
    proc = run_cli("kwic", pattern, "--store", str(mini_store), "--format", "jsonl", check=True)
    assert len(proc.stdout.splitlines()) == 4


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_cli_kwic_table_and_csv(mini_store: Path, fmt: str) -> None:
    code, out, err = invoke("kwic", "objection", "--store", str(mini_store), "--format", fmt)
    assert code == 0, err
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[0]["left"].endswith("file an") and rows[0]["source"] == "https://example.org/spc-news"
    else:
        assert "objection" in out and "1 matches" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["kwic", "[x", "--type", "regex"], "valid regular expression"),
        (["frequency", "--unit", "stems"], "unit must be one of"),
        (["keyness", "--target", "nowhere"], "target must be one of"),
        (["kwic", "x", "--program", "xx_none"], "unknown program"),
    ],
)
def test_cli_analysis_user_errors_are_one_line(mini_store: Path, args: list[str], message: str) -> None:
    code, _out, err = invoke(*args, "--store", str(mini_store))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in err


@pytest.mark.parametrize("args", [["frequency", "--unit", "stems"]])
def test_cli_analysis_user_error_exits_2_from_the_console_script(mini_store: Path, args: list[str]) -> None:
    proc = run_cli(*args, "--store", str(mini_store))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
