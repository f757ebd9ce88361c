"""Identifiers: each pattern finds its form and its checksum rejects look-alikes; figures never match."""

from __future__ import annotations

import pytest

from scoreatlas.privacy import identifiers as ids


def _found(finder, text: str) -> list[str]:
    return [text[s.start : s.end] for s in finder(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Write to zhang.wei@example.com today", "zhang.wei@example.com"),
        ("m.okonkwo@newsdesk.example.org.", "m.okonkwo@newsdesk.example.org"),
        ("anne [at] example [dot] org", "anne [at] example [dot] org"),
        ("anne (at) example.org", "anne (at) example.org"),
        ("anne at example dot com", "anne at example dot com"),
    ],
)
def test_identifiers_email_found(text: str, value: str) -> None:
    assert value in _found(ids.find_emails, text)


@pytest.mark.parametrize("text", ["Write to Gareth Pryce at gareth.pryce@bureau.example.co.uk", "look at this dot"])
def test_identifiers_email_spoken_form_needs_spoken_dots(text: str) -> None:
    assert not any(" at " in v for v in _found(ids.find_emails, text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("call +86 138 0013 8000 now", "+86 138 0013 8000"),
        ("on +1 202-555-0143.", "+1 202-555-0143"),
        ("call him on 0161 496 0734.", "0161 496 0734"),
        ("on 06-48213976 or", "06-48213976"),
        ("(+31 6 2193 4782)", "+31 6 2193 4782"),
        ("on 06 71 82 93 04 before", "06 71 82 93 04"),
        ("number, 138 5712 4096, and", "138 5712 4096"),
        ("at (415) 555-0198 or", "(415) 555-0198"),
        ("Desk: +447700 921 916", "+447700 921 916"),
        ("Fax: 345-899-3560x4587", "345-899-3560x4587"),
        ("Desk: +41 (0)96 471 07 95", "+41 (0)96 471 07 95"),
    ],
)
def test_identifiers_phone_found(text: str, value: str) -> None:
    found = _found(ids.find_phones, text)
    assert any(value in f or (f in value and len(f) >= len(value) - 1) for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Courts added 40,000 names between 2019-2020 and barred 5.7 million people.",
        "Regulation (EU) 2016/679 and Law No 9.936/2019 apply.",
        "It fined them 1 200 000 euros in 2013 2014 and 2015.",
        "About 1,400,000,000 people; ISBN 978-3-16-148410-0; on 10.05.2021 at 10:30.",
        "See https://example.org/doc/2021040010/page?id=1512835444 for the ruling.",
    ],
)
def test_identifiers_phone_not_figures(text: str) -> None:
    assert ids.find_identifiers(text) == []


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("NL75 INGB 0007 3198 42", True),
            ("NL75 INGB 0007 3198 43", False),
        ("NL91 ABNA 0417 1643 00", True),
        ("DE89 3704 0044 0532 0130 00", True),
        ("GB29NWBK60161331926819", True),
        ("gb29nwbk60161331926819", True),
        ("GB29NWBK60161331926818", False),
    ],
)
def test_identifiers_iban_checksum(value: str, valid: bool) -> None:
    assert ids.iban_ok(value) is valid


