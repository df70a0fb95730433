"""OpenAI-compatible HTTP backend (``openai:URL``), e.g. vLLM or ``transformers serve``.

``openai:http://127.0.0.1:8000`` uses the server's first listed model;
``openai:http://127.0.0.1:8000#MODEL`` names one. Where the server lists none (``transformers serve
MODEL`` lists only its Hub cache, and answers 500 without one), requests name no model and the
server answers with its own.

Ratings (docs/design.md section 4), tried in this order and remembered per server:

1. ``POST /v1/systemone`` (``transformers serve``): a typed ``score`` question answered with a
   probability per level — method ``systemone``;
2. ``POST /v1/chat/completions`` with ``logprobs`` / ``top_logprobs`` (vLLM): the renormalised
   probabilities of the level labels ``A``..``J`` — method ``logprobs``;
3. a sampled completion whose first level label or integer is parsed — method ``sampled``.

Methods 2 and 3 ask :func:`textgym.backends.base.rating_prompt` as the user message: the
instructions and levels before the state, so a server with a prefix cache (vLLM's automatic
prefix caching) computes the part every rating of an environment shares once.

Every request has a timeout and a bounded number of retries (connection errors, timeouts and 5xx
answers); then a :class:`~textgym.errors.BackendError` names the URL. Nothing hangs.
"""

from __future__ import annotations

import json
import math
import re
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from textgym.backends.base import LEVEL_LABELS as LABELS
from textgym.backends.base import (
    LLMBackend,
    Rating,
    RatingRequest,
    Sampling,
    rating_prompt,
)
from textgym.errors import BackendError


class _HTTPStatus(Exception):
    def __init__(self, status: int, body: str):
        super().__init__(f"HTTP {status}: {body[:300]}")
        self.status = status


