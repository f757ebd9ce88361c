"""Personal identifiers found by pattern and, where one exists, confirmed by their checksum.

Each finder returns spans whose ``kind`` is the placeholder shown to readers (``EMAIL``, ``PHONE``, ``IBAN``,
``CARD``, ``IP``, ``HANDLE``, ``URL``, ``ID``, ``PLATE``, ``ADDRESS``, ``DOB``) and whose ``detector`` names
the exact form (``cn_id``, ``nl_bsn``, ``iban`` ...). Figures, years and organisation identifiers do not
match: grouped thousands, decimals, year ranges and ISO dates are excluded, and China's unified social credit
code is kept unless it belongs to a sole trader (``92...``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

import phonenumbers
import regex

from scoreatlas.privacy.addresses import find_addresses
from scoreatlas.types import Span

PHONE_REGIONS = ("US", "GB", "NL", "DE", "FR", "CN", "AU", "IN", "CA")

# --- emails, handles, profile URLs -----------------------------------------------------------------------
_EMAIL = regex.compile(r"(?<![\w.+%-])[\w.+%-]+(?:@|＠)[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# "name [at] domain [dot] org", "name (at) domain.org", "name at domain dot com"
_AT = r"\s*[\[({<]\s*(?:at|AT|@)\s*[\])}>]\s*"
_DOT = r"(?:\s*[\[({<]\s*(?:dot|DOT|\.)\s*[\])}>]\s*|\s+(?:dot|DOT)\s+|\.)"
_SPOKEN_DOT = r"\s+(?:dot|DOT)\s+"
_EMAIL_OBFUSCATED = regex.compile(
    rf"(?<![\w.+%-])[\w.+%-]+(?:{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}|\s+(?:at|AT)\s+[\w-]+(?:{_SPOKEN_DOT}[\w-]+)*{_SPOKEN_DOT})"
    rf"[A-Za-z]{{2,6}}(?![\w@.-])"
)
_HANDLE = regex.compile(r"(?<![\w@./+-])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
_PROFILE_URL = regex.compile(
    r"(?i)(?<![\w.@-])(?:https?://)?(?:www\.|[a-z]{2}\.|m\.|mobile\.)?"
    r"(?:linkedin\.com/(?:in|pub)/|(?:twitter|x)\.com/(?!(?:hashtag|search|home|intent|share|i|explore|"
    r"settings|login|privacy|tos)\b)|(?:facebook|fb)\.com/(?!(?:sharer|share|groups|pages|events|watch|"
    r"policies|help|legal|privacy|login)\b)|instagram\.com/(?!(?:p|explore|reel|stories)/)|"
    r"github\.com/(?!(?:orgs|topics|features|about|pricing|login)\b)(?=[^/\s]+/?(?:[\s)\]\"'<>,;]|$))|tiktok\.com/@|youtube\.com/(?:@|c/|user/)|"
    r"t\.me/|vk\.com/|weibo\.com/(?:u/)?|medium\.com/@|threads\.net/@|bsky\.app/profile/|"
    r"mastodon\.[a-z]+/@)[^\s<>\"')\]]+"
)


def find_emails(text: str) -> list[Span]:
    """Email addresses, also written ``name [at] domain [dot] org`` or ``name at domain dot com``."""
    spans = [Span(m.start(), m.end(), "EMAIL", "email") for m in _EMAIL.finditer(text)]
    spans += [Span(m.start(), m.end(), "EMAIL", "email_obfuscated") for m in _EMAIL_OBFUSCATED.finditer(text)]
    return spans


# A user name without its "@", after the platform's name: "her WeChat account, mali_zz1986", "Skype: jdoe77".
_PLATFORM_NAME = regex.compile(
    r"(?i:wechat|weixin|telegram|signal|skype|kakao(?:talk)?|discord|snapchat|instagram|tiktok|twitter|threads|"
    r"bluesky|mastodon|reddit|line)(?:[ \t]+(?i:id|account|handle|user[ \t]?name|user|name|nickname))?[ \t]*[:,]?[ \t]*"
    r"(?i:is[ \t]+)?(?P<v>(?=[A-Za-z0-9_.-]*(?:\d|_))[A-Za-z][A-Za-z0-9_.-]{3,30}[A-Za-z0-9])(?![\w@.-])"
)


def find_handles(text: str) -> list[Span]:
    """Social media handles (``@lena_osei``); the ``@`` of an email address is not one. A user name with a
    digit or an underscore after a platform's name (``WeChat account, mali_zz1986``) is one too."""
    spans = [Span(m.start(), m.end(), "HANDLE", "handle") for m in _HANDLE.finditer(text) if not m.group()[1:].isdigit()]
    spans += [Span(m.start("v"), m.end("v"), "HANDLE", "platform_name") for m in _PLATFORM_NAME.finditer(text)]
    return spans


