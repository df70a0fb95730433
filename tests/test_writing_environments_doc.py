"""docs/writing-environments.md runs as written: files written, commands run, Python blocks executed in order.

The page's YAML environment (TravelPlan) and its Python families (CakeCompliment, and BakeOff with
``record_files``, a rating table as spec data and ``scripted_replies``) must load, pass ``textgym
check`` and keep the assertions the page makes about them."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from textgym.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "writing-environments.md"
BLOCK = re.compile(r"(?:<!-- file: (?P<file>[^ ]+) -->\n)?```(?P<lang>\w+)\n(?P<body>.*?)```", re.DOTALL)


def test_every_snippet_in_writing_environments_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "writing_environments_doc"}
    kinds = []
    for match in BLOCK.finditer(DOC.read_text(encoding="utf-8")):
        body, lang, file = match["body"], match["lang"], match["file"]
        if file:
            path = tmp_path / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
            kinds.append("file")
        elif lang == "bash":
            for line in body.strip().splitlines():
                argv = shlex.split(line)
                assert argv[0] == "textgym", line
                assert main(argv[1:]) == 0, f"{line}: {capsys.readouterr().err}"
            kinds.append("bash")
        elif lang == "python":
            exec(compile(body, str(DOC), "exec"), namespace)  # noqa: S102 (the page's snippets are the test)
            kinds.append("python")
    assert kinds.count("file") >= 3 and kinds.count("bash") >= 1 and kinds.count("python") >= 3
    out = capsys.readouterr().out
    assert "ok: mylab/TravelPlan-v0" in out and "exploit gap" in out
    assert "ok: mylab/BakeOff-v0" in out, "the Python family with declared records and a rating table passes check_env"
