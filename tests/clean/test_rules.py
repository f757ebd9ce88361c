"""The cleaning rules file: the shipped one loads; a broken one is one line naming file, rule and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreatlas.clean.rules import load_rules
from scoreatlas.errors import UserError


@pytest.mark.parametrize("languages", [("en", "fr", "de", "nl", "zh")])
def test_rules_shipped_file_covers_every_category_per_language(languages: tuple[str, ...]) -> None:
    rules = load_rules()
    categories = {r.category for r in rules.rules}
    assert categories == {"cookie", "promotional", "subscribe", "share", "photo_credit", "media_cue", "byline",
                          "dateline", "related", "copyright", "navigation"}
    for rule in rules.rules:
        for lang in languages:
            assert rule.pattern_for(lang) is not None, (rule.name, lang)
    assert len(set(rules.rule_names())) == len(rules.rule_names())


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("version: 1\nrules:\n  - name: bad\n    category: promotional\n    description: x\n    patterns: {en: ['(unclosed']}\n",
         "rules[0]: rule 'bad': pattern 0 for 'en' is not a valid regular expression"),
        ("version: 1\nrules:\n  - name: x\n    category: adverts\n    description: x\n    patterns: {en: [a]}\n",
         "rules[0].category"),
        ("version: 1\nrules:\n  - name: x\n    category: share\n    description: x\n    patterns: {English: [a]}\n",
         "'English' is not a language code"),
        ("version: 1\nrules:\n  - name: x\n    category: share\n    description: x\n    colour: red\n    patterns: {en: [a]}\n",
         "rules[0].colour"),
    ],
)
def test_rules_invalid_file_names_file_entry_and_field(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "cleaning.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_rules(path)
    text = str(info.value)
    assert text.startswith(f"[E003] {path}: invalid data at ")
    assert message in text
    assert "\n" not in text