def find_profile_urls(text: str) -> list[Span]:
    """Links to a person's page on LinkedIn, X/Twitter, Facebook, Instagram, GitHub and similar sites."""
    spans = []
    for m in _PROFILE_URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?":
            end -= 1
        spans.append(Span(m.start(), end, "URL", "profile_url"))
    return spans


# --- phone numbers ------------------------------------------------------------------------------------------
# Digit groups joined by spaces, dots, hyphens or brackets: the shape of a phone number in any country.
_PHONE_SHAPE = regex.compile(
    r"(?<![\w.+/-])(?<!\d,)(?:\+|00)?\(?\d{1,6}\)?(?:(?:[ \t.\-/]{1,2}|(?<=\)))\(?\d{1,6}\)?){1,6}"
    r"(?:[ ]?(?:x|ext\.?|#)[ ]?\d{1,5})?(?![\w]|[.,]\d)"
    r"|(?<![\w./-])(?<!\d,)\+?\d{10,13}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?![\w]|[.,]\d)"
)
_PHONE_WINDOW = regex.compile(r"[+(]?\d[\d \t().\-/]{5,24}\d")
_AFTER_FIGURE = regex.compile(
    r"^\s*(?:%|per\b|percent|million|billion|bn\b|m\b|people|persons|individuals|companies|firms|cases|"
    r"names|entries|points|yuan|rmb|euros?|dollars?|pounds?|rupees?|won\b|roubles?|shillings?|kronor|"
    r"users|accounts|records|debtors|times|tickets|flights|years|days|months|hectares|km|kilometres)",
    regex.IGNORECASE,
)
_BEFORE_FIGURE = regex.compile(
    r"(?:[$€£¥₹₩§]|\b(?:USD|EUR|GBP|CNY|RMB|AUD|INR|KRW|SEK|US\$)|(?i:\b(?:isbn|issn|doi|case|no|nr|art|article|"
    r"section|ref|docket|decision|judgment|ruling|regulation|directive|law|order|cl[áa]usula|paragraph|para)\.?))[ \t:#]*$"
)
_YEARS = regex.compile(r"^(?:1[89]\d\d|20\d\d)(?:(?:\s*[-–/]\s*|\s+)(?:1[89]\d\d|20\d\d|\d\d))*$")
_DATE = regex.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
# Numbers of laws and cases: "Regulation (EU) 2016/679", "No 1093/2010".
_LAW_NUMBER = regex.compile(r"^(?:(?:19|20)\d\d/\d{1,4}|[\d.]{1,7}/(?:19|20)\d\d)$")


def _plausible_phone(digits: str, raw: str) -> bool:
    if not 7 <= len(digits) <= 15:
        return False
    compact = raw.strip("()")
    return not (_YEARS.match(compact) or _DATE.match(compact) or _LAW_NUMBER.match(compact))


