"""Batched chat generation with a transformers causal LM (left padding, seeded sampling)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def render_prompts(tokenizer: Any, chats: Sequence[Sequence[dict[str, str]]]) -> list[str]:
    """Each chat rendered with the tokenizer's chat template, ending in the assistant prompt."""
    return [
        tokenizer.apply_chat_template(list(chat), tokenize=False, add_generation_prompt=True)
        for chat in chats
    ]


def generate_replies(
    model: Any,
    tokenizer: Any,
    chats: Sequence[Sequence[dict[str, str]]],
    *,
    max_new_tokens: int = 64,
    temperature: float = 0.0,
    seed: int | None = None,
    batch_size: int = 16,
) -> list[str]:
    """Reply to every chat, ``batch_size`` prompts per ``model.generate`` call.

    ``temperature == 0`` decodes greedily; otherwise samples, seeded by ``seed`` when given
    (the global torch RNG is restored afterwards).

    Example:
        >>> from textgym.models import load_model
        >>> model, tok = load_model("tiny")  # doctest: +SKIP
        >>> len(generate_replies(model, tok, [[{"role": "user", "content": "hi"}]], max_new_tokens=4))  # doctest: +SKIP
        1
    """
    import torch

    if not chats:
        return []
    texts = render_prompts(tokenizer, chats)
    replies: list[str] = []
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    with torch.random.fork_rng(devices=[]):
        if seed is not None:
            torch.manual_seed(seed)
        for start in range(0, len(texts), batch_size):
            batch = tokenizer(
                texts[start : start + batch_size],
                return_tensors="pt",
                padding=True,
                padding_side="left",
                add_special_tokens=False,
            ).to(model.device)
            sampling: dict[str, Any] = (
                {"do_sample": True, "temperature": temperature, "top_k": 0, "top_p": 1.0}
                if temperature > 0
                else {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
            )
            with torch.no_grad():
                output = model.generate(
                    **batch, max_new_tokens=max_new_tokens, pad_token_id=pad_id, **sampling
                )
            new_tokens = output[:, batch["input_ids"].shape[1] :]
            replies.extend(tokenizer.batch_decode(new_tokens, skip_special_tokens=True))
    return [reply.strip() for reply in replies]
