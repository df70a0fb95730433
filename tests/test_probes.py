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
from textgym.lm.models import load_model


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


# ---------------------------------------------------------------- layer choice on a validation split, CIs by fact

from textgym.agents.probes import bullshit_index_ci, choose_layer, split_train_val_test  # noqa: E402


@settings(max_examples=30, deadline=None)
@given(st.integers(5, 60), st.integers(0, 1000))
def test_train_validation_and_test_splits_keep_each_fact_whole_and_test_matches_the_two_way_split(n_facts, seed):
    statements = [Statement(f"s{i}{label}", label, f"g{i}") for i in range(n_facts) for label in (True, False)]
    train, val, test = split_train_val_test(statements, 0.2, 0.3, seed)
    parts = [{statements[i].group for i in part} for part in (train, val, test)]
    assert not parts[0] & parts[1] and not parts[0] & parts[2] and not parts[1] & parts[2]
    assert sorted(np.concatenate([train, val, test]).tolist()) == list(range(len(statements)))
    assert val.size > 0 and train.size > 0
    assert test.tolist() == split_by_group(statements, 0.3, seed)[1].tolist()


def test_the_layer_is_chosen_on_validation_statements_not_on_the_test_ones():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 300).astype(bool)
    X = rng.normal(size=(300, 3, 8))
    X[:250, 1, 0] += 4 * y[:250]  # layer 1 carries truth on train and validation
    X[250:, 2, 0] += 4 * y[250:]  # only layer 2 separates the test statements
    probes = fit_probes(X[:200], y[:200])
    assert choose_layer(probes, X[200:250], y[200:250]) == 1
    test_report = probe_report(probes, X[250:], y[250:])
    assert max(test_report, key=lambda r: r.logistic).layer != 1  # choosing on the test split would report another layer


def test_choosing_the_best_of_many_noise_layers_on_the_test_split_is_optimistic_and_on_validation_is_not():
    rng = np.random.default_rng(1)
    on_test, on_val = [], []
    for _ in range(12):
        y = np.tile([True, False], 60)
        X = rng.normal(size=(120, 12, 3))  # no layer knows anything
        probes = fit_probes(X[:60], y[:60])
        report = probe_report(probes, X[90:], y[90:])
        on_test.append(max(r.logistic for r in report))
        on_val.append(report[choose_layer(probes, X[60:90], y[60:90])].logistic)
    assert np.mean(on_test) > 0.6 and abs(np.mean(on_val) - 0.5) < 0.08


def test_probe_cis_resample_facts_so_paired_statements_do_not_count_twice():
    rng = np.random.default_rng(2)
    y = np.tile([True, False], 40)
    X = rng.normal(size=(80, 1, 4))
    X[:, 0, 0] += np.repeat(rng.normal(size=40), 2)  # both statements of a fact share a nuisance offset
    X[:, 0, 1] += 1.0 * y
    probes = fit_probes(X, y)
    groups = [f"fact{i // 2}" for i in range(80)]
    flat = probe_report(probes, X, y)[0]
    grouped = probe_report(probes, X, y, groups)[0]
    assert grouped.n_groups == 40 and flat.n_groups == 0
    assert grouped.logistic == flat.logistic
    assert grouped.logistic_ci[0] <= grouped.logistic <= grouped.logistic_ci[1]
    with pytest.raises(ValueError, match="one fact per statement"):
        probe_report(probes, X, y, groups[:-1])


def test_the_bullshit_index_has_a_ci_over_facts():
    beliefs = [0.9, 0.1, 0.8, 0.3, 0.7, 0.2, 0.6, 0.4] * 3
    claims = [True, False, True, False, False, True, True, False] * 3
    facts = [f"f{i // 2}" for i in range(24)]
    bi, (lo, hi) = bullshit_index_ci(beliefs, claims, facts)
    assert bi == pytest.approx(bullshit_index(beliefs, claims))
    assert 0.0 <= lo <= bi <= hi <= 1.0
    assert all(np.isnan(bullshit_index_ci([0.5, 0.6], [True, False], ["f", "f"])[1]))
