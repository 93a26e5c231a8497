"""Judging by the answer alone (records with text/question + answer, as MAMO and C^3-Bench give them)."""
import json

import pytest

from milpsynth.errors import InputError
from milpsynth.evaluation.by_answer import answer_matches, evaluate_answers, rounding_asked

BAKERY = ("A bakery makes cakes and pies. Each cake earns $12 and each pie earns $9. How many cakes and pies "
          "should it bake to maximise profit?\n\nThe oven is available for 40 hours. A cake takes 2 hours and a "
          "pie takes 1 hour.\n\nAt most 15 cakes can be sold.")


@pytest.mark.parametrize("text,expected", [
    ("What is the least cost? Give it rounded to the nearest dollar.", (0, "nearest")),
    ("Round the answer to the nearest whole number.", (0, "nearest")),
    ("State the profit rounded off to two decimal places.", (2, "nearest")),
    ("Report the weight to one decimal place, rounded.", (1, "nearest")),
    ("Give the total in dollars, rounded to the nearest hundred dollars.", (-2, "nearest")),
    ("How many trucks, rounded up to the nearest integer?", (0, "up")),
    ("Answer to the nearest cent.", (2, "nearest")),
    ("What is the maximum profit?", None),
])
def test_rounding_the_question_asks_for(text, expected):
    assert rounding_asked(text) == expected


def test_answers_match_within_tolerance_or_after_the_asked_rounding():
    assert answer_matches(100.004, "optimal", 100, None, "")[0]                      # 4e-5 relative
    assert not answer_matches(100.4, "optimal", 100, None, "What is the cost?")[0]
    assert answer_matches(100.4, "optimal", 100, None, "rounded to the nearest dollar")[0]
    assert not answer_matches(100.6, "optimal", 100, None, "rounded to the nearest dollar")[0]
    assert answer_matches(1234.0, "optimal", 1200, None, "rounded to the nearest hundred dollars")[0]
    assert answer_matches(None, "infeasible", None, "no_optimal_solution", "")[0]
    assert not answer_matches(5.0, "optimal", None, "infeasible", "")[0]
    assert not answer_matches(None, "infeasible", 10, None, "")[0]
    assert not answer_matches(10.0, "optimal", "ten", None, "")[0]


def test_evaluate_answers_reads_a_jsonl_and_selects_a_half(tmp_path):
    path = tmp_path / "p.jsonl"
    rows = [{"id": "a", "text": BAKERY, "answer": 360, "split": "work"},
            {"id": "b", "question": BAKERY, "answer": 999, "split": "work"},
            {"id": "c", "text": BAKERY, "answer": 360, "split": "blind"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    work = evaluate_answers(str(path), split="work", progress=False)
    assert [p.solution_ok for p in work.problems] == [True, False] and work.acc1_solution == 0.5
    assert "a" in work.table() and "expected 999" in work.table()
    blind = evaluate_answers(str(path), split="blind", progress=False)
    assert blind.acc1_solution == 1.0 and "not shown" in blind.table() and blind.to_dict()["problems"] == []
    with pytest.raises(InputError, match="split"):
        evaluate_answers(str(path), split="test", progress=False)


def test_a_record_without_an_answer_is_refused(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "a", "text": BAKERY}) + "\n")
    with pytest.raises(InputError, match="record 1"):
        evaluate_answers(str(path), progress=False)
