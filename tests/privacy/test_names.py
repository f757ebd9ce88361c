"""Gazetteers and word lists."""

from __future__ import annotations

import pytest

from scoreatlas.privacy import names


@pytest.mark.parametrize("name", ["Anne", "Chinedu", "Dmitri", "Priya", "Thandiwe", "Agnieszka", "Olena"])
def test_names_first_names(name: str) -> None:
    assert name in names.first_names()


@pytest.mark.parametrize("name", ["Vermeulen", "Okafor", "Volkov", "Smirnov", "Haddad", "Mehta"])
def test_names_surnames(name: str) -> None:
    assert name in names.surnames()


@pytest.mark.parametrize(("word", "pinyin"), [("Jiahao", True), ("Xiu-ying", True), ("Wei", True), ("Bank", False), ("Court", False)])
def test_names_is_pinyin(word: str, pinyin: bool) -> None:
    assert names.is_pinyin(word) is pinyin


@pytest.mark.parametrize(
    ("word", "common"),
    [("Will", True), ("Court", True), ("Officials", True), ("Smith", False), ("Washington", False), ("Zhang", False)],
)
def test_names_is_common_word(word: str, common: bool) -> None:
    assert names.is_common_word(word) is common


@pytest.mark.parametrize(("cyrillic", "latin"), [("Смирнов", "Smirnov"), ("Светлана", "Svetlana")])
def test_names_transliterate_cyrillic(cyrillic: str, latin: str) -> None:
    assert names.transliterate_cyrillic(cyrillic) == latin


@pytest.mark.slow
@pytest.mark.parametrize("path", [names.COMMON_WORDS_FILE])
def test_names_common_words_file_current(path) -> None:
    assert path.read_text(encoding="utf-8").split() == names.derive_common_words()


@pytest.mark.parametrize(("word", "lang", "common"), [("Sie", "de", True), ("Elle", "fr", True), ("Wel", "nl", True), ("Sie", "en", False)])
def test_names_is_common_word_in_language(word: str, lang: str, common: bool) -> None:
    assert names.is_common_word(word, lang) is common
