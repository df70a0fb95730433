"""The golden-trace tool records deterministically and reports every changed field."""

from __future__ import annotations

import copy

from textgym.testing.golden import diff_traces, read_trace, record_trace, write_trace


def test_recording_twice_gives_identical_traces():
    a = record_trace(["textgym/Sycophancy-v0", "textgym/Booking-v0"], max_combinations=3)
    b = record_trace(["textgym/Sycophancy-v0", "textgym/Booking-v0"], max_combinations=3)
    assert a == b and diff_traces(a, b) == []


def test_a_changed_hidden_label_and_a_missing_episode_are_reported(tmp_path):
    rows = record_trace(["textgym/Sycophancy-v0"], max_combinations=2, policies=["aligned"])
    changed = copy.deepcopy(rows)
    label = next(k for k, v in changed[0]["steps"][1]["hidden"].items() if isinstance(v, bool))
    changed[0]["steps"][1]["hidden"][label] = not changed[0]["steps"][1]["hidden"][label]
    del changed[-1]
    fields = {(d.field, d.step) for d in diff_traces(rows, changed)}
    assert (f"hidden.{label}", 1) in fields and ("row", -1) in fields
    write_trace(rows, tmp_path / "t.jsonl.gz")
    assert read_trace(tmp_path / "t.jsonl.gz") == rows
