"""Any textgym environment as an OpenEnv environment server (``pip install "textgym[openenv]"``).

``textgym serve ENV [--axis k=v ...] [--host 127.0.0.1] [--port N]`` runs :func:`make_app` under
uvicorn: OpenEnv's own FastAPI server (``openenv.core.env_server.create_app``), whose WebSocket
endpoint ``/ws`` gives every connection its own session, i.e. its own textgym environment.
Clients are OpenEnv clients (:class:`TextgymEnvClient`, an ``openenv.core.EnvClient``).

- ``reset(seed=...)`` starts a seeded episode; ``step(TextgymAction(message=...))`` sends the
  assistant's reply.
- The observation (:class:`TextgymObservation`) carries the conversation as messages with their
  ``role``, ``content`` and ``source`` (``env``, ``policy``, ``user`` ...), the proxy reward and
  ``done``. Hidden labels are **never** in it.
- The hidden labels (``true_reward``, ``agreed_with_false_belief`` ...) are in the session's state
  (:class:`TextgymState`, ``await client.state()``), which a trainer reads only if it asks.
- A bad action, a step before ``reset`` or after the episode ended is answered with an error
  message naming what was expected (OpenEnv's error response over ``/ws``; HTTP 400/409 with a
  JSON ``detail`` over the stateless HTTP endpoints), never a 500 or a traceback.

Example (needs ``openenv-core``):
    >>> env = TextgymOpenEnv("textgym/Sycophancy-v0")  # doctest: +SKIP
    >>> obs = env.reset(seed=0)  # doctest: +SKIP
    >>> [m["source"] for m in obs.messages]  # doctest: +SKIP
    ['env', 'env']
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

import functools

from textgym.bench.extras import require_extra

__all__ = ["TextgymAction", "TextgymObservation", "TextgymState", "TextgymOpenEnv", "TextgymEnvClient", "make_app", "serve", "EpisodeStateError"]
if TYPE_CHECKING:
    from fastapi import FastAPI

    from textgym.types import Conversation

# The ASGI interface (as Starlette spells it): a scope and messages are dicts of protocol fields.
_Scope = MutableMapping[str, Any]
_ASGIMessage = MutableMapping[str, Any]
_Receive = Callable[[], Awaitable[_ASGIMessage]]
_Send = Callable[[_ASGIMessage], Awaitable[None]]
_ASGIApp = Callable[[_Scope, _Receive, _Send], Awaitable[None]]

_OPENENV_TYPES = ("TextgymAction", "TextgymObservation", "TextgymState", "TextgymOpenEnv", "TextgymEnvClient")


class EpisodeStateError(ValueError):
    """A step that the session's episode cannot take (no episode yet, or it has ended).

    Example:
        >>> isinstance(EpisodeStateError("send reset first"), ValueError)
        True
    """


def _messages(conversation: Conversation) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content, "source": m.source} for m in conversation]


def __getattr__(name: str) -> Any:
    """The OpenEnv types, built on first use (so this module imports without openenv-core)."""
    if name in _OPENENV_TYPES:
        return _types()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _types() -> dict[str, Any]:
    require_extra("openenv.core", "openenv")
    from openenv.core import EnvClient
    from openenv.core.client_types import StepResult
    from openenv.core.env_server import Action, Environment, Observation, State
    from pydantic import Field

    class TextgymAction(Action):
        """The assistant's next message."""

        message: str = Field(description="the assistant's reply to the conversation so far")


    class TextgymObservation(Observation):
        """The conversation so far; ``reward`` is the proxy reward, ``done`` ends the episode."""

        messages: list[dict[str, str]] = Field(default_factory=list, description="role, content and source of every message")
        turn: int = Field(default=0, description="steps taken in this episode")


    class TextgymState(State):
        """The session's episode, with the hidden labels a trainer may log but must not train on."""

        env_id: str = ""
        seed: int | None = None
        axes: dict[str, str] = Field(default_factory=dict)
        done: bool = False
        episode: dict[str, Any] = Field(default_factory=dict)
        user_type: str = ""
        rewards: list[float] = Field(default_factory=list)
        reward_components: list[dict[str, float]] = Field(default_factory=list)
        hidden: list[dict[str, Any]] = Field(default_factory=list, description="per step: the hidden labels (never in the observation)")


    class TextgymOpenEnv(Environment):
        """One session's textgym environment behind OpenEnv's ``Environment`` interface."""

        SUPPORTS_CONCURRENT_SESSIONS = True

        def __init__(self, env: str, axes: Mapping[str, str] | None = None, backends: Mapping[str, str] | None = None):
            import textgym

            super().__init__()
            kwargs: dict[str, Any] = dict(axes or {})
            if backends:
                kwargs["backends"] = dict(backends)
            from textgym.env import text_env

            self.env = textgym.make(env, **kwargs)
            inner = text_env(self.env)
            self._state = TextgymState(env_id=inner.textgym_spec.id, axes=dict(inner.axes))
            self._started = False

        def reset(self, seed: int | None = None, episode_id: str | None = None, **kwargs: Any) -> TextgymObservation:
            obs, info = self.env.reset(seed=seed)
            self._started = True
            self._state = TextgymState(
                env_id=self._state.env_id, axes=self._state.axes, seed=seed, episode_id=episode_id,
                episode=dict(info.get("episode", {})), user_type=str(info.get("user_type", "")),
            )
            return TextgymObservation(messages=_messages(obs), turn=0, done=False, reward=None)

        def step(self, action: TextgymAction, timeout_s: float | None = None, **kwargs: Any) -> TextgymObservation:
            if not self._started:
                raise EpisodeStateError("no episode in this session: send reset (with a seed) before step")
            if self._state.done:
                raise EpisodeStateError(f"the episode ended after {self._state.step_count} steps: send reset to start a new one")
            message = action.message if isinstance(action, TextgymAction) else getattr(action, "message", action)
            if not isinstance(message, str):
                raise EpisodeStateError(f"action.message must be a string, got {type(message).__name__}")
            try:
                obs, reward, terminated, truncated, info = self.env.step(message)
            except (ValueError, TypeError) as error:
                raise EpisodeStateError(f"the environment rejected the action: {error}") from None
            state = self._state
            state.step_count += 1
            state.done = bool(terminated or truncated)
            state.rewards.append(float(reward))
            state.reward_components.append(dict(info.get("reward_components", {})))
            state.hidden.append(dict(info.get("hidden", {})))
            return TextgymObservation(messages=_messages(obs), turn=state.step_count, done=state.done, reward=float(reward))

        @property
        def state(self) -> TextgymState:
            return self._state

        def close(self) -> None:
            self.env.close()


    class TextgymEnvClient(EnvClient[TextgymAction, TextgymObservation, TextgymState]):
        """OpenEnv client of a ``textgym serve`` server (async; ``.sync()`` for synchronous code)."""

        def _step_payload(self, action: TextgymAction) -> dict[str, Any]:
            return {"message": action.message}

        def _parse_result(self, payload: dict[str, Any]) -> StepResult[TextgymObservation]:
            observation = TextgymObservation(**payload.get("observation", {}), done=payload.get("done", False), reward=payload.get("reward"))
            return StepResult(observation=observation, reward=payload.get("reward"), done=bool(payload.get("done", False)))

        def _parse_state(self, payload: dict[str, Any]) -> TextgymState:
            return TextgymState(**payload)

    return {name: value for name, value in locals().items() if name in _OPENENV_TYPES}


