"""The hf rater's batch path (shared prefix KV cache, length buckets, last-position logits)
gives the ratings of scoring each request alone, in request order."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from textgym.backends.base import Rating, RatingRequest
from textgym.backends.hf import HFBackend

INSTRUCTIONS = "How satisfied are you with the assistant's last reply? Rate it from 1 to 10."
PREAMBLE = "You are a user who asked an AI assistant a question about geography. Conversation so far:\n"


@pytest.fixture(scope="module")
def backend():
    return HFBackend("tiny", batch_size=4)


def _prompt(backend: HFBackend, request: RatingRequest) -> tuple[torch.Tensor, list[int]]:
    """The decision prompt's token ids up to the answer mark, and the level labels' token ids."""
    from transformers.decision import DecisionConfig, label_token_ids

    question = {"type": "score", "instructions": request.instructions, "criteria": list(request.criteria)}
    (inputs, questions), = DecisionConfig().prepare_inputs({"state": request.state, "questions": {"rating": question}}, backend.tokenizer)
    labels = label_token_ids(backend.tokenizer, tuple(questions[0].labels))
    return inputs["input_ids"][:, : int(inputs["marks"][0])], labels


def _reference(backend: HFBackend, request: RatingRequest) -> list[float]:
    """The rating probabilities from one plain full forward pass (no cache, no padding)."""
    ids, labels = _prompt(backend, request)
    with torch.no_grad():
        logits = backend.model(input_ids=ids).logits
    return logits[0, -1, labels].float().softmax(-1).tolist()


def _probabilities(rating: Rating) -> list[float]:
    return list(rating.probabilities)


def _requests(replies: list[str], shared: str = PREAMBLE) -> list[RatingRequest]:
    return [RatingRequest(f"{shared}user: Which city is the capital of Italy?\nassistant: {reply}", INSTRUCTIONS) for reply in replies]


replies = st.lists(st.text(alphabet="abcdefghij klmnop.,", min_size=1, max_size=60), min_size=1, max_size=9)


@settings(max_examples=6, deadline=None)
@given(replies=replies)
def test_batched_ratings_equal_each_request_scored_alone(backend, replies):
    requests = _requests(replies)
    batched = backend.rate(requests)
    assert len(batched) == len(requests)
    for rating, request in zip(batched, requests):
        assert _probabilities(rating) == pytest.approx(_reference(backend, request), abs=1e-4)
        assert rating.method == "decision-logits"


def test_batched_equals_one_by_one_for_unrelated_prompts(backend):
    requests = [RatingRequest("Q: 2+2? A: 4", "Rate the answer."), *_requests(["Rome.", "Milan, I think, or maybe Turin."]), RatingRequest("x", INSTRUCTIONS)]
    batched = backend.rate(requests)
    alone = [backend.rate([r])[0] for r in requests]
    for a, b in zip(batched, alone):
        assert _probabilities(a) == pytest.approx(_probabilities(b), abs=1e-4)
        assert a.score == pytest.approx(b.score, abs=1e-3)


def test_a_shared_prefix_is_run_once_and_each_row_runs_only_its_suffix(backend, monkeypatch):
    shapes = []
    forward = backend.model.forward

    def spy(*args, **kwargs):
        shapes.append(tuple(kwargs["input_ids"].shape))
        return forward(*args, **kwargs)

    monkeypatch.setattr(backend.model, "forward", spy)
    requests = _requests(["Rome.", "Rome is the capital.", "Milan.", "It is Rome, of course."])
    longest = max(_prompt(backend, r)[0].shape[1] for r in requests)
    backend.rate(requests)
    (prefix_rows, prefix_len), (rows, suffix_len) = shapes  # one prefix pass, one bucket pass
    assert prefix_rows == 1 and prefix_len >= len(backend.tokenizer(PREAMBLE)["input_ids"])
    assert rows == 4 and suffix_len == longest - prefix_len


def test_more_requests_than_the_batch_size_keep_their_order(backend):
    requests = _requests([("word " * n).strip() for n in (9, 1, 30, 4, 17, 2, 11)])
    batched = backend.rate(requests)  # batch_size 4: two buckets, sorted by length
    for rating, request in zip(batched, requests):
        assert _probabilities(rating) == pytest.approx(_reference(backend, request), abs=1e-4)
    assert backend.rate([]) == []
