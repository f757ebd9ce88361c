"""Name gazetteers and word lists, loaded lazily and cached for the life of the process.

- first names and surnames in Latin script from every locale of Faker's offline person providers, plus
  Cyrillic names transliterated to Latin and a few origins Faker covers thinly (Arabic, South Asian);
- East Asian surnames in romanisation (pinyin, Wade-Giles and Cantonese spellings, Korean, Vietnamese);
- a test for pinyin words, so that ``Zhang Jiahao`` is seen as a Chinese name;
- a test for common English words (``Will``, ``Young``, ``Court``), from the word frequencies that
  ``spacy-lookups-data`` ships: a capitalised word whose lower-case form is frequent is not a name by itself.

Nothing here is derived from documents, and nothing is written to disk.
"""

from __future__ import annotations

import gzip
import importlib
import json
import pkgutil
from functools import lru_cache
from pathlib import Path

import regex

_LATIN_NAME = regex.compile(r"^[\p{Latin}\p{M}'’ -]+$")
_CYRILLIC_NAME = regex.compile(r"^[\p{Cyrillic} -]+$")
_IY_END = regex.compile(r"iy$")

# Cyrillic to Latin, close to the spellings English-language news uses (Dmitri Volkov, Svetlana Morozova).
_CYRILLIC = dict(
    zip(
        "абвгдезийклмнопрстуфхцыэіїєґ",
        ["a", "b", "v", "g", "d", "e", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
         "kh", "ts", "y", "e", "i", "yi", "ye", "g"],
        strict=True,
    )
)
_CYRILLIC.update({"ё": "yo", "ж": "zh", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "", "ю": "yu", "я": "ya"})

# Origins that Faker's Latin-script lists cover thinly, in the spellings English-language reporting uses.
_EXTRA_FIRST = """
Mohammed Muhammad Mohamed Mohammad Ahmed Ahmad Ali Hassan Hasan Hussein Husain Omar Umar Youssef Yusuf Yousef
Khalid Khaled Ibrahim Ismail Mustafa Mahmoud Tariq Karim Samir Walid Rashid Hamza Bilal Anas Amir Nabil Faisal
Fatima Fatma Aisha Aicha Ayesha Layla Leila Laila Nadia Amina Mariam Maryam Zainab Zaynab Salma Yasmin Yasmine
Noor Nour Huda Hana Rania Samira Khadija Soraya Imane Amal Rayan Ayaan Aarav Arjun Rahul Rohan Vikram Sanjay
Priya Sunita Anjali Pooja Deepika Lakshmi Kavita Neha Harpreet Gurpreet Manpreet Jaswinder Amandeep Simran
Sanjana Dmitri Dmitry Sergei Sergey Alexei Alexey Yuri Oleg Olena Oksana Svetlana Natalia Natalya Tatiana
Yekaterina Ekaterina Anastasia Irina Olga Vladimir Mikhail Nikolai Andrei Ivan Pavel Viktor Igor Bogdan
Chinedu Ngozi Chiamaka Emeka Obinna Adaeze Kwame Kwabena Kofi Ama Akosua Thandiwe Sipho Themba Zanele
Wanjiru Otieno Akinyi Amara Jin Ji-hoon Min-jun Seo-yeon Ji-woo Hyun Sung Yusleidy Yuleisy
"""
_EXTRA_LAST = """
Haddad Mansour Benali El Amrani Amrani Khalil Nasser Saleh Hamdan Aziz Rahman Rehman Qureshi Khan Siddiqui
Chaudhry Malik Hussain Sheikh Farouk Bakr Abdullah Abdel Abdul Yassin Jaber Darwish Karimi Hosseini Ahmadi
Mehta Patel Shah Sharma Verma Gupta Singh Kaur Iyer Iyengar Nair Menon Pillai Reddy Rao Raghunathan
Subramanian Krishnan Chatterjee Banerjee Mukherjee Das Bose Deshpande Kulkarni Joshi Desai Sandhu Gill
Volkov Sokolov Morozov Morozova Ivanova Petrov Petrova Kovalenko Shevchenko Bondarenko Tkachenko Kuznetsova
Okafor Okonkwo Adeyemi Adebayo Nwosu Obi Eze Mensah Owusu Boateng Asante Nkosi Dlamini Ndlovu Mwangi Otieno
Kamau Wanjiru Diallo Traore Traoré Keita Coulibaly Diop Ndiaye Sow Abebe Tesfaye Marcano
"""

