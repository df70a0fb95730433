"""Train ``trl.GRPOTrainer`` on any textgym environment (multi-turn, through the environment).

Install the extra: ``pip install "textgym[trl]"``. :class:`TRLEnvironment` gives TRL three things:

- ``dataset()``: a :class:`datasets.Dataset` of episode openings (column ``prompt``, the reset
  observation as chat messages, and ``seed``). Prompts that repeat an earlier one are skipped, so
  each prompt names exactly one episode seed; TRL's ``num_generations`` copies of a prompt are
  then a GRPO group on the same episode.
- ``rollout_func``: TRL's rollout hook. For every prompt it resets a textgym environment with the
  prompt's seed and plays the **whole episode** with the trainer's current model (sampled with
  ``trainer.args.temperature``, ``max_new_tokens`` per turn), stepping all episodes in
  lock-step (:func:`textgym.loop.lockstep`) so model calls of simulated users and raters are batched. It returns the prompt
  tokens, the completion (every turn after the opening, tokenized with the chat template), and
  ``env_mask``: 1 on the tokens the policy wrote, 0 on user turns and template headers, so the
  GRPO loss only touches the policy's tokens. ``logprobs`` are ``None``: without vLLM, TRL
  recomputes them from the model.
- ``reward_funcs`` / ``reward_weights``: the proxy return (weight 1, the only trained-on signal)
  and, with weight 0, the hidden true return and the rate of every boolean hidden label, so TRL
  logs them (``rewards/true_return/mean``, ``rewards/hidden_<label>/mean``) without training on
  them.

Example:
    >>> from textgym.integrations.trl import TRLEnvironment
    >>> adapter = TRLEnvironment("textgym/Sycophancy-v0", episodes=4, axes={"cues": "belief"})
    >>> rows = adapter.dataset()  # doctest: +SKIP
    >>> rows[0]["prompt"][0]["role"]  # doctest: +SKIP
    'system'
    >>> [f.__name__ for f in adapter.reward_funcs][:2], adapter.reward_weights[:2]
    (['proxy_return', 'true_return'], [1.0, 0.0])

With TRL (see ``examples/trl_grpo.py``)::

    trainer = GRPOTrainer(model=model, processing_class=tokenizer, train_dataset=adapter.dataset(),
                          reward_funcs=adapter.reward_funcs, rollout_func=adapter.rollout_func,
                          args=GRPOConfig(..., reward_weights=adapter.reward_weights))
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from textgym.types import Conversation

if TYPE_CHECKING:
    import datasets
    import gymnasium as gym
    from trl import GRPOTrainer


class TRLEnvironment:
    """A textgym environment served to ``trl.GRPOTrainer`` (see the module docstring).

    Args:
        env_id: a registered id or a YAML path.
        episodes: how many distinct episode openings the dataset holds (seeds ``seed``, ``seed+1``, ...).
        seed: the first seed.
        axes, backends: as for :func:`textgym.make`.
        max_new_tokens: the longest reply per turn.
    """

    def __init__(
        self,
        env_id: str,
        *,
        episodes: int = 256,
        seed: int = 0,
        axes: Mapping[str, str] | None = None,
        backends: Mapping[str, str] | None = None,
        max_new_tokens: int = 48,
    ):
        import textgym

        if episodes < 1:
            raise ValueError(f"episodes must be >= 1, got {episodes}")
        self.env_id, self.episodes, self.seed = env_id, episodes, seed
        self.axes, self.backends = dict(axes or {}), dict(backends or {})
        self.max_new_tokens = max_new_tokens
        probe = textgym.make(env_id, axes=self.axes)  # rule backends: only the label types matter
        probe.reset(seed=seed)
        _, _, _, _, info = probe.step("")
        #: the boolean hidden labels, logged as rates (``true_reward`` is logged as ``true_return``)
        self.hidden_labels = [k for k, v in info["hidden"].items() if isinstance(v, bool)]
        probe.close()
        self._seed_of: dict[str, int] = {}
        self._envs: list[gym.Env] = []
        self._last: list[dict[str, Any]] = []

    def _env_kwargs(self) -> dict[str, Any]:
        return {**self.axes, **({"backends": self.backends} if self.backends else {})}

    @staticmethod
    def _key(prompt: Sequence[Mapping[str, Any]]) -> str:
        return json.dumps([[m["role"], m["content"]] for m in prompt], ensure_ascii=False)

    # ---------------------------------------------------------------- data

    def dataset(self) -> datasets.Dataset:
        """The episode openings as a ``datasets.Dataset`` with columns ``prompt`` and ``seed``."""
        import datasets

        import textgym

        env = textgym.make(self.env_id, **self._env_kwargs())
        rows = []
        for s in range(self.seed, self.seed + self.episodes):
            obs, _ = env.reset(seed=s)
            prompt = [{"role": m.role, "content": m.content} for m in obs]
            key = self._key(prompt)
            if key in self._seed_of:
                continue  # the same opening from another seed: keep one seed per prompt
            self._seed_of[key] = s
            rows.append({"prompt": prompt, "seed": s})
        env.close()
        return datasets.Dataset.from_list(rows)

    # ---------------------------------------------------------------- rollouts

    def _environments(self, n: int) -> list[gym.Env]:
        import textgym

        while len(self._envs) < n:
            self._envs.append(textgym.make(self.env_id, **self._env_kwargs()))
        return self._envs[:n]

    def rollout_func(self, prompts: list[list[dict[str, Any]]], trainer: GRPOTrainer) -> dict[str, Any]:
        """TRL's rollout hook: play one whole episode per prompt with the trainer's model."""
        from textgym.lm.generation import Generation, generate_replies
        from textgym.lm.tokenization import tokenize_conversation
        from textgym.loop import Step, lockstep

        model = trainer.accelerator.unwrap_model(trainer.model)
        tokenizer = trainer.processing_class
        temperature = float(getattr(trainer.args, "temperature", 1.0) or 0.0)
        envs = self._environments(len(prompts))
        seeds = []
        for prompt in prompts:
            key = self._key(prompt)
            if key not in self._seed_of:
                raise KeyError("a prompt that is not in this adapter's dataset() reached rollout_func")
            seeds.append(self._seed_of[key])

        def act(observations: Sequence[Conversation], _: Sequence[int]) -> list[Generation]:
            replies = generate_replies(
                model, tokenizer, [obs.to_chat() for obs in observations],
                max_new_tokens=self.max_new_tokens, temperature=temperature,
                seed=int(np.random.default_rng().integers(2**31)) if temperature > 0 else None,
            )
            return [Generation(text) for text in replies]

        observations: list[Conversation] = [Conversation() for _ in prompts]
        results: list[dict[str, Any]] = [{"proxy": 0.0, "hidden": []} for _ in prompts]
        was_training = model.training
        model.eval()
        try:
            for event in lockstep(envs, None, seeds, act=act):
                observations[event.episode] = event.observation
                if isinstance(event, Step):
                    results[event.episode]["proxy"] += event.reward
                    results[event.episode]["hidden"].append(event.info["hidden"])
        finally:
            model.train(was_training)

        prompt_ids, completion_ids, env_mask = [], [], []
        for obs in observations:
            tokens = tokenize_conversation(tokenizer, obs)
            if "policy" not in tokens.sources:
                raise RuntimeError("an episode ended without a policy turn")
            header = tokens.replies[tokens.sources.index("policy")][0]  # the first reply, after its header
            last_reply_end = max(end for (_, end), src in zip(tokens.replies, tokens.sources) if src == "policy")
            mask = tokens.reply_mask("policy")
            prompt_ids.append(list(tokens.input_ids[:header]))
            completion_ids.append(list(tokens.input_ids[header:last_reply_end]))
            env_mask.append([int(m) for m in mask[header:last_reply_end]])
        self._last = results
        return {
            "prompt_ids": prompt_ids,
            "completion_ids": completion_ids,
            "logprobs": None,
            "env_mask": env_mask,
            "textgym_proxy_return": [r["proxy"] for r in results],
            "textgym_true_return": [float(sum(float(h.get("true_reward", 0.0)) for h in r["hidden"])) for r in results],
            "textgym_hidden": [json.dumps(r["hidden"], default=str) for r in results],
        }

    # ---------------------------------------------------------------- rewards

    @property
    def reward_funcs(self) -> list[Callable[..., list[float]] | Callable[..., list[float | None]]]:
        """Proxy return first (trained on), then logged-only hidden figures (weight 0)."""

        def proxy_return(prompts: object = None, completions: object = None, textgym_proxy_return: Sequence[float] = (), **_: Any) -> list[float]:
            return [float(x) for x in textgym_proxy_return]

        def true_return(prompts: object = None, completions: object = None, textgym_true_return: Sequence[float] = (), **_: Any) -> list[float]:
            return [float(x) for x in textgym_true_return]

        funcs: list[Callable[..., list[float]] | Callable[..., list[float | None]]] = [proxy_return, true_return]
        for label in self.hidden_labels:
            funcs.append(_hidden_label_rate(label))
        return funcs

    @property
    def reward_weights(self) -> list[float]:
        """1 for the proxy return, 0 for everything hidden (logged, never trained on)."""
        return [1.0] + [0.0] * (1 + len(self.hidden_labels))


def _hidden_label_rate(label: str) -> Callable[..., list[float | None]]:
    """TRL reward column of a hidden label: 1.0 when it is true at any step of the episode, 0.0
    when it is never true, ``None`` (TRL ignores it) when it is unclear or absent: the one label
    definition of :func:`textgym.wrappers.metrics.episode_label`, so TRL's mean is the label rate."""
    from textgym.wrappers.metrics import episode_label

    def rate(prompts: object = None, completions: object = None, textgym_hidden: Sequence[str] = (), **_: Any) -> list[float | None]:
        out: list[float | None] = []
        for episode in textgym_hidden:
            value = episode_label(json.loads(episode), label)
            out.append(None if value is None else float(value))
        return out

    rate.__name__ = f"hidden_{label}"
    return rate
