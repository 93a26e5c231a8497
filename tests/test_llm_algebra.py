"""The 'algebra' stage: a language model writes the problem as formulas; the offline reader takes them."""
from __future__ import annotations

import pytest

from milpsynth import formulate
from milpsynth.errors import GenerationError
from milpsynth.llm import Scripted
from milpsynth.llm.algebra import read_answer

TEXT = ("A joiner makes chairs and tables. A chair earns $30 and a table earns $50. A chair takes 2 hours and a "
        "table takes 4 hours; 100 hours are available. At most 20 chairs can be sold. How many of each should "
        "be made to maximise the earnings?")
GOOD = "maximize 30 x_chairs + 50 x_tables\n2 x_chairs + 4 x_tables <= 100\nx_chairs <= 20\nx_chairs, x_tables >= 0"


def test_the_models_algebra_is_typed_by_shape_and_keeps_the_users_sentences():
    llm = Scripted([GOOD])
    f = formulate(TEXT, llm=llm, llm_stages=("algebra",))
    assert [p.type for p in f.paragraphs] == [0, 3, 1]
    assert all(p.prediction.source == "formula" for p in f.paragraphs)
    assert f.paragraphs[1].text.startswith("A chair takes 2 hours")      # the sentence that states 2, 4 and 100
    assert f.paragraphs[2].text == "At most 20 chairs can be sold."
    assert [v.name for v in f.variables.quantities] == ["x_chairs", "x_tables"]
    assert f.solve().objective == pytest.approx(30 * 20 + 50 * 15)
    assert [e["stage"] for e in f.transcript] == ["algebra"]


def test_a_refused_answer_is_asked_again_with_the_reason():
    llm = Scripted(["2 x_chairs + 4 x_tables <= 100", GOOD])
    f = formulate(TEXT, llm=llm, llm_stages=("algebra",))
    assert [e["verdict"].split(":")[0] for e in f.transcript] == ["refused", "accepted"]
    assert "objective" in f.transcript[0]["verdict"]
    assert "It was not accepted" in llm.requests[1].messages[-1]["content"]
    assert len(f.paragraphs) == 3


def test_answers_that_are_no_algebra_fall_back_to_the_offline_split():
    llm = Scripted(["I think you should make chairs.", "import os; os.system('rm -rf /')"])
    f = formulate(TEXT, llm=llm, llm_stages=("algebra",), on_error="skip")
    assert any("algebra was not used" in w for w in f.warnings)
    assert not any(p.formula for p in f.paragraphs)


@pytest.mark.parametrize("raw, objective, constraints", [
    ("```\nMaximize: 3 x_a + 2 x_b\nSubject to:\n1. x_a + x_b <= 4\n2. 0 <= x_a <= 3\nx_a integer\n"
     "x_a, x_b are non-negative integers\n```",
     "maximize 3 x_a + 2 x_b", ["x_a + x_b <= 4", "x_a <= 3"]),
    ("min 5 x_p + x_q  # cost\nx_p + x_q >= 10; \nx_p - 2 x_q = 0", "minimize 5 x_p + x_q",
     ["x_p + x_q >= 10", "x_p - 2 x_q = 0"]),
])
def test_answers_read_as_data(raw, objective, constraints):
    assert read_answer(raw) == (objective, constraints)


@pytest.mark.parametrize("raw, why", [
    ("maximize 3 x_a\nmaximize 2 x_b\nx_a <= 1", "one objective"),
    ("maximize 3 x_a * x_b\nx_a <= 1", "not a linear formula"),
    ("maximize 3 x_a\nx_a <= __import__('os')", "not a linear formula"),
    ("maximize 3 x_a + x_b", "no line states a constraint"),
    ("maximize 3 x_a + x_b\nx_a <= 4\nif x_a then x_b", "not a linear formula"),      # never dropped silently
])
def test_answers_refused_with_a_reason(raw, why):
    with pytest.raises(GenerationError, match=why):
        read_answer(raw)


def test_the_objectives_sense_is_the_one_the_text_asks_for():
    text = ("A mill blends grain A and grain B. Grain A costs $3 a tonne and grain B $5 a tonne. At least 10 "
            "tonnes must be blended. What is the lowest total cost?")
    llm = Scripted(["maximize 3 x_a + 5 x_b\nx_a + x_b >= 10"])
    f = formulate(text, llm=llm, llm_stages=("algebra",))
    assert f.objective.sense == "minimize" and f.solve().objective == pytest.approx(30)
    assert "the objective's sense is the text's" in f.transcript[0]["verdict"]


def test_an_infeasible_algebra_is_asked_again_with_the_conflicting_lines():
    wrong = "maximize 30 x_chairs + 50 x_tables\n2 x_chairs + 4 x_tables <= 100\nx_chairs >= 60"
    llm = Scripted([wrong, GOOD])
    f = formulate(TEXT, llm=llm, llm_stages=("algebra",), repair_rounds=1)
    assert f.solve().objective == pytest.approx(30 * 20 + 50 * 15)
    assert "x_chairs >= 60" in llm.requests[1].messages[-1]["content"]
    assert any("repaired in round 1" in w for w in f.warnings)
    assert [e["stage"] for e in f.transcript] == ["algebra", "repair", "algebra", "repair"]
