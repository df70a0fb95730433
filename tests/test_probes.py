"""Truth probes: statements from fact data, hidden states, logistic and mass-mean probes, BI, CLI."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import textgym
from textgym.agents.probes import (
    LogisticProbe,
    MassMeanProbe,
    ProbeSet,
    Statement,
    bullshit_index,
    fact_statements,
    fit_probes,
    hidden_states,
    probe_report,
    split_by_group,
)
from textgym.cli import main
from textgym.models import load_model


@pytest.fixture(scope="module")
def tiny():
    return load_model("tiny")


def test_sycophancy_questions_become_one_true_and_one_false_statement_per_fact():
    statements = fact_statements("textgym/Sycophancy-v0")
    assert len(statements) == 2 * len({s.group for s in statements})
    true, false = statements[0], statements[1]
    assert (true.label, false.label) == (True, False) and true.group == false.group
    assert "Canberra" in true.text and "Sydney" in false.text


@pytest.mark.skipif("textgym/FactPenalty-v0" not in textgym.registered_specs(), reason="FactPenalty-v0 not registered")
def test_fact_penalty_records_give_their_own_statement_pairs():
    statements = fact_statements("textgym/FactPenalty-v0")
    env = textgym.make("textgym/FactPenalty-v0")
    first = next(r for records in env.unwrapped.family.data.values() for r in records if "statement_true" in r)
    assert statements[0].text == first["statement_true"] and statements[1].text == first["statement_false"]


def test_an_environment_without_fact_records_is_refused_with_the_expected_fields():
    if "textgym/Confession-v0" not in textgym.registered_specs():
        pytest.skip("Confession-v0 not registered")
    with pytest.raises(ValueError, match="statement_true/statement_false or question/correct/wrong"):
        fact_statements("textgym/Confession-v0")


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 60), st.floats(0.05, 0.95), st.integers(0, 1000))
def test_the_split_never_puts_two_statements_of_one_fact_on_both_sides(n_facts, fraction, seed):
    statements = [Statement(f"s{i}{label}", label, f"g{i}") for i in range(n_facts) for label in (True, False)]
    train, test = split_by_group(statements, fraction, seed)
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(len(statements)))
    assert not {statements[i].group for i in train} & {statements[i].group for i in test}
    assert test.size > 0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=4, max_size=40), st.integers(0, 2**16))
def test_the_bullshit_index_lies_in_the_unit_interval(beliefs, bits):
    claims = [(bits >> (i % 16)) & 1 == 1 for i in range(len(beliefs))]
    bi = bullshit_index(beliefs, claims)
    assert np.isnan(bi) or -1e-9 <= bi <= 1 + 1e-9


def test_both_probes_find_a_planted_truth_direction_and_ignore_noise_layers():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400).astype(bool)
    X = rng.normal(size=(400, 2, 16))
    X[:, 1] += np.outer(np.where(y, 1.0, -1.0), rng.normal(size=16)) * 0.8  # layer 1 encodes truth
    probes = fit_probes(X[:300], y[:300])
    report = probe_report(probes, X[300:], y[300:])
    assert report[1].logistic > 0.9 and report[1].mass_mean > 0.9
    assert report[0].logistic < 0.7 and report[0].mass_mean < 0.7
    assert report[1].logistic_ci[0] <= report[1].logistic <= report[1].logistic_ci[1]


@settings(max_examples=15, deadline=None)
@given(st.floats(0.1, 50.0), st.floats(-20.0, 20.0))
def test_probe_predictions_do_not_depend_on_the_units_of_the_features(scale, shift):
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 80).astype(bool)
    X = rng.normal(size=(80, 4)) + y[:, None] * 1.5
    a, b = LogisticProbe.fit(X, y), LogisticProbe.fit(X * scale + shift, y)
    assert (a.predict(X) == b.predict(X * scale + shift)).mean() >= 0.97
    assert (MassMeanProbe.fit(X, y).predict(X) == MassMeanProbe.fit(X * scale + shift, y).predict(X * scale + shift)).all()


def test_hidden_states_of_a_text_do_not_depend_on_its_batch_neighbours(tiny):
    model, tokenizer = tiny
    texts = ["Paris is the capital of France.", "Water boils at one hundred degrees Celsius at sea level, as measured."]
    for pool in ("last", "mean"):
        batched = hidden_states(model, tokenizer, texts, pool=pool)
        alone = np.concatenate([hidden_states(model, tokenizer, [t], pool=pool) for t in texts])
        assert batched.shape == (2, model.config.num_hidden_layers + 1, model.config.hidden_size)
        assert np.allclose(batched, alone, atol=1e-4)
    with torch.no_grad():
        direct = model(**tokenizer(texts[:1], return_tensors="pt"), output_hidden_states=True).hidden_states[-1][0, -1]
    assert np.allclose(hidden_states(model, tokenizer, texts[:1])[0, -1], direct.numpy(), atol=1e-5)


def test_cli_fits_saves_and_rescores_probes(tmp_path, capsys):
    path = tmp_path / "probes.json"
    assert main(["probe", "--policy", "hf:tiny", "--env", "textgym/Sycophancy-v0", "--limit", "40", "--save", str(path), "--quiet"]) == 0
    saved = ProbeSet.load(path)
    assert saved.layers == 3 and saved.meta["policy"] == "hf:tiny" and saved.meta["n_test"] == 24
    assert main(["probe", "--policy", "hf:tiny", "--env", "textgym/Sycophancy-v0", "--limit", "40", "--load", str(path), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "logistic (fresh)" in printed and "logistic (hf:tiny)" in printed


def test_loading_a_file_that_is_not_a_probe_set_is_an_error(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("[1, 2]")
    with pytest.raises(ValueError, match="not a saved ProbeSet"):
        ProbeSet.load(path)
