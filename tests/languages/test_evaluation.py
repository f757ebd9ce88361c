"""The per-language privacy evaluation meets its aims on the labelled sets (benchmarks/languages_eval.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _eval_module() -> Any:
    if "languages_eval" in sys.modules:
        return sys.modules["languages_eval"]
    spec = importlib.util.spec_from_file_location("languages_eval", ROOT / "benchmarks" / "languages_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["languages_eval"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "fr", "de", "nl"])
def test_evaluation_meets_aims(pipelines: Any, lang: str) -> None:
    module = _eval_module()
    path = ROOT / "benchmarks" / "data" / f"privacy_{lang}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 40
    result = module.evaluate(lang, rows, pipelines(lang))
    assert result.recall >= module.AIMS[lang], result.leaks
    assert result.id_recall == 1.0, result.misses


@pytest.mark.parametrize(
    ("units", "redacted", "leaks"),
    [
        (["陈建国", "陈"], "来自温州的[PERSON_1]说。[PERSON_2]先生称", 0),
        (["陈"], "陈述理由", 1),  # a Chinese name is leaked wherever its characters stand
        (["Le Goff"], "Le tribunal a tranché.", 0),  # particles are not counted
        (["Anne Vermeulen"], "Vermeulen's appeal", 1),
    ],
)
def test_evaluation_counts_leaks_strictly(units: list[str], redacted: str, leaks: int) -> None:
    module = _eval_module()
    lang = "zh" if any("\u4e00" <= c <= "\u9fff" for u in units for c in u) else "fr"
    found = sum(module.leaked(u, redacted) for u in module.name_units(units, lang))
    assert found == leaks


@pytest.mark.slow
def test_evaluation_script_runs(tmp_path: Path) -> None:
    """``python benchmarks/languages_eval.py`` as the README and docs/languages.md show it, on a small set."""
    import subprocess

    lines = (ROOT / "benchmarks" / "data" / "privacy_zh.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    (tmp_path / "privacy_zh.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "languages_eval.py"), "--langs", "zh", "--data", str(tmp_path),
         "--heldout", "--out", str(out)],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "| zh |" in out.read_text(encoding="utf-8")
