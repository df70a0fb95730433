"""Moved to :mod:`textgym.policy` (the core); this module re-exports it so the old import path
keeps working."""

from textgym.policy import *  # noqa: F401,F403
from textgym.policy import POLICY_PREFIXES, Policy, SamplingPolicy, ScriptedPolicy, generate_actions, make_policy, register_policy_prefix  # noqa: F401,E501
