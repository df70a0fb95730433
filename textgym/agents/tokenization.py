"""Moved to :mod:`textgym.lm.tokenization`; this module re-exports it so the old import path keeps working."""

from textgym.lm.tokenization import *  # noqa: F401,F403
from textgym.lm.tokenization import TemplateNotPrefixStable, TokenizedConversation, _render, tokenize_conversation  # noqa: F401,E501
