"""Street addresses: the forms of several countries are removed with their flats and postcodes; the towns,
regions and countries the gazetteer knows stay, like other places, laws and figures."""

from __future__ import annotations

import pytest

from scoreatlas.privacy import addresses, zh
from scoreatlas.privacy.identifiers import find_identifiers


def _found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in addresses.find_addresses(text)]


def _removed_but_places(text: str, value: str) -> bool:
    """Every letter and digit of ``value`` is inside an address span, but for the places that stay."""
    from scoreatlas.privacy.evaluate import _covered

    start = text.index(value)
    return _covered(addresses.find_addresses(text), start, start + len(value), text, places=True)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # United States, Canada, Australia, United Kingdom
        ("Please send the forms to 1234 Elm Street, Apt 5, Springfield, IL 62704 by Friday.",
         "1234 Elm Street, Apt 5, Springfield, IL 62704"),
        ("The claimant, of 88 Wellington Crescent, Winnipeg, MB R3M 0A5, appealed.",
         "88 Wellington Crescent, Winnipeg, MB R3M 0A5"),
        ("Her lawyer's letter went to Flat 2, 14 High St, Leeds LS1 4AB last week.", "Flat 2, 14 High St, Leeds LS1 4AB"),
        ("Write to PO Box 4417, Toowoomba QLD 4350.", "PO Box 4417, Toowoomba QLD 4350"),
        ("Forward it to PSC 4115, Box 2207\nAPO AE 09321 please.", "PSC 4115, Box 2207\nAPO AE 09321"),
        # Germany, France, the Netherlands, Italy, Spain
        ("Anschrift: Lindenstraße 47, 50674 Köln", "Lindenstraße 47, 50674 Köln"),
        ("Der Schuldner wohnt in der Goethestr. 9a, 80336 München.", "Goethestr. 9a, 80336 München"),
        ("Sie zog in die Berliner Allee 12, 40212 Düsseldorf.", "Berliner Allee 12, 40212 Düsseldorf"),
        ("Il habite au 7 bis avenue Jean Jaurès, 69007 Lyon.", "7 bis avenue Jean Jaurès, 69007 Lyon"),
        ("Elle est domiciliée 3 rue du Moulin, 44000 Nantes, depuis 2015.", "3 rue du Moulin, 44000 Nantes"),
        ("Het adres is Prinsengracht 263, 1016 GV Amsterdam.", "Prinsengracht 263, 1016 GV Amsterdam"),
        ("Hij woont op de Dorpsstraat 12A, 3511 AB Utrecht sinds 2010.", "Dorpsstraat 12A, 3511 AB Utrecht"),
        ("The office moved to Via Nazionale 91, 00184 Roma in 2019.", "Via Nazionale 91, 00184 Roma"),
        ("Calle de Alcalá 48, 28014 Madrid", "Calle de Alcalá 48, 28014 Madrid"),
        # Nordic and Central European forms, a street name with no type word after a cue
        ("Hän asuu osoitteessa Mannerheimintie 14 B, 00100 Helsinki.", "Mannerheimintie 14 B, 00100 Helsinki"),
        ("The package was delivered to Váci utca 19., Budapest", "Váci utca 19., Budapest"),
        ("She now lives at Pohjoisranta 7, Kemi", "Pohjoisranta 7, Kemi"),
        # an address block of several lines, up to the contact lines below it
        ("Contact:\nMs. Okafor\n221 Harbour Road\nSuite 300\nCape Town\nSouth Africa 8001\nMobile: +27 21 555 0100",
         "221 Harbour Road\nSuite 300\nCape Town\nSouth Africa 8001"),
        # a text written in lower case
        ("ok my address is 42 maple avenue, apt 3, portland 97205 thanks", "42 maple avenue, apt 3, portland 97205"),
        ("Drop it at the corner of 12 Quarry Lane and Birch Road.", "the corner of 12 Quarry Lane and Birch Road"),
        # a street written in lower case after its house number, in a text that is not
        ("J'habite au 12 rue des lilas depuis 2019.", "12 rue des lilas"),
        ("Elle vit 3 via roma, à Bologne.", "3 via roma"),
        ("The bus drops you off at 31 Rue tachkent St.", "31 Rue tachkent St"),
        ("We moved to 5 avenue du général Leclerc last year.", "5 avenue du général Leclerc"),
    ],
)
def test_addresses_found_whole(text: str, value: str) -> None:
    assert _removed_but_places(text, value), _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Article 22 of the GDPR restricts decisions based solely on automated processing.",
        "In 2019 Supreme Court judges reviewed the rules of 27 European Union member states.",
        "About 12,000 people in Rongcheng were scored in 2014, up from 3,000 in 2013.",
        "The Ministry of Public Security in Beijing issued Order No. 37 in 2018.",
        "Regulation (EU) 2016/679 took effect in May 2018 across 27 Member States.",
        "Paris, Berlin and Amsterdam each host a data protection authority.",
        "Schufa scored 68 million people in Germany in 2023; Phase 2 began on 1 March 2020 in Hangzhou.",
        "See Box 3 and Table 2 for the figures of Section 4 Part 2.",
        "Kamerstukken II, Tweede Kamer 2020-2021, nr. 3219, over de toeslagenaffaire.",
        "Der Bundesgerichtshof entschied 2019 über 3 Fälle; laut Artikel 22 DSGVO gilt das.",
        "La loi n° 78-17 du 6 janvier 1978 relative à l'informatique s'applique à Lyon.",
        "He lives in Rongcheng 2019 figures aside; she moved to London in 2015.",
        "They met at the corner of Queen Street and Spadina Avenue.",
        "根据国发〔2014〕21号文件，北京市有12000人被列入名单。",
        # a number before a street word and ordinary words, or before a provision's heading
        "He finished in 3 place on the list; send the 2 via email; the fund pays 10 route fees.",
        "L'article 12 voie de recours précise le délai; il a 3 voies de recours.",
    ],
)
def test_addresses_places_laws_and_figures_kept(text: str) -> None:
    assert [s for s in find_identifiers(text) if s.kind == "ADDRESS"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("他住在北京市朝阳区建国路88号院3号楼1202室。", "建国路88号院3号楼1202室"),
        ("地址：上海市浦东新区世纪大道１００号", "世纪大道１００号"),
        ("被执行人住所地为广州市天河区体育西路一百零三号", "体育西路一百零三号"),
        ("住在阳光小区3栋2单元501室", "阳光小区3栋2单元501室"),
        ("家住幸福村3组12号", "幸福村3组12号"),
    ],
)
def test_addresses_chinese_house_numbers(text: str, value: str) -> None:
    found = [text[s.start : s.end] for s in zh.find_identifiers(text) if s.kind == "ADDRESS"]
    assert found == [value]


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("The debtor, who lives at 17 Orchard Lane, Apt 2B, Dayton, OH 45402, appealed in Ohio.",
         ["17 Orchard Lane", "2B", "45402"], ["Ohio", "appealed"]),
        ("Die Auskunftei in Wiesbaden schrieb an die Kantstraße 8, 10623 Berlin.",
         ["Kantstraße", "10623"], ["Wiesbaden", "Auskunftei"]),
        ("Le tribunal de Lyon a écrit au 12 rue de la Paix, 75002 Paris.", ["rue de la Paix", "75002"], ["Lyon"]),
        ("De Belastingdienst stuurde de brief naar Kerkstraat 5, 1012 AB Amsterdam.",
         ["Kerkstraat 5", "1012 AB"], ["Belastingdienst"]),
        ("About 12,000 people in Rongcheng were scored; Article 22 applies in Brussels.",
         [], ["12,000", "Rongcheng", "Article 22", "Brussels"]),
    ],
)
def test_addresses_redacted_by_pipeline(redact, text: str, gone: list[str], kept: list[str]) -> None:
    out = redact(text)
    assert all(g not in out for g in gone), out
    assert all(k in out for k in kept), out


