"""Moved to :mod:`textgym.lm.sequences`; this module re-exports it so the old import path keeps working."""

from textgym.lm.sequences import *  # noqa: F401,F403
from textgym.lm.sequences import PREFIX_GRADIENTS, PackedBatch, PrefixGradient, TrainingSequence, check_prefix_gradient, masked_mean, pack, pack_token_values, token_logprobs  # noqa: F401,E501
