"""Moved to :mod:`textgym.integrations.trl`; this path keeps old imports working."""

from textgym.integrations.trl import TRLEnvironment  # noqa: F401