def test_addresses_word_list_validated(tmp_path) -> None:
    from scoreatlas.errors import UserError

    bad = tmp_path / "addresses.yaml"
    bad.write_text("version: 1\nstreet_after: {en: [Street]}\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"addresses\.yaml"):
        addresses.address_words(bad)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Mohmad R. Vizirov\n\n23680 Parijsstraat 8\nApt. 026\nZoetermeer", ["Vizirov", "Mohmad"], []),
        ("> Tamsin Okonjo\n> Harbour Analytics\n> 41 Quarry Lane\n> Suite 9\n> Dunedin", ["Okonjo", "Tamsin"], []),
        ("Contact Us\n12 Elm Street, Apt 5\nSpringfield", [], ["Contact Us"]),
        ("Head Office\n\n88 Wellington Crescent, Suite 4\nWinnipeg", [], ["Head Office"]),
    ],
)
def test_addresses_addressee_line_is_a_person(redact, text: str, gone: list[str], kept: list[str]) -> None:
    out = redact(text)
    assert all(g not in out for g in gone), out
    assert all(k in out for k in kept), out


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # fields exported empty ("nan") and numeric region codes on their own line stay in the address
        ("I'll meet you at 25615 Tawastintie 72 Apt. 004\nKNIVSTA, nan 18237 after the concert.",
         "25615 Tawastintie 72 Apt. 004\nKNIVSTA, nan 18237"),
        ("The restaurant is at 704 1436 Redbud Drive\nCite Essanaouber\n, 32\n 60810. It serves food.",
         "704 1436 Redbud Drive\nCite Essanaouber\n, 32\n 60810"),
        ("Meet me at 8514 Lyngveien 46 Apt. 085 BODØ nan", "8514 Lyngveien 46 Apt. 085 BODØ nan"),
        # a Greek town typed with the increment sign for a capital delta
        ("The address is 928 Λ. Αλεξάνδρας 14\n Suite 112\n ΧΑΝ∆ΡΙΑ\n Cyprus (Greek) 51034",
         "928 Λ. Αλεξάνδρας 14\n Suite 112\n ΧΑΝ∆ΡΙΑ\n Cyprus (Greek) 51034"),
        # an Estonian street word
        ("6614 Luite tee 87\n Apt. 931\n Salumäe\n Estonia 62031", "6614 Luite tee 87\n Apt. 931\n Salumäe\n Estonia 62031"),
    ],
)
def test_addresses_blank_fields_in_tail(text: str, value: str) -> None:
    assert _removed_but_places(text, value), _found(text)


