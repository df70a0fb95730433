"""Analyses that run a model against environments (as opposed to wrappers over one episode).

Example:
    >>> from textgym.analysis import prompt_figures
    >>> prompt_figures([0.9, 0.4], [0.0, 1.0]).gap
    0.5
"""

from textgym.analysis.onpolicy import OnPolicyRow, onpolicy_gameability, plot_onpolicy, prompt_figures, score_candidates

__all__ = ["OnPolicyRow", "onpolicy_gameability", "plot_onpolicy", "prompt_figures", "score_candidates"]
