"""Any textgym environment as a ``verifiers`` environment (verifiers 0.4, in its own venv: see
``docs/integrations.md``).

``verifiers`` (the library behind prime-rl and the Environments Hub) runs environments through its
``verifiers.v1`` API: a *taskset* yields tasks, an ``Env`` plays each task with its agents, and the
eval CLI (``vf-eval``), the eval runner (``verifiers.v1.cli.eval.runner.run_eval``) and prime-rl
drive it against an OpenAI-compatible endpoint. :func:`load_environment` gives such an ``Env``
for any textgym environment:

- one task per episode seed (``seed``, ``seed + 1`` ... ``seed + episodes - 1``); the task's prompt
  is the environment's opening (its system message as the system prompt);
- the episode is multi-turn and the **user turns come from the textgym environment**: each reply
  of the model under evaluation is the action of ``env.step``, and the messages the environment
  adds after it (the simulated user's, rule or model backed) are the next user turn, until the
  environment ends the episode;
- the trace's one reward is ``proxy_return``: the sum of the environment's rewards, the reward a
  trainer is meant to optimise (and that textgym studies being gamed);
- the hidden labels are **metrics only**, never part of the reward: ``true_return`` (the sum of the
  hidden ``true_reward``), ``hidden_<label>`` for each boolean label (1.0 when it is true at any
  step, as :func:`textgym.wrappers.metrics.episode_label` reads it; absent when unclear), and the
  per-step labels in ``trace.info["textgym"]``.

The assistant plays through verifiers' tool-less chat harness (``null``) in a local subprocess
runtime (it runs no model-written code); verifiers installs that harness's small program with
``uv`` on first use. The environment's ``reset`` and ``step`` run in a worker thread, so a
model-backed role does not stall the event loop that also relays the model's requests.

Plugin id. ``verifiers`` resolves a taskset id by importing a top-level module of that name, so
importing this module also registers it as ``textgym_verifiers`` (taskset id
:data:`TASKSET_ID`, ``"textgym-verifiers"``). In a process that has imported this module,
verifiers' own loaders and eval runner find the environment by that id.

Example (needs ``verifiers``):
    >>> env = load_environment("textgym/Sycophancy-v0", episodes=4, cues="belief")  # doctest: +SKIP
    >>> [task.data.seed for task in env.taskset]  # doctest: +SKIP
    [0, 1, 2, 3]

Evaluate it with verifiers' eval runner against an OpenAI-compatible server::

    import asyncio
    from verifiers.v1.cli.eval.runner import run_eval
    from verifiers.v1.configs.cli.eval import EvalConfig
    config = EvalConfig(env=eval_env_config("textgym/Sycophancy-v0", episodes=8), model="my-model",
                        client={"base_url": "http://127.0.0.1:8000/v1", "api_key_var": "MY_KEY"},
                        push=False, rich=None)
    episodes = asyncio.run(run_eval(config))
"""

from __future__ import annotations

import asyncio
import functools
import math
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from textgym.bench.extras import require_extra

#: the verifiers taskset id of this module (verifiers imports it as ``textgym_verifiers``)
TASKSET_ID = "textgym-verifiers"
_MODULE_ALIAS = "textgym_verifiers"
#: the trace's one reward: the environment's return (the proxy reward)
PROXY_REWARD = "proxy_return"

_VF_TYPES = ("TextgymTasksetConfig", "TextgymData", "TextgymTask", "TextgymTaskset", "TextgymEnvConfig", "TextgymEnv")
__all__ = ["TASKSET_ID", "PROXY_REWARD", "load_environment", "env_config", "eval_env_config", "episode_metrics", *_VF_TYPES]

# verifiers imports a taskset plugin by its id's module name; a dotted name under textgym is not
# one it can import, so this module answers to a top-level alias too.
sys.modules.setdefault(_MODULE_ALIAS, sys.modules[__name__])


