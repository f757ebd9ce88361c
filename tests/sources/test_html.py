"""Saved web pages: main text, title, date, publisher kept; author dropped; no main text rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreatlas.sources import read_path
from scoreatlas.types import RawDocument, Rejected

FILES = Path(__file__).resolve().parents[1] / "data" / "ingest" / "files"


@pytest.mark.parametrize("name", ["page_en.html"])
def test_html_keeps_main_text_and_metadata_without_author(name: str) -> None:
    [doc] = read_path(FILES / name)
    assert isinstance(doc, RawDocument)
    assert doc.meta["title"] == "Court list of debtors grows again"
    assert doc.meta["date"] == "2024-03-05"
    assert doc.meta["publisher"] == "The Example Ledger"
    assert doc.meta["source_url"] == "https://ledger.example.org/world/court-list"
    assert doc.meta["declared_lang"] == "en"
    assert "author" not in doc.meta
    assert "Quentin" not in repr(doc.meta)
    assert "more than eight million entries" in doc.text
    assert "courts must act within three working days" in doc.text
    # the page template goes with extraction
    for junk in ("We use cookies", "Accept all", "Privacy policy", "Business"):
        assert junk not in doc.text


@pytest.mark.parametrize("name", ["no_main_text.html"])
def test_html_without_main_text_is_rejected(name: str) -> None:
    [result] = read_path(FILES / name)
    assert isinstance(result, Rejected)
    assert result.reason.startswith("HTML has no main text (")


@pytest.mark.parametrize("charset", ["gb2312", "gbk"])
def test_html_honours_a_declared_chinese_charset(tmp_path: Path, charset: str) -> None:
    body = "失信被执行人名单制度建立于2013年，被列入名单的人不能乘坐飞机和高铁，也不能入住星级酒店。" * 3
    page = f'<html><head><meta charset="{charset}"><title>名单</title></head><body><article><p>{body}</p></article></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    [doc] = read_path(path)
    assert isinstance(doc, RawDocument)
    assert doc.encoding == "gb18030"
    assert "失信被执行人名单制度建立于2013年" in doc.text