@pytest.mark.parametrize(
    ("text", "town", "gone"),
    [
        ("Anschrift: Lindenstraße 47, 50674 Köln", "Köln", ["Lindenstraße 47", "50674"]),
        ("Please send the forms to 1234 Elm Street, Apt 5, Springfield, IL 62704 by Friday.", "Springfield",
         ["1234 Elm Street", "Apt 5", "62704"]),
        ("Billing address: Sara Schwarz\n    28245 Puruntie 82 Apt. 595\n   LAPPEENRANTA\n    SK\n    53650",
         "LAPPEENRANTA", ["Puruntie 82", "595", "53650"]),
        ("He gave his address: 450 Præstevænget 15, Kolding", "Kolding", ["Præstevænget 15"]),
    ],
)
def test_addresses_known_towns_stay(text: str, town: str, gone: list[str]) -> None:
    found = _found(text)
    assert not any(town in f for f in found), found
    assert all(any(g in f for f in found) for g in gone), found


@pytest.mark.parametrize(
    "text",
    ["Article 22, 5\nof the GDPR applies.", "My nan said 12 of them came.", "In 2019, 14 courts ruled; nan",
     "If ∆ = 12 and ∆ΟΜΕΤΙΟΣ 4, then"],
)
def test_addresses_blank_fields_alone_not_addresses(text: str) -> None:
    assert _found(text) == []