def find_phones(text: str, *, regions: tuple[str, ...] = PHONE_REGIONS) -> list[Span]:
    """Phone numbers: any valid in one of ``regions`` or written with ``+``, and any grouped run of 7-15
    digits that is not a figure (followed by a unit or currency, thousands, a year range or a date)."""
    spans: list[Span] = []
    # libphonenumber reads only the stretches that hold seven digits or more: prose is full of years and
    # figures, and scanning all of it once per region would cost more than the NER pass.
    for window in _PHONE_WINDOW.finditer(text):
        lo = max(0, window.start() - 2)
        snippet = text[lo : window.end() + 8]
        if sum(c.isdigit() for c in snippet) < 7:
            continue
        for region in regions:
            for match in phonenumbers.PhoneNumberMatcher(snippet, region, leniency=phonenumbers.Leniency.VALID):
                raw = match.raw_string
                if _plausible_phone("".join(c for c in raw if c.isdigit()), raw.lstrip("+")):
                    spans.append(Span(lo + match.start, lo + match.end, "PHONE", "phone"))
    for m in _PHONE_SHAPE.finditer(text):
        raw = m.group()
        digits = "".join(c for c in regex.sub(r"(?:x|ext\.?)[ ]?\d+$", "", raw) if c.isdigit())
        if not _plausible_phone(digits, raw):
            continue
        if _AFTER_FIGURE.match(text[m.end() : m.end() + 20]) or _BEFORE_FIGURE.search(text[max(0, m.start() - 14) : m.start()]):
            continue
        spans.append(Span(m.start(), m.end(), "PHONE", "phone_shape"))
    return spans


# --- payment cards and bank accounts ---------------------------------------------------------------------
_CARD = regex.compile(r"(?<![\w.,-])\d(?:[ -]?\d){12,18}(?![\w]|[.,]\d)")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def find_cards(text: str) -> list[Span]:
    """Payment card numbers of 13-19 digits (plain or grouped) that pass the Luhn check."""
    spans = []
    for m in _CARD.finditer(text):
        digits = regex.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits) and len(set(digits)) > 2:
            spans.append(Span(m.start(), m.end(), "CARD", "card"))
    return spans


_IBAN = regex.compile(r"(?<![\w])(?i:[A-Z]{2})\d{2}(?:[ ]?[A-Za-z0-9]){11,31}")


def iban_ok(candidate: str) -> bool:
    s = candidate.replace(" ", "").upper()
    if not 15 <= len(s) <= 34 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    rearranged = s[4:] + s[:4]
    try:
        return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1
    except ValueError:
        return False


def find_ibans(text: str) -> list[Span]:
    """IBANs, grouped or not, in any case, confirmed by the mod-97 check (the longest valid prefix)."""
    spans = []
    for m in _IBAN.finditer(text):
        raw = m.group()
        for end in range(len(raw), 14, -1):
            if raw[end - 1] == " " or (end < len(raw) and raw[end].isalnum() and raw[end - 1].isalnum()):
                continue
            if iban_ok(raw[:end]):
                spans.append(Span(m.start(), m.start() + end, "IBAN", "iban"))
                break
    return spans


# --- network ------------------------------------------------------------------------------------------------
_IPV4 = regex.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
_IPV6 = regex.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")


def find_ips(text: str) -> list[Span]:
    """IPv4 and IPv6 addresses that parse as such."""
    spans = []
    for pattern, rule in ((_IPV4, "ipv4"), (_IPV6, "ipv6")):
        for m in pattern.finditer(text):
            try:
                ipaddress.ip_address(m.group())
            except ValueError:
                continue
            if rule == "ipv6" and m.group().count(":") < 2:
                continue
            spans.append(Span(m.start(), m.end(), "IP", rule))
    return spans


