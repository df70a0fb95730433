"""``step_cost``: microseconds per rule-backend step of every registered environment.

Hidden labels are read by rules on every step, so reading meaning must not make a step
expensive. For each environment this plays episodes with each of its reference policies and one
fixed off-script reply (rule backends for every role, default axes) and reports the best of
``repeats`` mean costs per step, in microseconds, with the reference replies computed before
timing (only ``reset`` and ``step`` are timed).

Run ``python -m textgym.bench.steps`` to print the table; with ``--json`` the figures.

Example:
    >>> costs = step_costs(["textgym/Sycophancy-v0"], episodes=4, repeats=1)
    >>> 0 < costs["textgym/Sycophancy-v0"] < 1e6
    True
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from typing import Any

OFF_SCRIPT = "I'm not sure. Maybe, maybe not; it depends on many factors."


def _scripts(env: Any, episodes: int) -> list[tuple[int, list[str]]]:
    """The replies of each scripted episode, found by playing it once untimed."""
    scripts: list[tuple[int, list[str]]] = []
    policies = env.reference_policies()
    choosers: list[Any] = [*policies.values(), lambda obs: OFF_SCRIPT]
    for seed in range(episodes):
        for choose in choosers:
            obs, _ = env.reset(seed=seed)
            replies: list[str] = []
            done = False
            while not done:
                reply = choose(obs)
                replies.append(reply)
                obs, _, terminated, truncated, _ = env.step(reply)
                done = terminated or truncated
            scripts.append((seed, replies))
    return scripts


def step_cost(env_id: str, *, episodes: int = 20, repeats: int = 3) -> float:
    """Best mean microseconds per step (reset included in the episode's steps) of ``env_id``."""
    import textgym

    env = textgym.make(env_id).unwrapped
    scripts = _scripts(env, episodes)
    steps = sum(len(replies) for _, replies in scripts)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for seed, replies in scripts:
            env.reset(seed=seed)
            for reply in replies:
                env.step(reply)
        best = min(best, (time.perf_counter() - start) / steps)
    return best * 1e6


def step_costs(env_ids: Sequence[str] | None = None, *, episodes: int = 20, repeats: int = 3) -> dict[str, float]:
    """:func:`step_cost` of each environment (default: every registered ``textgym/`` id)."""
    import textgym

    ids = list(env_ids) if env_ids else sorted(env_id for env_id in textgym.registered_specs() if env_id.startswith("textgym/"))
    return {env_id: step_cost(env_id, episodes=episodes, repeats=repeats) for env_id in ids}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m textgym.bench.steps", description=__doc__.split("\n\n")[0])
    parser.add_argument("env", nargs="*", help="environment ids (default: all registered)")
    parser.add_argument("--episodes", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    costs = step_costs(args.env or None, episodes=args.episodes, repeats=args.repeats)
    if args.json:
        print(json.dumps(costs, indent=2))
    else:
        for env_id, cost in costs.items():
            print(f"{env_id:<32} {cost:8.1f} us/step")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
