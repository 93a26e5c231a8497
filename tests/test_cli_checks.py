"""The command-line side of explain / check / report / diagnose, and eval by answer."""
import json

from milpsynth.cli import main

OBJ = "A shop sells chairs and tables. Each chair earns $5 and each table earns $8. How many chairs and tables should it make to maximise profit?"
HOURS = "There are 100 hours available. Each chair takes 2 hours and each table takes 5 hours."


def _file(tmp_path, *paragraphs):
    src = tmp_path / "p.txt"
    src.write_text("\n\n".join(paragraphs) + "\n")
    return str(src)


def test_formulate_explain_and_report(tmp_path, capsys):
    src = _file(tmp_path, OBJ, HOURS)
    assert main(["formulate", src, "--explain", "--solve", "--report"]) == 0
    out = capsys.readouterr().out
    assert "reads: the total of 2 per chair, 5 per table is at most 100" in out
    assert "slack by paragraph:" in out


def test_check_exit_code_says_whether_the_plan_holds(tmp_path, capsys):
    src = _file(tmp_path, OBJ, HOURS)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"chairs": 40, "tables": 5}))
    assert main(["check", src, str(plan)]) == 1
    assert "off by 5 hours" in capsys.readouterr().out
    plan.write_text("\ufeff" + json.dumps({"chairs": 10, "tables": 2}))         # a BOM is read
    assert main(["check", src, str(plan), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["objective"] == 66


def test_check_refuses_a_plan_that_is_no_object(tmp_path, capsys):
    src = _file(tmp_path, OBJ, HOURS)
    plan = tmp_path / "plan.json"
    plan.write_text("[1, 2]")
    assert main(["check", src, str(plan)]) == 2
    assert "a plan is a JSON object" in capsys.readouterr().err
    plan.write_text('{"sofas": 3}')
    assert main(["check", src, str(plan)]) == 2
    assert "not a decision of this problem: sofas" in capsys.readouterr().err


def test_diagnose_names_paragraphs_and_the_relaxation(tmp_path, capsys):
    src = _file(tmp_path, OBJ, HOURS, "At least 60 chairs must be made.")
    assert main(["diagnose", src]) == 0
    out = capsys.readouterr().out
    assert "paragraph 3: At least 60 chairs must be made." in out and "at least 50 chairs instead of 60" in out
    assert main(["diagnose", src, "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["conflicts"] == [[2, 3]] and d["changes"][0]["new"] == 50


def test_eval_by_answer_with_a_split(tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    text = "\n\n".join([OBJ, HOURS])
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "w1", "text": text, "answer": 250, "split": "work"},
        {"id": "b1", "text": text, "answer": 1, "split": "blind"}]) + "\n")
    assert main(["eval", str(path), "--split", "work", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "w1" in out and "b1" not in out and "(1/1)" in out
    assert main(["eval", str(path), "--split", "blind", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "b1" not in out and "(0/1)" in out
