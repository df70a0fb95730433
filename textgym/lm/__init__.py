"""Local transformers plumbing: loading models, batched generation, chat tokenization with
message spans, per-token log-probabilities and the stop-gradient prefix.

Nothing here knows about policies, trainers or environments' internals; :mod:`textgym.agents`
builds on it.

* :mod:`textgym.lm.models`: load ``default`` (the embedded SmolLM2-135M-Instruct, converted
  once from GGUF to a cached safetensors checkpoint), ``tiny`` (a random test model) or a path.
* :mod:`textgym.lm.generation`: :class:`~textgym.lm.generation.Generation` and batched sampling.
* :mod:`textgym.lm.tokenization`: a conversation as token ids with the span of every message.
* :mod:`textgym.lm.sequences`: training sequences, packing, log-probabilities and the prefix
  gradient (``loss_mask`` or ``stop``).

Example:
    >>> from textgym.lm.generation import Generation
    >>> Generation("Paris.", token_ids=(7, 2), logprobs=(-0.5, -0.25)).total_logprob
    -0.75
"""
