"""The notebooks run top to bottom in a real Jupyter kernel (the venv's interpreter), on one shared store.

Each notebook asserts what it shows, so a broken notebook fails here. They are stored without outputs.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_tour", "02_compare_programs", "03_sanctions_across_countries", "04_language_of_scoring"]
KERNEL = "scoreatlas-test"


@pytest.fixture(scope="session")
def built_store(request: pytest.FixtureRequest) -> Path:
    """The shipped corpus built once per session (the shared ``shipped_store``); ``SCOREATLAS_TEST_STORE`` names
    an already built store to reuse instead, for quick reruns."""
    given = os.environ.get("SCOREATLAS_TEST_STORE")
    if given and (Path(given) / "manifest.json").is_file():
        return Path(given)
    return request.getfixturevalue("shipped_store")


@pytest.fixture(scope="session")
def kernel_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kernelspec that runs this interpreter (the venv's), whatever other kernels the machine has."""
    base = tmp_path_factory.mktemp("jupyter")
    spec = base / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Score Atlas tests", "language": "python",
    }), encoding="utf-8")
    return base


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_stored_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert sum("assert " in c.source for c in code) >= 4


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebooks_run_top_to_bottom(name: str, built_store: Path, kernel_dir: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_dir))
    monkeypatch.setenv("SCOREATLAS_STORE", str(built_store))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=300, resources={"metadata": {"path": str(NOTEBOOKS)}})
    started = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - started
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
    print(f"{name}: {seconds:.1f} s")
