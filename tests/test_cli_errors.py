"""Every CLI input error is one line on stderr and exit status 2, before any work is done."""

from __future__ import annotations

from pathlib import Path

import pytest

from textgym.cli import main

ENV = "textgym/Sycophancy-v0"


def fails(capsys, *args: str) -> str:
    """Run the CLI in-process; assert exit 2, nothing on stdout and one line on stderr; return it."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert code == 2, (code, captured.out, captured.err)
    assert len(lines) == 1, captured.err
    assert captured.out == "", captured.out  # no table of nan, no partial output
    return lines[0]


@pytest.mark.parametrize(
    "command",
    [
        ["run", "textgym/Sycophancy-v1", "--policy", "aligned"],
        ["compare", "textgym/Sycophancy-v1"],
        ["check", "textgym/Sycophancy-v1"],
        ["describe", "textgym/Sycophancy-v1"],
        ["gameability", "textgym/Sycophancy-v1"],
        ["eval", "--env", "textgym/Sycophancy-v1", "--policy", "aligned"],
        ["train", "--env", "textgym/Sycophancy-v1", "--policy", "hf:tiny", "--out", "unused-run-dir"],
        ["probe", "--env", "textgym/Sycophancy-v1", "--policy", "hf:tiny"],
    ],
)
def test_an_unknown_id_says_did_you_mean_in_every_command(capsys, command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = fails(capsys, *command)
    assert line.startswith(f"textgym {command[0]}: error: unknown environment 'textgym/Sycophancy-v1'; did you mean 'textgym/Sycophancy-v0'?")
    assert not (tmp_path / "unused-run-dir").exists()


def test_an_unknown_group_by_label_is_an_error_not_rows_of_question_marks(capsys):
    line = fails(capsys, "compare", ENV, "--group-by", "user_beleif", "--episodes", "2", "--quiet")
    assert "--group-by 'user_beleif' is not a hidden label or episode field of textgym/Sycophancy-v0; did you mean 'user_belief'?" in line


def test_a_known_group_by_label_still_groups(capsys):
    assert main(["compare", ENV, "--group-by", "user_belief", "--episodes", "2", "--quiet"]) == 0
    assert "user_belief=?" not in capsys.readouterr().out


@pytest.mark.parametrize("command", [["compare", ENV], ["eval", "--env", ENV, "--policy", "aligned"]])
def test_an_unknown_label_to_show_is_an_error(capsys, command):
    line = fails(capsys, *command, "--labels", "correct,flipped", "--episodes", "2", "--quiet")
    assert "--labels: 'flipped' is not a hidden label of textgym/Sycophancy-v0; did you mean 'flipped_under_pressure'?" in line


@pytest.mark.parametrize("command", [["run", ENV, "--policy", "aligned"], ["compare", ENV], ["gameability", ENV], ["eval", "--env", ENV, "--policy", "aligned"]])
@pytest.mark.parametrize("episodes", ["0", "-3"])
def test_fewer_than_one_episode_is_an_error_not_a_table_of_nan(capsys, command, episodes):
    line = fails(capsys, *command, "--episodes", episodes)
    assert line.endswith(f"error: --episodes must be at least 1, got {episodes}")


def test_batch_below_one_is_an_error(capsys):
    assert fails(capsys, "run", ENV, "--policy", "aligned", "--batch", "0").endswith("--batch must be at least 1, got 0")


@pytest.mark.parametrize(
    ("axis", "message"),
    [
        ("user=normal", "--axis user=normal: textgym/Sycophancy-v0 has no axis 'user'; did you mean 'users'?"),
        ("users=nomal", "--axis users=nomal: no variant 'nomal' of axis 'users'; did you mean 'normal'?"),
        ("users", "--axis expects KEY=VALUE, got 'users'"),
    ],
)
@pytest.mark.parametrize("command", ["run", "compare", "gameability"])
def test_an_unknown_axis_or_variant_is_an_error(capsys, axis, message, command):
    extra = ["--policy", "aligned"] if command == "run" else []
    assert message in fails(capsys, command, ENV, *extra, "--axis", axis)


def test_an_unknown_policy_or_backend_is_an_error_with_did_you_mean(capsys):
    assert "unknown policy 'aligend'" in (line := fails(capsys, "run", ENV, "--policy", "aligend", "--episodes", "1"))
    assert "did you mean 'aligned'?" in line
    line = fails(capsys, "run", ENV, "--policy", "aligned", "--backend", "rater=hf-tiny", "--episodes", "1")
    assert "unknown backend 'hf-tiny'" in line and "did you mean 'hf:tiny'?" in line
    assert "has no role 'critic'" in fails(capsys, "run", ENV, "--policy", "aligned", "--backend", "critic=hf:tiny", "--episodes", "1")


@pytest.mark.parametrize(
    ("make_path", "message"),
    [
        (lambda tmp: tmp, "is a directory, expected a file"),
        (lambda tmp: _file(tmp) / "episodes.jsonl", "is not a directory"),
    ],
)
def test_an_unwritable_output_path_fails_before_any_episode(capsys, tmp_path, make_path, message):
    out = make_path(tmp_path)
    line = fails(capsys, "run", ENV, "--policy", "aligned", "--episodes", "2", "--out", out)
    assert line.startswith(f"textgym run: error: --out {out}") and message in line


def test_every_command_checks_its_output_path_first(capsys, tmp_path):
    blocker = _file(tmp_path)
    assert "--plot" in fails(capsys, "gameability", ENV, "--episodes", "2", "--plot", blocker / "map.png")
    assert "--out" in fails(capsys, "train", "--env", ENV, "--policy", "hf:tiny", "--out", blocker / "run")
    assert "--results" in fails(capsys, "bench", "--results", blocker / "results.md")
    assert "--out" in fails(capsys, "eval", "--env", ENV, "--policy", "aligned", "--out", tmp_path)


def test_an_unreadable_input_file_is_an_error(capsys, tmp_path):
    line = fails(capsys, "probe", "--env", ENV, "--policy", "hf:tiny", "--load", tmp_path / "missing.json")
    assert line.endswith(f"--load {tmp_path / 'missing.json'}: no such file")


def test_a_failed_run_leaves_no_output_file(capsys, tmp_path):
    out = tmp_path / "episodes.jsonl"
    fails(capsys, "run", ENV, "--policy", "no_such_policy", "--episodes", "1", "--out", out)
    assert not out.exists()


def test_a_successful_run_still_writes_its_file(capsys, tmp_path):
    out = tmp_path / "new" / "episodes.jsonl"
    assert main(["run", ENV, "--policy", "aligned", "--episodes", "2", "--quiet", "--out", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def _file(tmp: Path) -> Path:
    path = tmp / "a_file"
    path.write_text("not a folder", encoding="utf-8")
    return path
