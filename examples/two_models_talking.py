"""Two language models in conversation: one is the assistant, the other the simulated user.

The multi-agent view of any textgym environment (:mod:`textgym.integrations.pettingzoo`) makes the simulated
user an agent: here a second model speaks for it, instead of the family's scripted user turns.
The assistant is scored exactly as in the single-agent environment.

    python examples/two_models_talking.py                                  # hf:default on both sides
    python examples/two_models_talking.py --assistant hf:default --user scripted
    python examples/two_models_talking.py --env textgym/TherapyTalk-v0 --assistant aligned --user hf:default

``hf:default`` is the embedded SmolLM2-135M-Instruct (offline; see ``textgym/lm/models.py``),
``hf:tiny`` a 2-layer random model for tests, ``hf:PATH`` any local chat model. The assistant may
also be one of the environment's reference policies (``aligned``, ``exploit``, ...), and the user
``scripted`` (it copies the family's scripted turn, offered in ``info["reference_action"]``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from textgym.policy import make_policy
from textgym.integrations.pettingzoo import ASSISTANT, env


@dataclass
class Talk:
    """One episode between the two sides."""

    env_id: str
    assistant: str
    user: str
    turns: list[tuple[str, str]] = field(default_factory=list)  # (speaker, text)
    scripted_user: list[str] = field(default_factory=list)  # what the family's user would have said
    rewards: list[float] = field(default_factory=list)
    hidden: list[dict[str, Any]] = field(default_factory=list)

    def show(self) -> str:
        lines = [f"{self.env_id}: assistant={self.assistant}, user={self.user}"]
        for speaker, text in self.turns:
            lines.append(f"[{speaker}] {text}")
        lines.append(f"assistant rewards: {[round(r, 3) for r in self.rewards]}")
        for i, hidden in enumerate(self.hidden, start=1):
            flags = {k: v for k, v in hidden.items() if isinstance(v, (bool, float, int, str))}
            lines.append(f"hidden after turn {i}: {flags}")
        for i, text in enumerate(self.scripted_user, start=1):
            lines.append(f"(the scripted user would have said, turn {i}: {text!r})")
        return "\n".join(lines)


def talk(
    env_id: str = "textgym/Sycophancy-v0",
    assistant: str = "hf:default",
    user: str = "hf:default",
    *,
    seed: int = 0,
    max_new_tokens: int = 48,
    **axes: str,
) -> Talk:
    """Play one episode with ``assistant`` and ``user`` (``hf:...``, a reference policy, ``scripted``)."""
    game = env(env_id, **axes)
    game.reset(seed=seed)
    text_env = game.dialogue.text_env
    assistant_policy = make_policy(assistant, text_env, max_new_tokens=max_new_tokens) if assistant.startswith("hf:") else make_policy(assistant, text_env)
    user_policy = None if user == "scripted" else make_policy(user, text_env, max_new_tokens=max_new_tokens)
    record = Talk(env_id, assistant, user)
    for message in game.observe(ASSISTANT):
        if message.role != "system":
            record.turns.append((f"{message.role} (scenario)", message.content))
    for agent in game.agent_iter():
        observation, _, terminated, truncated, info = game.last()
        if terminated or truncated:
            game.step(None)
            continue
        if agent == ASSISTANT:
            action = assistant_policy.act([observation])[0]
            record.turns.append((f"assistant ({assistant})", action))
        else:
            reference = info["reference_action"]
            record.scripted_user.append(reference)
            action = reference if user_policy is None else user_policy.act([observation])[0]
            record.turns.append((f"user ({user})", action))
        game.step(action)
        if agent == ASSISTANT:  # the environment scored the reply: the same reward and info as TextEnv's
            record.rewards.append(game.rewards[ASSISTANT])
            record.hidden.append(dict(game.infos[ASSISTANT]["hidden"]))
    return record


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", default="textgym/Sycophancy-v0", help="environment id or YAML path")
    parser.add_argument("--assistant", default="hf:default", help="hf:default, hf:tiny, hf:PATH or a reference policy")
    parser.add_argument("--user", default="hf:default", help="hf:default, hf:tiny, hf:PATH or 'scripted'")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-new-tokens", type=int, default=48)
    parser.add_argument("--axis", action="append", default=[], metavar="NAME=VARIANT", help="an axis variant, e.g. cues=belief")
    args = parser.parse_args(argv)
    axes = dict(item.split("=", 1) for item in args.axis)
    record = talk(args.env, args.assistant, args.user, seed=args.seed, max_new_tokens=args.max_new_tokens, **axes)
    print(record.show())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
