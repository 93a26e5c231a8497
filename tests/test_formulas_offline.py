"""Algebra in the user's text read offline: formulas found in prose, typed by shape, solved exactly."""
from __future__ import annotations

import pytest

from milpsynth import formulate
from milpsynth.formulas.find import find_formulas, plain, symbols, without
from milpsynth.formulas.parse import parse_formula
from milpsynth.formulas.shape import formula_slots, formula_type
from milpsynth.variables import Variable, VariableTable


def found(text):
    return [f.text for f in find_formulas(plain(text))]


@pytest.mark.parametrize("text, want", [
    ("Subject to: 2x + y <= 100, x + y <= 80.", ["2x + y <= 100", "x + y <= 80"]),
    ("Maximise 4 p1 + 3 p2 given p1 + p2 <= 9", ["maximize 4 p1 + 3 p2", "p1 + p2 <= 9"]),
    ("Minimize C = 2u + 7v.", ["minimize 2u + 7v"]),
    (r"the mix obeys $0 \leq s \leq 12$ and $t \geq 3$", ["s <= 12", "t >= 3"]),
    ("s_{1} \u2264 40 and s_{2} \u2265 2", ["s_1 <= 40", "s_2 >= 2"]),
    ("q1: [5, 60]", ["5 <= q1", "q1 <= 60"]),
    ("keep 3*bolts + 2*nuts <= 1,200", ["3*bolts + 2*nuts <= 1,200"]),
    ("the sum is capped (a 2x + y <= 4 rule)", ["2x + y <= 4"]),
    ("Both are non-negative: x >= 0, y >= 0.", []),                   # decisions are not negative already
    ("A bag costs $5 and a box $6; a 2:1 ratio holds.", []),            # prose with numbers: no formula
    ("Maximize the total profit.", []),
    ("At least 5 units of X must be made.", []),
])
def test_formulas_found_in_prose(text, want):
    assert found(text) == want


def test_plain_leaves_prices_and_reads_math_spans():
    assert plain("costs $20 and $30 each") == "costs $20 and $30 each"
    assert plain(r"($u - 0.5w \geq 30$)") == "(u - 0.5w >= 30)"


def test_without_keeps_the_prose_around_formulas():
    text = plain("Plant A needs 2a + b <= 10, say the engineers.")
    assert without(text, find_formulas(text)) == "Plant A needs , say the engineers."


def test_symbols_in_order_sense_word_aside():
    assert symbols("maximize 3 y + 2 x - y") == ["y", "x"]


TABLE = VariableTable.build([Variable(n) for n in ("x", "y", "z")], pure_binary=False)


@pytest.mark.parametrize("text, t", [
    ("x <= 40", 1), ("2 x >= 3", 5), ("x + y <= 80", 2), ("x + y + z >= 10", 6), ("2x + y <= 100", 3),
    ("3x + y >= 9", 7), ("x <= 2y", 9), ("x - 0.5y >= 0", 9), ("x <= 0.3 (x + y)", 9), ("x - y + z <= 4", 3),
    ("-x - y >= -10", 2), ("x + y = 10", 2), ("x = 7", 1), ("x - y = 0", 9),
])
def test_type_by_shape(text, t):
    assert formula_type(parse_formula(text, list(TABLE))) == t


def test_type_of_an_objective():
    assert formula_type(parse_formula("minimize 2x + y", list(TABLE), objective=True)) == 0


def test_equality_fills_a_bound_types_equal_slot():
    f = parse_formula("x + y = 10", list(TABLE))
    assert formula_slots(f, 2, TABLE) == {"vars": ["x", "y"], "bound": 10.0, "equal": True}
    f = parse_formula("-2x = -6", list(TABLE))
    assert formula_slots(f, 1, TABLE) == {"var": "x", "bound": 3.0, "equal": True}


def _solve(text):
    f = formulate(text, classify="rules")
    return f, f.solve()


