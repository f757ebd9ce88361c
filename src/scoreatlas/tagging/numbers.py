"""Reading figures written in words or digits as numbers: "14.6 million", "2.3m", "four million",
"three in ten", "26,000", "1460万", "2.3亿", "百分之三十", "4,6 millions", "1,2 Millionen"."""

from __future__ import annotations

import re

WORDS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "half": 0.5, "quarter": 0.25,
    # fr / de / nl small numbers, as they appear before "millions" / "Millionen" / "miljoen"
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
    "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "hundert": 100,
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "negen": 9, "tien": 10, "twaalf": 12,
    "vijftien": 15, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "honderd": 100,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12,
    "mille": 1e3, "milliers": 1e3, "milliard": 1e9, "milliards": 1e9,
    "tausend": 1e3, "million_de": 1e6, "millionen": 1e6, "mio": 1e6, "mio.": 1e6, "mrd": 1e9, "mrd.": 1e9,
    "milliarde": 1e9, "milliarden": 1e9,
    "duizend": 1e3, "miljoen": 1e6, "miljard": 1e9,
}
CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
CJK_BIG = {"万": 1e4, "亿": 1e8}

_DIGITS = re.compile(r"\d[\d,.\u00a0\u202f' ]*\d|\d")


def _parse_digits(token: str, *, decimal_comma: bool) -> float | None:
    t = token.replace("\u00a0", "").replace("\u202f", "").replace("'", "").replace(" ", "")
    if decimal_comma:
        # "4,6" is 4.6 and "26.000" is 26000 in fr, de and nl.
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
            t = t.replace(".", "")
        t = t.replace(",", ".") if t.count(",") == 1 and "." not in t else t.replace(",", "")
    else:
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", t):
            t = t.replace(",", "")
        elif t.count(",") == 1 and re.fullmatch(r"\d+,\d{1,2}", t):
            t = t.replace(",", ".")
        else:
            t = t.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return None


def parse_cjk(text: str) -> float | None:
    """Chinese numerals and digit-unit mixes: 1460万, 2.3亿, 三十, 一千二百万, 百分之三十 (-> 30)."""
    text = text.strip()
    if text.startswith("百分之"):
        return parse_cjk(text[3:])
    if len(text) > 1 and text[0] not in "多余":
        text = text.replace("多", "").replace("余", "")  # 1500多万 is "more than 15 million": the round figure
    if "点" in text:
        # 十二点五 is 12.5: the digits after 点 are read one by one.
        whole, _, decimals = text.partition("点")
        head = parse_cjk(whole) if whole else 0.0
        digits = [CJK_DIGITS.get(ch) for ch in decimals]
        if head is None or not digits or None in digits:
            return None
        return head + float("0." + "".join(str(d) for d in digits))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([万亿]*)", text)
    if m:
        value = float(m.group(1))
        for ch in m.group(2):
            value *= CJK_BIG[ch]
        return round(value, 4)
    total, section, digit = 0.0, 0.0, 0.0
    seen = False
    for ch in text:
        if ch in CJK_DIGITS:
            digit, seen = CJK_DIGITS[ch], True
        elif ch in CJK_UNITS:
            section += (digit or 1) * CJK_UNITS[ch]
            digit, seen = 0, True
        elif ch in CJK_BIG:
            total = (total + section + digit) * CJK_BIG[ch]
            section, digit, seen = 0, 0, True
        else:
            return None
    return total + section + digit if seen else None


def parse_number(text: str, *, lang: str = "en") -> float | None:
    """Return the number a figure expression states, or None.

    >>> parse_number("14.6 million"), parse_number("2.3m"), parse_number("four million")
    (14600000.0, 2300000.0, 4000000.0)
    >>> parse_number("1460万", lang="zh"), parse_number("4,6 millions", lang="fr")
    (14600000.0, 4600000.0)
    """
    raw = text.strip()
    if not raw:
        return None
    if re.search(r"[\u4e00-\u9fff]", raw):
        return parse_cjk(re.sub(r"[^\d.\u4e00-\u9fff]", "", raw))
    decimal_comma = lang in {"fr", "de", "nl", "es", "it", "pt", "sv", "da", "pl", "ru"}
    s = raw.lower().replace("per cent", "").replace("percent", "").replace("%", " ")
    s = re.sub(r"^(about|around|some|nearly|almost|over|more than|less than|fewer than|roughly|up to|at least)\s+", "", s)
    s = re.sub(r"[$€£¥₹]|\b(usd|eur|gbp|cny|rmb|yuan|aud|inr|cad|sek|brl|kes|krw|sgd|dollars?|euros?|pounds?)\b", " ", s)
    m = re.fullmatch(r"\s*(\S+)\s+in\s+(\S+)\s*", s)
    if m:
        # "three in ten" is a share: 30 (percent).
        a, b = parse_number(m.group(1), lang=lang), parse_number(m.group(2), lang=lang)
        return round(100 * a / b, 6) if a is not None and b else None
    s = re.sub(r"(\d)([a-z]+)\b", r"\1 \2", s)
    value: float | None = None
    total = 0.0
    for tok in re.split(r"[\s-]+", s):
        if not tok or tok in {"and", "of", "de", "und", "en"}:
            continue
        if _DIGITS.fullmatch(tok):
            value = (value or 0) + (_parse_digits(tok, decimal_comma=decimal_comma) or 0)
        elif tok in {"a", "an"}:
            value = value if value is not None else 1
        elif tok in WORDS:
            value = (value or 0) + WORDS[tok]
        elif tok in SCALES:
            factor = SCALES[tok]
            value = (value if value is not None else 1) * factor
            if factor >= 1e3:
                total += value
                value = 0.0
        else:
            return None
    if value is None and total == 0:
        return None
    return round(total + (value or 0), 4)
