"""docs/analysis.md stays true: its Python example runs on the shipped store, its commands on a built store."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from scoreatlas.cli import app

DOC = ROOT / "docs" / "analysis.md"


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


COMMANDS = [line for block in blocks("sh") for line in block.splitlines() if line.startswith("scoreatlas ")]


@pytest.mark.parametrize("block", range(len(blocks("python"))))
def test_docs_python_example_runs(built_store: Path, block: int) -> None:
    code = blocks("python")[block].replace('"build/atlas"', repr(str(built_store)))
    scope: dict = {}
    exec(compile(code, str(DOC), "exec"), scope)
    assert scope["atlas"] is not None


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_commands_run(mini_store: Path, tmp_path: Path, command: str) -> None:
    args = [a.replace("build/atlas", str(mini_store)).replace("build/report.html", str(tmp_path / "r.html"))
            for a in shlex.split(command)[1:]]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (command, result.stderr)
    assert result.stdout.strip()