# Romanised East Asian surnames beyond Faker's pinyin list: Wade-Giles and Cantonese spellings (Hong Kong,
# Taiwan, Singapore, Malaysia), Korean and Vietnamese. A name token after one of these is read as a given name.
_EXTRA_EAST_ASIAN = """
Bi Ji Qi Mi Pu Ge Tu Ou
Chan Cheung Chow Chau Chu Chung Fung Ho Hui Kwan Kwok Lam Lau Lee Leung Li Lo Lui Mak Man Ng Poon Siu Tam Tang
Tsang Tse Wong Yeung Yip Yuen Tan Lim Teo Goh Ong Koh Chua Chong Chia Low Yeo Foo Kok Quek Toh Sim Seah Heng
Hsu Hsieh Chiang Chen Tsai Tseng Kuo Chou Yeh Shih Hsiao Hung Kao Chien Chao Chi Kim Park Choi Jung Jeong Kang
Cho Yoon Yun Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Ryu Jeon Hong Ko Moon Yang Son Bae Baek Heo Nam
Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ngo Duong Ly Trinh Dinh Lam Mai Truong Xi Wen
"""

_PINYIN = regex.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|iao|ian|uai|uan|ang|eng|ing|ong|ai|ei|ui|ao|ou|iu|ie|ve|ue|üe|er|an|en|in|un|"
    r"ia|ua|uo|a|o|e|i|u|v|ü)){1,3}$"
)


def _names_of(provider: type, prefix: str) -> list[str]:
    out: list[str] = []
    for attr in dir(provider):
        if not attr.startswith(prefix) or attr.startswith("_") or "names" not in attr or "format" in attr:
            continue
        value = getattr(provider, attr)
        if isinstance(value, dict):
            value = list(value)
        if isinstance(value, (list, tuple)):
            out.extend(v for v in value if isinstance(v, str))
    return out


def transliterate_cyrillic(word: str) -> str:
    """``Смирнов`` -> ``Smirnov``, letter by letter (one spelling among several)."""
    out = []
    for ch in word:
        low = ch.lower()
        latin = _CYRILLIC.get(low, ch)
        out.append(latin.capitalize() if ch != low else latin)
    return "".join(out)


@lru_cache(maxsize=1)
def _gazetteers() -> tuple[frozenset[str], frozenset[str]]:
    import faker.providers.person as person_providers

    first: set[str] = set()
    last: set[str] = set()
    for info in pkgutil.iter_modules(person_providers.__path__):
        provider = importlib.import_module(f"faker.providers.person.{info.name}").Provider
        for prefix, target in (("first", first), ("last", last)):
            for name in _names_of(provider, prefix):
                if _LATIN_NAME.match(name):
                    target.add(name)
                elif _CYRILLIC_NAME.match(name):
                    latin = transliterate_cyrillic(name)
                    target.update({latin, _IY_END.sub("i", latin), _IY_END.sub("y", latin)})
    first.update(_EXTRA_FIRST.split())
    last.update(_EXTRA_LAST.split())
    # Multi-word entries ("Ó Máille", "Tajeddin") count by their parts; one- and two-letter entries are noise.
    def parts(names: set[str]) -> frozenset[str]:
        return frozenset(p for n in names for p in n.split(" ") if len(p) > 2 and p[0].isupper())

    return parts(first), parts(last)


def first_names() -> frozenset[str]:
    """Capitalised first names in Latin script (``Anne``, ``Chinedu``, ``Dmitri``)."""
    return _gazetteers()[0]


def surnames() -> frozenset[str]:
    """Capitalised surnames in Latin script (``Vermeulen``, ``Okafor``, ``Volkov``)."""
    return _gazetteers()[1]


@lru_cache(maxsize=1)
def east_asian_surnames() -> frozenset[str]:
    """Romanised Chinese, Korean and Vietnamese surnames (``Zhang``, ``Chan``, ``Park``, ``Nguyen``)."""
    from faker.providers.person.zh_CN import Provider as Chinese

    names = set(Chinese.last_romanized_names) | set(_EXTRA_EAST_ASIAN.split())
    names.update({"Zhang", "Wang", "Liu", "Zhao", "Zhou", "Wu", "Xu", "Sun", "Zhu", "Hu", "Guo", "Lin", "Huang"})
    return frozenset(names)


