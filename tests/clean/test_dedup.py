"""Near-duplicates: a syndicated story is found across sites; different stories are not."""

from __future__ import annotations

import pytest

from scoreatlas.clean import NearDuplicates

STORY = (
    "The Supreme People's Court said on Tuesday that its list of dishonest judgment debtors held more than "
    "eight million entries at the end of 2023. People on the list cannot buy plane or high-speed train tickets, "
    "and their names are published online until the debt is paid. Debtors who settle their debts can ask the "
    "court to remove them from the list, and courts must act within three working days."
)
OTHER = (
    "The credit bureau changed its scoring formula in 2022 after complaints from consumer groups. Lenders now "
    "receive a score between 100 and 999, and applicants may ask for an explanation of any refusal in writing. "
    "The regulator reviews the formula every two years and publishes a summary of its findings."
)


@pytest.mark.parametrize(
    "variant",
    [
        STORY,
        STORY.replace("on Tuesday", "on Tuesday, according to a statement,"),
        STORY + " The court did not give figures for 2024.",
        STORY.upper(),
    ],
)
def test_dedup_finds_the_same_story(variant: str) -> None:
    finder = NearDuplicates()
    assert finder.check("kept", STORY) is None
    assert finder.check("copy", variant) == "kept"


@pytest.mark.parametrize("text", [OTHER, STORY[: len(STORY) // 3]])
def test_dedup_keeps_different_stories(text: str) -> None:
    finder = NearDuplicates()
    assert finder.check("a", STORY) is None
    assert finder.check("b", text) is None


@pytest.mark.parametrize("text", ["最高人民法院于2013年建立失信被执行人名单制度。被列入名单的人不能乘坐飞机和高铁，也不能入住星级酒店。"])
def test_dedup_uses_character_shingles_for_chinese(text: str) -> None:
    finder = NearDuplicates()
    assert finder.check("a", text) is None
    assert finder.check("b", text.replace("。", "！", 1)) == "a"


@pytest.mark.parametrize("n", [50])
def test_dedup_remembers_signatures_not_texts(n: int) -> None:
    finder = NearDuplicates()
    for i in range(n):
        finder.check(str(i), f"{OTHER} Story number {i} has its own ending with a unique figure of {i * 7919}.")
    assert all(not isinstance(v, str) for v in finder.signatures.values())
    assert all(isinstance(k, bytes) for k in finder.exact)
