"""The audit: clean on a store the build wrote, failing on a store where a name was planted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, run_cli


def _reseal(store: Path, changed: Path) -> None:
    """Record a rewritten table file in the manifest, as someone tampering with a store would."""
    import hashlib
    import json

    manifest_path = store / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    digest = hashlib.sha256(changed.read_bytes()).hexdigest()
    for entry in manifest.get("tables", {}).values():
        for item in entry.get("files", []):
            if item.get("file") == changed.name:
                item.update(bytes=changed.stat().st_size, mtime_ns=changed.stat().st_mtime_ns, sha256=digest)
        if entry.get("file") == changed.name:
            entry["sha256"] = digest
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("audit") / "atlas"
    run_cli("build", str(DATA / "sample"), "--store", str(store), "--registry", str(DATA / "registry_small.yaml"),
            "--taxonomy", str(DATA / "taxonomy_small.yaml"), "--quiet", check=True)
    return store


@pytest.mark.parametrize("command", [("audit",)])
def test_audit_clean_store_passes(sample_store: Path, command: tuple[str, ...]) -> None:
    proc = run_cli(*command, "--store", str(sample_store))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "clean" in proc.stdout


@pytest.mark.parametrize(
    ("planted", "kind"),
    [
        ("Later Anne-Sophie Vermeulen said the list was wrong.", "PERSON"),
        ("Contact the debtor at debtor.name@example.org for details.", "EMAIL"),
        ("The debtor's number 371082196802091538 was published.", "ID"),
    ],
)
def test_audit_planted_value_fails_without_printing_it(sample_store: Path, tmp_path: Path, planted: str, kind: str) -> None:
    import pyarrow.parquet as pq

    copy = tmp_path / "atlas"
    shutil.copytree(sample_store, copy)
    passages = next(copy.rglob("passages*.parquet"))
    table = pq.read_table(passages).to_pandas()
    table.loc[0, "text"] = planted
    table.to_parquet(passages, index=False)
    _reseal(copy, passages)
    proc = run_cli("audit", "--store", str(copy))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert kind in proc.stdout and "passages.text" in proc.stdout
    for word in planted.split():
        if any(c.isdigit() for c in word) or "@" in word or (word[:1].isupper() and len(word) > 5):
            assert word.strip(".,'s") not in proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        (
            {"inputs": [{"path": "corpus/texts/en/a.md", "content_hash": "4009325b", "doc_id": "12ae"}],
             "tables": {"documents": {"files": [{"file": "documents.parquet", "bytes": 113474,
                                                  "mtime_ns": 1795868279996259973, "sha256": "7f69a3"}]}}},
            ["corpus/texts/en/a.md", "documents.parquet"],
        ),
    ],
)
def test_audit_reads_the_text_of_the_manifest_not_its_numbers(manifest: dict, expected: list[str]) -> None:
    from scoreatlas.pipeline import _manifest_strings

    assert _manifest_strings(manifest) == expected
