"""Local transformers backend (``hf:default``, ``hf:tiny``, ``hf:PATH``).

Ratings follow docs/design.md section 4 through transformers' own ``decision`` prompt: the request is
rendered by :class:`transformers.decision.DecisionConfig` as a ``score`` question whose ten levels
are labelled ``A``..``J`` (``"10"`` is not one token for most tokenizers, letters are), and the
rating is ``Σ level · p(label)`` over the renormalised next-token probabilities of those labels.
Unlike the ``decision`` pipeline, which runs one prompt at a time, this backend scores a whole
batch in one left-padded forward pass.

Example:
    >>> from textgym.backends.hf import HFBackend
    >>> from textgym.backends.base import RatingRequest
    >>> backend = HFBackend("tiny")  # doctest: +SKIP
    >>> backend.rate([RatingRequest("Q: 2+2? A: 4", "Rate the answer.")])[0].method  # doctest: +SKIP
    'decision-logits'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textgym.backends.base import Rating, RatingRequest
from textgym.errors import BackendError


class HFBackend:
    """A local causal LM answering chats and ratings in batches.

    Args:
        ref: ``"default"``, ``"tiny"`` or a local model folder.
        batch_size: the most prompts per forward pass.
    """

    def __init__(self, ref: str, *, batch_size: int = 16):
        from textgym.models import shared_model

        self.name = f"hf:{ref}"
        self.batch_size = batch_size
        try:
            self.model, self.tokenizer = shared_model(ref)
        except BackendError:
            raise
        except Exception as error:  # transformers raises many kinds; name the model
            raise BackendError(f"{self.name}: could not load the model: {error}") from error
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token

    # ---------------------------------------------------------------- generation

    def generate(
        self,
        chats: Sequence[Sequence[dict[str, str]]],
        *,
        max_new_tokens: int = 64,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> list[str]:
        from textgym.lm.generation import generate_replies

        return generate_replies(
            self.model,
            self.tokenizer,
            [list(chat) for chat in chats],
            max_new_tokens=max_new_tokens,
            temperature=temperature,
            seed=seed,
            batch_size=self.batch_size,
        )

    # ---------------------------------------------------------------- rating

    def rate(self, requests: Sequence[RatingRequest]) -> list[Rating]:
        import torch
        from transformers.decision import DecisionConfig, label_token_ids

        if not requests:
            return []
        config = DecisionConfig()
        prompts: list[tuple[list[int], int, list[int]]] = []  # ids, mark, label ids
        for request in requests:
            question = {"type": "score", "instructions": request.instructions, "criteria": list(request.criteria)}
            (inputs, questions), = config.prepare_inputs(
                {"state": request.state, "questions": {"rating": question}}, self.tokenizer
            )
            labels = label_token_ids(self.tokenizer, tuple(questions[0].labels))
            prompts.append((inputs["input_ids"][0].tolist(), int(inputs["marks"][0]), labels))

        # Causal model: only the tokens before the mark matter. Buckets of similar length (sorted,
        # so little padding), each scored from the last position only, with the bucket's common
        # token prefix run once and its KV cache shared by every row (_rate_bucket).
        cut = [(ids[:mark], labels) for ids, mark, labels in prompts]
        order = sorted(range(len(cut)), key=lambda i: len(cut[i][0]))
        ratings: list[Rating | None] = [None] * len(cut)
        for start in range(0, len(order), self.batch_size):
            bucket = order[start : start + self.batch_size]
            rows = self._rate_bucket([cut[i][0] for i in bucket])
            for row, index in enumerate(bucket):
                probabilities = rows[row, cut[index][1]].float().softmax(-1).tolist()
                ratings[index] = Rating.from_probabilities(probabilities, method="decision-logits")
        return [r for r in ratings if r is not None]

    #: a bucket's common prefix is computed once when it is at least this many tokens
    PREFIX_MIN_TOKENS = 8

    def _rate_bucket(self, sequences: list[list[int]]) -> Any:
        """Next-token logits after each sequence, ``(rows, vocab)``, in one pass over the bucket.

        The longest common token prefix (leaving each row at least one token) runs once with a
        batch of one; its KV cache is repeated across the rows, which then run only their own
        left-padded suffixes. Only the last position's logits are computed.
        """
        import inspect

        import torch

        if not hasattr(self, "_forward_keywords"):
            self._forward_keywords = set(inspect.signature(self.model.forward).parameters)
        cache_key = "cache" if "cache" in self._forward_keywords else "past_key_values"
        keep = {"logits_to_keep": 1} if "logits_to_keep" in self._forward_keywords else {}
        prefix = 0
        if len(sequences) > 1:
            shortest = min(len(s) for s in sequences) - 1
            first = sequences[0]
            while prefix < shortest and all(s[prefix] == first[prefix] for s in sequences):
                prefix += 1
            if prefix < self.PREFIX_MIN_TOKENS:
                prefix = 0
        with torch.no_grad():
            extra: dict[str, Any] = {}
            if prefix:
                out = self.model(input_ids=torch.tensor([sequences[0][:prefix]]), use_cache=True, **keep)
                cache = getattr(out, "cache", None) or getattr(out, "past_key_values", None)
                if cache is None or not hasattr(cache, "batch_repeat_interleave"):
                    prefix = 0  # a model without a repeatable cache: score the whole rows
                else:
                    cache.batch_repeat_interleave(len(sequences))
                    extra[cache_key] = cache
            suffixes = [s[prefix:] for s in sequences]
            width = max(len(s) for s in suffixes)
            pad = self.tokenizer.pad_token_id
            input_ids = torch.full((len(suffixes), width), pad, dtype=torch.long)
            attention = torch.zeros((len(suffixes), prefix + width), dtype=torch.long)
            attention[:, :prefix] = 1
            for row, ids in enumerate(suffixes):
                input_ids[row, width - len(ids) :] = torch.tensor(ids)
                attention[row, prefix + width - len(ids) :] = 1
            positions = ((attention.cumsum(-1) - 1).clamp(min=0))[:, prefix:]
            logits = self.model(input_ids=input_ids, attention_mask=attention, position_ids=positions, **extra, **keep).logits
        return logits[:, -1]

    # ---------------------------------------------------------------- judge questions

    def decide(self, requests: Sequence[Any]) -> list[dict[str, float]]:
        """Answer judge questions (:class:`textgym.judge.JudgeRequest`: ``state``, ``question``,
        ``options``) from the next-token probabilities of their labels (``Yes``/``No`` for a
        yes/no question, ``A``.. for a choice), rendered by transformers' decision prompt.

        Returns one ``{option: probability}`` per request, in one left-padded pass per batch.
        """
        import torch
        from transformers.decision import DecisionConfig, label_token_ids

        if not requests:
            return []
        config = DecisionConfig()
        prompts: list[tuple[list[int], int, list[int], list[str]]] = []  # ids, mark, label ids, options
        for request in requests:
            (inputs, questions), = config.prepare_inputs(
                {"state": request.state, "questions": {"judge": request.question}}, self.tokenizer
            )
            question = questions[0]
            try:
                labels = label_token_ids(self.tokenizer, tuple(question.labels))
            except ValueError as error:
                raise BackendError(f"{self.name}: {error}") from None
            mark = int(inputs["marks"][0])
            ids = inputs["input_ids"][0].tolist()[:mark]  # causal: what follows the mark changes nothing
            limit = int(getattr(self.model.config, "max_position_embeddings", 0) or 0)
            if limit and mark > limit:  # keep the end: the question and the answer cue come last
                ids, mark = ids[mark - limit :], limit
            prompts.append((ids, mark, labels, list(question.options)))

        answers: list[dict[str, float]] = []
        pad = self.tokenizer.pad_token_id
        for start in range(0, len(prompts), self.batch_size):
            chunk = prompts[start : start + self.batch_size]
            width = max(len(ids) for ids, _, _, _ in chunk)
            input_ids = torch.full((len(chunk), width), pad, dtype=torch.long)
            attention = torch.zeros((len(chunk), width), dtype=torch.long)
            for row, (ids, _, _, _) in enumerate(chunk):
                input_ids[row, width - len(ids) :] = torch.tensor(ids)
                attention[row, width - len(ids) :] = 1
            positions = (attention.cumsum(-1) - 1).clamp(min=0)
            with torch.no_grad():
                logits = self.model(input_ids=input_ids, attention_mask=attention, position_ids=positions).logits
            for row, (ids, mark, labels, options) in enumerate(chunk):
                position = width - len(ids) + mark - 1  # the last token before the answer
                probabilities = logits[row, position, labels].float().softmax(-1).tolist()
                answers.append(dict(zip(options, probabilities)))
        return answers

    def __repr__(self) -> str:
        return f"HFBackend({self.name!r})"

