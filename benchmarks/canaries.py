"""Canary corpora: invented persons and identifiers planted in every position a document can hide them.

Each document carries its own canaries (so that a leak points at one position, kind and language):
bylines, quotes, captions, table cells, contact lines, front matter and HTML meta, file names, CSV columns,
in English, German, French, Dutch and Chinese. Identifiers pass their checksums (IBAN, Chinese resident ID,
Dutch BSN) so that detectors cannot skip them as malformed.

Used by ``benchmarks/stress.py``; every value is invented, from syllables no dictionary holds.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ("Ilse", "Oskar", "Marguerite", "Tobias", "Annelies", "Joris", "Wiebke", "Lucien", "Henrike", "Matthis",
         "Solveig", "Aurelio", "Katrien", "Ferdinand", "Odile", "Jasper")
_ONSET = ("br", "kr", "vl", "gr", "st", "dr", "fl", "pr", "tr", "sk", "bl", "zw", "pl", "kn", "sl", "gl")
_VOWEL = ("a", "e", "i", "o", "u", "ei", "au", "oe", "ie", "aa")
_CODA = ("ndt", "vik", "rsen", "mbel", "tz", "lke", "rdo", "nsk", "vard", "mond", "lberg", "stra", "nek", "rup")
ZH_SURNAMES = ("訾", "蒯", "郗", "亓", "仉", "毌", "酆", "禚")
# Given names are two characters drawn from this pool (57 distinct): about 26,000 names, enough for the
# 10,000-document run (a fixed list of ten given names ran out after 80 people and hung the generator).
ZH_GIVEN_CHARS = "晓岚秋月梓涵若溪嘉树沐辰婉清景行思远语桐雨萱浩然子墨欣怡俊杰慧敏宇航诗琪博文雅静志强丽娟明轩佳怡天佑梦瑶建华春燕鹏飞"


def invented_surname(rng: random.Random) -> str:
    return (rng.choice(_ONSET) + rng.choice(_VOWEL) + rng.choice(_CODA) + rng.choice(_VOWEL)
            + rng.choice(_ONSET)[-1] + rng.choice(_VOWEL)[0] + rng.choice(_CODA)[-2:]).capitalize()


def iban_nl(rng: random.Random) -> str:
    account = "".join(rng.choice("0123456789") for _ in range(10))
    bban = "ABNA" + account
    numeric = "".join(str(int(c, 36)) for c in bban + "NL00")
    check = 98 - int(numeric) % 97
    raw = f"NL{check:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def cn_resident_id(rng: random.Random) -> str:
    body = "110105" + f"{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + f"{rng.randint(0, 999):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(last)


def phone(rng: random.Random) -> str:
    """A Dutch mobile number that libphonenumber accepts as valid (so that no detector may skip it as bogus)."""
    import phonenumbers

    while True:
        value = f"+31 6 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        if phonenumbers.is_valid_number(phonenumbers.parse(value)):
            return value


@dataclass
class Canary:
    kind: str  # person, email, phone, iban, cn_id, bsn
    value: str  # as planted
    tokens: tuple[str, ...]  # what must not appear anywhere (lower-cased for Latin script)
    position: str
    lang: str
    fmt: str


@dataclass
class Planted:
    documents: int = 0
    canaries: list[Canary] = field(default_factory=list)


TEMPLATES = {
    "en": {"byline": "By {name}", "quote": "\u201cThe list ruined my business,\u201d said {name}, a baker in the town.",
           "caption": "Photo: {name} / Example Agency", "role": "lawyer",
           "body": "Courts added {n} people to the debtor blacklist in {year}. Appeals take months."},
    "de": {"byline": "Von {name}", "quote": "\u201eDie Liste hat mich ruiniert\u201c, sagte {name}, B\u00e4cker in der Stadt.",
           "caption": "Foto: {name} / Beispielagentur", "role": "Anwalt",
           "body": "Die SCHUFA speicherte {n} Eintr\u00e4ge im Jahr {year}. Betroffene k\u00f6nnen widersprechen."},
    "fr": {"byline": "Par {name}", "quote": "\u00ab La liste a ruin\u00e9 mon commerce \u00bb, a d\u00e9clar\u00e9 {name}, boulanger.",
           "caption": "Photo : {name} / Agence Exemple", "role": "avocat",
           "body": "Le fichier FICP comptait {n} personnes en {year}. Les recours prennent des mois."},
    "nl": {"byline": "Door {name}", "quote": "\u201eDe lijst heeft mijn zaak ge\u00efnd\u201d, zei {name}, bakker in de stad.",
           "caption": "Foto: {name} / Voorbeeldbureau", "role": "advocaat",
           "body": "De Belastingdienst zette {n} ouders op een zwarte lijst in {year}. Bezwaar duurt maanden."},
    "zh": {"byline": "记者 {name}", "quote": "\u201c这份名单毁了我的生意，\u201d{name}说。",
           "caption": "图：{name}", "role": "律师",
           "body": "{year}年，法院将{n}人列入失信被执行人名单。申诉需要数月。"},
}


class CanaryCorpus:
    """Writes documents with canaries and remembers every value planted."""

    def __init__(self, folder: Path, seed: int = 7) -> None:
        self.folder = folder
        self.rng = random.Random(seed)
        self.planted = Planted()
        self._used: set[str] = set()

    def person(self, lang: str, position: str, fmt: str) -> str:
        while True:
            if lang == "zh":
                name = self.rng.choice(ZH_SURNAMES) + "".join(self.rng.choices(ZH_GIVEN_CHARS, k=2))
                tokens: tuple[str, ...] = (name,)
            else:
                first, last = self.rng.choice(FIRST), invented_surname(self.rng)
                name = f"{first} {last}"
                tokens = (last.lower(),)
            if tokens[0] not in self._used:
                self._used.add(tokens[0])
                break
        self.planted.canaries.append(Canary("person", name, tokens, position, lang, fmt))
        return name

    def ident(self, kind: str, lang: str, position: str, fmt: str, person: str = "") -> str:
        rng = self.rng
        if kind == "email":
            local = (person.split()[-1] if person and lang != "zh" else f"kanarie{rng.randint(10000, 99999)}").lower()
            value = f"{local}.{rng.randint(100, 999)}@canary-mail.example.org"
            tokens: tuple[str, ...] = (value.split("@")[0],)
        elif kind == "phone":
            value = phone(rng)
            tokens = (value.replace(" ", "")[-8:], value[-9:])
        elif kind == "iban":
            value = iban_nl(rng)
            tokens = (value.replace(" ", "")[-10:], value[-12:])
        elif kind == "cn_id":
            value = cn_resident_id(rng)
            tokens = (value,)
        else:
            value = bsn(rng)
            tokens = (value,)
        self.planted.canaries.append(Canary(kind, value, tokens, position, lang, fmt))
        return value

    def _fill(self, lang: str, fmt: str) -> dict[str, str]:
        t = TEMPLATES[lang]
        rng = self.rng
        return {
            "byline": t["byline"].format(name=self.person(lang, "byline", fmt)),
            "quote": t["quote"].format(name=self.person(lang, "quote", fmt)),
            "caption": t["caption"].format(name=self.person(lang, "caption", fmt)),
            "body": t["body"].format(n=rng.randint(1000, 90000), year=rng.randint(2005, 2024)),
        }

    def markdown(self, i: int, lang: str) -> None:
        meta_name = self.person(lang, "front matter author", "md")
        title_name = self.person(lang, "title", "md")
        parts = self._fill(lang, "md")
        table_name = self.person(lang, "table cell", "md")
        email = self.ident("email", lang, "contact line", "md", table_name)
        tel = self.ident("phone", lang, "contact line", "md")
        ident = self.ident("cn_id" if lang == "zh" else "iban", lang, "body", "md")
        role = TEMPLATES[lang]["role"]
        text = (f"---\ntitle: {title_name}\nauthor: {meta_name}\nlang: {lang}\n---\n\n{parts['byline']}\n\n"
                f"{parts['body']}\n\n{parts['quote']}\n\n{parts['caption']}\n\n| name | role |\n|---|---|\n"
                f"| {table_name} | {role} |\n\nContact: {email}, {tel}. Account {ident}.\n")
        name = self.person(lang, "file name", "md") if lang != "zh" else f"doc{i}"
        stem = name.lower().replace(" ", "_") if lang != "zh" else name
        self._write(lang, f"interview_{stem}_{i}.md", text)

    def html(self, i: int, lang: str) -> None:
        meta_name = self.person(lang, "html meta author", "html")
        parts = self._fill(lang, "html")
        fig = self.person(lang, "figcaption", "html")
        text = (f'<html lang="{lang}"><head><title>{parts["body"][:40]}</title>'
                f'<meta name="author" content="{meta_name}"></head><body><article>'
                f"<p class=\"byline\">{parts['byline']}</p><p>{parts['body']}</p><p>{parts['quote']}</p>"
                f"<p>{parts['body']}</p><figure><figcaption>{fig}</figcaption></figure>"
                f"<p>{parts['caption']}</p></article></body></html>")
        self._write(lang, f"page_{i}.html", text)

    def text(self, i: int, lang: str) -> None:
        parts = self._fill(lang, "txt")
        ident = self.ident("bsn" if lang == "nl" else "phone", lang, "body", "txt")
        text = f"{parts['byline']}\n\n{parts['body']}\n{parts['quote']}\nRef: {ident}\n"
        self._write(lang, f"note_{i}.txt", text)

    def csv(self, i: int, lang: str, rows: int = 5) -> None:
        import csv
        import io

        buf = io.StringIO()
        out = csv.writer(buf)
        out.writerow(["text", "author", "email", "lang"])
        for _ in range(rows):
            parts = self._fill(lang, "csv")
            author = self.person(lang, "csv column author", "csv")
            email = self.ident("email", lang, "csv column email", "csv", author)
            out.writerow([f"{parts['body']} {parts['quote']}", author, email, lang])
        self._write(lang, f"table_{i}.csv", buf.getvalue())
        self.planted.documents += rows - 1

    def _write(self, lang: str, name: str, text: str) -> None:
        folder = self.folder / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
        self.planted.documents += 1

    def generate(self, documents: int) -> Planted:
        langs = ("en", "de", "fr", "nl", "zh")
        makers = (self.markdown, self.html, self.text, self.csv)
        i = 0
        while self.planted.documents < documents:
            makers[i % len(makers)](i, langs[(i // len(makers)) % len(langs)])
            i += 1
        return self.planted

    def save(self, path: Path) -> None:
        path.write_text(json.dumps([c.__dict__ for c in self.planted.canaries], ensure_ascii=False), encoding="utf-8")


def files_written(roots: list[Path]) -> Iterator[Path]:
    for root in roots:
        if root.is_file():
            yield root
        elif root.is_dir():
            yield from (p for p in root.rglob("*") if p.is_file())


def readable_text(path: Path) -> str:
    """Everything a file holds, as text: Parquet columns read back, cache entries decompressed, and the raw
    bytes themselves (so that a value in a compressed page or a blob is found as surely as one in plain text)."""
    raw = path.read_bytes()
    parts = [raw.decode("utf-8", errors="ignore")]
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        parts.append(json.dumps(table.to_pylist(), ensure_ascii=False, default=str))
    elif path.name.endswith(".sqlite") or path.name.endswith(".sqlite-wal"):
        import sqlite3
        import zlib

        if path.name.endswith(".sqlite"):
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                for (value,) in db.execute("SELECT value FROM entries"):
                    parts.append(zlib.decompress(value).decode("utf-8", errors="ignore"))
                parts.extend(str(v) for (v,) in db.execute("SELECT value FROM state"))
            finally:
                db.close()
    return "\n".join(parts).lower()


def token_pattern(tokens: set[str]) -> re.Pattern[str]:
    """One regex that finds every token at every position, built as a trie so that matching costs about the
    text's length, not tokens x length (54,000 canaries in 10,000 documents made one ``in`` per token take hours).

    The lookahead reports overlapping matches; at one position the longest token wins, and ``found`` adds the
    shorter tokens that are its prefixes.
    """
    trie: dict = {}
    for token in tokens:
        node = trie
        for ch in token:
            node = node.setdefault(ch, {})
        node[""] = True

    def regex(node: dict) -> str:
        branches = [re.escape(ch) + regex(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(f"(?=({regex(trie)}))")


def found(pattern: re.Pattern[str], tokens: set[str], text: str) -> set[str]:
    """The tokens that occur in ``text`` (as substrings), using ``token_pattern(tokens)``."""
    hits: set[str] = set()
    for match in pattern.finditer(text):
        longest = match.group(1)
        prefixes = [longest[:n] for n in range(1, len(longest) + 1) if longest[:n] in tokens]
        if prefixes and longest.isdigit() and _in_hash(text, match.start()):
            continue
        hits.update(prefixes)
    return hits


_HEX = set("0123456789abcdef")


def _in_hash(text: str, at: int) -> bool:
    """Whether position ``at`` lies in a run of 32 or more hex digits with letters among them: a content hash,
    where eight digits of a phone number turn up by chance (one 64-digit hash in 2,000 holds a given 8-digit run)."""
    start = end = at
    while start > 0 and text[start - 1] in _HEX:
        start -= 1
    while end < len(text) and text[end] in _HEX:
        end += 1
    run = text[start:end]
    return end - start >= 32 and not run.isdigit()
