"""Batched chat generation with a transformers causal LM (left padding, seeded sampling).

:func:`generate` returns, per chat, a :class:`Generation`: the reply text, the prompt's token
ids, the generated token ids (through the first end-of-turn token) and the log-probability of
each generated token under the distribution it was sampled from: ``softmax(logits / T)`` at
temperature ``T > 0``, the model's own ``softmax(logits)`` for greedy decoding.
:func:`generate_replies` is the text-only form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack


@dataclass(frozen=True)
class Generation:
    """One reply: text, token ids and per-token log-probabilities.

    ``finished`` is True when the reply ended with the end-of-turn token (False when it was cut
    by ``max_new_tokens``). Scripted policies produce text only: empty ids and ``logprobs=None``.

    Example:
        >>> g = Generation("Paris.", prompt_ids=(1, 2), token_ids=(7, 8, 2), logprobs=(-0.1, -0.5, -0.2), finished=True)
        >>> round(g.total_logprob, 2), len(g)
        (-0.8, 3)
    """

    text: str
    prompt_ids: tuple[int, ...] = ()
    token_ids: tuple[int, ...] = ()
    logprobs: tuple[float, ...] | None = None
    finished: bool = True

    @property
    def total_logprob(self) -> float:
        """The log-probability of the whole reply (sum over its tokens)."""
        if self.logprobs is None:
            raise ValueError("this generation carries no log-probabilities (a scripted policy's text)")
        return float(sum(self.logprobs))

    def __len__(self) -> int:
        return len(self.token_ids)


def render_prompts(tokenizer: Any, chats: Sequence[Sequence[dict[str, str]]]) -> list[str]:
    """Each chat rendered with the tokenizer's chat template, ending in the assistant prompt."""
    return [
        tokenizer.apply_chat_template(list(chat), tokenize=False, add_generation_prompt=True)
        for chat in chats
    ]


def generate(
    model: Any,
    tokenizer: Any,
    chats: Sequence[Sequence[dict[str, str]]],
    *,
    max_new_tokens: int = 64,
    temperature: float = 0.0,
    seed: int | None = None,
    batch_size: int = 16,
    prompt_ids: Sequence[Sequence[int] | None] | None = None,
) -> list[Generation]:
    """Reply to every chat, ``batch_size`` prompts per ``model.generate`` call.

    ``temperature == 0`` decodes greedily; otherwise samples (no top-k/top-p truncation), seeded
    by ``seed`` when given (the global torch RNG is restored afterwards). ``prompt_ids``, where
    an entry is not None, is that chat's prompt as token ids (already ending in the assistant
    header) instead of the template rendering of its text: a trainer passes the earlier turns
    as the ids that were sampled (:func:`textgym.agents.episodes.sampled_tokens`).

    Example:
        >>> from textgym.lm.models import load_model
        >>> model, tok = load_model("tiny")  # doctest: +SKIP
        >>> g = generate(model, tok, [[{"role": "user", "content": "hi"}]], max_new_tokens=4)[0]  # doctest: +SKIP
        >>> len(g.token_ids) == len(g.logprobs) <= 4  # doctest: +SKIP
        True
    """
    import torch

    if not chats:
        return []
    if max_new_tokens < 1:
        raise ValueError(f"max_new_tokens must be >= 1, got {max_new_tokens}")
    if prompt_ids is not None and len(prompt_ids) != len(chats):
        raise ValueError(f"prompt_ids must give one entry (ids or None) per chat: {len(prompt_ids)} for {len(chats)} chats")
    given = list(prompt_ids) if prompt_ids is not None else [None] * len(chats)
    rendered = render_prompts(tokenizer, [chat for chat, ids in zip(chats, given) if ids is None])
    encoded = iter(tokenizer(rendered, add_special_tokens=False)["input_ids"] if rendered else [])
    prompts = [list(ids) if ids is not None else list(next(encoded)) for ids in given]
    results: list[Generation] = []
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    stop_ids = {tokenizer.eos_token_id}
    config_eos = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
    stop_ids |= set(config_eos) if isinstance(config_eos, list) else {config_eos}
    stop_ids.discard(None)
    sampling: dict[str, Any] = (
        {"do_sample": True, "temperature": temperature, "top_k": 0, "top_p": 1.0}
        if temperature > 0
        else {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
    )
    was_training = model.training
    model.eval()
    try:
        with torch.random.fork_rng(devices=[]):
            if seed is not None:
                torch.manual_seed(seed)
            for start in range(0, len(prompts), batch_size):
                batch = _left_pad(prompts[start : start + batch_size], pad_id, model.device)
                with torch.no_grad():
                    output = model.generate(
                        **batch,
                        max_new_tokens=max_new_tokens,
                        pad_token_id=pad_id,
                        return_dict_in_generate=True,
                        output_logits=True,
                        **sampling,
                    )
                width = batch["input_ids"].shape[1]
                new_tokens = output.sequences[:, width:]
                # log p(token) under the sampling distribution (raw logits / temperature)
                logits = torch.stack(output.logits, dim=1).float() / (temperature if temperature > 0 else 1.0)
                chosen = torch.log_softmax(logits, dim=-1).gather(-1, new_tokens[:, : logits.shape[1], None])[..., 0]
                for row in range(new_tokens.shape[0]):
                    ids = new_tokens[row].tolist()
                    cut = next((i + 1 for i, t in enumerate(ids) if t in stop_ids), None)
                    finished = cut is not None
                    ids = ids[:cut] if cut is not None else ids
                    prompt = batch["input_ids"][row][batch["attention_mask"][row].bool()].tolist()
                    results.append(
                        Generation(
                            text=tokenizer.decode(ids, skip_special_tokens=True).strip(),
                            prompt_ids=tuple(prompt),
                            token_ids=tuple(ids),
                            logprobs=tuple(float(x) for x in chosen[row, : len(ids)].tolist()),
                            finished=finished,
                        )
                    )
    finally:
        model.train(was_training)
    return results


def _left_pad(prompts: Sequence[Sequence[int]], pad_id: int, device: Any) -> dict[str, Any]:
    """``input_ids`` and ``attention_mask`` with every prompt right-aligned (left padding)."""
    import torch

    width = max(len(p) for p in prompts)
    ids = torch.full((len(prompts), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(prompts), width), dtype=torch.long)
    for row, prompt in enumerate(prompts):
        if prompt:
            ids[row, width - len(prompt) :] = torch.tensor(list(prompt), dtype=torch.long)
            mask[row, width - len(prompt) :] = 1
    return {"input_ids": ids.to(device), "attention_mask": mask.to(device)}


class GenerationOptions(TypedDict, total=False):
    """The sampling options of :func:`generate` that :func:`generate_replies` passes on."""

    max_new_tokens: int
    temperature: float
    seed: int | None
    batch_size: int


def generate_replies(
    model: Any, tokenizer: Any, chats: Sequence[Sequence[dict[str, str]]], **options: Unpack[GenerationOptions]
) -> list[str]:
    """The reply texts of :func:`generate` (stripped of surrounding whitespace), with the same
    options (``max_new_tokens``, ``temperature``, ``seed``, ``batch_size``).

    Example:
        >>> from textgym.lm.models import load_model
        >>> model, tok = load_model("tiny")  # doctest: +SKIP
        >>> len(generate_replies(model, tok, [[{"role": "user", "content": "hi"}]], max_new_tokens=4))  # doctest: +SKIP
        1
    """
    return [g.text for g in generate(model, tokenizer, chats, **options)]