# --- national identifiers -------------------------------------------------------------------------------
_CN_ID = regex.compile(r"(?<![\w])[1-8]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\w])")
_CN_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC = regex.compile(rf"(?<![\w])[{_USCC_CHARS}]{{2}}\d{{6}}[{_USCC_CHARS}]{{10}}(?![\w])")
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def cn_id_ok(value: str) -> bool:
    """ISO 7064 MOD 11-2 check of an 18-character PRC resident identity number."""
    total = sum(int(d) * w for d, w in zip(value[:17], _CN_ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == value[17].upper()


def uscc_ok(value: str) -> bool:
    """Check character of China's 18-character unified social credit code."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(value[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31] == value[17]


def find_cn_ids(text: str) -> list[Span]:
    """PRC resident identity numbers (checksum), and unified social credit codes of sole traders (``92``).

    The code of a company or public body (``91...``, ``11...``) is an organisation's identifier and is kept.
    """
    spans = [Span(m.start(), m.end(), "ID", "cn_id") for m in _CN_ID.finditer(text) if cn_id_ok(m.group())]
    for m in _USCC.finditer(text):
        if m.group().startswith("92") and uscc_ok(m.group()):
            spans.append(Span(m.start(), m.end(), "ID", "cn_uscc_individual"))
    return spans


_BSN = regex.compile(r"(?<![\w.,-])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\w]|[.,-]\d)")
# A plain nine-digit number passes the 11-check once in eleven: it counts as a BSN only after its name.
_BSN_CUE = regex.compile(r"(?i:bsn|burgerservicenummer|sofinummer|sofi-nummer|citizen service number|service number)\W{0,12}$")


def bsn_ok(value: str) -> bool:
    """The Dutch citizen service number's 11-check."""
    d = [int(c) for c in value if c.isdigit()]
    if len(d) != 9 or not any(d):
        return False
    total = sum(x * w for x, w in zip(d[:8], range(9, 1, -1), strict=True)) - d[8]
    return total % 11 == 0


def find_bsn(text: str) -> list[Span]:
    """Dutch BSN: nine digits passing the 11-check, dotted (``1234.56.782``) or after "BSN" and similar."""
    return [
        Span(m.start(), m.end(), "ID", "nl_bsn")
        for m in _BSN.finditer(text)
        if bsn_ok(m.group()) and ("." in m.group() or _BSN_CUE.search(text[max(0, m.start() - 40) : m.start()]))
    ]


_SSN = regex.compile(r"(?<![\w-])(?!000|666)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w]|-\d)")
_SSN_CUE = regex.compile(r"(?i:SSN|social security(?: number| no\.?)?)[\s:#]*(?!000|666)(\d{9})(?!\d)")


def find_ssn(text: str) -> list[Span]:
    """US Social Security numbers: ``123-45-6789``, ``123 45 6789``, or nine digits after "SSN"."""
    spans = [Span(m.start(), m.end(), "ID", "us_ssn") for m in _SSN.finditer(text)]
    spans += [Span(m.start(1), m.end(1), "ID", "us_ssn") for m in _SSN_CUE.finditer(text)]
    return spans


_NINO = regex.compile(
    r"(?<![\w])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D](?![\w])"
)


def find_nino(text: str) -> list[Span]:
    """UK National Insurance numbers (``QQ 12 34 56 C``)."""
    return [Span(m.start(), m.end(), "ID", "uk_nino") for m in _NINO.finditer(text)]


_NIR = regex.compile(
    r"(?<![\w])[12789][ ]?\d{2}[ ]?(?:0[1-9]|1[0-2]|[2-9]\d)[ ]?(?:\d{2}|2[AB])[ ]?\d{3}[ ]?\d{3}[ ]?\d{2}(?![\w])"
)


def nir_ok(value: str) -> bool:
    """The key of a French social security number (NIR): 97 minus the 13-digit number modulo 97."""
    s = value.replace(" ", "").upper()
    body = s[:13].replace("2A", "19").replace("2B", "18")
    return body.isdigit() and int(s[13:]) == 97 - int(body) % 97


def find_nir(text: str) -> list[Span]:
    """French NIR (social security number) with a valid key."""
    return [Span(m.start(), m.end(), "ID", "fr_nir") for m in _NIR.finditer(text) if nir_ok(m.group())]


_DE_TAX = regex.compile(r"(?<![\w.,-])(?:[1-9]\d{10}|[1-9]\d[ ]\d{3}[ ]\d{3}[ ]\d{3})(?![\w]|[.,-]\d)")


def de_tax_id_ok(value: str) -> bool:
    """German tax identification number: digit-frequency rule and ISO 7064 MOD 11,10 check digit."""
    d = [int(c) for c in value if c.isdigit()]
    if len(d) != 11 or d[0] == 0:
        return False
    counts = [d[:10].count(x) for x in set(d[:10])]
    if sorted(counts, reverse=True)[0] not in (2, 3) or sum(1 for c in counts if c > 1) != 1:
        return False
    product = 10
    for x in d[:10]:
        total = (x + product) % 10 or 10
        product = (total * 2) % 11
    return (11 - product) % 10 == d[10]


def find_de_tax_id(text: str) -> list[Span]:
    """German tax identification numbers (Steuer-IdNr, 11 digits) that pass their check."""
    return [Span(m.start(), m.end(), "ID", "de_tax_id") for m in _DE_TAX.finditer(text) if de_tax_id_ok(m.group())]


_DRIVER_LICENCE = regex.compile(
    r"(?i:driver['’]?s?[ \t]+licen[cs]e|driving[ \t]+licen[cs]e|licen[cs]e[ \t]+(?:number|no\.?))"
    r"(?:[ \t]+(?:number|no\.?|#))?[ \t]*(?:is|:|#)?[ \t]*(?P<v>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,17})(?![\w])"
)


def find_driver_licences(text: str) -> list[Span]:
    """Driving licence numbers, recognised by the words before them."""
    return [Span(m.start("v"), m.end("v"), "ID", "driver_licence") for m in _DRIVER_LICENCE.finditer(text)]


# A personal number that no checksum confirms is known by the words before it: a passport, an identity card,
# a customer, client, claimant or member number, a benefits reference, an ORCID iD. Court and agency case
# numbers are not among them: analysts cite rulings by them.
_REFERENCE_CUE = regex.compile(
    r"(?i:(?:U\.?S\.?[ \t]+)?passport(?:[ \t]+(?:number|no\.?|#))?|passeport(?:[ \t]+n[°o]\.?)?|numéro[ \t]+de[ \t]+passeport|"
    r"(?:Reise)?pass(?:nummer)|paspoort(?:nummer)?|identity[ \t]+card(?:[ \t]+number)?|ID[ \t]+card(?:[ \t]+number)?|"
    r"(?:Personal)?ausweis(?:nummer)?|identiteitskaart(?:nummer)?|carte[ \t]+d['’]identité(?:[ \t]+n[°o]\.?)?|"
    r"(?:customer|client|claimant|member|membership|patient|account|redress[ \t]+control|alien(?:[ \t]+registration)?|"
    r"tax[ \t]+file|medicare)[ \t]+(?:reference[ \t]+)?(?:number|no\.?|#)|CRN|A-number|ORCID(?:[ \t]+iD)?|"
    r"Kunden(?:nummer|-?Nr\.?)|Versicherten(?:nummer|-?Nr\.?)|(?:Sozial|Renten)versicherungsnummer|"
    r"klantnummer|relatienummer|numéro[ \t]+(?:d['’]allocataire|client)|allocataire[ \t]+sous[ \t]+le[ \t]+numéro)"
    r"|\bID\b|护照号码?|身份证号码?|证件号码?"
)
_REFERENCE = regex.compile(
    rf"(?:{_REFERENCE_CUE.pattern})[ \t]*(?:[:：#,]|is|est|ist|was)?[ \t]*"
    r"(?P<v>(?=(?:[^\d\n]{0,4}\d){5})[A-Z]{0,3}\d[\dA-Z*]*(?:[ -][\dA-Z*]+){0,4})(?![\w*])"
)


def find_reference_numbers(text: str) -> list[Span]:
    """Passport, identity card, customer and benefits numbers and ORCID iDs, by the words before them."""
    return [Span(m.start("v"), m.end("v"), "ID", "reference") for m in _REFERENCE.finditer(text)]


# --- licence plates ---------------------------------------------------------------------------------------
_CN_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATES = (
    # China: province character, letter, five or six characters (浙A12345, 粤B·D12345)
    (regex.compile(rf"[{_CN_PROVINCES}][A-HJ-NP-Z][ ·•]?[A-HJ-NP-Z0-9]{{5,6}}(?![A-Za-z0-9])"), "cn_plate"),
    # Netherlands and France (SIV): three groups of letters and digits, six or seven characters (12-ABC-3)
    (regex.compile(r"(?<![\w-])(?=[A-Z0-9-]{8,9}(?![\w-]))(?=[^\s]*[A-Z])(?=[^\s]*\d)(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})(?![\w-])"), "nl_fr_plate"),
    # Germany: district code, letters, digits (B-MW 1234, M AB 123E)
    (regex.compile(r"(?<![\w-])[A-ZÄÖÜ]{1,3}-[A-Z]{1,2}[ ]?\d{1,4}[EH]?(?![\w-])"), "de_plate"),
    # United Kingdom: current and prefix formats (KX19 PLN, A123 BCD)
    (regex.compile(r"(?<![\w-])[A-Z]{2}\d{2}[ ]?[A-Z]{3}(?![\w-])"), "uk_plate"),
    # France, old FNI (1234 AB 56)
    (regex.compile(r"(?<![\w-])\d{2,4}[ ][A-Z]{2,3}[ ](?:\d{2}|2[AB])(?![\w-])"), "fr_fni_plate"),
)
_PLATE_CUE = regex.compile(
    r"(?i:(?:number|licen[cs]e|registration|car|vehicle)?[ \t]*plates?(?:[ \t]+(?:number|no\.?))?|"
    r"kenteken(?:nummer)?|Kennzeichen|immatriculation|车牌(?:号)?)[ \t]*[:,]?[ \t]*(?:is[ \t]+)?"
    r"(?P<v>(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){2,9})(?![\w])"
)


def find_plates(text: str) -> list[Span]:
    """Vehicle registration plates: Chinese, Dutch, French, German and British formats, and any
    letters-and-digits code right after "plate", "kenteken", "Kennzeichen" or "immatriculation"."""
    spans = [Span(m.start(), m.end(), "PLATE", rule) for pattern, rule in _PLATES for m in pattern.finditer(text)]
    spans += [Span(m.start("v"), m.end("v"), "PLATE", "plate_cue") for m in _PLATE_CUE.finditer(text)]
    return spans


# --- dates of birth (addresses: ``addresses.py``) ---------------------------------------------------------
_MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|Januar|Februar|März|Juni|Juli|Oktober|Dezember|januari|februari|maart|mei|augustus"
)
_DATE_VALUE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|\.)?[ ](?i:{_MONTH_NAMES})\.?,?[ ]\d{{4}}"
    rf"|(?i:{_MONTH_NAMES})\.?[ ]\d{{1,2}}(?:st|nd|rd|th)?,?[ ]\d{{4}}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)"
)
DATE_VALUE = regex.compile(_DATE_VALUE)
_DOB_CUE = (
    r"(?i:born(?:[ ]on)?|date[ ]of[ ]birth|birth[ ]?date|DOB|d\.o\.b\.?|birthday|n[ée]e?(?:\(e\))?[ ]le|"
    r"date[ ]de[ ]naissance|geboren(?:[ ]am|[ ]op)?|geb\.|Geburtsdatum|geboortedatum|出生(?:日期|年月|于)?|生日)"
)
# The words that announce a date of birth also head a table's column of them ("Geburtsdatum", "DOB").
DOB_HEADING = regex.compile(_DOB_CUE)
_DOB = regex.compile(rf"{_DOB_CUE}[ ]*[:,]?[ ]*(?:is[ ]|was[ ])?(?P<v>{_DATE_VALUE})")