def test_algebra_one_statement_per_block():
    f, s = _solve("Maximize 3*x + 2*y\n\nx + y <= 4\n\nx + 3y <= 6")
    assert s.objective == pytest.approx(12.0)
    assert [p.type for p in f.paragraphs] == [0, 2, 3]
    assert all(p.prediction.source == "formula" for p in f.paragraphs)


def test_algebra_in_one_sentence_each_formula_a_statement():
    f, s = _solve("Maximize 3x + 2y subject to: 2x + y <= 100, x + y <= 80, x <= 40.")
    assert s.objective == pytest.approx(180.0)
    assert [p.formula for p in f.paragraphs] == ["maximize 3x + 2y", "2x + y <= 100", "x + y <= 80", "x <= 40"]
    assert [p.element.name for p in f.paragraphs[1:]] == ["p2_type3", "p3_type2", "p4_type1"]


def test_latex_chain_and_prose_objective_words():
    f, s = _solve(r"Minimise the cost 4a + 5b where a + b >= 10 and $0 \leq a \leq 8$.")
    assert s.objective == pytest.approx(42.0)
    assert [v.name for v in f.variables.quantities] == ["a", "b"]


def test_lines_of_formulas_stay_apart():
    f, s = _solve("max 5 x1 + 4 x2\nsubject to\n6 x1 + 4 x2 <= 24\nx1 + 2 x2 <= 6\nx2 - x1 <= 1\nx2 <= 2")
    assert s.objective == pytest.approx(21.0)
    assert len(f.paragraphs) == 5


def test_whole_numbers_where_the_text_says_so():
    f, s = _solve("Maximize 5x + 4y subject to 2x + 3y <= 7.5 and x <= 2.5, where x and y are integers.")
    assert {v.kind for v in f.variables.quantities} == {"integer"}
    assert s.objective == pytest.approx(14.0)


def test_formula_restating_a_sentence_uses_the_labelled_decisions():
    text = ("A studio splits its hours between two services, X and Y. Together they may take at most 100 hours. "
            "Service X must get at least twice the hours of service Y (that is, $x - 2y \\geq 0$). "
            "Each hour of X earns $30 and each hour of Y earns $20. How should the hours be split to "
            "maximize earnings?")
    f, s = _solve(text)
    assert s.objective == pytest.approx(100 * 30)
    restated = [p for p in f.paragraphs if p.formula]
    assert len(restated) == 1 and restated[0].type == 9 and restated[0].prediction.source == "formula"


def test_formula_is_saved_with_the_problem():
    from milpsynth.document import Problem
    f, _ = _solve("Maximize 3x + 2y\n\nx + y <= 4")
    again = Problem.from_dict(f.to_dict())
    assert [p.formula for p in again.paragraphs] == [p.formula for p in f.paragraphs]


def test_indexed_symbols_take_the_numbered_names_of_the_prose():
    from milpsynth.nlp.decision_labels import find_labels
    text = ("A bakery runs Oven 1, Oven 2 and Oven 3; let y1, y2, y3 be their hours. Oven 1 costs $4 an hour, "
            "oven two $3 and Oven 3 $5.")
    forms = {lab.name: lab.forms for lab in find_labels(text)}
    assert {"oven 1", "oven one"} <= forms["y1"] and {"oven 2", "oven two"} <= forms["y2"]
    # a noun written with other numbers than the family's indices is no name of them
    text = "Let y1 and y2 be the tonnes shipped. Route 7 and Route 2 are open; y1 + y2 <= 9."
    assert not any(f.startswith("route") for lab in find_labels(text) for f in lab.forms)


def test_bounds_in_lines_of_intervals_are_read_apart():
    text = ("Minimise 2 z1 + 3 z2 + z3 where z1 + z2 + z3 >= 9.\nBounds:\n$z1$: [0,5]\n$z2$: [1, 4]\n"
            "z3: [0, 2]")
    f, s = _solve(text)
    assert [p.formula for p in f.paragraphs if p.type in (1, 5)] == ["z1 <= 5", "1 <= z2", "z2 <= 4", "z3 <= 2"]
    assert s.objective == pytest.approx(2 * 5 + 3 * 2 + 2)
