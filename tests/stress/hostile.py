"""Hostile input files, made on the spot: bombs, endless nesting, giant files (sparse), links out of the folder,
file names with newlines and shell characters. Used by tests/stress/test_hostile.py and benchmarks/stress.py.

Each entry says what must happen: ``rejected`` with a reason matching a pattern, or ``stored``.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 1024 * 1024
GOOD_TEXT = "The SCHUFA credit score affects whether a bank grants a loan, say consumer groups in Berlin.\n"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def zip_bomb_docx(unpacked: int) -> bytes:
    body = (f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>'.encode()
            + b" " * unpacked + b"</w:t></w:r></w:p></w:body></w:document>")
    return docx_bytes(body)


def laughs_docx() -> bytes:
    return docx_bytes(
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        f'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>'.encode()
    )


def pdf_bytes(pages: int, content: bytes = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET", flate: bool = False) -> bytes:
    """A minimal valid PDF of ``pages`` pages sharing one content stream."""
    stream = zlib.compress(content, 9) if flate else content
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        None,  # the page tree, filled below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        (b"<< /Length %d%s >>\nstream\n" % (len(stream), b" /Filter /FlateDecode" if flate else b""))
        + stream + b"\nendstream",
    ]
    first_page = len(objects) + 1
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _with_stream(stream: bytes) -> bytes:
    base = pdf_bytes(1, flate=True)
    start = base.index(b"4 0 obj\n")
    end = base.index(b"endobj\n", start) + len(b"endobj\n")
    obj = (b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)) + stream + b"\nendstream\nendobj\n"
    # Offsets in the xref table no longer match; PDF readers rebuild it, as they do for many real files.
    return base[:start] + obj + base[end:]


LAUGHS_HTML = (
    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    "<html><body><p>&d;&d;&d;&d;</p></body></html>"
)


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[Path], None]
    expect: str  # "rejected" or "stored"
    reason: str = ""  # a regular expression the reason must match


def _write(data: bytes | str | Callable[[], bytes | str]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        value = data() if callable(data) else data
        path.write_bytes(value.encode() if isinstance(value, str) else value)

    return make


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as fh:
            fh.write(GOOD_TEXT.encode())
            fh.truncate(size)  # a hole: no disk is filled

    return make


def _one_line(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as fh:
            word = b"loan "
            block = word * (MB // len(word))
            for _ in range(size // len(block)):
                fh.write(block)

    return make


def _link(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        os.symlink(target, path)

    return make


def hostile_files(*, scale: int = 1) -> list[Hostile]:
    """The hostile set. ``scale`` 1 keeps the bombs small enough for ``make test`` (with lowered limits);
    ``benchmarks/stress.py`` uses full sizes with the default limits."""
    return [
        Hostile("zip_bomb.docx", _write(lambda: zip_bomb_docx(600 * MB if scale > 1 else 60 * MB)), "rejected", r"ZIP bomb|unpacks to too much"),
        Hostile("laughs.docx", _write(laughs_docx()), "rejected", r"DTD|entit"),
        Hostile("many_pages.pdf", _write(lambda: pdf_bytes(2500)), "rejected", r"too many pages"),
        Hostile("pdf_bomb.pdf", _write(lambda: _with_stream(_bomb_stream(600 * MB if scale > 1 else 60 * MB))), "rejected", r"PDF bomb"),
        Hostile("deep.html", _write("<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000
                                    + "</body></html>"), "rejected", r"nested too deeply"),
        Hostile("laughs.html", _write(LAUGHS_HTML), "rejected", r"entit"),
        Hostile("huge.txt", _sparse(2 * 1024 * MB), "rejected", r"too large"),
        Hostile("one_line.txt", _one_line(100 * MB if scale > 1 else 12 * MB), "rejected", r"text too long"),
        Hostile("nul_bytes.txt", _write(b"The loan\x00\x00 register\x00" * 200), "rejected", r"binary"),
        Hostile("bad_utf8.txt", _write(GOOD_TEXT.encode() + b"\xff\xfe\xc3\x28 more text \xa0\xa1\n" + GOOD_TEXT.encode()),
                "stored"),
        Hostile("escape.txt", _link("/etc/hostname"), "rejected", r"out of the source folder"),
        Hostile("loop.txt", _link("loop.txt"), "rejected", r"loop"),
        Hostile("linked_folder", _link("/etc"), "rejected", r"linked folder not followed"),
        Hostile("new\nline.txt", _write(GOOD_TEXT), "stored"),
        Hostile("$(touch pwned) `id`.txt", _write(GOOD_TEXT.replace("Berlin", "Hamburg")), "stored"),
        Hostile("; rm -rf ~ & echo.txt", _write(GOOD_TEXT.replace("Berlin", "Munich")), "stored"),
        Hostile("-rf --store.txt", _write(GOOD_TEXT.replace("Berlin", "Bremen")), "stored"),
    ]


def _bomb_stream(unpacked: int) -> bytes:
    squeeze = zlib.compressobj(9)
    parts = [squeeze.compress(b"BT /F1 12 Tf 72 720 Td (Hi) Tj ET\n")]
    block = b"\n" * MB
    for _ in range(unpacked // MB):
        parts.append(squeeze.compress(block))
    parts.append(squeeze.flush())
    return b"".join(parts)


# ru_maxrss cannot be read from the wait4 of the process that made the hostile files: subprocess starts
# children with vfork, and exec keeps the high-water mark of the address space it replaces, so the child would
# report its parent's own peak (the bombs it built in memory, the models of earlier tests). A small process in
# between starts the command, which then inherits only that process's few megabytes.
_PEAK_OF_CHILD = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[2:])
_pid, status, usage = os.wait4(proc.pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_with_peak(cmd: list[str], peak_file: Path, **kwargs: Any) -> tuple[subprocess.CompletedProcess[bytes], float]:
    """Run ``cmd`` (keyword arguments as for ``subprocess.run``); returns the finished process and the peak
    memory of the command and its children, in MB."""
    proc = subprocess.run([sys.executable, "-c", _PEAK_OF_CHILD, str(peak_file), *cmd], **kwargs)
    peak = int(peak_file.read_text()) / 1024 if peak_file.exists() else 0.0
    return proc, peak


def make_hostile_folder(folder: Path, *, scale: int = 1) -> list[Hostile]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for item in hostile_files(scale=scale):
        item.make(folder / item.name)
        made.append(item)
    (folder / "good.txt").write_text(GOOD_TEXT)
    return made