@pytest.mark.parametrize(
    ("text", "value"),
    [("paid into NL91 ABNA 0417 1643 00 held by", "NL91 ABNA 0417 1643 00"), ("from GB29NWBK60161331926819 had", "GB29NWBK60161331926819")],
)
def test_identifiers_iban_found_without_following_words(text: str, value: str) -> None:
    assert _found(ids.find_ibans, text) == [value]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("card 4532 0187 4619 0322, issued", True),
        ("card 5529-8043-7615-2746 had", True),
        ("card 4012888888881881 registered", True),
        ("card 4012888888881882 registered", False),  # fails Luhn
    ],
)
def test_identifiers_card_luhn(text: str, found: bool) -> None:
    assert bool(ids.find_cards(text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("from 198.51.100.23, an address", True),
        ("address 2001:db8:85a3::8a2e:370:7334 next", True),
        ("version 1.2.3.4.5 of the app", False),
        ("from 999.1.1.1 here", False),
    ],
)
def test_identifiers_ip_parsed(text: str, found: bool) -> None:
    assert bool(ids.find_ips(text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a post by @zhouming_cq was deleted", True),
        ("shared by @lena_osei and", True),
        ("mail anne@example.org", False),
    ],
)
def test_identifiers_handle(text: str, found: bool) -> None:
    assert bool(ids.find_handles(text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("profile (https://www.linkedin.com/in/rahul-iyer-risk) lists", True),
        ("page is https://www.facebook.com/priscilla.doelwijt.77.", True),
        ("see x.com/some_user for more", True),
        ("github.com/anne-vermeulen", True),
        ("code at https://github.com/LawRefBook/Laws", False),  # a repository, not a profile
        ("https://example.org/linkx.com/vid/uitspraak", False),
        ("twitter.com/hashtag/credit", False),
    ],
)
def test_identifiers_profile_url(text: str, found: bool) -> None:
    assert bool(ids.find_profile_urls(text)) is found


@pytest.mark.parametrize(
    ("value", "valid"),
    [("371082196802091538", True), ("371082196802091539", False), ("11010519491231002X", True)],
)
def test_identifiers_cn_id_checksum(value: str, valid: bool) -> None:
    assert ids.cn_id_ok(value) is valid


@pytest.mark.parametrize(
    ("code", "removed"),
    [("91350100M000100Y43", False), ("92350100M000100Y4X", None)],
)
def test_identifiers_uscc_company_kept(code: str, removed: bool | None) -> None:
    assert ids.uscc_ok("91350100M000100Y43")
    if removed is False:
        assert ids.find_cn_ids(f"code {code} of the firm") == []


def test_identifiers_uscc_sole_trader_removed() -> None:
    # Build a valid code of a sole trader (registration type 92) by computing its check character.
    body = "92350100M000100Y4"
    total = sum(ids._USCC_CHARS.index(c) * w for c, w in zip(body, ids._USCC_WEIGHTS, strict=True))
    code = body + ids._USCC_CHARS[(31 - total % 31) % 31]
    assert [s.kind for s in ids.find_cn_ids(f"licence {code} of the shop")] == ["ID"]


@pytest.mark.parametrize(("value", "valid"), [("238761058", True), ("238761059", False), ("111222333", True)])
def test_identifiers_bsn_eleven_check(value: str, valid: bool) -> None:
    assert ids.bsn_ok(value) is valid


@pytest.mark.parametrize(
    ("text", "found"),
    [("SSN 529-38-6614, date", True), ("number 431 72 8056.", True), ("SSN: 529386614", True), ("code 000-12-3456", False)],
)
def test_identifiers_ssn(text: str, found: bool) -> None:
    assert bool(ids.find_ssn(text)) is found


@pytest.mark.parametrize(("text", "found"), [("number, JT 48 21 67 B, in", True), ("NINO (PX193746A) was", True), ("GB 12 34 56 A", False)])
def test_identifiers_nino(text: str, found: bool) -> None:
    assert bool(ids.find_nino(text)) is found


@pytest.mark.parametrize(("value", "valid"), [("2 84 05 69 123 045 63", True), ("2 84 05 69 123 045 64", False), ("1 85 05 2A 123 456 13", None)])
def test_identifiers_nir_key(value: str, valid: bool | None) -> None:
    result = ids.nir_ok(value)
    if valid is not None:
        assert result is valid


@pytest.mark.parametrize(("value", "valid"), [("47231590848", True), ("47231590847", False), ("12345678901", False)])
def test_identifiers_de_tax_id_check(value: str, valid: bool) -> None:
    assert ids.de_tax_id_ok(value) is valid


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a car with plate 浙A12345 was", "浙A12345"),
        ("kenteken 12-ABC-3 stond", "12-ABC-3"),
        ("immatriculée AB-123-CD depuis", "AB-123-CD"),
        ("Kennzeichen B-MW 1234 fuhr", "B-MW 1234"),
        ("his plate, KX19 PLN, and", "KX19 PLN"),
        ("California plate 7TRK482, was", "7TRK482"),
    ],
)
def test_identifiers_plates(text: str, value: str) -> None:
    assert value in _found(ids.find_plates, text)


