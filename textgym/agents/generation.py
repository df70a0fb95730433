"""Moved to :mod:`textgym.lm.generation`; this module re-exports it so the old import path keeps working."""

from textgym.lm.generation import *  # noqa: F401,F403
from textgym.lm.generation import Generation, _left_pad, generate, generate_replies, render_prompts  # noqa: F401,E501
