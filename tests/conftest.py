"""Shared fixtures: real spaCy pipelines and real stores, built once per test session (per xdist worker)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CORPUS_TEXTS = ROOT / "corpus" / "texts"
SMALL_REGISTRY = DATA / "registry_small.yaml"
SMALL_TAXONOMY = DATA / "taxonomy_small.yaml"


def needs_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the test cleanly where it is absent (a user's fresh clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not present beside this checkout")
    return path


def run_cli(*args: str, cwd: Path | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the ``scoreatlas`` console script as a user would, through a subprocess."""
    exe = Path(sys.executable).with_name("scoreatlas")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd or ROOT, env=env, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"scoreatlas {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def nlp():
    """The full build pipeline on the English model with the shipped registry and taxonomy."""
    from scoreatlas.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def shipped_pipelines():
    """``shipped_pipelines(lang)``: the build pipeline for a language with the shipped registry and taxonomy
    (``load_pipeline(lang=...)``), loaded on first use, once per session."""
    from scoreatlas.pipeline import load_pipeline

    loaded = {}

    def get(lang: str):
        if lang not in loaded:
            loaded[lang] = load_pipeline(lang=lang)
        return loaded[lang]

    return get


@pytest.fixture(scope="session")
def small_nlp():
    """The build pipeline with the small test registry and taxonomy."""
    from scoreatlas.pipeline import load_pipeline

    return load_pipeline(registry=SMALL_REGISTRY, taxonomy=SMALL_TAXONOMY)


@pytest.fixture(scope="session")
def shipped_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus built once into a store."""
    import scoreatlas as sa

    store = tmp_path_factory.mktemp("shipped") / "atlas"
    sa.build([CORPUS_TEXTS], store=store)
    return store


@pytest.fixture(scope="session")
def shipped_atlas(shipped_store: Path):
    import scoreatlas as sa

    return sa.open(shipped_store)
