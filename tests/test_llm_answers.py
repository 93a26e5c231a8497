"""Answers read as data: the formula parser, the fit to each type's template, grammars, hints, prompts."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from milpsynth.errors import TemplateError
from milpsynth.llm import grammar, hints
from milpsynth.formulas.fit import fit
from milpsynth.llm.answers import unknown_numbers
from milpsynth.formulas.parse import FormulaError, parse_formula
from milpsynth.llm.prompts import PROMPTS, messages
from milpsynth.llm.session import Accepted, vote
from milpsynth.templates import TEMPLATES
from milpsynth.variables import Variable, VariableTable

NAMES = ["x", "y", "z"]
TABLE = VariableTable.build([Variable(n, "integer") for n in NAMES], pure_binary=False)


def same(a, b) -> bool:
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float) or isinstance(b, float):
        return a == pytest.approx(b)
    return a == b


def slots(text, t):
    return fit(parse_formula(text, list(TABLE), objective=t == 0), t, TABLE)


@pytest.mark.parametrize("text, terms, rhs, sense", [
    ("2*x + 3 y <= 100", {"x": 2, "y": 3}, 100, "<="),
    ("x >= 20%", {"x": 1}, 0.2, ">="),
    ("x <= 0.3 * (x + y)", {"x": 0.7, "y": -0.3}, 0, "<="),
    ("-x - -y = $1,000", {"x": -1, "y": 1}, 1000, "=="),
    ("x / 2 + 4 <= 3 - y", {"x": 0.5, "y": 1}, -1, "<="),
    ("X \u2264 5", {"x": 1}, 5, "<="),
])
def test_formulas_are_read_as_linear_forms(text, terms, rhs, sense):
    f = parse_formula(text, NAMES)
    got, b = f.difference()
    assert got == pytest.approx(terms) and b == pytest.approx(rhs) and f.sense == sense


@pytest.mark.parametrize("text, why", [
    ("x * y <= 3", "not linear"), ("__import__('os').system('ls') <= 1", "cannot read"),
    ("os.system('x') <= 1", "cannot read"), ("w <= 3", "not one of the decision names"),
    ("x <= 3 <= 4", "one relation"), ("x", "needs one of"), ("(x + y <= 3", "not closed"),
    ("x / y <= 2", "division"), ("", "empty"), ("maximize x", "no 'maximize'"),
])
def test_what_is_no_linear_formula_is_refused_with_a_reason(text, why):
    with pytest.raises(FormulaError, match=why):
        parse_formula(text, NAMES)


def test_the_objective_reads_its_sense_and_drops_its_name():
    f = parse_formula("Maximize Z = 5x + 4 y", NAMES, objective=True)
    assert f.objective == "maximize" and f.left.coefs == {"x": 5.0, "y": 4.0}
    with pytest.raises(FormulaError, match="must start"):
        parse_formula("5x + 4y", NAMES, objective=True)


@pytest.mark.parametrize("text, t, expected", [
    ("x <= 40", 1, {"var": "x", "bound": 40}),
    ("2 x <= 40", 1, {"var": "x", "bound": 20}),
    ("-x >= -40", 1, {"var": "x", "bound": 40}),
    ("x + y <= 10", 2, {"vars": ["x", "y"], "bound": 10}),
    ("2x + 3y <= 12", 3, {"coefs": {"x": 2, "y": 3}, "bound": 12}),
    ("x <= 0.4 * (x + y + z)", 4, {"subset": ["x"], "total": ["x", "y", "z"], "share": 0.4}),
    ("x >= 5", 5, {"var": "x", "bound": 5}),
    ("x + y >= 50", 6, {"vars": ["x", "y"], "bound": 50}),
    ("40 x + 12 y >= 500", 7, {"coefs": {"x": 40, "y": 12}, "bound": 500}),
    ("x >= 0.25 * (x + y)", 8, {"subset": ["x"], "total": ["x", "y"], "share": 0.25}),
    ("x >= 2 * y", 9, {"left": "x", "right": "y", "factor": 2, "sense": ">="}),
    ("2 y <= x", 9, {"left": "y", "right": "x", "factor": 0.5, "sense": "<="}),   # the same, other side first
    ("bi_x <= bi_y", 10, {"if": "bi_x", "then": "bi_y"}),
    ("x <= y", 10, {"if": "bi_x", "then": "bi_y"}),          # a quantity stands for its indicator in logic
    ("bi_x + bi_y = 1", 11, {"vars": ["bi_x", "bi_y"]}),
    ("bi_x + bi_y + bi_z >= 1", 12, {"vars": ["bi_x", "bi_y", "bi_z"]}),
    ("bi_x + bi_y <= 1", 13, {"vars": ["bi_x", "bi_y"]}),
    ("maximize 3x + 2y", 0, {"sense": "maximize", "coefs": {"x": 3, "y": 2}}),
])
def test_each_type_reads_its_template_shape(text, t, expected):
    got = slots(text, t)
    assert same(got, expected), got
    TEMPLATES[t].build(got, TABLE, 0)           # and the template takes the slots


@pytest.mark.parametrize("text, t, why", [
    ("x + y <= 40", 1, "exactly one decision"),
    ("x >= 40", 1, "opposite bound"),
    ("2x + y <= 10", 2, "plain sum"),
    ("-2x - 3y >= -12", 7, "opposite bound"),
    ("x <= 2 y + 3", 9, "no constant"),
    ("x + y <= 1", 10, "y_A <= y_B"),
    ("bi_x + bi_y <= 2", 13, "<= 1"),
    ("x <= 0.4 * y + 2", 4, "no constant"),
])
def test_an_answer_of_another_shape_is_refused(text, t, why):
    with pytest.raises(TemplateError, match=re.escape(why)):
        slots(text, t)


def test_a_share_written_against_the_others_is_the_same_share():
    # x <= 0.4 * y is x <= (0.4 / 1.4) * (x + y): the same constraint, read as a share of the total
    s = slots("x <= 0.4 * y", 4)
    assert s["subset"] == ["x"] and s["share"] == pytest.approx(0.4 / 1.4)


def test_numbers_absent_from_the_text_are_flagged():
    text = "Each x earns $30; at most 40 x and 25% of the total."
    f = parse_formula("x <= 40 + 0.25 * y + 7.5", NAMES)
    assert unknown_numbers(f, text) == ["7.5"]


def test_grammars_list_exactly_the_names():
    g = grammar.constraint_grammar(["trucks", "bi_trucks"])
    assert 'name ::= "bi_trucks" | "trucks"' in g and g.startswith("root ::=")
    assert grammar.objective_grammar(["a"]).startswith('root ::= ("maximize" | "minimize")')
    with pytest.raises(ValueError):
        grammar.constraint_grammar([])


def test_the_vote_is_over_forms_and_ties_go_to_the_better_score():
    a, b = Accepted("A", key=1, score=(0.9, 0)), Accepted("B", key=2, score=(0.9, -1))
    assert vote([(0, a), (1, b)])[1].result == "A"
    assert vote([(0, b), (1, a), (2, Accepted("B2", key=2, score=(0.9, -1)))])[1].result == "B"


def test_hints_are_chosen_by_kind_and_only_where_they_apply():
    diet = hints.choose("A diet must give at least 60 grams of protein and 2000 calories from two feeds, "
                        "minimizing cost.")
    assert "diet_blending" in diet.kinds
    assert any("'>='" in h for h in diet.lines)
    assert not any("yes/no" in h for h in diet.lines)
    plain = hints.choose("Choose values.")
    assert plain.kinds == [] and plain.lines == []


def test_every_type_has_a_prompt_with_its_template_and_an_example():
    for t in range(1, 14):
        text = messages(f"type{t}.j2", text="T", decisions=[{"name": "x", "description": "x"}], hints=[],
                        paragraph="P", type=t, meaning="m", feedback=None, previous=None)[1]["content"]
        assert "Template:" in text and "Example:" in text and "is answered" in text and "- x: x" in text
    assert {p.name for p in PROMPTS.glob("*.j2")} >= {"variables.j2", "objective.j2", "split.j2"}


def test_the_package_never_evaluates_text():
    root = Path(__file__).resolve().parents[1] / "milpsynth" / "llm"
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for word in ("eval(", "exec(", "__import__"):
            assert word not in source, f"{path.name} has {word}"
        assert not re.search(r"(?<![\w.])compile\(", source), f"{path.name} calls compile("


def test_a_logic_type_grammar_has_its_one_shape():
    assert grammar.logic_grammar(13, ["bi_a", "bi_b"]).startswith('root ::= name (sp "+" sp name){1,15} sp "<=" sp "1"')
    assert grammar.logic_grammar(10, ["bi_a", "bi_b"]).startswith('root ::= name sp "<=" sp name')
