"""The cleaning rules of ``corpus/cleaning.yaml``: schema, validation and compiled patterns."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scoreatlas.resources import corpus_dir, load_yaml

Category = Literal[
    "cookie", "promotional", "subscribe", "share", "photo_credit", "media_cue", "byline", "dateline",
    "related", "copyright", "navigation",
]
Scope = Literal["line", "span", "block"]

ANY = "any"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Strict):
    """One named rule: patterns per language, and how much a match removes."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    category: Category
    description: str
    scope: Scope = "line"
    case_sensitive: bool = False
    max_chars: int = Field(default=300, gt=0)
    edge_lines: int | None = Field(default=None, gt=0)
    block_lines: int = Field(default=12, gt=0)
    block_line_chars: int = Field(default=140, gt=0)
    patterns: dict[str, list[str]]

    @field_validator("patterns")
    @classmethod
    def _languages(cls, patterns: dict[str, list[str]]) -> dict[str, list[str]]:
        for lang in patterns:
            if lang != ANY and not re.fullmatch(r"[a-z]{2,3}", lang):
                raise ValueError(f"'{lang}' is not a language code (two or three lower-case letters) or 'any'")
        return patterns

    @model_validator(mode="after")
    def _compiles(self) -> Rule:
        for lang, items in self.patterns.items():
            for i, pattern in enumerate(items):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(
                        f"rule '{self.name}': pattern {i} for '{lang}' is not a valid regular expression ({exc})"
                    ) from None
        return self

    @cached_property
    def compiled(self) -> dict[str, re.Pattern[str]]:
        """One alternation per language (the rule's ``any`` patterns included in each)."""
        flags = 0 if self.case_sensitive else re.IGNORECASE
        common = self.patterns.get(ANY, [])
        out = {}
        for lang in {*self.patterns, ANY}:
            items = [*common, *(self.patterns.get(lang, []) if lang != ANY else [])]
            if items:
                out[lang] = re.compile("|".join(f"(?:{p})" for p in items), flags)
        return out

    def pattern_for(self, lang: str) -> re.Pattern[str] | None:
        return self.compiled.get(lang) or self.compiled.get(ANY)


class RepeatedLines(_Strict):
    name: str = Field(default="repeated_boilerplate", pattern=r"^[a-z][a-z0-9_]*$")
    min_documents: int = Field(default=3, ge=2)
    min_share: float = Field(default=0.5, gt=0, le=1)
    max_chars: int = Field(default=200, gt=0)
    max_document_share: float = Field(default=0.5, gt=0, le=1)


class NearDuplicateSettings(_Strict):
    threshold: float = Field(default=0.7, gt=0, le=1)
    num_perm: int = Field(default=128, ge=16, le=1024)
    shingle_words: int = Field(default=5, ge=1, le=20)
    min_shingles: int = Field(default=10, ge=1)


class CleaningRules(_Strict):
    version: int = 1
    rules: list[Rule]
    repeated_lines: RepeatedLines = RepeatedLines()
    near_duplicates: NearDuplicateSettings = NearDuplicateSettings()

    @field_validator("rules")
    @classmethod
    def _unique(cls, rules: list[Rule]) -> list[Rule]:
        seen: set[str] = set()
        for rule in rules:
            if rule.name in seen:
                raise ValueError(f"duplicate rule name '{rule.name}'")
            seen.add(rule.name)
        return rules

    def rule_names(self) -> list[str]:
        return [r.name for r in self.rules] + [self.repeated_lines.name]


def default_rules_path() -> Path:
    return corpus_dir() / "cleaning.yaml"


@lru_cache(maxsize=8)
def load_rules(path: Path | None = None) -> CleaningRules:
    """Load and validate cleaning rules (the shipped ``corpus/cleaning.yaml`` by default).

    Raises:
        UserError: E003/E004 naming the file, the rule and the field.
    """
    return load_yaml(path or default_rules_path(), CleaningRules)
