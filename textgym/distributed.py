"""Moved to :mod:`textgym.integrations.ray`; this path keeps old imports working."""

from textgym.integrations.ray import RolloutWorkers, weights_fingerprint  # noqa: F401
