"""Repeated boilerplate: lines shared by many documents of one source are cut; prose and copies are not."""

from __future__ import annotations

import pytest

from scoreatlas.clean import Cleaner
from scoreatlas.clean.boilerplate import source_group
from scoreatlas.types import RawDocument

TEMPLATE = ["The Example Ledger - independent news since 1999", "Got questions about credit? Our desk answers every week"]
STORIES = [
    "Courts in the north listed 12,000 debtors in 2021, the provincial court said.\n"
    "Most of them owed less than the average monthly wage, according to the court's own figures.",
    "The bureau changed its scoring formula in 2022 after complaints from consumer groups.\n"
    "Applicants may now ask for the main reasons behind a low score, free of charge.",
    "A new law requires lenders to explain a refusal in writing within thirty days.\n"
    "The regulator will check a sample of refusals each year and publish what it finds.",
    "The city ended its points scheme in 2020 after a public consultation.\n"
    "Residents had earned points for volunteering and lost them for traffic offences.",
]


def _docs(folder: str) -> list[RawDocument]:
    return [RawDocument(f"{folder}/story{i}.txt", "\n".join([TEMPLATE[0], story, TEMPLATE[1]]), meta={"lang": "en"})
            for i, story in enumerate(STORIES)]


@pytest.mark.parametrize("folder", ["saved/ledger"])
def test_boilerplate_lines_repeated_in_one_source_are_cut(folder: str) -> None:
    cleaner = Cleaner()
    docs = _docs(folder)
    assert cleaner.learn(docs) == 4
    for doc, story in zip(docs, STORIES, strict=True):
        result = cleaner.clean(doc)
        assert result.text == story
        assert result.removed == {"repeated_boilerplate": sum(len(t) for t in TEMPLATE)}


@pytest.mark.parametrize("folder", ["saved/ledger"])
def test_boilerplate_counts_only_within_one_source(folder: str) -> None:
    cleaner = Cleaner()
    docs = _docs(folder)
    other = [RawDocument(f"elsewhere{i}/story.txt", d.text, meta={"lang": "en"}) for i, d in enumerate(docs)]
    cleaner.learn(other[:2] + docs[:2])  # two per source: below min_documents
    assert not cleaner.clean(docs[0]).removed


@pytest.mark.parametrize("folder", ["saved/copies"])
def test_boilerplate_copies_of_one_story_are_left_whole(folder: str) -> None:
    cleaner = Cleaner()
    text = "\n".join(STORIES)
    docs = [RawDocument(f"{folder}/copy{i}.txt", text, meta={"lang": "en"}) for i in range(4)]
    cleaner.learn(docs)
    result = cleaner.clean(docs[0])
    assert result.text == text and not result.removed


@pytest.mark.parametrize(
    ("source", "meta", "group"),
    [("a/b/page.html", {"publisher": "Ledger"}, "dir:a/b|ledger"), ("https://x.example.org/a/b", {}, "url:x.example.org"),
     ("a/table.csv#row=3", {}, "table:a/table.csv")],
)
def test_boilerplate_source_group(source: str, meta: dict[str, str], group: str) -> None:
    assert source_group(source, meta) == group
