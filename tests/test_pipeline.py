"""The build end to end on the shipped corpus, through the Python API."""

from __future__ import annotations

from pathlib import Path

import pytest

import scoreatlas as sa
from conftest import CORPUS_TEXTS, DATA, SMALL_REGISTRY, SMALL_TAXONOMY
from scoreatlas.resources import DIMENSIONS


def test_pipeline_every_input_has_a_documents_row(shipped_atlas) -> None:
    inputs = sorted(p for p in CORPUS_TEXTS.rglob("*") if p.is_file() and not p.name.startswith("."))
    docs = shipped_atlas.documents
    assert len(docs) == len(inputs)
    assert set(docs["status"]) <= {"stored", "rejected", "duplicate"}
    assert docs["status"].eq("stored").all(), docs.loc[docs["status"] != "stored", ["source", "reason"]]
    manifest_inputs = shipped_atlas.manifest["inputs"]
    assert len(manifest_inputs) == len(inputs) and all(i["content_hash"] for i in manifest_inputs)


def test_pipeline_shipped_store_passes_audit(shipped_store: Path) -> None:
    report = sa.audit(shipped_store)
    assert report.clean, report.findings[:20]


@pytest.mark.parametrize("lang", ["en", "zh", "fr", "de", "nl"])
def test_pipeline_documents_in_every_language_are_tagged(shipped_atlas, lang: str) -> None:
    docs = shipped_atlas.documents
    mine = docs[docs["lang"].eq(lang)]
    assert len(mine) >= 3
    assert mine["programs"].map(len).gt(0).all()
    assert mine["topics"].map(len).gt(0).mean() >= 0.75


def test_pipeline_coverage_meets_the_corpus_bar(shipped_atlas) -> None:
    cov = shipped_atlas.coverage()
    assert (cov["dimensions_covered"] >= 8).sum() >= 25, cov[["program", "dimensions_covered"]].to_string()


@pytest.mark.parametrize("program", ["cn_social_credit_system", "cn_spc_dishonest_judgment_debtors"])
def test_pipeline_core_programs_compare_over_eleven_dimensions(shipped_atlas, program: str) -> None:
    table = shipped_atlas.compare([program])
    assert list(table["dimension"]) == list(DIMENSIONS)
    assert (table["passages"] > 0).sum() >= 8
    ev = shipped_atlas.evidence(program, "sanctions")
    assert len(ev) > 0 and ev["citation"].str.len().gt(0).all()


def test_pipeline_passages_inherit_single_document_program(tmp_path: Path) -> None:
    store = tmp_path / "atlas"
    sa.build([DATA / "sample" / "news.md"], store=store, registry=SMALL_REGISTRY, taxonomy=SMALL_TAXONOMY)
    atlas = sa.open(store)
    assert atlas.passages["programs"].map(lambda p: p == ["cn_spc_dishonest_judgment_debtors"]).all()
    assert set(atlas.documents.loc[0, "programs"]) == {"cn_spc_dishonest_judgment_debtors"}


def test_pipeline_import_does_no_work() -> None:
    import subprocess
    import sys

    code = "import sys, scoreatlas; print('spacy' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"


# Invented names with no sentence around them: only the field they sit in says they are people.
_FIELD_PERSONS = {
    "front_matter.md": ("---\ntitle: Die Liste\nauthor: Matthis Brelkoviraat\nlang: de\n---\n\n"
                        "Die SCHUFA speicherte 1200 Einträge im Jahr 2021. Betroffene können widersprechen.\n"),
    "rows.csv": ("text,verfasser,lang\n"
                 "\"De Belastingdienst zette 900 ouders op een zwarte lijst in 2019. Bezwaar duurt maanden.\","
                 "Katrien Vloemstradijk,nl\n"),
    "page.html": ('<html lang="fr"><head><title>Le fichier</title><meta name="author" content="Odile Praumbelrup">'
                  "</head><body><article><p>Le fichier FICP comptait 2 400 personnes en 2020. Les recours prennent "
                  "des mois, selon la Banque de France.</p><p>Les banques consultent le fichier avant un crédit."
                  "</p></article></body></html>"),
}


@pytest.mark.parametrize("name", sorted(_FIELD_PERSONS))
def test_pipeline_person_fields_in_metadata_are_replaced_whole(tmp_path: Path, name: str) -> None:
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_text(_FIELD_PERSONS[name], encoding="utf-8")
    store = tmp_path / "atlas"
    sa.build([source.parent], store=store, registry=SMALL_REGISTRY, taxonomy=SMALL_TAXONOMY)
    atlas = sa.open(store)
    assert len(atlas.documents) == 1
    # Table files are compressed: read them back as well as searching the bytes of every file.
    written = [atlas.table(t).to_json(force_ascii=False).encode() for t in atlas.tables]
    written += [path.read_bytes() for path in store.rglob("*") if path.is_file()]
    for data in written:
        assert not any(part in data.lower() for part in (b"brelkoviraat", b"vloemstradijk", b"praumbelrup"))
    # The HTML reader keeps no author from <meta> at all; the other two keep the field, with its value replaced.
    assert ('"[PERSON]"' in atlas.documents.loc[0, "meta"]) == (not name.endswith(".html"))


def test_pipeline_text_is_stored_once_and_read_back_whole(tmp_path: Path) -> None:
    text = ("# The debtor list\n\nJudge Anne Vermeulen ruled on 3 May.  Listed people cannot buy\nflight tickets.\n\n"
            "\n\nVermeulen said 4.2 million people were listed. Call +31 20 123 4567.\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.md").write_text(text, encoding="utf-8")
    store = tmp_path / "atlas"
    sa.build([tmp_path / "in"], store=store, registry=SMALL_REGISTRY, taxonomy=SMALL_TAXONOMY, cache=False)
    import pyarrow.parquet as pq

    assert "text" not in pq.read_schema(store / "documents.parquet").names
    atlas = sa.open(store)
    whole = atlas.documents.loc[0, "text"]
    assert "Vermeulen" not in whole and "4567" not in whole and "[PERSON_1] said 4.2 million" in whole
    assert whole == "".join(atlas.passages.sort_values("position").eval("lead + text"))
    # the line and paragraph breaks the cleaner kept survive between passages
    assert "cannot buy\nflight tickets.\n\n[PERSON_1] said" in whole
    assert atlas.sql("SELECT text FROM documents")["text"].tolist() == [whole]