class OpenAIBackend(LLMBackend):
    """Talks to an OpenAI-compatible server.

    Args:
        url: base URL, optionally ``#model``.
        timeout: seconds per HTTP request.
        retries: extra attempts after a failed request (with 0.5 s, 1 s, 2 s ... back-off).
        concurrency: requests in flight at once for a batch.
    """

    def __init__(self, url: str, *, timeout: float = 120.0, retries: int = 2, concurrency: int = 8):
        base, _, model = url.partition("#")
        self.url = base.rstrip("/")
        self.name = f"openai:{url}"
        self.timeout, self.retries, self.concurrency = timeout, retries, concurrency
        self._model = model or None
        self._rating_method: str | None = None
        self._decision_method: str | None = None

    # ---------------------------------------------------------------- HTTP

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        data = json.dumps(body).encode() if body is not None else None
        url = self.url + path
        last_error: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(0.5 * 2 ** (attempt - 1))
            request = urllib.request.Request(
                url, data=data, method=method, headers={"Content-Type": "application/json"}
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                text = error.read().decode("utf-8", "replace")
                if error.code < 500:
                    raise _HTTPStatus(error.code, text) from None
                last_error = _HTTPStatus(error.code, text)
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
                last_error = error
            except json.JSONDecodeError as error:
                raise BackendError(f"{url}: the server answered with invalid JSON ({error})") from None
        raise BackendError(
            f"{url}: no answer after {self.retries + 1} attempts (timeout {self.timeout:g} s): {last_error}"
        ) from (last_error if isinstance(last_error, _HTTPStatus) else None)

    @property
    def model(self) -> str:
        """The served model's id (``GET /v1/models``, first entry) unless given in the URL.

        ``""`` where the server answers but lists no model (or answers ``/v1/models`` with an HTTP
        error): requests then name none. An unreachable server raises :class:`BackendError`.
        """
        if self._model is None:
            try:
                listing = self._request("GET", "/v1/models")
            except _HTTPStatus:
                listing = {}
            except BackendError as error:
                if not isinstance(error.__cause__, _HTTPStatus):  # no answer at all: the server is down
                    raise
                listing = {}
            models = (listing.get("data") or []) if isinstance(listing, dict) else []
            self._model = str(models[0]["id"]) if models else ""
        return self._model

    def _model_field(self) -> dict[str, str]:
        """``{"model": id}`` for a request body, or nothing where the server lists no model."""
        return {"model": self.model} if self.model else {}

    def _map(self, fn: Any, items: Sequence[Any]) -> list[Any]:
        if len(items) <= 1:
            return [fn(item) for item in items]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(items))) as pool:
            return list(pool.map(fn, items))

    # ---------------------------------------------------------------- generation

    def _reply(self, chats: list[list[dict[str, str]]], sampling: Sampling) -> list[str]:
        def one(chat: Sequence[dict[str, str]]) -> str:
            body: dict[str, Any] = {
                **self._model_field(),
                "messages": [{"role": m["role"], "content": m["content"]} for m in chat],
                "max_tokens": sampling.max_new_tokens,
                "temperature": sampling.temperature,
                "stream": False,
            }
            if sampling.seed is not None:
                body["seed"] = sampling.seed
            try:
                answer = self._request("POST", "/v1/chat/completions", body)
            except _HTTPStatus as error:
                raise BackendError(f"{self.url}/v1/chat/completions: {error}") from None
            try:
                return str(answer["choices"][0]["message"]["content"] or "").strip()
            except (KeyError, IndexError, TypeError):
                raise BackendError(f"{self.url}/v1/chat/completions: unexpected answer {str(answer)[:300]}") from None

        return self._map(one, chats)

    # ---------------------------------------------------------------- rating

    def rate(self, requests: Sequence[RatingRequest]) -> list[Rating]:
        return self._map(self._rate_one, list(requests))

    def _first_answer(self, memory: str, prefix: str, methods: Sequence[str], request: Any, what: str) -> Any:
        """The first of ``methods`` (``self._{prefix}_{method}``) that answers ``request``,
        remembered in ``self.{memory}`` for this server; ``None`` if none answers.

        An HTTP status that means "not offered here" moves on to the next method; any other
        failure, or any failure of the remembered method, is a :class:`BackendError`.
        """
        remembered = getattr(self, memory)  # read once: other threads of this batch may set it meanwhile
        for method in [remembered] if remembered else methods:
            try:
                answer = getattr(self, f"_{prefix}_{method}")(request)
            except _HTTPStatus as error:
                if remembered or error.status not in (400, 404, 405, 422, 501):
                    raise BackendError(f"{self.url}: {what} by {method} failed: {error}") from None
                continue  # this server does not offer that method: try the next
            if answer is not None:
                setattr(self, memory, method)
                return answer
        return None

    def _rate_one(self, request: RatingRequest) -> Rating:
        rating: Rating | None = self._first_answer("_rating_method", "rate", ["systemone", "logprobs", "sampled"], request, "rating")
        if rating is None:
            raise BackendError(f"{self.url}: the server offers no way to rate (systemone, logprobs, sampled)")
        return rating

    def _rate_systemone(self, request: RatingRequest) -> Rating | None:
        body = {
            **self._model_field(),
            "state": request.state,
            "questions": {
                "rating": {"type": "score", "instructions": request.instructions, "criteria": list(request.criteria)}
            },
        }
        answer = self._request("POST", "/v1/systemone", body)
        probabilities = answer.get("answers", {}).get("rating", {}).get("probabilities")
        if not isinstance(probabilities, dict):
            return None
        ordered = [float(probabilities[str(i)]) for i in range(len(request.criteria))]
        return Rating.from_probabilities(ordered, method="systemone")

    def _label_probabilities(self, prompt: str, labels: Sequence[str]) -> list[float] | None:
        """Next-token probabilities of ``labels`` after ``prompt`` from the chat ``logprobs``
        (top 20, one token, greedy); ``None`` where the server gives none of them."""
        labels = list(labels)  # whole tokens only: "AB" is not a label of "ABCD"
        body = {
            **self._model_field(),
            "messages": [{"role": "user", "content": prompt}],
            "max_tokens": 1,
            "temperature": 0.0,
            "logprobs": True,
            "top_logprobs": 20,
        }
        answer = self._request("POST", "/v1/chat/completions", body)
        try:
            top = answer["choices"][0]["logprobs"]["content"][0]["top_logprobs"]
        except (KeyError, IndexError, TypeError):
            return None
        probabilities = [0.0] * len(labels)
        for entry in top:
            token = str(entry.get("token", "")).strip()
            if token in labels:
                probabilities[labels.index(token)] += math.exp(float(entry["logprob"]))
        return probabilities if sum(probabilities) > 0 else None

    def _rate_logprobs(self, request: RatingRequest) -> Rating | None:
        probabilities = self._label_probabilities(rating_prompt(request), LABELS[: len(request.criteria)])
        return None if probabilities is None else Rating.from_probabilities(probabilities, method="logprobs")

    def _rate_sampled(self, request: RatingRequest) -> Rating | None:
        text = self.generate([[{"role": "user", "content": rating_prompt(request)}]], max_new_tokens=4)[0]
        return parse_sampled_rating(text, len(request.criteria))


    # ---------------------------------------------------------------- judge questions

    def decide(self, requests: Sequence[Any]) -> list[dict[str, float]]:
        """Answer judge questions (:class:`textgym.judge.JudgeRequest`) with a probability per option.

        Tried in order and remembered per server: ``/v1/systemone`` (``transformers serve``), then
        chat ``logprobs`` of the labels (``Yes``/``No``, or ``A``.. for a choice). Never sampled:
        a server offering neither raises :class:`BackendError` naming the URL and the label.
        """
        return self._map(self._decide_one, list(requests))

    def _decide_one(self, request: Any) -> dict[str, float]:
        answer: dict[str, float] | None = self._first_answer(
            "_decision_method", "decide", ["systemone", "logprobs"], request, f"judge question for label {request.label!r}"
        )
        if answer is not None:
            return answer
        raise BackendError(
            f"{self.url}: no probabilities for the judge question for label {request.label!r} "
            "(neither /v1/systemone nor chat logprobs answered with them)"
        )

    def _decide_systemone(self, request: Any) -> dict[str, float] | None:
        body = {**self._model_field(), "state": request.state, "questions": {"judge": request.question}}
        answer = self._request("POST", "/v1/systemone", body)
        result = answer.get("answers", {}).get("judge", {}) if isinstance(answer, dict) else {}
        if not isinstance(result, dict):
            return None
        if request.question["type"] == "noul":
            p = result.get("noul")
            if isinstance(p, bool) or not isinstance(p, (int, float)):
                return None
            return {"true": float(p), "false": 1.0 - float(p)}
        probabilities = result.get("probabilities")
        return dict(probabilities) if isinstance(probabilities, dict) else None

    def _decide_logprobs(self, request: Any) -> dict[str, float] | None:
        labels = ["Yes", "No"] if request.question["type"] == "noul" else list(LABELS[: len(request.options)])
        probabilities = self._label_probabilities(decision_prompt(request, labels), labels)
        return None if probabilities is None else dict(zip(request.options, probabilities))


