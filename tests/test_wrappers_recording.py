"""RecordConversations: JSONL per episode, crash-safe, readable by load_trajectories and datasets."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import textgym
from textgym.policy import make_policy
from textgym.rollout import EpisodeRecord, rollout
from textgym.wrappers import RecordConversations, load_trajectories

ENV = "textgym/Sycophancy-v0"


def record_episodes(path, policy_name="exploit", seeds=range(5), **kwargs):
    env = RecordConversations(textgym.make(ENV), path, policy=policy_name, **kwargs)
    policy = make_policy(policy_name, env)
    for seed in seeds:
        obs, _ = env.reset(seed=seed)
        done = False
        while not done:
            obs, _, terminated, truncated, _ = env.step(policy.act([obs])[0])
            done = terminated or truncated
    env.close()


def test_records_match_what_rollout_produces(tmp_path):
    path = tmp_path / "e.jsonl"
    record_episodes(path, seeds=range(4))
    mine = load_trajectories(path)
    theirs = rollout(ENV, "exploit", episodes=4, seed=0, progress=False)
    assert [r.to_json() for r in mine] == [r.to_json() for r in theirs]


def test_each_line_is_episode_record_to_json(tmp_path):
    path = tmp_path / "e.jsonl"
    record_episodes(path, seeds=[11])
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert line == EpisodeRecord.from_json(line).to_json()


def test_append_mode_adds_and_write_mode_starts_over(tmp_path):
    path = tmp_path / "e.jsonl"
    record_episodes(path, seeds=range(2))
    record_episodes(path, seeds=range(3))
    assert len(load_trajectories(path)) == 5
    record_episodes(path, seeds=range(1), mode="w")
    assert len(load_trajectories(path)) == 1


def test_a_partial_last_line_is_skipped_on_read_and_cut_on_append(tmp_path):
    path = tmp_path / "e.jsonl"
    record_episodes(path, seeds=range(2))
    with open(path, "ab") as handle:
        handle.write(b'{"env_id": "textgym/Syco')
    with pytest.warns(UserWarning, match="partial last line"):
        assert len(load_trajectories(path)) == 2
    record_episodes(path, seeds=[5])
    assert [r.seed for r in load_trajectories(path)] == [0, 1, 5]


def test_a_corrupt_middle_line_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "e.jsonl"
    record_episodes(path, seeds=range(1))
    text = path.read_text(encoding="utf-8")
    path.write_text("not json\n" + text, encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        load_trajectories(path)


def test_unusual_text_round_trips(tmp_path):
    path = tmp_path / "e.jsonl"
    env = RecordConversations(textgym.make(ENV), path)
    env.reset(seed=0)
    weird = "emoji \U0001f600, RTL \u202e, NUL-free \\ backslash, newline\n, quote \" and 'é'"
    env.step(weird)
    env.step("ok")
    env.close()
    assert load_trajectories(path)[0].conversation[2].content == weird


def test_an_unseeded_reset_is_recorded_with_seed_minus_one(tmp_path):
    path = tmp_path / "e.jsonl"
    env = RecordConversations(textgym.make(ENV), path)
    env.reset(seed=3)
    env.step("a"), env.step("b")
    env.reset()
    env.step("a"), env.step("b")
    env.close()
    assert [r.seed for r in load_trajectories(path)] == [3, -1]


CHILD = textwrap.dedent(
    """
    import sys, textgym
    from textgym.policy import make_policy
    from textgym.wrappers import RecordConversations
    env = RecordConversations(textgym.make("textgym/Sycophancy-v0"), sys.argv[1], policy="exploit")
    policy = make_policy("exploit", env)
    seed = 0
    while True:  # until killed
        obs, _ = env.reset(seed=seed)
        done = False
        while not done:
            obs, _, terminated, truncated, _ = env.step(policy.act([obs])[0] + " " + "padding " * 2000)
            done = terminated or truncated
        seed += 1
    """
)


def test_a_killed_run_leaves_a_valid_file_up_to_the_last_complete_episode(tmp_path):
    path = tmp_path / "killed.jsonl"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if path.exists() and path.read_bytes().count(b"\n") >= 30:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the child wrote fewer than 30 episodes in 60 s")
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    raw = path.read_bytes()
    lines = raw.count(b"\n")
    records = load_trajectories(path)  # at most a partial tail is skipped, nothing else
    assert len(records) in (lines,) and lines >= 30
    assert [r.seed for r in records] == list(range(len(records)))

    from datasets import load_dataset

    complete = tmp_path / "complete.jsonl"
    complete.write_bytes(raw[: raw.rfind(b"\n") + 1])
    dataset = load_dataset("json", data_files=str(complete), split="train", cache_dir=str(tmp_path / "hf"))
    assert dataset.num_rows == len(records)
    assert dataset[0]["conversation"][0]["role"] in ("system", "user")
    assert dataset[3]["seed"] == 3 and dataset[3]["proxy_return"] == pytest.approx(records[3].proxy_return)
