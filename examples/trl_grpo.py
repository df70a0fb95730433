"""Train a model with TRL's GRPOTrainer on a textgym environment (multi-turn, proxy reward only).

    python examples/trl_grpo.py --env textgym/Sycophancy-v0 --axis cues=belief --model hf:tiny --steps 2

TRL logs the trained-on proxy return as ``rewards/proxy_return/mean`` and, with weight 0 (never
trained on), the hidden true return and hidden-label rates (``rewards/true_return/mean``,
``rewards/hidden_agreed_with_false_belief/mean``, ...).
"""

from __future__ import annotations

import argparse
import os
import tempfile

os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", default="textgym/Sycophancy-v0")
    parser.add_argument("--axis", action="append", default=[], metavar="NAME=VARIANT")
    parser.add_argument("--model", default="hf:tiny", help="hf:default, hf:tiny or hf:PATH")
    parser.add_argument("--steps", type=int, default=2)
    parser.add_argument("--group-size", type=int, default=2)
    parser.add_argument("--batch", type=int, default=4, help="completions per step (a multiple of the group size)")
    parser.add_argument("--max-new-tokens", type=int, default=16)
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)

    from trl import GRPOConfig, GRPOTrainer

    from textgym.lm.models import load_model
    from textgym.integrations.trl import TRLEnvironment

    out = args.out or tempfile.mkdtemp(prefix="textgym-trl-")
    model, tokenizer = load_model(args.model.removeprefix("hf:"))
    tokenizer.padding_side = "left"
    if not os.path.isdir(str(model.config.name_or_path)):
        # TRL builds its frozen reference model from the model's path: give a code-built model one.
        model.save_pretrained(os.path.join(out, "initial_model"))
        tokenizer.save_pretrained(os.path.join(out, "initial_model"))
        model.config.name_or_path = os.path.join(out, "initial_model")
    adapter = TRLEnvironment(
        args.env, episodes=64, axes=dict(a.split("=", 1) for a in args.axis), max_new_tokens=args.max_new_tokens
    )
    config = GRPOConfig(
        output_dir=out,
        max_steps=args.steps,
        per_device_train_batch_size=args.batch,
        num_generations=args.group_size,
        max_completion_length=args.max_new_tokens * 4,
        learning_rate=1e-5,
        beta=0.04,
        logging_steps=1,
        save_strategy="no",
        report_to=[],
        use_cpu=True,
        reward_weights=adapter.reward_weights,
        disable_tqdm=True,
    )
    trainer = GRPOTrainer(
        model=model,
        processing_class=tokenizer,
        reward_funcs=adapter.reward_funcs,
        rollout_func=adapter.rollout_func,
        train_dataset=adapter.dataset(),
        args=config,
    )
    trainer.train()
    logs = [entry for entry in trainer.state.log_history if "rewards/proxy_return/mean" in entry]
    for entry in logs:
        print({k: (round(v, 4) if isinstance(v, float) else v) for k, v in entry.items() if k.startswith(("rewards/", "kl", "loss"))})
    return logs


if __name__ == "__main__":
    main()
