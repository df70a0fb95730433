"""Moved to :mod:`textgym.lm.models`; this module re-exports it so the old import path keeps working."""

from textgym.lm.models import *  # noqa: F401,F403
from textgym.lm.models import DEFAULT_NAME, GGUF_FILE, GGUF_PACKAGE, _atomic_save, _drop_gguf_quantization, _lock, build_tiny_model, cache_dir, default_model_dir, default_tokenizer_dir, gguf_path, load_model, resolve_model_path, shared_model  # noqa: F401,E501
