"""Sample the embedded model's own replies for the hand-labelled validation set.

The validation files in this folder (``<EnvName>-v0.jsonl``) hold about half replies that the
embedded model (``hf:default``, SmolLM2-135M-Instruct) really gives on each environment. This
script produces them: for every (environment, axes, seed) in a plan it resets the environment,
asks the model for the next assistant message (one batched ``act`` call over all conversations
of all environments per turn), optionally steps that reply and asks again for a second turn,
and writes one JSON line per generated reply with the scenario a labeller needs to read:

    {"env", "axes", "seed", "history", "reply", "turn", "scenario": [[role, text], ...],
     "episode": info["episode"]}

``history`` holds the model's earlier replies in the same episode (a second-turn record is
judged after stepping them). Hidden labels are deliberately *not* written: gold labels are
written by a person from the label definitions, not copied from the current rules. The output
is scratch material, not the validation set; a labeller copies each reply into the
environment's ``.jsonl`` with its gold labels.

Usage (from the repository root; the built-in plan took about 55 minutes on 2 heavily shared CPU
cores, a single environment's 22 replies about 5)::

    OMP_NUM_THREADS=2 python textgym/specs/validation/sample_model_replies.py --out /tmp/model_replies.jsonl
    python textgym/specs/validation/sample_model_replies.py --env Sycophancy --axes cues=none \
        --seeds 100-104 --turns 2 --out /tmp/syc.jsonl

The shipped files' "model" lines come from the built-in plan, plus ``--env AdviceSeeking --seeds
100-121`` and ``--env CodeReview --seeds 100-121`` for the two YAML-only environments.

Example (the plan the shipped files were sampled from):
    >>> sorted({entry.env for entry in DEFAULT_PLAN})[:3]
    ['ActionAdvice', 'Booking', 'Calibration']
    >>> parse_seeds("3-5,9")
    [3, 4, 5, 9]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PlanEntry:
    """Episodes to sample: ``env`` (short name), axis choices, seeds and how many turns."""

    env: str
    seeds: tuple[int, ...]
    axes: dict[str, str] = field(default_factory=dict)
    turns: int = 1


def _r(start: int, count: int) -> tuple[int, ...]:
    return tuple(range(start, start + count))


#: The plan the shipped validation files' "model" lines came from (temperature 0.7, 64 tokens).
DEFAULT_PLAN: tuple[PlanEntry, ...] = (
    PlanEntry("Sycophancy", _r(100, 14)),
    PlanEntry("Sycophancy", _r(120, 8), turns=2),
    PlanEntry("Sycophancy", _r(140, 5), {"cues": "none"}),
    PlanEntry("TherapyTalk", _r(100, 20)),
    PlanEntry("TherapyTalk", _r(120, 4), turns=2),
    PlanEntry("ActionAdvice", _r(100, 24)),
    PlanEntry("Booking", _r(100, 24)),
    PlanEntry("PoliticalQuestions", _r(100, 20)),
    PlanEntry("PoliticalQuestions", _r(120, 4), turns=2),
    PlanEntry("FactPenalty", _r(100, 24)),
    PlanEntry("SensitiveTopics", _r(100, 24)),
    PlanEntry("Calibration", _r(100, 24)),
    PlanEntry("HardProblems", _r(100, 16)),
    PlanEntry("HardProblems", _r(120, 8), {"difficulty": "impossible"}),
    PlanEntry("Confession", _r(100, 24)),
    PlanEntry("ConfessionTraining", _r(100, 12)),
    PlanEntry("ConfessionTraining", _r(120, 12), {"prompted": "unprompted"}),
    PlanEntry("Escalation", _r(100, 24)),
)


def parse_seeds(text: str) -> list[int]:
    """Seeds from ``"1-3,7"`` style text."""
    seeds: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = part.split("-", 1)
            seeds.extend(range(int(lo), int(hi) + 1))
        elif part:
            seeds.append(int(part))
    return seeds


def sample(plan: Sequence[PlanEntry], *, max_new_tokens: int = 64, temperature: float = 0.7, batch_size: int = 32, seed: int = 0) -> list[dict]:
    """Generate the model's replies for every episode of ``plan``; returns the records."""
    import textgym
    from textgym.policy import make_policy

    episodes = []  # [entry, seed, env, obs, info, history]
    for entry in plan:
        for s in entry.seeds:
            env = textgym.make(f"textgym/{entry.env}-v0", **entry.axes)
            obs, info = env.reset(seed=s)
            episodes.append([entry, s, env, obs, info, []])
    policy = make_policy("hf:default", episodes[0][2], max_new_tokens=max_new_tokens, temperature=temperature, batch_size=batch_size, seed=seed)
    records: list[dict] = []
    live = episodes
    for turn in range(1, max(e.turns for e in plan) + 1):
        replies = policy.act([ep[3] for ep in live])
        following = []
        for ep, reply in zip(live, replies, strict=True):
            entry, s, env, obs, info, history = ep
            records.append({
                "env": f"textgym/{entry.env}-v0", "axes": dict(entry.axes), "seed": s,
                "history": list(history), "reply": reply, "turn": turn,
                "scenario": [[m.role, m.content] for m in obs], "episode": info.get("episode"),
            })
            if turn < entry.turns:
                obs2, _reward, terminated, truncated, _info = env.step(reply)
                if not (terminated or truncated):
                    following.append([entry, s, env, obs2, info, history + [reply]])
        live = following
        if not live:
            break
        print(f"turn {turn} done: {len(records)} replies", file=sys.stderr)
    return records


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="JSON Lines file to write")
    parser.add_argument("--env", help="one environment (short name, e.g. Sycophancy); default: the built-in plan")
    parser.add_argument("--axes", nargs="*", default=[], help="axis=choice pairs for --env")
    parser.add_argument("--seeds", default="0-9", help="seeds for --env, e.g. 0-9,20")
    parser.add_argument("--turns", type=int, default=1)
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--temperature", type=float, default=0.7)
    args = parser.parse_args(argv)
    if args.env:
        axes = dict(pair.split("=", 1) for pair in args.axes)
        plan: tuple[PlanEntry, ...] = (PlanEntry(args.env, tuple(parse_seeds(args.seeds)), axes, args.turns),)
    else:
        plan = DEFAULT_PLAN
    records = sample(plan, max_new_tokens=args.max_new_tokens, temperature=args.temperature)
    with open(args.out, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} replies to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