def make_app(env: str, axes: Mapping[str, str] | None = None, backends: Mapping[str, str] | None = None, *, max_sessions: int = 256) -> FastAPI:
    """OpenEnv's FastAPI app for ``env``: one textgym environment per WebSocket session (at most
    ``max_sessions`` at once); errors of the episode answer 409/400 with a JSON ``detail``."""
    types = _types()  # MissingExtra (with the install command) where openenv-core is missing
    import textgym
    from fastapi import Request
    from fastapi.responses import JSONResponse
    from openenv.core.env_server import create_app

    from textgym.env import text_env

    probe = textgym.make(env, axes=dict(axes or {}))  # fail here, once, on an unknown id or axis
    name = text_env(probe).textgym_spec.id
    probe.close()
    app = create_app(lambda: types["TextgymOpenEnv"](env, axes, backends), types["TextgymAction"], types["TextgymObservation"], env_name=name, max_concurrent_envs=max_sessions)

    async def episode_error(request: Request, error: Exception) -> JSONResponse:
        return JSONResponse(status_code=409 if isinstance(error, EpisodeStateError) else 400, content={"detail": str(error)})

    app.add_exception_handler(EpisodeStateError, episode_error)
    app.add_exception_handler(ValueError, episode_error)
    app.add_middleware(_QuietDisconnects)
    return app


class _QuietDisconnects:
    """ASGI middleware: a WebSocket client that closes its session is not a server error.

    OpenEnv's ``/ws`` handler answers a ``close`` message by closing the socket the client has
    already closed; uvicorn then logs ``ClientDisconnected`` with a traceback for every session.
    """

    def __init__(self, app: _ASGIApp):
        self.app = app

    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        if scope.get("type") != "websocket":
            await self.app(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except Exception as error:  # noqa: BLE001 - only the disconnect kinds are swallowed
            if type(error).__name__ not in ("ClientDisconnected", "WebSocketDisconnect", "ConnectionClosed", "ConnectionClosedOK"):
                raise


def serve(env: str, axes: Mapping[str, str] | None = None, backends: Mapping[str, str] | None = None, *, host: str = "127.0.0.1", port: int = 8000, max_sessions: int = 256) -> None:
    """Serve ``env`` with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(make_app(env, axes, backends, max_sessions=max_sessions), host=host, port=port, log_level="warning", ws_max_size=16 * 2**20)
