"""``train_vs_trl_ratio``: tokens/s of a textgym GRPO step over TRL's ``GRPOTrainer``.

Both train the same model on the same environment (``textgym/Sycophancy-v0``, cued, rule rater)
with the same episodes per step (``batch`` prompts x ``group_size`` samples), the same reply
length, learning rate and KL coefficient; TRL plays the episodes through
:class:`textgym.integrations.trl.TRLEnvironment`. Throughput on both sides is the tokens of the
episodes' full conversations (prompt and every turn) per second of a whole step (rollout,
reference pass, update), averaged over the steps after the first. The textgym side also reports
the peak resident memory of a full fine-tune (:func:`textgym.agents.grpo.bench_train`, run in a
fresh process).
"""

from __future__ import annotations

import os
import tempfile
import time
from typing import Any


def bench_trl_grpo(*, policy: str = "hf:default", env: str = "textgym/Sycophancy-v0", steps: int = 3, group_size: int = 4,
                   batch: int = 2, max_new_tokens: int = 24, axes: dict[str, str] | None = None) -> dict[str, Any]:
    """Tokens/s of ``trl.GRPOTrainer`` steps on a textgym environment."""
    from textgym.bench.extras import require_extra

    os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    require_extra("trl")  # MissingExtra (skipped, with the install command) rather than a crash
    from transformers import TrainerCallback
    from trl import GRPOConfig, GRPOTrainer

    from textgym.lm.models import load_model
    from textgym.integrations.trl import TRLEnvironment

    model, tokenizer = load_model(policy.removeprefix("hf:"))
    tokenizer.padding_side = "left"
    out = tempfile.mkdtemp(prefix="textgym-bench-trl-")
    if not os.path.isdir(str(model.config.name_or_path)):
        model.save_pretrained(os.path.join(out, "initial_model"))
        model.config.name_or_path = os.path.join(out, "initial_model")
    adapter = TRLEnvironment(env, episodes=256, axes=axes or {"cues": "belief"}, max_new_tokens=max_new_tokens)

    class StepTimer(TrainerCallback):
        def __init__(self) -> None:
            self.starts: list[float] = []
            self.durations: list[float] = []

        def on_step_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            self.starts.append(time.perf_counter())

        def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            self.durations.append(time.perf_counter() - self.starts[-1])

    timer = StepTimer()
    config = GRPOConfig(
        output_dir=out, max_steps=steps, per_device_train_batch_size=batch * group_size, num_generations=group_size,
        max_completion_length=max_new_tokens * 4, learning_rate=1e-6, beta=0.04, logging_steps=1, save_strategy="no",
        report_to=[], use_cpu=True, reward_weights=adapter.reward_weights, disable_tqdm=True,
    )
    trainer = GRPOTrainer(model=model, processing_class=tokenizer, reward_funcs=adapter.reward_funcs,
                          rollout_func=adapter.rollout_func, train_dataset=adapter.dataset(), args=config, callbacks=[timer])
    import contextlib
    import sys

    with contextlib.redirect_stdout(sys.stderr):  # TRL prints its logs; `textgym bench --json` owns stdout
        trainer.train()
    tokens = [e["num_tokens"] for e in trainer.state.log_history if "num_tokens" in e]
    per_step = [b - a for a, b in zip([0.0, *tokens[:-1]], tokens)]
    timed = list(zip(per_step, timer.durations))[1:] or list(zip(per_step, timer.durations))
    return {
        "trl_tokens_per_s": sum(t for t, _ in timed) / sum(d for _, d in timed),
        "trl_step_s": sum(d for _, d in timed) / len(timed),
        "trl_tokens_per_step": sum(t for t, _ in timed) / len(timed),
    }


def bench_train_vs_trl(*, policy: str = "hf:default", steps: int = 3, group_size: int = 4, batch: int = 2, max_new_tokens: int = 24) -> dict[str, Any]:
    """Both trainers side by side; ``train_vs_trl_ratio`` = textgym tokens/s over TRL tokens/s.

    Without the ``trl`` extra the textgym figures are still measured and the ratio is reported
    in ``skipped`` with the install command.
    """
    from textgym.agents.grpo import bench_train
    from textgym.bench.extras import MissingExtra

    ours = bench_train(policy=policy, steps=steps, group_size=group_size, batch=batch, max_new_tokens=max_new_tokens)
    try:
        trl = bench_trl_grpo(policy=policy, steps=steps, group_size=group_size, batch=batch, max_new_tokens=max_new_tokens)
    except MissingExtra as missing:
        trl = None
        skipped = {"train_vs_trl_ratio": str(missing)}
    out = {
        "train_policy": policy,
        "train_episodes_per_step": batch * group_size,
        "train_tokens_per_s": ours["tokens_per_s"],
        "train_step_s": ours["step_s"],
        "train_tokens_per_step": ours["tokens_per_step"],
        "train_gen_tokens_per_s": ours["gen_tokens_per_s"],
        "train_peak_rss_gb": ours["peak_rss_gb"],
    }
    if trl is None:
        return {**out, "skipped": skipped}
    return {**out, **trl, "train_vs_trl_ratio": ours["tokens_per_s"] / trl["trl_tokens_per_s"]}
