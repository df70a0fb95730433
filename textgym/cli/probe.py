"""``textgym probe``: linear truth probes per layer on a model's hidden states.

Fits a logistic and a mass-mean probe per layer on true/false statements from the environments'
fact data (train split by fact), prints held-out accuracy per layer with 95% bootstrap CIs, and
can save the probes (``--save``) and score saved ones on another model (``--load``): fit before
training, score after, to tell "forgot the fact" from "stopped saying it". ``--bullshit-index N``
plays N episodes of the policy and reports BI = 1 - |r_pb(probe belief, claim)| with a 95% CI
that resamples facts. CIs resample whole facts (both statements of a fact together). The probe
layer for BI is chosen on a validation split of the training facts, never on the held-out facts.

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="textgym"); register(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["probe", "--policy", "hf:default", "--env", "textgym/Sycophancy-v0"]).pool
    'last'
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from textgym.cli.common import CLIError, print_table

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

    from textgym.agents.probes import ProbeSet, Statement


def cmd_probe(args: argparse.Namespace) -> int:
    import numpy as np

    from textgym.agents.probes import (
        ProbeSet,
        choose_layer,
        fact_statements,
        fit_probes,
        hidden_states,
        probe_report,
        split_train_val_test,
    )
    from textgym.lm.models import load_model
    from textgym.stats import format_ci

    if not args.policy.startswith("hf:"):
        raise CLIError(f"--policy must be hf:default, hf:tiny or hf:PATH (probes read hidden states), got {args.policy!r}")
    saved = ProbeSet.load(args.load) if args.load else None
    seed, test_fraction = args.seed, args.test_fraction
    if saved is not None:  # score on the same held-out facts the saved probes were tested on
        seed = saved.meta.get("seed", seed)
        test_fraction = saved.meta.get("test_fraction", test_fraction)
        if saved.meta.get("pool", args.pool) != args.pool:
            raise CLIError(f"--load {args.load} was fitted with --pool {saved.meta['pool']}, not {args.pool}")
    statements = [s for env in args.env for s in fact_statements(env)]
    if args.limit:
        groups = sorted({s.group for s in statements})[: args.limit]
        statements = [s for s in statements if s.group in set(groups)]
    model, tokenizer = load_model(args.policy.removeprefix("hf:"))
    X = hidden_states(model, tokenizer, [s.text for s in statements], pool=args.pool, batch_size=args.batch_size, progress=not args.quiet)
    y = np.array([s.label for s in statements])
    train, val, test = split_train_val_test(statements, 0.2, test_fraction, seed)
    meta = {"policy": args.policy, "envs": list(args.env), "pool": args.pool, "seed": seed, "test_fraction": test_fraction,
            "n_train": int(train.size), "n_val": int(val.size), "n_test": int(test.size)}
    fresh = fit_probes(X[train], y[train], meta=meta)
    test_groups = [statements[i].group for i in test]
    report = probe_report(fresh, X[test], y[test], test_groups)
    headers = ["layer", "logistic (fresh)", "mass-mean (fresh)"]
    rows = [[str(r.layer), format_ci(r.logistic, r.logistic_ci), format_ci(r.mass_mean, r.mass_mean_ci)] for r in report]
    if saved is not None:
        old = probe_report(saved, X[test], y[test], test_groups)
        headers += [f"logistic ({saved.meta.get('policy', 'saved')})", f"mass-mean ({saved.meta.get('policy', 'saved')})"]
        for row, r in zip(rows, old):
            row += [format_ci(r.logistic, r.logistic_ci), format_ci(r.mass_mean, r.mass_mean_ci)]
    print(f"\n{args.policy}: truth probes on {len(statements) // 2} facts from {', '.join(args.env)} "
          f"(pool={args.pool}; train {train.size} / validation {val.size} / held-out {test.size} statements; accuracy, "
          f"95% bootstrap CIs over {len(set(test_groups))} held-out facts; layer 0 = embeddings)")
    print_table(headers, rows)
    if args.save:
        print(f"probes saved to {fresh.save(args.save)}")
    if args.bullshit_index:
        layer = choose_layer(fresh, X[val], y[val])
        result = _bullshit(args, model, tokenizer, fresh, layer, statements, set(test.tolist()))
        (first, first_ci), (last, last_ci) = result["first"], result["last"]
        print(f"\nBullshit Index (layer {layer}, chosen on the validation facts; logistic probe as belief; "
              f"{result['n']} held-out-fact episodes; 95% CIs over facts): first answer {format_ci(first, first_ci, digits=3)}, "
              f"final answer {format_ci(last, last_ci, digits=3)}  (0: claims track beliefs, 1: unrelated)")
    return 0


def _bullshit(args: argparse.Namespace, model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, probes: ProbeSet, layer: int, statements: list[Statement], test: set[int]) -> dict[str, Any]:
    """Beliefs (probe P(true) of both statements of the episode's fact) against claims (whether
    the answer asserted each statement), over episodes whose fact is held out."""
    import numpy as np

    from textgym.agents.hf_policy import HFPolicy
    from textgym.agents.probes import bullshit_index_ci, hidden_states
    from textgym.rollout import rollout

    env = args.env[0]
    policy = HFPolicy(args.policy.removeprefix("hf:"), model=model, tokenizer=tokenizer, max_new_tokens=args.max_new_tokens)
    records = rollout(env, policy, episodes=args.bullshit_index, seed=args.seed + 1_000_000, progress=not args.quiet)
    by_group: dict[str, dict[bool, str]] = {}
    for index in test:
        s = statements[index]
        by_group.setdefault(s.group, {})[s.label] = s.text
    texts, claims_first, claims_last, facts = [], [], [], []
    for record in records:
        group = f"{record.env_id}:{record.episode.get('record_id')}"
        if group not in by_group or len(by_group[group]) != 2 or not record.hidden or "claim" not in record.hidden[0]:
            continue
        for label in (True, False):
            texts.append(by_group[group][label])
            facts.append(group)
            target = "correct" if label else "wrong"
            claims_first.append(record.hidden[0]["claim"] == target)
            claims_last.append(record.hidden[-1]["claim"] == target)
    if not texts:
        raise CLIError(f"--bullshit-index: no episode of {env} hit a held-out fact with a 'claim' label; raise N or use a question environment")
    X = hidden_states(model, tokenizer, texts, pool=args.pool, batch_size=args.batch_size)
    beliefs = probes.logistic[layer].probability(X[:, layer])
    return {"n": len(texts) // 2, "first": bullshit_index_ci(beliefs, claims_first, facts),
            "last": bullshit_index_ci(beliefs, claims_last, facts),
            "belief_mean": float(np.mean(beliefs))}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``probe`` to the CLI's subcommands."""
    p = sub.add_parser("probe", help="linear truth probes per layer (fit, save, score saved probes on another model)")
    p.add_argument("--policy", required=True, help="hf:default | hf:tiny | hf:PATH")
    p.add_argument("--env", action="append", required=True, help="environment whose fact data gives the statements (repeatable)")
    p.add_argument("--pool", choices=["last", "mean"], default="last", help="hidden state of the last token, or the mean over tokens")
    p.add_argument("--test-fraction", type=float, default=0.3, help="share of facts held out")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=int, help="use only the first N facts")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--save", help="write the fitted probes to this JSON file")
    p.add_argument("--load", help="also score probes saved from another model (same held-out facts)")
    p.add_argument("--bullshit-index", type=int, default=0, metavar="N", help="play N episodes and report the Bullshit Index")
    p.add_argument("--max-new-tokens", type=int, default=48)
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(fn=cmd_probe)
