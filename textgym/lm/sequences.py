"""Episodes as training sequences, and their per-token log-probabilities with or without
gradients through the prefix (docs/design.md section 7, "Stopping gradients at the prefix").

A :class:`TrainingSequence` is one conversation tokenized with the chat template: its token ids,
the mask of tokens the loss is taken on (the reply tokens of the policy's own messages,
:meth:`~textgym.lm.tokenization.TokenizedConversation.reply_mask`), and ``grad_start``, where
the episode's first policy message begins. Everything before ``grad_start`` is the *prefix*: the
system prompt, user and tool turns and any prefilled assistant turns (``source="prefill"``).

:func:`pack` lays a batch out so that every sequence's ``grad_start`` falls on the same column
``split`` (prefixes left-padded, the rest right-padded). :func:`token_logprobs` then scores the
tokens after ``split`` in one of two ways:

* ``loss_mask``: one forward pass over the whole sequence with gradients; the loss mask alone
  keeps prefix tokens out of the loss, but gradients still flow through the prefix activations
  (the keys and values that later tokens attend to).
* ``stop``: the prefix runs under ``torch.no_grad()`` and only fills the KV cache; the tokens from
  ``split`` on run with gradients, attending to that cache. No gradient reaches a prefix
  position. The log-probabilities are the same numbers as with ``loss_mask`` (up to float error).

Example:
    >>> seq = TrainingSequence((1, 2, 3, 4, 5), (False, False, False, True, True), grad_start=2)
    >>> seq.n_trained
    2
    >>> batch = pack([seq, TrainingSequence((9, 8, 7), (False, False, True), grad_start=1)], pad_id=0)
    >>> batch.split, batch.input_ids.tolist()
    (2, [[1, 2, 3, 4, 5], [0, 9, 8, 7, 0]])
    >>> batch.target_mask.tolist()
    [[True, True], [True, False]]
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from textgym.lm.tokenization import TokenizedConversation, tokenize_conversation
from textgym.types import Conversation

PrefixGradient = Literal["loss_mask", "stop"]
PREFIX_GRADIENTS: tuple[str, ...] = ("loss_mask", "stop")


def check_prefix_gradient(value: str) -> PrefixGradient:
    """``value`` if it names a prefix-gradient mode, else a ValueError listing the modes.

    Example:
        >>> check_prefix_gradient("stop")
        'stop'
    """
    if value not in PREFIX_GRADIENTS:
        raise ValueError(f"prefix_gradient must be one of {PREFIX_GRADIENTS}, got {value!r}")
    return value  # type: ignore[return-value]


@dataclass(frozen=True)
class TrainingSequence:
    """Token ids, the mask of trained tokens, and where the gradient-carrying part begins.

    ``grad_start`` is the first position run with gradients under ``prefix_gradient="stop"``:
    the start of the first trained message's span (its chat-template header), so the first
    trained token's distribution is computed with gradients. Position 0 is never trained (no
    token predicts it).

    Example:
        >>> TrainingSequence((1, 2, 3), (False, True, True), grad_start=0).n_trained
        2
    """

    input_ids: tuple[int, ...]
    loss_mask: tuple[bool, ...]
    grad_start: int

    def __post_init__(self) -> None:
        if len(self.input_ids) != len(self.loss_mask):
            raise ValueError(f"{len(self.input_ids)} token ids but a loss mask of {len(self.loss_mask)}")
        if not 0 <= self.grad_start < max(1, len(self.input_ids)):
            raise ValueError(f"grad_start must be in [0, {len(self.input_ids)}), got {self.grad_start}")
        if any(self.loss_mask[: self.grad_start + 1]):
            raise ValueError("the loss mask covers a token at or before grad_start: the prefix would be trained")

    @property
    def n_trained(self) -> int:
        """How many tokens the loss is taken on."""
        return sum(self.loss_mask)

    def __len__(self) -> int:
        return len(self.input_ids)

    @classmethod
    def from_conversation(cls, tokenizer: Any, conversation: Conversation, sources: Sequence[str] = ("policy",)) -> TrainingSequence:
        """Tokenize ``conversation`` and train on the reply tokens of messages from ``sources``.

        Example:
            >>> from textgym.lm.models import load_model
            >>> _, tok = load_model("tiny")  # doctest: +SKIP
            >>> conv = Conversation.of(("user", "2+2?"), ("assistant", "4", "policy"))
            >>> TrainingSequence.from_conversation(tok, conv).n_trained  # "4" and <|im_end|>  # doctest: +SKIP
            2
        """
        return cls.from_tokenized(tokenize_conversation(tokenizer, conversation), sources, end_of_turn=tokenizer.eos_token_id)

    @classmethod
    def from_tokenized(
        cls,
        tokenized: TokenizedConversation,
        sources: Sequence[str] = ("policy",),
        *,
        end_of_turn: int | None = None,
        unfinished: Collection[int] = (),
    ) -> TrainingSequence:
        """Train on the reply tokens of messages from ``sources``.

        ``unfinished`` lists message indices whose reply was cut by the length limit: the
        template closes them with ``end_of_turn``, a token the policy never chose, so it is left
        out of the loss.

        Example:
            >>> from textgym.lm.tokenization import TokenizedConversation
            >>> t = TokenizedConversation((5, 6, 7, 2), ((0, 2), (2, 4)), ("env", "policy"), ("user", "assistant"),
            ...                           replies=((2, 2), (2, 4)))
            >>> TrainingSequence.from_tokenized(t).loss_mask
            (False, False, True, True)
            >>> TrainingSequence.from_tokenized(t, end_of_turn=2, unfinished={1}).loss_mask
            (False, False, True, False)
        """
        mask = tokenized.reply_mask(*sources)
        for index in unfinished:
            start, end = tokenized.replies[index]
            if end > start and tokenized.input_ids[end - 1] == end_of_turn:
                mask[end - 1] = False
        if mask:
            mask[0] = False
        if not any(mask):
            return cls(tokenized.input_ids, tuple(mask), grad_start=max(0, len(mask) - 1))
        first_reply = mask.index(True)
        prefix_start = tokenized.first_token(*sources)
        grad_start = max(0, min(prefix_start if prefix_start is not None else first_reply, first_reply - 1))
        return cls(tokenized.input_ids, tuple(mask), grad_start=grad_start)


@dataclass
class PackedBatch:
    """A batch aligned at ``split`` (every sequence's ``grad_start`` is column ``split``).

    ``targets`` and ``target_mask`` cover columns ``split + 1`` to the end: the tokens whose
    log-probabilities :func:`token_logprobs` returns, and which of them are trained.

    Example:
        >>> pack([TrainingSequence((1, 2, 3), (False, False, True), grad_start=1)], pad_id=0).targets.tolist()
        [[3]]
    """

    input_ids: Any  # (B, T) long
    attention_mask: Any  # (B, T) long
    position_ids: Any  # (B, T) long
    split: int
    target_mask: Any  # (B, T - split - 1) bool

    @property
    def targets(self) -> Any:
        return self.input_ids[:, self.split + 1 :]

    @property
    def n_tokens(self) -> int:
        """Real (non-padding) tokens in the batch."""
        return int(self.attention_mask.sum())

    def to(self, device: Any) -> PackedBatch:
        return PackedBatch(
            self.input_ids.to(device), self.attention_mask.to(device), self.position_ids.to(device), self.split, self.target_mask.to(device)
        )


def pack(sequences: Sequence[TrainingSequence], pad_id: int) -> PackedBatch:
    """Left-pad the prefixes and right-pad the rest so all ``grad_start`` columns coincide."""
    import torch

    if not sequences:
        raise ValueError("pack needs at least one sequence")
    split = max(s.grad_start for s in sequences)
    width = split + max(len(s) - s.grad_start for s in sequences)
    n = len(sequences)
    ids = torch.full((n, width), pad_id, dtype=torch.long)
    attention = torch.zeros((n, width), dtype=torch.long)
    positions = torch.zeros((n, width), dtype=torch.long)
    mask = torch.zeros((n, width), dtype=torch.bool)
    for row, seq in enumerate(sequences):
        offset = split - seq.grad_start
        end = offset + len(seq)
        ids[row, offset:end] = torch.tensor(seq.input_ids, dtype=torch.long)
        attention[row, offset:end] = 1
        positions[row, offset:end] = torch.arange(len(seq))
        mask[row, offset:end] = torch.tensor(seq.loss_mask, dtype=torch.bool)
    return PackedBatch(ids, attention, positions, split, mask[:, split + 1 :])


def pack_token_values(sequences: Sequence[TrainingSequence], values: Sequence[Sequence[float]], split: int | None = None) -> Any:
    """Per-token values (one per input id of each sequence, e.g. per-token advantages) laid out
    like ``pack(sequences).target_mask``: shape ``(B, T - split - 1)``, 0 on padding.

    Example:
        >>> seqs = [TrainingSequence((1, 2, 3), (False, False, True), grad_start=1), TrainingSequence((4, 5), (False, True), grad_start=0)]
        >>> pack_token_values(seqs, [(0.0, 0.0, 7.0), (0.0, 9.0)]).tolist()
        [[7.0], [9.0]]
        >>> pack(seqs, 0).target_mask.tolist()
        [[True], [True]]
    """
    import torch

    if len(values) != len(sequences):
        raise ValueError(f"{len(values)} value rows for {len(sequences)} sequences")
    split = max(s.grad_start for s in sequences) if split is None else split
    width = split + max(len(s) - s.grad_start for s in sequences)
    out = torch.zeros((len(sequences), width), dtype=torch.float32)
    for row, (seq, row_values) in enumerate(zip(sequences, values)):
        if len(row_values) != len(seq):
            raise ValueError(f"row {row}: {len(row_values)} values for {len(seq)} tokens")
        offset = split - seq.grad_start
        out[row, offset : offset + len(seq)] = torch.tensor(list(row_values), dtype=torch.float32)
    return out[:, split + 1 :]


def token_logprobs(model: Any, batch: PackedBatch, prefix_gradient: PrefixGradient, temperature: float = 1.0) -> Any:
    """log p(token) for every target column of ``batch`` (shape ``(B, T - split - 1)``).

    ``p = softmax(logits / temperature)``: a trainer that samples at temperature T trains the
    policy it samples from. Gradients flow as ``prefix_gradient`` says (see the module
    docstring); call under ``torch.no_grad()`` for reference or behaviour log-probabilities.
    """
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    import torch

    check_prefix_gradient(prefix_gradient)
    split = batch.split
    if prefix_gradient == "stop" and split > 0:
        with torch.no_grad():
            prefix = model(
                input_ids=batch.input_ids[:, :split],
                attention_mask=batch.attention_mask[:, :split],
                position_ids=batch.position_ids[:, :split],
                use_cache=True,
                logits_to_keep=1,  # the prefix's logits are never used
            )
        output = model(
            input_ids=batch.input_ids[:, split:],
            attention_mask=batch.attention_mask,
            position_ids=batch.position_ids[:, split:],
            past_key_values=prefix.past_key_values,
            use_cache=True,
        )
        logits = output.logits
    else:
        output = model(
            input_ids=batch.input_ids,
            attention_mask=batch.attention_mask,
            position_ids=batch.position_ids,
            use_cache=False,
            logits_to_keep=batch.input_ids.shape[1] - split,
        )
        logits = output.logits
    logits = logits[:, :-1].float()
    if temperature != 1.0:
        logits = logits / temperature
    targets = batch.targets
    return logits.gather(-1, targets[..., None])[..., 0] - torch.logsumexp(logits, dim=-1)


def masked_mean(values: Any, mask: Any) -> Any:
    """Per-row mean of ``values`` over ``mask`` (rows with an empty mask give 0).

    Example:
        >>> import torch
        >>> masked_mean(torch.tensor([[1.0, 3.0], [2.0, 9.0]]), torch.tensor([[True, True], [True, False]])).tolist()
        [2.0, 2.0]
    """
    mask = mask.to(values.dtype)
    return (values * mask).sum(-1) / mask.sum(-1).clamp(min=1.0)
