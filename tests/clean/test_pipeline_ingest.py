"""End to end: a folder mixing every format, encoding and bad file builds with exit 0, every input accounted for."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from conftest import SMALL_REGISTRY, SMALL_TAXONOMY, run_cli

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = DATA / "ingest" / "files"


class _Pages(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/page.html":
            body, status, ctype = (FILES / "page_en.html").read_bytes(), 200, "text/html"
        else:
            body, status, ctype = b"gone", 404, "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory: pytest.TempPathFactory, server: str) -> tuple[Path, Path, str]:
    root = tmp_path_factory.mktemp("mixed")
    folder = root / "inbox"
    shutil.copytree(FILES, folder)
    shutil.copytree(DATA / "sample", folder / "sample")
    urls = root / "reading.urls"
    urls.write_text(f"# two URLs\n{server}/page.html\n{server}/missing\n", encoding="utf-8")
    store = root / "atlas"
    proc = run_cli("build", str(folder), "--store", str(store), "--urls", str(urls), "--quiet",
                   "--registry", str(SMALL_REGISTRY), "--taxonomy", str(SMALL_TAXONOMY))
    assert proc.returncode == 0, proc.stderr
    return folder, store, server


@pytest.mark.slow
@pytest.mark.parametrize("table_rows", [{"table.csv": 3, "table.tsv": 3, "table_semicolon.csv": 3, "table.parquet": 3,
                                         "table.jsonl": 5, "ragged.csv": 2}])
def test_pipeline_ingest_every_input_has_a_row(mixed_build: tuple[Path, Path, str], table_rows: dict[str, int]) -> None:
    import scoreatlas as sa

    folder, store, server = mixed_build
    docs = sa.open(store).documents
    files = {str(p) for p in folder.rglob("*") if p.is_file()}
    by_file = docs["source"].str.split("#").str[0].value_counts().to_dict()
    assert set(by_file) == files | {f"{server}/page.html", f"{server}/missing"}
    for name, n in table_rows.items():
        assert by_file[str(folder / name)] == n
    assert set(docs["status"]) == {"stored", "rejected", "duplicate"}
    assert (docs.loc[docs["status"] == "rejected", "reason"] != "").all()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("binary_named.txt", "binary file, not text (PNG image)"),
        ("corrupt.pdf", "corrupt PDF (cannot be parsed: PSEOF)"),
        ("encrypted.pdf", "encrypted PDF (a password is needed to open it)"),
        ("truncated.docx", "truncated or corrupt DOCX (the ZIP archive is incomplete)"),
        ("no_main_text.html", "HTML has no main text ("),
        ("no_text_column.csv", "no text column 'text' (columns: id, body, country"),
        ("en_utf8_many_bad_bytes.txt", "invalid UTF-8 ("),
    ],
)
def test_pipeline_ingest_bad_inputs_are_rejected_rows(mixed_build: tuple[Path, Path, str], name: str, reason: str) -> None:
    import scoreatlas as sa

    folder, store, _ = mixed_build
    docs = sa.open(store).documents
    [row] = docs[docs["source"] == str(folder / name)].to_dict(orient="records")
    assert row["status"] == "rejected"
    assert row["reason"].startswith(reason)


@pytest.mark.slow
@pytest.mark.parametrize("kept_name", ["table.csv#row=1"])
def test_pipeline_ingest_duplicates_point_to_the_kept_document(mixed_build: tuple[Path, Path, str], kept_name: str) -> None:
    import scoreatlas as sa

    folder, store, _ = mixed_build
    docs = sa.open(store).documents
    [kept] = docs.loc[docs["source"] == str(folder / kept_name), "doc_id"]
    copies = docs[docs["duplicate_of"] == kept]
    assert sorted(Path(s).name for s in copies["source"]) == [
        "table.jsonl#row=1", "table.parquet#row=1", "table.tsv#row=1", "table_semicolon.csv#row=1"]
    assert (copies["status"] == "duplicate").all() and (copies["text"] == "").all()
    zh = docs[docs["source"].str.endswith(("zh_gb18030.txt", "zh_gbk.txt"))].set_index("status")
    assert zh.loc["duplicate", "duplicate_of"] == zh.loc["stored", "doc_id"]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "lang", "encoding"), [("zh_gb18030.txt", "zh", "gb18030"), ("de_cp1252.txt", "de", "cp1252"),
                                                        ("fr_cp1252.txt", "fr", "cp1252"), ("en_utf16_bom.txt", "en", "utf-16")])
def test_pipeline_ingest_language_and_encoding_recorded(mixed_build: tuple[Path, Path, str], name: str, lang: str,
                                                        encoding: str) -> None:
    import scoreatlas as sa

    folder, store, _ = mixed_build
    docs = sa.open(store).documents
    [row] = docs[docs["source"] == str(folder / name)].to_dict(orient="records")
    assert (row["lang"], row["encoding"]) == (lang, encoding)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["page_en.html"])
def test_pipeline_ingest_cleaning_is_recorded_per_document(mixed_build: tuple[Path, Path, str], name: str) -> None:
    import scoreatlas as sa

    folder, store, server = mixed_build
    atlas = sa.open(store)
    docs = atlas.documents
    [row] = docs[docs["source"] == str(folder / name)].to_dict(orient="records")
    cleaning = json.loads(row["cleaning"])
    assert cleaning == {"dateline_stamp": 22, "media_cue": 61, "promo_call_to_action": 56, "read_more_link": 51}
    assert "Telegram" not in row["text"] and "Quentin" not in row["text"]
    assert "courts must act within three working days" in row["text"]
    manifest = atlas.manifest
    assert manifest["cleaning"]["removed_by_rule"]["media_cue"] >= 61
    entry = next(i for i in manifest["inputs"] if i.get("doc_id") == row["doc_id"])
    assert entry["cleaning"] == cleaning
    # the same page fetched from its URL is the same story: a duplicate row pointing to the file's document
    [url_row] = docs[docs["source"] == f"{server}/page.html"].to_dict(orient="records")
    assert (url_row["status"], url_row["duplicate_of"]) == ("duplicate", row["doc_id"])
    [missing] = docs.loc[docs["source"] == f"{server}/missing", "reason"]
    assert missing == "HTTP 404 (Not Found)"


@pytest.mark.slow
@pytest.mark.parametrize("expected", ["documents: ", "rejected: ", "encrypted PDF: 1", "HTTP 404: 1"])
def test_pipeline_ingest_info_counts_by_status_and_reason(mixed_build: tuple[Path, Path, str], expected: str) -> None:
    _, store, _ = mixed_build
    proc = run_cli("info", "--store", str(store), check=True)
    assert expected in proc.stdout


@pytest.mark.slow
@pytest.mark.parametrize("column", ["body"])
def test_pipeline_ingest_build_from_frame(tmp_path: Path, column: str) -> None:
    import scoreatlas as sa

    frame = pd.DataFrame({
        column: ["Courts in one province listed 12,000 debtors in 2021.\nShare on Facebook", "",
                 "La Banque de France gère le fichier des incidents de crédit depuis 1989."],
        "title": ["Province list", "Empty", "FICP"],
        "year": [2021, 2020, 2019],
    })
    result = sa.build_from_frame(frame, text=column, store=tmp_path / "atlas", registry=SMALL_REGISTRY,
                                 taxonomy=SMALL_TAXONOMY)
    docs = sa.open(result.store).documents.set_index("source")
    assert sorted(docs.index) == ["dataframe#row=1", "dataframe#row=2", "dataframe#row=3"]
    assert docs.loc["dataframe#row=2", "reason"] == "empty text in column 'body'"
    assert docs.loc["dataframe#row=1", "text"] == "Courts in one province listed 12,000 debtors in 2021."
    assert json.loads(docs.loc["dataframe#row=1", "meta"])["year"] == 2021
    assert docs.loc["dataframe#row=3", "lang"] == "fr"


@pytest.mark.parametrize("column", ["missing"])
def test_pipeline_ingest_build_from_frame_names_a_missing_column(tmp_path: Path, column: str) -> None:
    import scoreatlas as sa

    with pytest.raises(sa.UserError, match=r"\[E016\] the text column must be one of text, title, not 'missing'"):
        sa.build_from_frame(pd.DataFrame({"text": ["a"], "title": ["b"]}), text=column, store=tmp_path / "x")


@pytest.mark.parametrize("name", ["page_en.html"])
def test_pipeline_ingest_clean_preview_shows_cuts_by_rule(name: str) -> None:
    proc = run_cli("clean-preview", str(FILES / name), check=True)
    assert f"{FILES / name}: lang en, 4 cuts, 190 of 616 characters removed" in proc.stdout
    assert "[promo_call_to_action]  Join our Telegram channel for the latest news from Asia." in proc.stdout
    assert "writes nothing to disk" in " ".join(run_cli("clean-preview", "--help", check=True).stdout.split())
