"""Issue 4's newspaper check: a story about a Chinese city's social credit pilot, written the way a
newspaper writes it (no program name, attributions, figures in the middle of clauses), built end to end
with the shipped registry and taxonomy."""

from __future__ import annotations

from pathlib import Path

import pytest

# Written for this test; the city is left unnamed and no person is named.
CITY_PILOT_STORY = """\
A city in eastern China's Jiangsu province has become the latest to try out a local social credit scheme, and \
residents say its rules now reach into everyday life.

Under the pilot, launched by the municipal government in 2021 on the basis of a provincial regulation, every \
adult resident starts with 1,000 points. Officials deduct points for unpaid fines, traffic offences and ignoring \
court judgments, and add points for volunteering and giving blood.

The city's credit office gathers records from the courts, tax offices and the traffic police, and a computer \
system sorts residents into grades from AAA down to D.

Those in the lowest grade are punished. Local courts said 46,000 people had been stopped from buying plane \
tickets last year, and 12,000 more could not buy high-speed train tickets.

Names of blacklisted residents are published on the city's credit website and shown on a big screen in the \
main square.

Residents with top grades get discounts on buses and can borrow library books without a deposit.

A resident who thinks a deduction is wrong can file an objection with the credit office, and entries are deleted \
after two years.

Legal scholars in Beijing say the pilot escapes oversight, since the provincial people's congress has never \
reviewed how it works.
"""


@pytest.fixture(scope="module")
def story_atlas(tmp_path_factory: pytest.TempPathFactory):
    import scoreatlas as sa

    folder: Path = tmp_path_factory.mktemp("news")
    (folder / "city_pilot.txt").write_text(CITY_PILOT_STORY, encoding="utf-8")
    store = folder / "atlas"
    sa.build([folder / "city_pilot.txt"], store=store)
    return sa.open(store)


@pytest.mark.parametrize("program", ["cn_social_credit_system"])
def test_news_story_city_pilot_is_tagged_china_and_its_program(story_atlas, program: str) -> None:
    doc = story_atlas.documents.iloc[0]
    assert list(doc["countries"]) == ["CN"]
    # The city is unnamed, so no city pilot in the registry fits: the generic mention goes to the national system.
    assert program in set(doc["programs"])


@pytest.mark.parametrize("minimum", [6])
def test_news_story_city_pilot_has_evidence_in_most_dimensions(story_atlas, minimum: int) -> None:
    dimensions = {topic.split(".")[0] for topic in story_atlas.documents.iloc[0]["topics"]}
    assert len(dimensions) >= minimum, sorted(dimensions)


@pytest.mark.parametrize(("value", "topic"), [(46_000, "sanctions.travel"), (12_000, "sanctions.travel")])
def test_news_story_city_pilot_ticket_bans_are_travel_claims(story_atlas, value: int, topic: str) -> None:
    claims = story_atlas.claims_table
    found = claims[claims["value"].eq(value)]
    assert not found.empty, claims[["value", "topic"]].to_string()
    assert set(found["topic"]) == {topic}