def decision_prompt(request: Any, labels: Sequence[str]) -> str:
    """A judge question as one user message, laid out as transformers' decision prompt.

    Example:
        >>> from textgym.judge import JudgeRequest
        >>> print(decision_prompt(JudgeRequest("Reply: Paris.", "Is the reply correct?"), ["Yes", "No"]))
        Reply: Paris.
        <BLANKLINE>
        Is the reply correct?
        Answer Yes or No only.
    """
    lines = [request.state, "", request.ask]
    if request.question["type"] == "noul":
        lines.append(f"Answer {labels[0]} or {labels[1]} only.")
    else:
        for label, (name, text) in zip(labels, request.choices):
            lines.append(f"{label}. {name}: {text}" if text else f"{label}. {name}")
        lines.append(f"Answer with the letter of the option that fits best ({labels[0]} to {labels[-1]}) only.")
    return "\n".join(lines)


def parse_sampled_rating(text: str, levels: int = 10) -> Rating | None:
    """Parse a level label (``A``..) or an integer 1..levels from generated text.

    Example:
        >>> parse_sampled_rating("B").score, parse_sampled_rating(" 7/10").score
        (2.0, 7.0)
        >>> parse_sampled_rating("no idea") is None
        True
    """
    labels = LABELS[:levels]
    match = re.search(r"\b([A-Z])\b", text)
    if match and match.group(1) in labels:
        level = labels.index(match.group(1))
    else:
        number = re.search(r"\b(\d{1,2})\b", text)
        if not number or not 1 <= int(number.group(1)) <= levels:
            return None
        level = int(number.group(1)) - 1
    one_hot = [0.0] * levels
    one_hot[level] = 1.0
    return Rating.from_probabilities(one_hot, method="sampled")