def find_dates_of_birth(text: str) -> list[Span]:
    """A date after "born", "date of birth", "né le", "geboren" ...; the cue word stays, a bare year stays."""
    return [Span(m.start("v"), m.end("v"), "DOB", "dob") for m in _DOB.finditer(text)]


FINDERS: tuple[Callable[[str], list[Span]], ...] = (
    find_emails,
    find_profile_urls,
    find_handles,
    find_ibans,
    find_cards,
    find_ips,
    find_cn_ids,
    find_bsn,
    find_ssn,
    find_nino,
    find_nir,
    find_de_tax_id,
    find_driver_licences,
    find_reference_numbers,
    find_plates,
    find_addresses,
    find_dates_of_birth,
    find_phones,
)


_ANY_URL = regex.compile(r"(?i)(?:https?://|www\.)[^\s<>\"')\]]+")
# Inside a link, digits are ids of pages and documents, not phone or card numbers; only a profile link
# (found whole by :func:`find_profile_urls`) and an email address count there.
_KINDS_IN_URLS = frozenset({"URL", "EMAIL"})


def find_identifiers(text: str) -> list[Span]:
    """Every identifier finder over ``text``."""
    spans: list[Span] = []
    for finder in FINDERS:
        spans += finder(text)
    urls = [(m.start(), m.end()) for m in _ANY_URL.finditer(text)]
    if urls:
        spans = [
            s for s in spans if s.kind in _KINDS_IN_URLS or not any(a <= s.start and s.end <= b for a, b in urls)
        ]
    return spans
