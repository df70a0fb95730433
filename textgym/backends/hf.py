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

from textgym.backends.base import (
    LEVEL_LABELS,
    LLMBackend,
    Rating,
    RatingRequest,
    Sampling,
    rating_prompt,
)
from textgym.errors import BackendError


class HFBackend(LLMBackend):
    """A local causal LM answering chats and ratings in batches.

    Args:
        ref: ``"default"``, ``"tiny"`` or a local model folder.
        batch_size: the most prompts per forward pass.
        shared_first: rating prompts with the instructions and levels before the state (see the
            module docstring); ``False``: the decision prompt's order.
    """

    def __init__(self, ref: str, *, batch_size: int = 16, shared_first: bool = True):
        from textgym.lm.models import shared_model

        self.name = f"hf:{ref}"
        self.batch_size = batch_size
        self.shared_first = shared_first
        self._label_ids: dict[int, list[int]] = {}
        try:
            self.model, self.tokenizer = shared_model(ref)
        except BackendError:
            raise
        except Exception as error:  # transformers raises many kinds; name the model
            raise BackendError(f"{self.name}: could not load the model: {error}") from error
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token

    # ---------------------------------------------------------------- generation

    def _reply(self, chats: list[list[dict[str, str]]], sampling: Sampling) -> list[str]:
        from textgym.lm.generation import generate_replies

        return generate_replies(
            self.model,
            self.tokenizer,
            chats,
            max_new_tokens=sampling.max_new_tokens,
            temperature=sampling.temperature,
            seed=sampling.seed,
            batch_size=self.batch_size,
        )

    # ---------------------------------------------------------------- rating

    def rate(self, requests: Sequence[RatingRequest]) -> list[Rating]:
        """Rate each request from the next-token probabilities of the level labels, all requests
        in as few forward passes as :meth:`_last_logits` finds cheapest; in request order."""
        if not requests:
            return []
        prompts = [self._chat_ids(rating_prompt(request, shared_first=self.shared_first)) for request in requests]
        logits = self._last_logits(prompts)
        ratings = []
        for row, request in enumerate(requests):
            labels = self._levels(len(request.criteria))
            probabilities = logits[row, labels].float().softmax(-1).tolist()
            ratings.append(Rating.from_probabilities(probabilities, method="decision-logits"))
        return ratings

    def _chat_ids(self, text: str) -> list[int]:
        """``text`` as the user message of the model's chat template, with the generation prompt;
        control tokens written in ``text`` stay text (as in transformers' decision prompt)."""
        encoded = self.tokenizer.apply_chat_template(
            [{"role": "user", "content": text}], add_generation_prompt=True, tokenize=True, return_dict=True,
            sanitize_control_tokens=True, enable_thinking=False,
        )
        return list(encoded["input_ids"])

    def _levels(self, count: int) -> list[int]:
        """The token ids of the first ``count`` level labels (``A``, ``B`` ...)."""
        if count not in self._label_ids:
            from transformers.decision import label_token_ids

            self._label_ids[count] = label_token_ids(self.tokenizer, tuple(LEVEL_LABELS[:count]))
        return self._label_ids[count]

    #: a common prefix is computed once (and its KV cache shared) when it is at least this long
    PREFIX_MIN_TOKENS = 8
    #: the fixed cost of one forward pass, in tokens of a row (bucketing: one more pass is worth
    #: it when it saves more padding than this); SmolLM2-135M on one CPU thread: a 1-token pass
    #: costs about what 35 more tokens of a longer one do
    PASS_OVERHEAD_TOKENS = 32

    def _buckets(self, lengths: list[int]) -> tuple[list[tuple[int, int]], float]:
        """Cut ``lengths`` (sorted, ascending) into runs ``[start, end)`` of at most
        ``batch_size`` rows, minimising the tokens computed: each run costs its rows times its
        longest row, plus :attr:`PASS_OVERHEAD_TOKENS` (a dynamic programme over the cut points).
        Returns the runs and their cost; one run per row (one by one) is among the candidates,
        so the cost is never above it.

        Example:
            >>> backend = HFBackend.__new__(HFBackend)  # no model needed
            >>> backend.batch_size = 4
            >>> backend._buckets([10, 11, 12, 90, 91])  # the long rows apart: no 80-token padding
            ([(0, 3), (3, 5)], 282.0)
            >>> backend._buckets([10, 11, 12, 13, 14, 15])[0]  # at most batch_size rows a pass
            [(0, 3), (3, 6)]
        """
        n, limit = len(lengths), max(1, self.batch_size)
        best = [0.0] + [float("inf")] * n
        cut = [0] * (n + 1)
        for end in range(1, n + 1):
            for start in range(max(0, end - limit), end):
                cost = best[start] + (end - start) * lengths[end - 1] + self.PASS_OVERHEAD_TOKENS
                if cost < best[end]:
                    best[end], cut[end] = cost, start
        runs, end = [], n
        while end:
            runs.append((cut[end], end))
            end = cut[end]
        return runs[::-1], best[n]

    def _last_logits(self, sequences: list[list[int]]) -> Any:
        """Next-token logits after each sequence, ``(rows, vocab)``, in the order given.

        The longest common token prefix of all the sequences (leaving each at least one token) runs
        once with a batch of one; each bucket starts from a copy of its KV cache, repeated across
        its rows, and runs only the rows' own left-padded suffixes. Buckets: the rows sorted by
        length and cut by :meth:`_buckets`. The prefix is shared only where that plan costs fewer
        tokens (its pass included) than bucketing the whole rows. Only the last position's logits
        are computed.
        """
        import copy
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
        pad = self.tokenizer.pad_token_id
        rows: list[Any] = [None] * len(sequences)
        order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
        whole, whole_cost = self._buckets([len(sequences[i]) for i in order])
        plan = whole
        if prefix:
            shared_plan, shared_cost = self._buckets([len(sequences[i]) - prefix for i in order])
            if prefix + self.PASS_OVERHEAD_TOKENS + shared_cost < whole_cost:
                plan = shared_plan
            else:
                prefix = 0
        with torch.no_grad():
            shared = None
            if prefix:
                out = self.model(input_ids=torch.tensor([sequences[0][:prefix]]), use_cache=True, **keep)
                shared = getattr(out, "cache", None) or getattr(out, "past_key_values", None)
                if shared is None or not hasattr(shared, "batch_repeat_interleave"):
                    prefix, shared, plan = 0, None, whole  # a model without a repeatable cache: the whole rows
            for start, end in plan:
                bucket = order[start:end]
                suffixes = [sequences[i][prefix:] for i in bucket]
                width = max(len(s) for s in suffixes)
                input_ids = torch.full((len(suffixes), width), pad, dtype=torch.long)
                attention = torch.zeros((len(suffixes), prefix + width), dtype=torch.long)
                attention[:, :prefix] = 1
                for row, ids in enumerate(suffixes):
                    input_ids[row, width - len(ids) :] = torch.tensor(ids)
                    attention[row, prefix + width - len(ids) :] = 1
                positions = ((attention.cumsum(-1) - 1).clamp(min=0))[:, prefix:]
                extra: dict[str, Any] = {}
                if shared is not None:
                    cache = copy.deepcopy(shared) if end < len(order) else shared  # the last bucket may use it up
                    cache.batch_repeat_interleave(len(bucket))
                    extra[cache_key] = cache
                logits = self.model(input_ids=input_ids, attention_mask=attention, position_ids=positions, **extra, **keep).logits
                for row, index in enumerate(bucket):
                    rows[index] = logits[row, -1]
        return torch.stack(rows)

    # ---------------------------------------------------------------- judge questions

    def decide(self, requests: Sequence[Any]) -> list[dict[str, float]]:
        """Answer judge questions (:class:`textgym.judge.JudgeRequest`: ``state``, ``question``,
        ``options``) from the next-token probabilities of their labels (``Yes``/``No`` for a
        yes/no question, ``A``.. for a choice), rendered by transformers' decision prompt.

        Returns one ``{option: probability}`` per request. The questions about one state share
        its tokens (the decision prompt puts the state first): :meth:`_last_logits` runs them once.
        """
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

        logits = self._last_logits([ids for ids, _, _, _ in prompts])  # shared prefix (the state) run once
        return [dict(zip(options, logits[row, labels].float().softmax(-1).tolist())) for row, (_, _, labels, options) in enumerate(prompts)]

    def __repr__(self) -> str:
        return f"HFBackend({self.name!r})"