@pytest.mark.parametrize("text", ["Article 5 of the EU AI Act (2024)", "COVID-19 in 2020-21", "On 2023-01-15 the court ruled."])
def test_identifiers_plates_not_in_prose(text: str) -> None:
    assert ids.find_plates(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("visited her at 14 Rue des Lilas, Lyon", "14 Rue des Lilas"),
        ("listed at 221 Elm Street, Apt 4B, Springfield", "221 Elm Street, Apt 4B"),
        ("address as Flat 3, 27 Hawthorn Road, Leeds LS6 2QT.", "Flat 3, 27 Hawthorn Road"),
        ("lived at Keizersgracht 221, 1016 DV Amsterdam", "Keizersgracht 221, 1016 DV"),
        ("wohnt in der Hauptstraße 5 in Köln", "Hauptstraße 5"),
    ],
)
def test_identifiers_addresses(text: str, value: str) -> None:
    assert any(value in f for f in _found(ids.find_addresses, text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Nguyen Thi Lan, born 3 March 1978, was", "3 March 1978"),
        ("date of birth 07/14/1986, was", "07/14/1986"),
        ("née le 12 mai 1983 à Lyon", "12 mai 1983"),
        ("geboren am 01.02.1970 in", "01.02.1970"),
    ],
)
def test_identifiers_date_of_birth(text: str, value: str) -> None:
    assert _found(ids.find_dates_of_birth, text) == [value]


@pytest.mark.parametrize("text", ["The law was born in 2013 and took effect on 1 October 2013.", "In March 2021 the list grew."])
def test_identifiers_dates_and_years_kept(text: str) -> None:
    assert ids.find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("with his customer reference number, 619 402 583J, circled in red", "619 402 583J"),
        ("my U.S. passport number is B17730422. I have", "B17730422"),
        ("Prof. dr. Ilse Maas (ORCID 0000-0001-7734-2290)", "0000-0001-7734-2290"),
        ("lists a debtor as “王某, ID 3303021980****1174”, with", "3303021980****1174"),
        ("Mme X, allocataire sous le numéro 8830146, perçoit", "8830146"),
        ("越南国籍，护照号码E9917734。", "E9917734"),
        ("Kundennummer: 4711 0815 22 bitte angeben", "4711 0815 22"),
        ("was given redress control number 5518204 in March", "5518204"),
    ],
)
def test_identifiers_reference_numbers_after_their_words(text: str, value: str) -> None:
    assert value in [text[s.start : s.end] for s in ids.find_identifiers(text)]


@pytest.mark.parametrize(
    "text",
    [
        "N° 2304517 (a tribunal's case number stays)",
        "In 2019, ID 2020 rules; the ID card scheme covers 5,000,000 people",
        "Der Ausweis wurde 2019 ausgestellt; passport to 12 countries",
        "Case C-634/21 of the Court of Justice",
    ],
)
def test_identifiers_reference_numbers_need_their_words(text: str) -> None:
    assert not [s for s in ids.find_identifiers(text) if s.detector == "reference"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("but her WeChat account, lin_xy1988, still shows a warning", "lin_xy1988"),
        ("Skype: jdoe77 or email", "jdoe77"),
        ("Reddit user throwaway_2291 said so", "throwaway_2291"),
        ("on Twitter in 2019 people complained", None),
        ("LINE 2 of the table; Telegram channels grew in 2020", None),
    ],
)
def test_identifiers_user_names_after_a_platform(text: str, value: str | None) -> None:
    found = [text[s.start : s.end] for s in ids.find_handles(text) if s.detector == "platform_name"]
    assert found == ([value] if value else [])
