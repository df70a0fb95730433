"""Multi-turn episodes for trainers: chosen seeds (repeats allowed), lock-step batches, and the
:class:`~textgym.lm.generation.Generation` behind every policy turn.

:func:`collect_episodes` is :func:`textgym.rollout.rollout` with two differences a trainer needs:
it takes an explicit list of reset seeds (GRPO runs the same seed ``G`` times to form a group)
and it keeps what the policy returned for each turn (token ids, log-probabilities). It returns
ordinary :class:`~textgym.rollout.EpisodeRecord` objects, so training episodes can be written
as the same JSONL as ``textgym run``. Model-backed roles (raters, simulated users) are batched
across the environments exactly as in ``rollout``.

Example:
    >>> import textgym
    >>> from textgym.policy import make_policy
    >>> pool = EnvPool("textgym/Sycophancy-v0", size=2, axes={"cues": "belief"})
    >>> episodes = collect_episodes(pool, make_policy("aligned", pool.envs[0]), seeds=[3, 3, 4])
    >>> [e.record.seed for e in episodes], episodes[0].record.conversation == episodes[1].record.conversation
    ([3, 3, 4], True)
    >>> len(episodes[0].generations) == len(episodes[0].record.rewards)
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textgym.lm.generation import Generation
from textgym.policy import Policy, generate_actions
from textgym.lm.tokenization import TokenizedConversation, tokenize_conversation
from textgym.rollout import EpisodeRecord
from textgym.types import Conversation

if TYPE_CHECKING:
    from tqdm import tqdm
    from transformers import PreTrainedTokenizerBase


@dataclass
class Trajectory:
    """One finished episode and the generation behind each of the policy's turns.

    Example:
        >>> from textgym.types import Conversation
        >>> t = Trajectory(EpisodeRecord("x", {}, 0, "p", Conversation()))
        >>> t.generations
        []
    """

    record: EpisodeRecord
    generations: list[Generation] = field(default_factory=list)


@dataclass(frozen=True)
class SampledTokens:
    """A conversation tokenized with the policy's replies as the token ids that were sampled.

    ``tokenized`` is the chat-template rendering with each policy message's reply span replaced
    by its generation's ids (a cut reply keeps the template's closing end-of-turn token as
    context); ``reencoded_same`` says, per spliced turn, whether re-encoding the decoded text
    gave the sampled ids back; ``unfinished`` lists the message indices of cut replies;
    ``turn_of_message`` maps a policy message index to its turn (0, 1, ...).

    Example:
        >>> SampledTokens(TokenizedConversation((), (), (), ()), [], frozenset(), {}).reencoded_same
        []
    """

    tokenized: TokenizedConversation
    reencoded_same: list[bool]
    unfinished: frozenset[int]
    turn_of_message: dict[int, int]


def sampled_tokens(
    tokenizer: PreTrainedTokenizerBase, conversation: Conversation, generations: Sequence[Generation], *, add_generation_prompt: bool = False
) -> SampledTokens:
    """Tokenize ``conversation`` and splice each policy turn's sampled token ids into its reply span.

    The k-th ``source="policy"`` message is the k-th generation (aligned from the end when an
    environment shows fewer policy messages than there were turns). A generation without token ids
    (a scripted policy's text) keeps the re-encoded text. The trainers score these ids, so the
    log-probabilities are those of what was sampled, not of a re-encoding of the decoded text
    (which BPE can merge differently); :func:`collect_episodes` builds the prompt of every later
    turn the same way, so the context a turn was sampled in is the context it is trained in.

    Example:
        >>> from textgym.lm.models import load_model
        >>> _, tok = load_model("tiny")  # doctest: +SKIP
        >>> conv = Conversation.of(("user", "hi"), ("assistant", "hello", "policy"))
        >>> ids = tuple(tok.encode("hel", add_special_tokens=False) + tok.encode("lo", add_special_tokens=False)) + (tok.eos_token_id,)  # doctest: +SKIP
        >>> s = sampled_tokens(tok, conv, [Generation("hello", token_ids=ids)])  # doctest: +SKIP
        >>> s.tokenized.input_ids[slice(*s.tokenized.replies[1])] == ids, s.reencoded_same  # doctest: +SKIP
        (True, [False])
    """
    tokenized = tokenize_conversation(tokenizer, conversation, add_generation_prompt=add_generation_prompt)
    end_of_turn = getattr(tokenizer, "eos_token_id", None)
    policy_messages = [i for i, source in enumerate(tokenized.sources) if source == "policy"]
    offset = max(0, len(generations) - len(policy_messages))  # turn of the first policy message shown
    replacements: dict[int, tuple[int, ...]] = {}
    same: list[bool] = []
    unfinished: set[int] = set()
    for index, generation in zip(policy_messages, list(generations)[offset:]):
        if not generation.finished:
            unfinished.add(index)
        if not generation.token_ids:
            continue
        start, end = tokenized.replies[index]
        rendered = tokenized.input_ids[start:end]
        closing = rendered[-1:] if rendered and rendered[-1] == end_of_turn else ()
        sampled = tuple(generation.token_ids) if generation.finished else tuple(generation.token_ids) + closing
        same.append(tuple(rendered) == sampled)
        replacements[index] = sampled
    turns = {index: offset + k for k, index in enumerate(policy_messages)}
    return SampledTokens(tokenized.splice(replacements) if replacements else tokenized, same, frozenset(unfinished), turns)


class EnvPool:
    """``size`` environments of one id and axis setting, built once and reset per batch.

    Example:
        >>> pool = EnvPool("textgym/Sycophancy-v0", size=3)
        >>> len(pool.envs), pool.env_id
        (3, 'textgym/Sycophancy-v0')
    """

    def __init__(self, env: str, size: int, axes: Mapping[str, str] | None = None, backends: Mapping[str, str] | None = None):
        import textgym
        from textgym.env import text_env
        from textgym.vector import make_batcher_for

        if size < 1:
            raise ValueError(f"an environment pool needs size >= 1, got {size}")
        kwargs: dict[str, Any] = dict(axes or {})
        if backends:
            kwargs["backends"] = dict(backends)
        self.envs = [textgym.make(env, **kwargs) for _ in range(size)]
        first = text_env(self.envs[0])
        self.env_id: str = first.textgym_spec.id
        self.axes: dict[str, str] = dict(first.axes)
        self.batcher = make_batcher_for(self.envs)

    def close(self) -> None:
        for env in self.envs:
            env.close()


def collect_episodes(pool: EnvPool, policy: Policy, seeds: Sequence[int], *, progress: tqdm | None = None) -> list[Trajectory]:
    """Run one episode per seed (``len(pool.envs)`` at a time), one policy call per turn.

    The episodes run in :func:`textgym.loop.lockstep` in blocks of ``len(pool.envs)`` (a block
    starts when the previous one has ended), with each turn's prompt built from the episode's
    sampled tokens (:func:`sampled_tokens`). ``progress`` is an optional tqdm bar advanced by one
    per finished episode.
    """
    from textgym.loop import Step, lockstep

    trajectories: list[Trajectory] = []

    def act(observations: Sequence[Conversation], episodes: Sequence[int]) -> list[Generation]:
        return _next_generations(policy, list(observations), [trajectories[i] for i in episodes])

    for event in lockstep(pool.envs, policy, [int(s) for s in seeds], act=act, batcher=pool.batcher, refill=False):
        if not isinstance(event, Step):
            info = event.info
            record = EpisodeRecord(pool.env_id, pool.axes, int(seeds[event.episode]), policy.name, event.observation, episode=info["episode"], user_type=info["user_type"])
            trajectories.append(Trajectory(record))
            continue
        trajectory = trajectories[event.episode]
        trajectory.record.add_step(event)
        trajectory.generations.append(event.generation)
        if event.done and progress is not None:
            progress.update(1)
    return trajectories


def _next_generations(policy: Policy, observations: list[Conversation], trajectories: list[Trajectory]) -> list[Generation]:
    """The policy's next turn; a transformers policy is prompted with its earlier turns as the
    token ids it sampled (:func:`sampled_tokens`), so training scores each turn in the context
    it was sampled in."""
    from textgym.agents.hf_policy import HFPolicy
    from textgym.lm.tokenization import TemplateNotPrefixStable

    if not isinstance(policy, HFPolicy) or not any(g.token_ids for t in trajectories for g in t.generations):
        return generate_actions(policy, observations)
    prompts: list[tuple[int, ...] | None] = []
    for obs, trajectory in zip(observations, trajectories):
        spliced = None
        if any(g.token_ids for g in trajectory.generations):
            try:
                spliced = sampled_tokens(policy.tokenizer, obs, trajectory.generations, add_generation_prompt=True).tokenized.input_ids
            except TemplateNotPrefixStable:  # such a template cannot be trained on anyway: prompt with the text
                spliced = None
        prompts.append(spliced)
    generations = policy.generate(observations, prompt_ids=prompts)
    if len(generations) != len(observations):
        raise ValueError(f"policy {policy.name} returned {len(generations)} actions for {len(observations)} observations")
    return generations
