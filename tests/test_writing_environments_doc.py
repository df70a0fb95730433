"""docs/writing-environments.md runs as written: files written, commands run, Python blocks executed in order."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from textgym.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "writing-environments.md"
BLOCK = re.compile(r"(?:<!-- file: (?P<file>[^ ]+) -->\n)?```(?P<lang>\w+)\n(?P<body>.*?)```", re.S)


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
            exec(compile(body, str(DOC), "exec"), namespace)
            kinds.append("python")
    assert kinds.count("file") >= 3 and kinds.count("bash") >= 1 and kinds.count("python") >= 3
    out = capsys.readouterr().out
    assert "ok: mylab/TravelPlan-v0" in out and "exploit gap" in out