def is_pinyin(word: str) -> bool:
    """True for a word of one to three pinyin syllables without tones (``Wei``, ``Jiahao``, ``Xiu-ying``)."""
    w = word.lower().replace("-", "").replace("'", "").replace("’", "")
    return bool(w) and len(w) <= 12 and _PINYIN.match(w) is not None


COMMON_LOGPROB = -12.5
COMMON_WORDS_FILE = Path(__file__).parent / "data" / "common_words.txt"


def derive_common_words() -> list[str]:
    """The English words that are common by themselves, from ``spacy-lookups-data``'s word frequencies.

    A lower-case word counts when its log-probability is above :data:`COMMON_LOGPROB` and above that of its
    capitalised form. Parsing the million-entry table takes seconds, so the result is shipped in
    :data:`COMMON_WORDS_FILE` (regenerate: ``python -c "from scoreatlas.privacy.names import
    write_common_words; write_common_words()"``; a test checks that the file is current).
    """
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        table: dict[str, float] = json.load(handle)
    words = []
    for key, p_lower in table.items():
        capitalised = table.get(key[:1].upper() + key[1:], -30.0)
        if p_lower > COMMON_LOGPROB and key.islower() and key.isalpha() and p_lower > capitalised:
            words.append(key)
    return sorted(words)


def write_common_words() -> None:
    COMMON_WORDS_FILE.write_text("\n".join(derive_common_words()) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The shipped list of :func:`derive_common_words`."""
    return frozenset(COMMON_WORDS_FILE.read_text(encoding="utf-8").split())


@lru_cache(maxsize=16)
def stop_words(lang: str | None = "en") -> frozenset[str]:
    """Function words of a language (spaCy's lists): "the", "sie", "elle", "wel"; English for unknown ones."""
    code = (lang or "en").split("-")[0]
    try:
        module = importlib.import_module(f"spacy.lang.{code}.stop_words")
    except ImportError:
        module = importlib.import_module("spacy.lang.en.stop_words")
    return frozenset(w.lower() for w in module.STOP_WORDS)


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalised words that are never a person's name: language names and demonyms ("English",
    "Dutch", "North American"), even where a gazetteer lists them as first names."""
    import pycountry

    # Major languages only (those with a two-letter code): the full list holds names such as Amara and Sara.
    words = {lang.name for lang in pycountry.languages if " " not in lang.name and hasattr(lang, "alpha_2")}
    words.update(_DEMONYMS.split())
    return frozenset(w.lower() for w in words)


_DEMONYMS = """
American Americans British Briton European Europeans Asian African Australian Canadian Indian Kenyan Korean
Venezuelan Brazilian Italian Russian Chinese Swedish Danish Dutch German Germans French Polish Austrian Swiss
Belgian Spanish Portuguese Mexican Japanese Singaporean Malaysian Indonesian Filipino Vietnamese Thai Turkish
Iranian Israeli Arab Arabic Egyptian Nigerian Ghanaian Ethiopian South North Western Eastern Northern Southern
Latin Nordic Scandinavian Irish Scottish Welsh English Flemish Walloon Bavarian Uyghur Tibetan Han Hong
Kongers Taiwanese Soviet Communist Muslim Christian Jewish Hindu Sikh Buddhist Catholic Protestant
"""


def is_common_word(word: str, lang: str | None = "en") -> bool:
    """True when ``word`` is mostly an ordinary word (``Will``, ``Court``, ``Officials``, ``The``, ``Sie``).

    Judged by frequency for English: the lower-case form is frequent and more frequent than the capitalised
    one, so ``Smith``, ``Washington`` and ``Lincoln`` are not common words but ``Young`` and ``Grace`` are;
    a plural of such a word is one too. Function words of English and of ``lang`` count as common.
    """
    low = word.lower()
    if low in stop_words("en") or (lang not in (None, "en") and low in stop_words(lang)):
        return True
    common = common_words()
    if low in common:
        return True
    return any(low.endswith(suffix) and len(low) > 4 and low[: -len(suffix)] in common for suffix in ("s", "es"))
