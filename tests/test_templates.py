import pytest

from milpsynth.errors import TemplateError
from milpsynth.templates import TEMPLATES
from milpsynth.variables import Variable, VariableTable


@pytest.fixture
def vs():
    return VariableTable.build([Variable("x", "integer"), Variable("y", "integer"), Variable("z", "continuous")],
                               pure_binary=False)


def build(t, slots, vs):
    return TEMPLATES[t].build(slots, vs, paragraph=2)


def test_objective(vs):
    o = build(0, {"sense": "maximize", "coefs": {"x": 5, "y": 10}}, vs)
    assert o.sense == "maximize" and o.expr.coefs == {"x": 5.0, "y": 10.0}
    with pytest.raises(TemplateError, match="sense"):
        build(0, {"sense": "best", "coefs": {"x": 1}}, vs)
    with pytest.raises(TemplateError, match="not a known variable"):
        build(0, {"sense": "maximize", "coefs": {"w": 1}}, vs)


@pytest.mark.parametrize("t,sense", [(1, "<="), (5, ">=")])
def test_single_bound(vs, t, sense):
    c = build(t, {"var": "x", "bound": 30}, vs)
    assert (c.lhs.coefs, c.sense, c.rhs, c.paragraph, c.template) == ({"x": 1.0}, sense, 30.0, 2, f"type{t}")
    with pytest.raises(TemplateError, match="exactly one variable"):
        build(t, {"var": ["x", "y"], "bound": 30}, vs)
    with pytest.raises(TemplateError, match="must be a number"):
        build(t, {"var": "x", "bound": "thirty"}, vs)


@pytest.mark.parametrize("t,sense", [(2, "<="), (6, ">=")])
def test_sum_bound(vs, t, sense):
    c = build(t, {"vars": ["x", "y"], "bound": 120}, vs)
    assert (c.lhs.coefs, c.sense, c.rhs) == ({"x": 1.0, "y": 1.0}, sense, 120.0)
    k = build(t, {"vars": ["bi_x", "bi_y", "bi_z"], "bound": 2}, vs)   # k-of-n over indicators
    assert k.lhs.coefs == {"bi_x": 1.0, "bi_y": 1.0, "bi_z": 1.0}
    with pytest.raises(TemplateError, match="mixes quantities and indicators"):
        build(t, {"vars": ["x", "bi_y"], "bound": 2}, vs)
    with pytest.raises(TemplateError, match="repeats"):
        build(t, {"vars": ["x", "x"], "bound": 2}, vs)


@pytest.mark.parametrize("t,sense", [(3, "<="), (7, ">=")])
def test_weighted_sum(vs, t, sense):
    c = build(t, {"coefs": {"x": 12, "y": 20.5}, "bound": 890}, vs)
    assert (c.lhs.coefs, c.sense, c.rhs) == ({"x": 12.0, "y": 20.5}, sense, 890.0)
    with pytest.raises(TemplateError, match="coefs"):
        build(t, {"coefs": [12, 20], "bound": 890}, vs)
    with pytest.raises(TemplateError, match="zero"):
        build(t, {"coefs": {"x": 0}, "bound": 1}, vs)


@pytest.mark.parametrize("t,slots", [(1, {"var": "x"}), (6, {"vars": ["x", "y"]}), (3, {"coefs": {"x": 2, "y": 1}})])
def test_a_bound_stated_exactly_is_an_equality(vs, t, slots):
    c = build(t, {**slots, "bound": 40, "equal": True}, vs)
    assert (c.sense, c.rhs) == ("==", 40.0)
    assert build(t, {**slots, "bound": 40, "equal": False}, vs).sense != "=="
    with pytest.raises(TemplateError, match="equal"):
        build(t, {**slots, "bound": 40, "equal": "yes"}, vs)


@pytest.mark.parametrize("t,sense", [(4, "<="), (8, ">=")])
def test_proportion(vs, t, sense):
    c = build(t, {"subset": ["x"], "total": ["x", "y", "z"], "share": 0.4}, vs)
    assert c.sense == sense and c.rhs == 0
    assert c.lhs.coefs == pytest.approx({"x": 0.6, "y": -0.4, "z": -0.4})
    assert c.display == f"x {sense} 0.4 * (x + y + z)"
    for bad, msg in [(40, r"\(0, 1\]"), (0, "> 0"), (-0.2, "> 0")]:
        with pytest.raises(TemplateError, match=msg):
            build(t, {"subset": ["x"], "total": ["x", "y"], "share": bad}, vs)
    with pytest.raises(TemplateError, match="type 9"):
        build(t, {"subset": ["x"], "total": ["y", "z"], "share": 0.5}, vs)


def test_comparison(vs):
    c = build(9, {"left": "x", "right": "y", "factor": 2, "sense": ">="}, vs)
    assert (c.lhs.coefs, c.sense, c.rhs, c.display) == ({"x": 1.0, "y": -2.0}, ">=", 0.0, "x >= 2*y")
    assert build(9, {"left": "x", "right": "y"}, vs).display == "x <= y"
    with pytest.raises(TemplateError, match="distinct"):
        build(9, {"left": "x", "right": "x", "factor": 2}, vs)
    with pytest.raises(TemplateError, match="> 0"):
        build(9, {"left": "x", "right": "y", "factor": -1}, vs)
    with pytest.raises(TemplateError, match="sense"):
        build(9, {"left": "x", "right": "y", "sense": "<"}, vs)


def test_implication(vs):
    c = build(10, {"if": "bi_x", "then": "bi_y"}, vs)
    assert (c.lhs.coefs, c.sense, c.rhs) == ({"bi_x": 1.0, "bi_y": -1.0}, "<=", 0.0)
    with pytest.raises(TemplateError, match="indicators only.*bi_x"):
        build(10, {"if": "x", "then": "bi_y"}, vs)


@pytest.mark.parametrize("t,sense", [(11, "=="), (12, ">="), (13, "<=")])
def test_set_logic(vs, t, sense):
    c = build(t, {"vars": ["bi_x", "bi_y", "bi_z"]}, vs)
    assert (c.lhs.coefs, c.sense, c.rhs) == ({"bi_x": 1.0, "bi_y": 1.0, "bi_z": 1.0}, sense, 1.0)
    with pytest.raises(TemplateError, match="at least 2"):
        build(t, {"vars": ["bi_x"]}, vs)
    with pytest.raises(TemplateError, match="indicators only"):
        build(t, {"vars": ["x", "y"]}, vs)


def test_missing_and_extra_slots(vs):
    with pytest.raises(TemplateError, match="needs slot"):
        build(1, {"bound": 3}, vs)
    with pytest.raises(TemplateError, match="takes no slot"):
        build(1, {"var": "x", "bound": 3, "factor": 2}, vs)


def test_error_names_the_paragraph(vs):
    with pytest.raises(TemplateError) as info:
        build(1, {"var": "nope", "bound": 3}, vs)
    assert str(info.value).startswith("paragraph 3:")
