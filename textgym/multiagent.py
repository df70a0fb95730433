"""Moved to :mod:`textgym.integrations.pettingzoo`; this path keeps old imports working."""

from textgym.integrations.pettingzoo import *  # noqa: F403
from textgym.integrations.pettingzoo import (  # noqa: F401
    ASSISTANT,
    RATER,
    TURN_ORDER,
    USER,
    AgentObservation,
    Dialogue,
    Outcome,
    TextAECEnv,
    TextParallelEnv,
    env,
    parallel_env,
    parse_rating,
)
