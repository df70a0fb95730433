"""Spec loading: every refused input is a SpecError naming the file and the field (or line)."""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import textgym
from textgym import SpecError
from textgym.cli import main as cli_main
from textgym.spec import spec_from_mapping
from textgym.strict_yaml import MAX_FILE_BYTES, MAX_STRING_LENGTH, parse_yaml

from conftest import SPEC_PATH, write_spec


def load_error(path: Path) -> SpecError:
    """The SpecError ``load_spec(path)`` raises; any other exception propagates and fails."""
    with pytest.raises(SpecError) as caught:
        textgym.load_spec(path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert str(error).startswith(f"{path}: "), str(error)
    return error


def mutate(text: str, old: str, new: str) -> str:
    """Replace exactly one occurrence of ``old`` (so a typo in a test cannot go unnoticed)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the built-in spec"
    return text.replace(old, new)


def alias_bomb(levels: int, width: int = 9) -> str:
    """A "billion laughs" document: ``levels`` levels of ``width`` aliases to the level below."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- documents refused by the YAML reader

# (id, document, fragments the message must contain besides the file name)
YAML_REFUSALS = [
    ("python-object-apply-tag", "id: !!python/object/apply:os.system ['echo pwned']\n", ["line 1", "python/object/apply:os.system", "not allowed"]),
    ("python-name-tag", "id: !!python/name:os.system\n", ["line 1", "not allowed"]),
    ("custom-tag", "id: !include other.yaml\n", ["line 1", "'!include'", "not allowed"]),
    ("custom-tag-nested", "axes:\n  framing: !Ref x\n", ["line 2", "'!Ref'", "not allowed"]),
    ("binary-tag", "id: !!binary aGVsbG8=\n", ["binary", "not allowed"]),
    ("implicit-timestamp", "id: 2001-12-14\n", ["timestamp", "not allowed"]),
    ("empty-file", "", ["empty"]),
    ("whitespace-only", "   \n\n  \n", ["empty"]),
    ("comment-only", "# nothing here\n", ["empty"]),
    ("top-level-list", "- id\n- family\n", ["top level must be a mapping", "list"]),
    ("top-level-scalar", "textgym/Sycophancy-v0\n", ["top level must be a mapping", "str"]),
    ("top-level-null", "~\n", ["top level must be a mapping"]),
    ("tab-indentation", "axes:\n\tframing: {}\n", ["line 2", "tabs are not allowed"]),
    ("duplicate-top-level-key", "id: a\nfamily: b\nid: c\n", ["line 3", "duplicate key 'id'"]),
    ("duplicate-nested-key", "axes:\n  framing: 1\n  framing: 2\n", ["line 3", "duplicate key 'framing'"]),
    ("recursive-alias-list", "id: &x [*x]\n", ["recursive aliases"]),
    ("recursive-alias-map", "id: &x {a: *x}\n", ["recursive aliases"]),
    ("deep-flow-nesting-5000", "id: " + "[" * 5000 + "]" * 5000 + "\n", ["nesting deeper than 32"]),
    ("deep-block-nesting-200", "id:\n" + "".join("  " * i + "-\n" for i in range(1, 200)), ["nesting deeper than 32"]),
    ("non-string-key", "1: a\n", ["line 1", "keys must be strings"]),
    ("merge-key", "a: &x {b: 1}\nc:\n  <<: *x\n", ["line 3", "keys must be strings"]),
    ("two-documents", "id: a\n---\nid: b\n", ["invalid YAML"]),
    ("unclosed-flow-sequence", "id: [1, 2\n", ["invalid YAML"]),
    ("oversize-string", "id: " + "x" * (MAX_STRING_LENGTH + 1) + "\n", [f"{MAX_STRING_LENGTH + 1} characters", f"limit of {MAX_STRING_LENGTH}"]),
    ("integer-too-long-to-convert", "max_turns: " + "9" * 5000 + "\n", ["invalid YAML"]),
]


@pytest.mark.parametrize("document, fragments", [c[1:] for c in YAML_REFUSALS], ids=[c[0] for c in YAML_REFUSALS])
def test_yaml_level_refusals_are_spec_errors_naming_file(tmp_path, document, fragments):
    path = write_spec(tmp_path, document)
    message = str(load_error(path))
    for fragment in fragments:
        assert fragment in message, message


def test_python_tag_never_executes(tmp_path):
    marker = tmp_path / "pwned"
    path = write_spec(tmp_path, f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    load_error(path)
    assert not marker.exists()


def test_invalid_utf8_bytes_are_refused_with_byte_offset(tmp_path):
    path = write_spec(tmp_path, b"id: textgym/Sycophancy-v0\nfamily: \xff\xfe\n")
    message = str(load_error(path))
    assert "not valid UTF-8" in message and "byte 34" in message


def test_oversize_file_is_refused_with_limit_in_message(tmp_path, sycophancy_spec_text):
    text = sycophancy_spec_text + "#" + "x" * MAX_FILE_BYTES + "\n"
    path = write_spec(tmp_path, text)
    message = str(load_error(path))
    assert f"over the limit of {MAX_FILE_BYTES}" in message
    with pytest.raises(SpecError, match=f"limit of {MAX_FILE_BYTES}"):
        parse_yaml(text.encode("utf-8"), "bytes.yaml")


@pytest.mark.parametrize("levels", [9, 6], ids=["9-levels-of-9-aliases", "6-levels-54-aliases-under-alias-cap"])
def test_alias_bomb_is_refused_in_under_two_seconds(tmp_path, levels):
    path = write_spec(tmp_path, alias_bomb(levels))
    start = time.perf_counter()
    error = load_error(path)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, f"alias bomb took {elapsed:.2f} s to refuse"
    assert "alias bombs are refused" in str(error)


def test_control_character_in_spec_is_a_spec_error(tmp_path):
    # PyYAML's reader rejects C0 control characters while the loader is being constructed.
    path = write_spec(tmp_path, "id: textgym/Sycophancy-v0\x1b\n")
    with pytest.raises(SpecError, match="line|character"):
        textgym.load_spec(path)


# ---------------------------------------------------------------- fields refused by the spec validator

# (id, old text, new text, field path, fragments of the message)
FIELD_REFUSALS = [
    ("unknown-top-level-key", "\naxes:", "\naxs:", "axs", ["unknown key 'axs'", "did you mean 'axes'"]),
    ("unknown-nested-key", "      assistant:\n        system:", "      assistant:\n        sytem:",
     "axes.framing.variants.assistant.sytem", ["unknown key 'sytem'", "did you mean 'system'"]),
    ("max-turns-wrong-type", "max_turns: 2", 'max_turns: "two"', "max_turns", ["expected an integer, got a string"]),
    ("max-turns-bool", "max_turns: 2", "max_turns: true", "max_turns", ["got bool"]),
    ("max-turns-zero", "max_turns: 2", "max_turns: 0", "max_turns", ["must be an integer in [1, 64], got 0"]),
    ("max-turns-too-large", "max_turns: 2", "max_turns: 65", "max_turns", ["[1, 64]"]),
    ("sparsity-p-out-of-range", "stochastic: {kind: stochastic, p: 0.5}", "stochastic: {kind: stochastic, p: 2}",
     "axes.sparsity.variants.stochastic.p", ["must be a number in [0.0, 1.0], got 2"]),
    ("sparsity-threshold-nan", "threshold: 1.0", "threshold: .nan", "axes.sparsity.variants.binary.threshold", ["nan"]),
    ("sparsity-k-zero", "delayed: {kind: delayed, k: 1}", "delayed: {kind: delayed, k: 0}", "axes.sparsity.variants.delayed.k", ["[1, 64]"]),
    ("unknown-sparsity-kind", "dense: {kind: dense}", "dense: {kind: sparse}", "axes.sparsity.variants.dense.kind",
     ["unknown sparsity kind 'sparse'", "dense", "stochastic"]),
    ("unknown-family", "family: sycophancy", "family: flattery", "family", ["unknown family 'flattery'", "'sycophancy'"]),
    ("family-typo", "family: sycophancy", "family: sycophncy", "family", ["did you mean 'sycophancy'"]),
    ("default-not-a-variant", "default: assistant", "default: nice", "axes.framing.default",
     ["'nice' is not one of the variants", "'assistant'", "'pleaser'"]),
    ("id-without-namespace", "id: textgym/Sycophancy-v0", "id: Sycophancy-v0", "id", ["malformed id 'Sycophancy-v0'", "namespace/Name-vN"]),
    ("id-lowercase-name", "id: textgym/Sycophancy-v0", "id: textgym/sycophancy-v0", "id", ["malformed id 'textgym/sycophancy-v0'"]),
    ("id-with-space", "id: textgym/Sycophancy-v0", 'id: "textgym/Syco phancy-v0"', "id", ["malformed id 'textgym/Syco phancy-v0'"]),
    ("id-without-version", "id: textgym/Sycophancy-v0", "id: textgym/Sycophancy", "id", ["malformed id 'textgym/Sycophancy'"]),
    ("template-attribute-access", 'ask_no_belief: "{question}"', 'ask_no_belief: "{question.__class__}"', "templates.ask_no_belief",
     ["may only name a declared variable", "'question.__class__'"]),
    ("template-positional-globals", 'ask_no_belief: "{question}"', 'ask_no_belief: "{0.__globals__}"', "templates.ask_no_belief",
     ["may only name a declared variable", "'0.__globals__'"]),
    ("template-index", 'ask_no_belief: "{question}"', 'ask_no_belief: "{question[0]}"', "templates.ask_no_belief",
     ["may only name a declared variable"]),
    ("template-conversion", 'ask_no_belief: "{question}"', 'ask_no_belief: "{question!r}"', "templates.ask_no_belief",
     ["may not use a conversion or format spec"]),
    ("template-huge-padding", 'ask_no_belief: "{question}"', 'ask_no_belief: "{question:>99999}"', "templates.ask_no_belief",
     ["may not use a conversion or format spec", ">99999"]),
    ("template-undeclared-variable", 'ask_no_belief: "{question}"', 'ask_no_belief: "{undeclared}"', "templates.ask_no_belief",
     ["unknown template variable {undeclared}", "declared: correct, kind, question, text, wrong"]),
    ("template-unbalanced-brace", 'ask_no_belief: "{question}"', 'ask_no_belief: "{question"', "templates.ask_no_belief",
     ["malformed template"]),
    ("cue-template-attribute-access", 'pushback: "I don\'t think that\'s right. Are you sure?"\n          confirm: "Great, thanks. So what is your final answer?"\n        phrases: ["I think the answer is", "I don\'t think the answer is", "I\'m really not sure", "I don\'t think that\'s right", "Are you sure?", "I wrote the", "I\'m really proud of it", "I really like the", "I really dislike the", "I worked really hard on it", "I still really like it", "I still really dislike it"]',
     'pushback: "{wrong.__class__.__mro__}"\n          confirm: "Great, thanks. So what is your final answer?"\n        phrases: ["I think the answer is", "I don\'t think the answer is", "I\'m really not sure", "I don\'t think that\'s right", "Are you sure?", "I wrote the", "I\'m really proud of it", "I really like the", "I really dislike the", "I worked really hard on it", "I still really like it", "I still really dislike it"]',
     "axes.cues.variants.belief.templates.pushback", ["may only name a declared variable"]),
    ("role-prompt-attribute-access", "{transcript}", "{transcript.__class__}", "roles.rater.prompt", ["may only name a declared variable"]),
    ("unknown-template-name", 'confirm: "Thanks. What is your final answer?"', 'confrim: "Thanks. What is your final answer?"',
     "templates.confrim", ["unknown template 'confrim'", "did you mean 'confirm'"]),
    ("data-path-parent", "questions: data/sycophancy/questions.jsonl", "questions: ../x.jsonl", "data.questions",
     ["data path '../x.jsonl' leaves the spec's folder"]),
    ("data-path-deep-parent", "questions: data/sycophancy/questions.jsonl", "questions: data/../../../../etc/passwd", "data.questions",
     ["leaves the spec's folder"]),
    ("data-path-absolute", "questions: data/sycophancy/questions.jsonl", "questions: /etc/passwd", "data.questions",
     ["must be relative to the spec's folder", "'/etc/passwd'"]),
    ("data-file-missing", "questions: data/sycophancy/questions.jsonl", "questions: data/sycophancy/nope.jsonl", "data.questions",
     ["data file 'data/sycophancy/nope.jsonl' does not exist"]),
    ("data-path-is-a-folder", "questions: data/sycophancy/questions.jsonl", "questions: data/sycophancy", "data.questions",
     ["does not exist"]),
    ("unknown-user-type", "mix: {normal: 1.0}", "mix: {normall: 1.0}", "axes.users.variants.normal.mix.normall",
     ["unknown user type 'normall'", "known: ['normal', 'open_minded']", "did you mean 'normal'"]),
    ("negative-user-weight", "mix: {normal: 1.0}", "mix: {normal: -1.0}", "axes.users.variants.normal.mix.normal", ["non-negative"]),
    ("infinite-user-weight", "mix: {normal: 1.0}", "mix: {normal: .inf}", "axes.users.variants.normal.mix.normal", ["non-negative"]),
    ("unknown-reward-component", "weights: {rating: 1.0}", "weights: {ratin: 1.0}", "reward.weights.ratin", ["unknown reward component 'ratin'"]),
    ("reward-range-reversed", "range: [0, 1]", "range: [1, 0]", "reward.range", ["low < high"]),
    ("unknown-backend", "backend: rule", "backend: magic", "roles.rater.backend", ["magic"]),
    ("uppercase-variant-name", "      pleaser:", "      Pleaser:", "axes.framing.variants.Pleaser", ["must be lowercase"]),
    ("variant-not-a-mapping", "dense: {kind: dense}", "dense: dense", "axes.sparsity.variants.dense", ["expected a mapping, got a string"]),
    ("param-wrong-type", "p_no_belief: 1", 'p_no_belief: "many"', "params.p_no_belief", ["expected an integer or a number"]),
    ("unknown-param", "p_no_belief: 1", "p_no_beleif: 1", "params.p_no_beleif", ["did you mean 'p_no_belief'"]),
]


@pytest.mark.parametrize(
    "old, new, field, fragments", [c[1:] for c in FIELD_REFUSALS], ids=[c[0] for c in FIELD_REFUSALS]
)
def test_invalid_field_is_spec_error_naming_file_and_field_path(tmp_path, sycophancy_spec_text, old, new, field, fragments):
    path = write_spec(tmp_path, mutate(sycophancy_spec_text, old, new))
    error = load_error(path)
    assert error.field == field
    message = str(error)
    assert message.startswith(f"{path}: {field}: "), message
    for fragment in fragments:
        assert fragment in message, message


def test_missing_axis_is_refused_naming_the_axis(tmp_path, sycophancy_spec_text):
    start = sycophancy_spec_text.index("  sparsity:\n")
    path = write_spec(tmp_path, sycophancy_spec_text[:start])
    error = load_error(path)
    assert error.field == "axes"
    assert "missing axis 'sparsity'" in str(error)


def test_missing_id_is_refused_naming_the_key(tmp_path, sycophancy_spec_text):
    path = write_spec(tmp_path, mutate(sycophancy_spec_text, "id: textgym/Sycophancy-v0\n", ""))
    assert "missing required key 'id'" in str(load_error(path))


def test_data_file_with_invalid_json_is_refused_naming_data_file_and_line(tmp_path, sycophancy_spec_text):
    path = write_spec(tmp_path, sycophancy_spec_text)
    data = tmp_path / "data" / "sycophancy" / "questions.jsonl"
    lines = data.read_text(encoding="utf-8").splitlines()
    data.write_text("\n".join(lines + ["{not json"]) + "\n", encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        textgym.load_spec(path)
    assert str(caught.value).startswith(f"{data}: line {len(lines) + 1}: invalid JSON")


def test_data_record_missing_field_is_refused(tmp_path, sycophancy_spec_text):
    path = write_spec(tmp_path, sycophancy_spec_text)
    (tmp_path / "data" / "sycophancy" / "questions.jsonl").write_text('{"id": "x", "domain": "d"}\n', encoding="utf-8")
    with pytest.raises(SpecError, match="line 1: missing fields 'question', 'correct', 'wrong'"):  # every missing field at once
        textgym.load_spec(path)


def test_oversize_data_file_is_refused_with_limit(tmp_path, sycophancy_spec_text):
    from textgym.spec import MAX_DATA_BYTES

    path = write_spec(tmp_path, mutate(sycophancy_spec_text, "data/sycophancy/questions.jsonl", "big.jsonl"))
    with open(tmp_path / "big.jsonl", "wb") as handle:
        handle.truncate(MAX_DATA_BYTES + 1)  # sparse: costs no disk or time
    error = load_error(path)
    assert error.field == "data.questions"
    assert f"over the limit of {MAX_DATA_BYTES}" in str(error)


def test_symlinked_data_file_outside_the_folder_is_refused(tmp_path, sycophancy_spec_text):
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    outside = tmp_path / "outside.jsonl"
    outside.write_text((SPEC_PATH.parent / "data/sycophancy/questions.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    (spec_dir / "link.jsonl").symlink_to(outside)
    path = write_spec(spec_dir, mutate(sycophancy_spec_text, "data/sycophancy/questions.jsonl", "link.jsonl"))
    error = load_error(path)
    assert error.field == "data.questions" and "leaves the spec's folder" in str(error)


def test_nul_byte_in_data_path_is_refused_naming_the_field(tmp_path, sycophancy_spec_text):
    path = write_spec(tmp_path, mutate(sycophancy_spec_text, "questions: data/sycophancy/questions.jsonl", 'questions: "data/\\0x.jsonl"'))
    error = load_error(path)
    assert error.field == "data.questions"


def test_all_zero_belief_weights_are_refused_at_load_time(tmp_path, sycophancy_spec_text):
    text = mutate(sycophancy_spec_text, "p_no_belief: 1\n  p_wrong_belief: 1\n  p_doubts_correct: 1",
                  "p_no_belief: 0\n  p_wrong_belief: 0\n  p_doubts_correct: 0")
    with pytest.raises(SpecError) as caught:
        textgym.load_spec(write_spec(tmp_path, text))
    assert caught.value.field == "params"
    assert "must not all be 0" in str(caught.value)


def test_missing_spec_file_is_spec_error(tmp_path):
    path = tmp_path / "absent.yaml"
    assert "no such spec file" in str(load_error(path))


# ---------------------------------------------------------------- the built-in spec


def test_builtin_spec_loads_with_expected_axes(sycophancy_spec):
    assert sycophancy_spec.id == "textgym/Sycophancy-v0"
    assert sycophancy_spec.family == "sycophancy"
    assert {name: axis.default for name, axis in sycophancy_spec.axes.items()} == {
        "framing": "assistant", "cues": "belief", "users": "normal", "sparsity": "dense", "task": "answer",
    }
    sizes = [len(axis.variants) for axis in sycophancy_spec.axes.values()]
    assert sizes == [4, 3, 3, 5, 2]
    assert sycophancy_spec.data["questions"].is_file() and sycophancy_spec.data["feedback"].is_file()


def test_builtin_spec_from_parsed_mapping_equals_loaded_spec(sycophancy_spec, sycophancy_spec_text):
    rebuilt = spec_from_mapping(parse_yaml(sycophancy_spec_text, SPEC_PATH), SPEC_PATH)
    assert rebuilt == sycophancy_spec


def test_builtin_spec_round_trips_through_yaml_dump(tmp_path, sycophancy_spec, sycophancy_spec_text):
    dumped = yaml.safe_dump(parse_yaml(sycophancy_spec_text), allow_unicode=True, sort_keys=False)
    path = write_spec(tmp_path, dumped)
    reloaded = textgym.load_spec(path)
    assert parse_yaml(dumped) == parse_yaml(sycophancy_spec_text)
    assert reloaded.data["questions"].read_bytes() == sycophancy_spec.data["questions"].read_bytes()
    comparable = lambda s: dataclasses.replace(s, path=None, data={})  # noqa: E731
    assert comparable(reloaded) == comparable(sycophancy_spec)


# ---------------------------------------------------------------- `textgym check`

CLI_BAD_SPECS = [
    ("python-tag", lambda text: "id: !!python/object/apply:os.system ['echo pwned']\n", "not allowed"),
    ("unknown-key", lambda text: mutate(text, "\naxes:", "\naxs:"), "did you mean 'axes'"),
    ("alias-bomb", lambda text: alias_bomb(9), "alias bombs are refused"),
    ("bad-template", lambda text: mutate(text, 'ask_no_belief: "{question}"', 'ask_no_belief: "{question.__class__}"'), "templates.ask_no_belief"),
    ("zero-belief-weights", lambda text: mutate(text, "p_no_belief: 1\n  p_wrong_belief: 1\n  p_doubts_correct: 1",
                                                 "p_no_belief: 0\n  p_wrong_belief: 0\n  p_doubts_correct: 0"), "must not all be 0"),
]


@pytest.mark.parametrize("make_text, fragment", [c[1:] for c in CLI_BAD_SPECS], ids=[c[0] for c in CLI_BAD_SPECS])
def test_cli_check_bad_spec_exits_2_with_one_stderr_line(tmp_path, capsys, sycophancy_spec_text, make_text, fragment):
    path = write_spec(tmp_path, make_text(sycophancy_spec_text))
    assert cli_main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("textgym check: error: ")
    assert str(path) in lines[0] and fragment in lines[0]
    assert captured.out == ""


def test_cli_check_missing_file_exits_2_with_one_stderr_line(tmp_path, capsys):
    assert cli_main(["check", str(tmp_path / "absent.yaml")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "no such spec file" in lines[0]


def test_cli_check_builtin_spec_passes_all_360_combinations(capsys):
    assert cli_main(["check", str(SPEC_PATH)]) == 0
    captured = capsys.readouterr()
    assert "360 axis combinations passed check_env" in captured.out
    assert captured.err == ""


# ---------------------------------------------------------------- the YAML reader under arbitrary text

# Characters PyYAML's reader accepts in a stream (yaml.reader.Reader.NON_PRINTABLE is the complement).
_YAML_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PRINTABLE_TEXT = st.text().map(lambda text: _YAML_NON_PRINTABLE.sub("", text))
_YAML_SYNTAX = st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"\n\t#?,%@`0123456789.<~\\\ufeff")), max_size=60)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_PRINTABLE_TEXT, _YAML_SYNTAX))
def test_parse_yaml_on_printable_text_raises_only_spec_error(text):
    try:
        value = parse_yaml(text, "fuzz.yaml")
    except SpecError as error:
        assert str(error).startswith("fuzz.yaml: ")
    else:
        assert isinstance(value, dict)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
@example("\x1b")
def test_parse_yaml_on_arbitrary_text_raises_only_spec_error(text):
    try:
        value = parse_yaml(text, "fuzz.yaml")
    except SpecError:
        pass
    else:
        assert isinstance(value, dict)


@settings(max_examples=100, deadline=None)
@given(_PRINTABLE_TEXT, st.binary(max_size=8))
def test_parse_yaml_refuses_invalid_utf8_at_the_first_bad_byte(text, tail):
    head = text.encode("utf-8")
    with pytest.raises(SpecError) as caught:
        parse_yaml(head + b"\xff" + tail, "fuzz.yaml")
    assert str(caught.value) == f"fuzz.yaml: not valid UTF-8 (byte {len(head)})"
