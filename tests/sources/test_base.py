"""Dispatch by suffix, unreadable files, and the stream of inputs."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from scoreatlas.sources import iter_inputs, read_path
from scoreatlas.types import RawDocument, Rejected

FILES = Path(__file__).resolve().parents[1] / "data" / "ingest" / "files"


@pytest.mark.parametrize(("name", "reason"), [("notes.odt", "unsupported file type '.odt'"),
                                              ("README", "unsupported file type '(none)'")])
def test_base_unsupported_suffix_is_rejected(tmp_path: Path, name: str, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"something")
    assert read_path(path) == [Rejected(str(path), reason)]


@pytest.mark.parametrize("name", ["gone.txt"])
def test_base_broken_link_is_rejected(tmp_path: Path, name: str) -> None:
    link = tmp_path / name
    link.symlink_to(tmp_path / "nowhere.txt")
    [result] = list(iter_inputs([tmp_path]))
    assert isinstance(result, Rejected)
    assert result.reason == "broken symbolic link (not read)"


@pytest.mark.parametrize("name", ["locked.txt"])
def test_base_unreadable_file_is_rejected(name: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="scoreatlas-locked-"))
    try:
        folder.chmod(0o755)
        path = folder / name
        path.write_text("Courts listed debtors in 2019.", encoding="utf-8")
        path.chmod(0)
        assert _read_reason(path) == "file cannot be read (permission denied)"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _read_reason(path: Path) -> str:
    """The rejection reason for ``path``, read by an unprivileged process.

    Tests run as root here, and chmod does not stop root from reading. A forked child that has dropped
    to the 'nobody' user (uid 65534) meets the permission check a user would; it needs nothing from disk,
    as the reader modules are already imported.
    """
    if os.geteuid() != 0:
        [result] = read_path(path)
        return result.reason if isinstance(result, Rejected) else "read"
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(rfd)
            os.setgid(65534)
            os.setuid(65534)
            [result] = read_path(path)
            os.write(wfd, (result.reason if isinstance(result, Rejected) else "read").encode())
        finally:
            os._exit(0)
    os.close(wfd)
    with os.fdopen(rfd) as pipe:
        reason = pipe.read()
    os.waitpid(pid, 0)
    return reason


@pytest.mark.parametrize("folder", [FILES])
def test_base_every_file_gives_at_least_one_record(folder: Path) -> None:
    records = list(iter_inputs([folder]))
    sources = {r.source.split("#")[0] for r in records}
    files = {str(p) for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert sources == files
    assert all(isinstance(r, RawDocument) or r.reason for r in records)
