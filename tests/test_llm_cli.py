"""`milpsynth formulate|eval --llm ...`: the options, a run against a stub server, the transcript file."""
from __future__ import annotations

import json

import pytest

from milpsynth.cli import build_parser, main
from test_llm_openai import Stub
from test_llm_scripted import RIGHT, TEXT


def answer(body) -> str:
    user = body["messages"][-1]["content"]
    task = user[user.index("Task:"):]
    if "name the decision variables" in task:
        return RIGHT["variables"]
    if "write the objective" in task:
        return RIGHT["objective"]
    paragraph = task.split("Paragraph:\n", 1)[1].split("\n")[0]
    lines = TEXT.split("\n\n")
    return RIGHT[lines.index(paragraph) + 1]


@pytest.fixture
def server():
    s = Stub()
    s.responder = answer
    yield s
    s.close()


def test_the_options_parse_for_both_commands():
    for cmd in (["formulate", "f.txt"], ["eval", "p.jsonl"]):
        args = build_parser().parse_args(cmd + ["--llm", "openai", "--base-url", "http://h/v1", "--model", "m",
                                                "--samples", "3", "--repair-rounds", "0", "--no-hints",
                                                "--transcript", "t.jsonl"])
        assert (args.llm, args.model, args.samples, args.repair_rounds, args.no_hints) == ("openai", "m", 3, 0, True)


def test_formulate_through_an_openai_compatible_server(server, tmp_path, capsys):
    src = tmp_path / "p.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "t.jsonl"
    code = main(["formulate", str(src), "--llm", "openai", "--base-url", server.url, "--model", "stub",
                 "--classifier", "rules", "--solve", "--transcript", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "desks >= 2*shelves" in captured.out
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert rows[0]["stage"] == "variables" and {r["stage"] for r in rows} >= {"objective", "constraint"}
    assert server.seen[0]["body"]["model"] == "stub"


def test_a_missing_gguf_is_a_one_line_error(tmp_path, capsys):
    src = tmp_path / "p.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["formulate", str(src), "--llm", "llamacpp", "--model", str(tmp_path / "none.gguf")]) == 2
    assert "no GGUF model file" in capsys.readouterr().err


def test_llm_without_model_is_refused(tmp_path, capsys):
    src = tmp_path / "p.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["formulate", str(src), "--llm", "openai"]) == 2
    assert "needs --model" in capsys.readouterr().err
