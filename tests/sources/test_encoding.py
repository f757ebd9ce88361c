"""Decoding real bytes: GB18030/GBK, Windows-1252, UTF-16 with BOM, mojibake, damaged UTF-8, binary data."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from scoreatlas.errors import ReadError
from scoreatlas.sources.encoding import decode

FILES = Path(__file__).resolve().parents[1] / "data" / "ingest" / "files"


@pytest.mark.parametrize(
    ("name", "encoding", "expected"),
    [
        ("zh_gb18030.txt", "gb18030", "最高人民法院于2013年建立失信被执行人名单制度。被列入名单的人不能乘坐飞机和高铁，"),
        ("zh_gbk.txt", "gb18030", "当事人可以向法院提出书面纠正申请。"),
        ("fr_cp1252.txt", "cp1252", "d’accorder un prêt à la consommation. « Ce n’est pas une liste noire »"),
        ("de_cp1252.txt", "cp1252", "Zahlungsausfälle von rund 68 Millionen Menschen"),
        ("en_cp1252_apostrophe.txt", "cp1252", "The list’s size grew."),
        ("en_utf16_bom.txt", "utf-16", "The register lists people who did not pay a court-ordered debt."),
    ],
)
def test_encoding_decodes_real_bytes(name: str, encoding: str, expected: str) -> None:
    decoded = decode((FILES / name).read_bytes())
    assert decoded.encoding == encoding
    assert expected in decoded.text
    assert "\ufffd" not in decoded.text


@pytest.mark.parametrize("name", ["fr_utf8_mojibake.txt"])
def test_encoding_repairs_mojibake(name: str) -> None:
    decoded = decode((FILES / name).read_bytes())
    assert "géré par la Banque de France" in decoded.text
    assert "Ã" not in decoded.text
    assert decoded.note == "mojibake repaired"


@pytest.mark.parametrize("text", ["Àª", "Ãª", "the Ãª list", "Ð²ÐµÑ"[:2] + " in Köln, Æble"])
def test_encoding_keeps_valid_text_with_a_single_mojibake_shape(text: str) -> None:
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == text
    assert decoded.note == ""


CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "texts"


@pytest.mark.parametrize("lang", ["en", "fr", "de", "nl", "zh"])
def test_encoding_leaves_real_utf8_texts_unchanged(lang: str) -> None:
    paths = sorted((CORPUS / lang).rglob("*.*"))
    assert paths
    for path in paths:
        data = path.read_bytes()
        assert decode(data).text == unicodedata.normalize("NFC", data.decode("utf-8-sig")), path.name


@pytest.mark.parametrize("name", ["en_utf8_one_bad_byte.txt"])
def test_encoding_replaces_a_few_invalid_utf8_bytes_with_a_note(name: str) -> None:
    decoded = decode((FILES / name).read_bytes())
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 1
    assert decoded.note == "1 invalid UTF-8 bytes replaced with U+FFFD"
    assert "The register – as critics say – grew." in decoded.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ((FILES / "en_utf8_many_bad_bytes.txt").read_bytes(), "invalid UTF-8 (80 of 308 bytes cannot be decoded)"),
        ((FILES / "binary_named.txt").read_bytes(), "binary file, not text (PNG image)"),
        (b"\x00\x01\x02\x03binary", "binary file, not text (binary data (NUL bytes))"),
        ((FILES / "report.pdf").read_bytes(), "binary file, not text (PDF)"),
    ],
)
def test_encoding_rejects_what_is_not_text(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as info:
        decode(data)
    assert str(info.value) == reason


@pytest.mark.parametrize("text", ["Ｆｕｌｌ，全角标点：“保留”（不变）", "Curly “quotes” stay ‘curly’"])
def test_encoding_keeps_full_width_punctuation_and_curly_quotes(text: str) -> None:
    assert decode(text.encode("utf-8")).text == text


@pytest.mark.parametrize("nfd", ["Cafe\u0301 re\u0301sume\u0301"])
def test_encoding_normalises_to_nfc(nfd: str) -> None:
    assert decode(nfd.encode("utf-8")).text == "Café résumé"