def __getattr__(name: str) -> Any:
    """The verifiers types, built on first use (so this module imports without verifiers)."""
    if name in _VF_TYPES:
        return _types()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _jsonable(value: Any) -> Any:
    """``value`` with numpy scalars and other non-JSON leaves turned into plain Python values."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return value
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        return _jsonable(item())
    return str(value)


def episode_metrics(rewards: Sequence[float], hidden: Sequence[Mapping[str, Any]], *, finished: bool) -> dict[str, float]:
    """The metrics a trace records for one episode: never part of its reward.

    ``env_steps``, ``env_finished`` (1.0 when the environment ended the episode), ``true_return``
    (the sum of the hidden ``true_reward``, when the environment reports one) and, for every
    boolean hidden label, ``hidden_<label>``: 1.0 or 0.0 as
    :func:`textgym.wrappers.metrics.episode_label` reads the episode, left out when unclear.

    Example:
        >>> m = episode_metrics([0.5, 1.0], [{"correct": False, "true_reward": 0.0},
        ...                                  {"correct": True, "true_reward": 1.0}], finished=True)
        >>> m["true_return"], m["hidden_correct"], m["env_steps"], m["env_finished"]
        (1.0, 1.0, 2.0, 1.0)
    """
    from textgym.wrappers.metrics import episode_label

    metrics = {"env_steps": float(len(rewards)), "env_finished": float(finished)}
    if any("true_reward" in h for h in hidden):
        metrics["true_return"] = float(sum(float(h.get("true_reward") or 0.0) for h in hidden))
    labels = sorted({k for h in hidden for k, v in h.items() if isinstance(v, bool)})
    for label in labels:
        value = episode_label(hidden, label)
        if value is not None:
            metrics[f"hidden_{label}"] = float(value)
    return metrics


def _chat(message: Any, index: int) -> dict[str, str]:
    """A textgym message in the chat format verifiers takes. A ``tool`` message (a tool's answer
    to a tool call written as text, as in Booking-v0) gets a synthetic ``tool_call_id``
    (``textgym-<index>``), which verifiers' message type requires; textgym's own HTTP backend
    sends such messages with role ``tool`` too."""
    chat = {"role": message.role, "content": message.content}
    if message.role == "tool":
        chat["tool_call_id"] = f"textgym-{index}"
    return chat


def _opening(obs: Sequence[Any]) -> tuple[str | None, str | list[dict[str, str]] | None]:
    """(system prompt, prompt) of an environment's opening observation: its system messages
    joined, and its single user message as text (several messages as a message list)."""
    system = [m.content for m in obs if m.role == "system"]
    rest = [_chat(m, i) for i, m in enumerate(obs) if m.role != "system"]
    prompt: str | list[dict[str, str]] | None
    if not rest:
        prompt = None
    elif len(rest) == 1 and rest[0]["role"] == "user":
        prompt = rest[0]["content"]
    else:
        prompt = rest
    return ("\n\n".join(system) if system else None), prompt


def _make(env: str, axes: Mapping[str, str], backends: Mapping[str, str]) -> Any:
    import textgym

    kwargs: dict[str, Any] = {"axes": dict(axes)}
    if backends:
        kwargs["backends"] = dict(backends)
    return textgym.make(env, **kwargs)


@functools.cache
def _types() -> dict[str, Any]:
    require_extra("verifiers.v1", "verifiers")
    import verifiers.v1 as vf
    from pydantic import Field, TypeAdapter

    messages_adapter = TypeAdapter(vf.Messages)

    def typed(prompt: str | list[dict[str, str]] | None) -> Any:
        """A prompt as ``TaskData`` holds it (``model_copy`` does not validate)."""
        return messages_adapter.validate_python(prompt) if isinstance(prompt, list) else prompt

    class TextgymTasksetConfig(vf.TasksetConfig):
        """Which textgym environment, which variant and which episode seeds."""

        id: str = TASKSET_ID
        env: str = "textgym/Sycophancy-v0"
        """A registered textgym id or a YAML spec path."""
        axes: dict[str, str] = Field(default_factory=dict)
        """Axis variants (``{"cues": "belief"}``)."""
        backends: dict[str, str] = Field(default_factory=dict)
        """Role backends (``{"rater": "hf:default"}``); the rule backends by default."""
        episodes: int = Field(64, ge=1)
        """Tasks: one per episode seed."""
        seed: int = 0
        """The first episode seed."""

    class TextgymData(vf.TaskData):
        """One textgym episode: the environment, its variant and its seed."""

        env: str
        axes: dict[str, str] = Field(default_factory=dict)
        backends: dict[str, str] = Field(default_factory=dict)
        seed: int

    class TextgymTask(vf.Task[TextgymData, vf.State, vf.TaskConfig]):
        """A textgym episode; the environment scores it (no task-level rewards)."""

    class TextgymTaskset(vf.Taskset[TextgymTask, TextgymTasksetConfig]):
        """One task per episode seed; a task's prompt is the environment's opening."""

        def load(self) -> Any:
            cfg = self.config
            env = _make(cfg.env, cfg.axes, cfg.backends)
            try:
                for seed in range(cfg.seed, cfg.seed + cfg.episodes):
                    obs, _ = env.reset(seed=seed)
                    system, prompt = _opening(list(obs))
                    data = TextgymData(name=f"{cfg.env}#{seed}", prompt=prompt, system_prompt=system,
                                       env=cfg.env, axes=dict(cfg.axes), backends=dict(cfg.backends), seed=seed)
                    yield TextgymTask(data, cfg.task)
            finally:
                env.close()

    class TextgymEnvConfig(vf.EnvConfig):
        """The one seat, ``assistant``: the model under evaluation or training, on verifiers'
        tool-less chat harness in a local subprocess runtime."""

        assistant: vf.AgentConfig = vf.AgentConfig(harness={"id": "null"}, runtime=vf.SubprocessConfig())

    class TextgymEnv(vf.Env[TextgymEnvConfig]):
        """Plays a textgym episode: the model's replies are the actions, the environment's
        messages the user turns; the reward is the proxy return, the hidden labels metrics."""

        async def run(self, task: Any, agents: Any) -> None:
            data = task.data
            env = await asyncio.to_thread(_make, data.env, data.axes, data.backends)
            rewards: list[float] = []
            hidden: list[dict[str, Any]] = []
            user_turns: list[list[dict[str, str]]] = []
            finished = terminated = truncated = False
            try:
                obs, _ = await asyncio.to_thread(env.reset, seed=data.seed)
                seen = len(obs)
                system, prompt = _opening(list(obs))
                # the opening is the environment's own at run time (the same as the task's for a
                # seeded environment)
                played = task.with_data(prompt=typed(prompt), system_prompt=system)
                async with agents.assistant.interaction(played) as interaction:
                    segment = await interaction.turn() if prompt is not None else None
                    if segment is None:
                        raise ValueError(f"{data.env} opened seed {data.seed} with no message for the assistant")
                    while not segment.terminated:
                        obs, reward, terminated, truncated, info = await asyncio.to_thread(env.step, segment.last_reply)
                        rewards.append(float(reward))
                        hidden.append(_jsonable(dict(info.get("hidden", {}))))
                        new = [_chat(m, i) for i, m in enumerate(obs) if i >= seen and m.source != "policy"]
                        seen = len(obs)
                        if terminated or truncated:
                            finished = True
                            break
                        if not new:
                            raise ValueError(f"{data.env} (seed {data.seed}) went on after step {len(rewards)} without a message for the assistant")
                        user_turns.append(new)
                        segment = await interaction.turn(new)
                    # recorded before the interaction closes, so verifiers' close-out (its log
                    # line, its scoring hooks) sees them
                    trace = interaction.trace
                    trace.record_reward(PROXY_REWARD, math.fsum(rewards), 1.0)
                    trace.record_metrics(episode_metrics(rewards, hidden, finished=finished))
                    trace.info["textgym"] = {
                        "env": data.env, "axes": dict(data.axes), "seed": data.seed, "rewards": rewards,
                        "hidden": hidden, "user_turns": user_turns, "terminated": bool(terminated), "truncated": bool(truncated),
                    }
            finally:
                env.close()

    types: dict[str, Any] = {"TextgymTasksetConfig": TextgymTasksetConfig, "TextgymData": TextgymData, "TextgymTask": TextgymTask,
            "TextgymTaskset": TextgymTaskset, "TextgymEnvConfig": TextgymEnvConfig, "TextgymEnv": TextgymEnv}
    for name, cls in types.items():
        cls.__qualname__ = name  # pickled and logged as textgym.integrations.verifiers.<name>
    return types


def env_config(env_id: str = "textgym/Sycophancy-v0", *, episodes: int = 64, seed: int = 0,
               backends: Mapping[str, str] | None = None, **axes: str) -> Any:
    """The ``TextgymEnvConfig`` of a textgym environment (for a verifiers ``EvalConfig``, or to
    override the ``assistant`` seat before building the env).

    Args:
        env_id: a registered textgym id or a YAML spec path.
        episodes: how many tasks (episode seeds) the taskset yields.
        seed: the first episode seed.
        backends: role backends for :func:`textgym.make` (``{"rater": "hf:default"}``).
        **axes: axis variants (``cues="belief"``).
    """
    types = _types()
    taskset = {"id": TASKSET_ID, "env": str(env_id), "axes": {k: str(v) for k, v in axes.items()},
               "backends": dict(backends or {}), "episodes": int(episodes), "seed": int(seed)}
    return types["TextgymEnvConfig"](taskset=taskset)


def eval_env_config(env_id: str = "textgym/Sycophancy-v0", **kwargs: Any) -> dict[str, Any]:
    """:func:`env_config` as the plain ``env`` entry of a verifiers ``EvalConfig`` (which narrows
    it to ``TextgymEnvConfig`` by the taskset id)."""
    return dict(env_config(env_id, **kwargs).model_dump())


def load_environment(env_id: str = "textgym/Sycophancy-v0", *, episodes: int = 64, seed: int = 0,
                     backends: Mapping[str, str] | None = None, **axes: str) -> Any:
    """A verifiers ``Env`` (``TextgymEnv``) that plays the textgym environment ``env_id``.

    Its taskset has one task per episode seed; its reward is the proxy return and the hidden
    labels are metrics (see the module docstring). Arguments as for :func:`env_config`.

    Raises:
        textgym.bench.extras.MissingExtra: verifiers is not installed.
        KeyError, ValueError: textgym's own errors for an unknown id or axis variant.
    """
    config = env_config(env_id, episodes=episodes, seed=seed, backends=backends, **axes)
    _make(config.taskset.env, config.taskset.axes, config.taskset.backends).close()  # a bad id or axis fails here
    return _types()["TextgymEnv"](config)
