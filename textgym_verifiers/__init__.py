"""The verifiers taskset id ``textgym-verifiers``: ``vf-eval textgym-verifiers ...`` finds textgym here.

verifiers looks tasksets up by a top-level module name; this package is that name for
:mod:`textgym.integrations.verifiers` (see ``docs/integrations.md``).
"""

from textgym.integrations.verifiers import *  # noqa: F403
from textgym.integrations.verifiers import __all__  # noqa: F401
