"""Regenerate the ingest fixtures in this folder: ``.venv/bin/python tests/data/ingest/make_fixtures.py``.

Every file is real (a PDF written by reportlab, a DOCX by python-docx, text in the encoding its name
says) and deterministic, so the committed files match what this script writes. The article text is our
own; every person's name in them is invented and must not survive a build.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent / "files"

PDF_PARAGRAPHS = [
    "The credit information register was created by statute in 2009 and is run by the central bank. "
    "Lenders must report every loan that is more than ninety days overdue, and the registration stays "
    "visible for five years after the debt is settled.",
    "A person who finds an entry can ask the bank that reported it to correct the record. If the bank "
    "refuses, the complaint goes to the data protection authority, which decided about 1,200 such cases "
    "in 2022.",
    "Critics say that the register treats small utility debts like large mortgage defaults, and that "
    "people with an entry are refused tenancies as well as loans. The government promised a review of "
    "the thresholds in 2024.",
]
PDF_HEADER = "Credit Register Review - Country Brief"


def _wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` characters, hyphenating long words as typesetters do."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - 2
        if len(word) >= 9 and room >= 4 and len(word) - room >= 3:
            lines.append(f"{line} {word[:room]}-".strip())
            line = word[room:]
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def make_pdf(paragraphs: list[str], *, pages: int, header: str, encrypt: str | None = None) -> bytes:
    """A text PDF: the paragraphs spread over ``pages`` pages, each with a running header and a page footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt)
    pdf.setTitle(header)
    _, height = A4
    per_page = max(1, -(-len(paragraphs) // pages))
    for page in range(pages):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, height - 40, header)
        pdf.drawString(280, 30, f"Page {page + 1} of {pages}")
        pdf.setFont("Helvetica", 11)
        y = height - 90
        for paragraph in paragraphs[page * per_page : (page + 1) * per_page]:
            for line in _wrap(paragraph, 80):
                pdf.drawString(72, y, line)
                y -= 14
            y -= 14
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def make_blank_pdf() -> bytes:
    """A PDF whose only page holds a drawing and no text, as a scan without OCR looks to a text reader."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    pdf.rect(100, 100, 300, 400, fill=1)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def make_docx(title: str, paragraphs: list[str], *, author: str) -> bytes:
    import datetime

    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = datetime.datetime(2024, 5, 2, 9, 0, 0)
    props.modified = datetime.datetime(2024, 5, 2, 9, 0, 0)
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Year"
    table.cell(0, 1).text = "Entries"
    table.cell(1, 0).text = "2022"
    table.cell(1, 1).text = "41,000"
    document.sections[0].header.paragraphs[0].text = "Internal memo - not for circulation"
    buf = io.BytesIO()
    document.save(buf)
    return _fixed_zip_times(buf.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed member times, so that the DOCX is byte-for-byte reproducible."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 5, 2, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


ZH = (
    "最高人民法院于2013年建立失信被执行人名单制度。被列入名单的人不能乘坐飞机和高铁，"
    "也不能入住星级酒店。法院在名单公布前应当通知当事人，当事人可以向法院提出书面纠正申请。"
)
FR = (
    "Le fichier national des incidents de remboursement des crédits aux particuliers est géré par la "
    "Banque de France. Une inscription dure cinq ans au maximum ; les établissements doivent consulter "
    "le fichier avant d’accorder un prêt à la consommation. « Ce n’est pas une liste noire », répète la banque."
)
DE = (
    "Die Auskunftei speichert Daten über Zahlungsausfälle von rund 68 Millionen Menschen. Der Gerichtshof "
    "der Europäischen Union entschied im Dezember 2023, dass die Berechnung eines Scorewerts eine "
    "automatisierte Entscheidung sein kann, wenn Banken maßgeblich darauf abstellen. Größere Übersicht folgt."
)
EN_LONG = (
    "The register lists people who did not pay a court-ordered debt. Courts publish the list online, "
    "and the listed person may ask the court to correct an entry that is wrong. "
) * 8


def main() -> None:
    files: dict[str, bytes] = {
        "report.pdf": make_pdf(PDF_PARAGRAPHS, pages=3, header=PDF_HEADER),
        "encrypted.pdf": make_pdf(PDF_PARAGRAPHS, pages=1, header=PDF_HEADER, encrypt="secret-password"),
        "scanned.pdf": make_blank_pdf(),
        "memo.docx": make_docx("Review of the register", PDF_PARAGRAPHS, author="Invented Quillfeather"),
        "zh_gb18030.txt": ZH.encode("gb18030"),
        "zh_gbk.txt": ZH.encode("gbk"),
        "fr_cp1252.txt": FR.encode("cp1252"),
        "de_cp1252.txt": DE.encode("cp1252"),
        "en_utf16_bom.txt": ("\ufeff" + EN_LONG).encode("utf-16-le"),
        "fr_utf8_mojibake.txt": FR.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"),
        "en_utf8_one_bad_byte.txt": (EN_LONG + "The register \u2013 as critics say \u2013 grew. ").encode()
        + b" The list\x92s size grew. " + EN_LONG.encode(),
        "en_cp1252_apostrophe.txt": EN_LONG.encode() + b" The list\x92s size grew.",
        "en_utf8_many_bad_bytes.txt": ("Caf\u00e9 r\u00e9sum\u00e9 \u2013 " * 12).encode() + b"\xff\xfe\xfd\xfc" * 20,
        "binary_named.txt": bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)),
        "empty.txt": b"",
        "blank.txt": b"  \n\n \t\n",
    }
    pdf = files["report.pdf"]
    files["corrupt.pdf"] = pdf[: len(pdf) // 3]
    files["garbage.pdf"] = b"%PDF-1.4\n" + bytes(range(256)) * 4
    files["truncated.docx"] = files["memo.docx"][: len(files["memo.docx"]) // 2]
    files["legacy_word.docx"] = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504

    rows = [
        {"id": "r1", "text": "Courts in one province listed 12,000 debtors in 2021.", "title": "Province list",
         "date": "2021-05-01", "country": "CN", "lang": ""},
        {"id": "r2", "text": "", "title": "Empty row", "date": "", "country": "CN", "lang": ""},
        {"id": "r3", "text": "La Banque de France gère le fichier des incidents de crédit depuis 1989.",
         "title": "FICP", "date": "2020-01-15", "country": "FR", "lang": "fr"},
    ]
    import csv

    for name, delimiter in (("table.csv", ","), ("table.tsv", "\t"), ("table_semicolon.csv", ";")):
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        files[name] = buf.getvalue().encode("utf-8")
    files["table_gbk.csv"] = "id,body\nz1,失信被执行人名单制度建立于2013年。\n".encode("gbk")
    files["no_text_column.csv"] = b"id,body,country\nr1,Courts listed debtors.,CN\n"
    files["ragged.csv"] = b"id,text\nr1,A complete row about the register.\nr2,too,many,fields\n"
    files["table.jsonl"] = (
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{not json}\n[1, 2]\n"
    ).encode("utf-8")

    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), buf)
    files["table.parquet"] = buf.getvalue()
    files["corrupt.parquet"] = buf.getvalue()[:200]

    for name, data in files.items():
        HERE.mkdir(exist_ok=True)
        (HERE / name).write_bytes(data)
    print(f"wrote {len(files)} fixtures to {HERE}")


if __name__ == "__main__":
    main()
