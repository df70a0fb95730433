"""Bridges to the tools the field already runs, each an optional extra.

=====================================  =========================================================
module                                 gives
=====================================  =========================================================
:mod:`textgym.integrations.asyncio`    ``arollout`` / ``rollout_concurrent``: many episodes in
                                       flight against OpenAI-compatible servers (``openai:URL``
                                       policy and roles), bounded, with retries
:mod:`textgym.integrations.pettingzoo` any environment as a PettingZoo AEC or parallel game
                                       (assistant, simulated user and optionally the rater)
:mod:`textgym.integrations.ray`        rollouts on Ray actors (``pip install "textgym[distributed]"``)
:mod:`textgym.integrations.trl`        ``trl.GRPOTrainer`` through ``rollout_func``
                                       (``pip install "textgym[trl]"``)
:mod:`textgym.integrations.trl_env`    ``trl.GRPOTrainer(environment_factory=...)``: the
                                       episode as a ``reply`` tool, hidden labels logged
:mod:`textgym.integrations.openenv`    ``textgym serve``: an OpenEnv server and client
                                       (``pip install "textgym[openenv]"``)
:mod:`textgym.integrations.verifiers`  ``load_environment``: a verifiers environment (proxy
                                       reward as the rubric, hidden labels as metrics;
                                       ``pip install "textgym[verifiers]"`` in its own venv)
=====================================  =========================================================

Nothing here is imported by ``import textgym``; environments, wrappers and agents never import
this package. The old module paths (``textgym.multiagent``, ``textgym.distributed``,
``textgym.trl_adapter``) still work.
"""
