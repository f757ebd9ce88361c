"""The evaluation harness: both formats, the strict leak measure, the CLI, and the shared set when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, needs_shared, run_cli
from scoreatlas.errors import UserError
from scoreatlas.privacy.evaluate import evaluate, load_examples, name_tokens

POLICY_SET = ROOT / "benchmarks" / "data" / "privacy_policy_en.jsonl"
EXAMPLES = [
    {"id": "a", "lang": "en", "text": "Lawyer Will Baker said he will appeal; contact him at w.baker@example.org.",
     "persons": ["Will Baker"], "identifiers": [{"kind": "EMAIL", "value": "w.baker@example.org"}], "keep": []},
    {"id": "b", "lang": "en", "text": "The Cyberspace Administration of China fined Experian, said Liu Jiahao, a lawyer.",
     "persons": ["Liu Jiahao"], "identifiers": [], "keep": ["Cyberspace Administration of China", "Experian"]},
]


@pytest.fixture()
def jsonl_set(tmp_path: Path) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in EXAMPLES) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "presidio"])
def test_evaluate_load_formats(tmp_path: Path, jsonl_set: Path, fmt: str) -> None:
    if fmt == "jsonl":
        examples = load_examples(jsonl_set)
        assert [e.id for e in examples] == ["a", "b"] and examples[0].identifiers == [("EMAIL", "w.baker@example.org")]
    else:
        path = tmp_path / "presidio.json"
        text = "My name is Anne Vermeulen, I live in Utrecht."
        path.write_text(json.dumps([{"full_text": text, "spans": [
            {"entity_type": "PERSON", "entity_value": "Anne Vermeulen", "start_position": 11, "end_position": 25},
            {"entity_type": "GPE", "entity_value": "Utrecht", "start_position": 37, "end_position": 44}]}]))
        (example,) = load_examples(path)
        assert example.persons == ["Anne Vermeulen"] and example.other_keep_spans == [(37, 44)]


@pytest.mark.parametrize(("names", "tokens"), [(["Pieter van der Berg", "J. K. Mwangi"], {"pieter", "berg", "mwangi"})])
def test_evaluate_name_tokens_skip_particles_and_initials(names: list[str], tokens: set[str]) -> None:
    assert name_tokens(names) == tokens


@pytest.mark.parametrize("show", [True])
def test_evaluate_strict_leak_measure(privacy_nlp, jsonl_set: Path, show: bool) -> None:
    report = evaluate(load_examples(jsonl_set), privacy_nlp, name="t", show_leaks=show)
    # "will" survives as a verb: the strict measure counts it as a leaked name token.
    assert report.leaks == [("a", "will")]
    assert report.person_tokens == 4 and report.leaked_tokens == 1
    assert report.identifier_recall() == {"EMAIL": 1.0}
    assert report.keep_rate == 1.0 and report.person_precision == 1.0


@pytest.mark.parametrize(
    ("text", "org", "rule"),
    [("Judge Marlowe ruled; the court in Utrecht agreed.", "Marlowe", "PERSON/role")],
)
def test_evaluate_lost_places_name_the_rule(privacy_nlp, tmp_path: Path, text: str, org: str, rule: str) -> None:
    # A word labelled a place that a person cue removes is listed with the rule; Utrecht stays. Only on request.
    start = text.index(org)
    path = tmp_path / "presidio.json"
    path.write_text(json.dumps([{"full_text": text, "spans": [
        {"entity_type": "GPE", "entity_value": org, "start_position": start, "end_position": start + len(org)},
        {"entity_type": "GPE", "entity_value": "Utrecht", "start_position": text.index("Utrecht"),
         "end_position": text.index("Utrecht") + 7}]}]))
    quiet = evaluate(load_examples(path), privacy_nlp, name="t")
    report = evaluate(load_examples(path), privacy_nlp, name="t", show_leaks=True)
    assert quiet.lost_other == [] and quiet.other_keep_kept == report.other_keep_kept == 1
    ((ex_id, token, rules),) = report.lost_other
    assert (ex_id, token) == ("0", org) and rule in rules.split(","), rules


@pytest.mark.parametrize("args", [()])
def test_evaluate_cli(jsonl_set: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    out = tmp_path / "results.md"
    proc = run_cli("eval-privacy", str(jsonl_set), "--registry", str(ROOT / "tests/data/registry_small.yaml"), "-o", str(out), *args)
    assert proc.returncode == 0, proc.stderr
    assert "person token recall (strict)" in proc.stdout and "identifier recall EMAIL | 1.000" in out.read_text()
    assert "Baker" not in proc.stdout  # values only with --show-leaks


@pytest.mark.parametrize("content", ["{not json\n", "[1, 2]"])
def test_evaluate_bad_file_one_line_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    with pytest.raises(UserError, match="E017"):
        load_examples(path)
    proc = run_cli("eval-privacy", str(path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "E017" in proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("floor", [0.97])
def test_evaluate_policy_set_floor(privacy_nlp, floor: float) -> None:
    if not POLICY_SET.exists():
        pytest.skip("benchmarks/data/privacy_policy_en.jsonl not present")
    report = evaluate(load_examples(POLICY_SET), privacy_nlp)
    assert report.person_recall >= floor
    assert min(report.identifier_recall().values()) >= 0.95 and report.keep_rate >= 0.98


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("first", [200])
def test_evaluate_pii_dev_sample(privacy_nlp, first: int) -> None:
    path = needs_shared("data", "pii_dev", "synth_dataset_v2.json")
    report = evaluate(load_examples(path)[:first], privacy_nlp)
    assert report.person_recall >= 0.85
    assert report.identifier_recall()["EMAIL"] == 1.0


@pytest.mark.parametrize("text", ["据报道，张伟在法院门口说，他已还清欠款。"])
def test_evaluate_counts_a_chinese_name_left_between_characters(privacy_nlp, tmp_path: Path, text: str) -> None:
    # A labelled name the detectors leave stays written without spaces around it, and the measure must still
    # see it. The detectors find 张伟 (in any language's text), so a plain word of the text stands in for a
    # missed name.
    path = tmp_path / "zh.jsonl"
    path.write_text(json.dumps({"id": "z", "lang": "en", "text": text, "persons": ["张伟", "门口"], "keep": []}) + "\n",
                    encoding="utf-8")
    report = evaluate(load_examples(path), privacy_nlp, name="zh", show_leaks=True)
    assert report.leaks == [("z", "门口")]
