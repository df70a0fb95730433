"""``python -m textgym.cli ...``: the ``textgym`` command."""

import sys

from textgym.cli import main

sys.exit(main())
