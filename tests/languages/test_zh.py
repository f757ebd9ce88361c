"""Chinese: names in characters, masked names, Chinese-style identifiers, sentences and figures."""

from __future__ import annotations

from typing import Any

import pytest

from scoreatlas.privacy import zh


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("杭州市中级人民法院执行局法官王秀英表示，今年以来全市已有1.2万余人被限制高消费。", ["王秀英"]),
        ("原告李某与被告张某某民间借贷纠纷一案，荣成市人民法院于2020年作出判决。", ["李某", "张某某"]),
        ("“连高铁票都买不了。”来自温州的陈建国说。陈先生称，他已还清欠款。", ["陈建国", "陈"]),
        ("新华社北京6月5日电（记者沈国华、朱建军）记者从最高人民法院获悉。", ["沈国华", "朱建军"]),
        ("被执行人黄河，男，现年45岁，系郑州市某建材公司股东。", ["黄河"]),
        ("记者高山、林海报道：在浙江，已有多个地市将志愿服务时长纳入个人信用积分。", ["高山", "林海"]),
        ("据澎湃新闻报道，宁波一名姓叶的男子因拖欠物业费被起诉。", ["叶"]),
        ("欧阳明轩、司马静两位委员在全国政协会议上提交提案。", ["欧阳明轩", "司马静"]),
        ("荷兰律师扬·德弗里斯在海牙接受采访时说，两地的黑名单制度差异很大。", ["扬·德弗里斯"]),
        ("北京某律所合伙人董晓峰说：“撤销程序更复杂。”董晓峰建议设立统一的异议受理渠道。", ["董晓峰"]),
    ],
)
def test_zh_names_removed_everywhere(redact: Any, text: str, names: list[str]) -> None:
    out, _doc = redact(text, "zh")
    for name in names:
        assert name not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("张家口市、周口市和马鞍山市的信用平台均已开设信用修复申请入口。", ["张家口市", "周口市", "马鞍山市"]),
        ("黄河流域多个城市将环保违法企业纳入重点关注名单。", ["黄河"]),
        ("国家发展和改革委员会将继续推进信用中国网站归集企业行政处罚信息。", ["国家发展和改革委员会", "信用中国"]),
        ("浙江某公司和郑州市某建材公司均被列入名单。", ["浙江", "郑州市"]),
        ("深圳市某电子有限公司（统一社会信用代码：914403003L9P2W7E5C）被列入严重失信主体名单。", ["914403003L9P2W7E5C"]),
    ],
)
def test_zh_places_organisations_and_company_codes_kept(redact: Any, text: str, kept: list[str]) -> None:
    out, _doc = redact(text, "zh")
    assert "[PERSON" not in out, out
    for term in kept:
        assert term in out


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("公民身份号码110105197903224617，住北京市朝阳区", "110105197903224617", "[ID]"),
        ("被执行人王某某（女，1983年6月17日出生）", "1983年6月17日", "[DOB]"),
        ("住北京市朝阳区建国路88号院3号楼1202室，因未履行", "建国路88号院3号楼1202室", "[ADDRESS]"),
        ("其QQ号284710395和微信号tanghy_2019仍在使用", "284710395", "[HANDLE]"),
        ("网名为“荣成小谢”的用户发布了视频", "荣成小谢", "[HANDLE]"),
        ("请拨打13857124096联系", "13857124096", "[PHONE]"),
        ("邮箱linhuimin1983@example.cn所绑定的账号", "linhuimin1983@example.cn", "[EMAIL]"),
    ],
)
def test_zh_identifiers_written_the_chinese_way(redact: Any, text: str, value: str, kind: str) -> None:
    out, _doc = redact(text, "zh")
    assert value not in out
    assert kind in out, out


@pytest.mark.parametrize("word", ["张伟", "欧阳明轩", "扬·德弗里斯"])
def test_zh_looks_like_name_accepts_names(word: str) -> None:
    assert zh.looks_like_name(word)


@pytest.mark.parametrize("word", ["褒扬", "人民法院", "Zhang", "张"])
def test_zh_looks_like_name_rejects_other_words(word: str) -> None:
    assert not zh.looks_like_name(word)


@pytest.mark.parametrize("text", ["第一条 总则\n\n（一）以伪造证据方法妨碍执行的；\n\n（二）违反财产报告制度的；\n他说：“我没钱。”随后离开。"])
def test_zh_sentences_end_at_line_breaks_and_full_stops(pipelines: Any, text: str) -> None:
    doc = pipelines("zh")(text)
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["第一条 总则", "（一）以伪造证据方法妨碍执行的；", "（二）违反财产报告制度的；", "他说：“我没钱。”", "随后离开。"]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("截至2019年，共有1460万人被列入名单，累计限制购买机票2.3亿次。", [("1460万", 14_600_000), ("2.3亿", 230_000_000)]),
        ("约百分之三十的受访者表示支持，另有百分之十二点五反对。", [("百分之三十", 30), ("百分之十二点五", 12.5)]),
        ("罚款金额为五万元，占比达到35%。", [("五万", 50_000), ("35%", 35)]),
    ],
)
def test_zh_claims_normalise_chinese_figures(redact: Any, text: str, figures: list[tuple[str, float]]) -> None:
    _out, doc = redact(text, "zh")
    assert [(c["figure"], c["value"]) for c in doc._.claims] == [(f, pytest.approx(v)) for f, v in figures]


@pytest.mark.parametrize("text", ["第1582次会议通过，2013年7月16日公布，自2013年10月1日起施行。"])
def test_zh_claims_skip_dates_and_article_numbers(redact: Any, text: str) -> None:
    _out, doc = redact(text, "zh")
    assert doc._.claims == []
