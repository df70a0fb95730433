"""Old home of the command modules, which moved into :mod:`textgym.cli` (one module per command).

``textgym.commands.NAME`` still imports: each module here re-exports :mod:`textgym.cli.NAME`
(``_common`` re-exports :mod:`textgym.cli.common`). New code imports from :mod:`textgym.cli`.
"""
