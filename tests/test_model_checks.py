"""Back-translation, what-if checks, solution reports, diagnosis (explain / check / report / diagnose)."""
import json

import numpy as np
import pytest

from conftest import dev_problems
from milpsynth import Problem, formulate
from milpsynth.errors import InputError
from milpsynth.status import Status

OBJ = "A shop sells chairs and tables. Each chair earns $5 and each table earns $8. How many chairs and tables should it make to maximise profit?"
HOURS = "There are 100 hours available. Each chair takes 2 hours and each table takes 5 hours."


# -- back-translation --------------------------------------------------------------------------
def test_every_template_reads_back_in_the_decisions_names():
    f = formulate([OBJ, HOURS, "At most 30 chairs can be sold.", "At least 4 tables must be made.",
                   "In total at most 40 chairs and tables can be stored.",
                   "In total at least 10 chairs and tables must be made.",
                   "Tables may be at most 40% of all chairs and tables made.",
                   "The number of chairs must be at least twice the number of tables.",
                   "If the shop makes tables, it must also make chairs."],
                  types={3: 1, 4: 5, 5: 2, 6: 6, 7: 4, 8: 9, 9: 10},
                  slots={7: {"subset": ["tables"], "total": ["chairs", "tables"], "share": 0.4}})
    from milpsynth.readback import read_back
    said = {e["paragraph"]: e["sentence"] for e in read_back(f) if e["paragraph"]}
    assert said[1] == "maximise the total of 5 per chair, 8 per table"
    assert said[2] == "the total of 2 per chair, 5 per table is at most 100"
    assert "at most 30" in said[3] and "chairs" in said[3]               # folded into its link
    assert said[4] == "the number of tables is at least 4"
    assert said[5] == "the total of chairs and tables is at most 40"
    assert said[6] == "the total of chairs and tables is at least 10"
    assert said[7] == "the total of tables is at most 40% of the total of chairs and tables"
    assert said[8] == "the number of chairs is at least 2 times the number of tables"
    assert said[9] == "if there are some tables, then there are some chairs"
    links = [e for e in read_back(f) if e["paragraph"] is None]
    assert links and all("bi_" in e["sentence"] for e in links)


@pytest.mark.parametrize("ty,word", [(11, "exactly one"), (12, "at least one"), (13, "at most one")])
def test_set_logic_reads_back(ty, word):
    f = formulate([OBJ, HOURS, "The shop makes chairs or tables."], types={3: ty})
    from milpsynth.readback import read_back
    sentence = [e["sentence"] for e in read_back(f) if e["paragraph"] == 3][0]
    assert sentence == f"{word} of these holds: there are some chairs; there are some tables"


def test_explain_puts_each_paragraph_beside_its_reading():
    f = formulate([OBJ, HOURS])
    text = f.explain()
    assert "paragraph 2 (type3): There are 100 hours" in text
    assert "2*chairs + 5*tables <= 100" in text and "reads: the total of 2 per chair" in text


def test_an_element_without_slots_reads_from_its_linear_form():
    f = Problem.from_dict(json.loads(formulate([OBJ, HOURS]).to_json()))
    for p in f.paragraphs:
        p.slots = None
    assert "reads: the total of 2 per chair, 5 per table is at most 100" in f.explain()


# -- what-if -----------------------------------------------------------------------------------
def test_check_names_the_broken_paragraph_and_the_amount_in_its_unit():
    f = formulate([OBJ, HOURS, "At least 4 tables must be made."])
    r = f.check({"chairs": 40, "tables": 5})
    assert not r.feasible and r.objective == 240
    (para, vs), = r.by_paragraph().items()
    assert para == 1 and vs[0].by == pytest.approx(5) and vs[0].unit == "hours"
    assert "breaks paragraph 2" in str(r) and "off by 5 hours" in str(r)
    ok = f.check({"chairs": 10, "tables": 4})
    assert ok.feasible and ok.objective == 82 and not ok.violations


def test_check_derives_indicators_and_lists_missing_decisions():
    f = formulate([OBJ, HOURS, "If the shop makes tables, it must also make chairs."])
    r = f.check({"tables": 2})
    assert r.missing == ["chairs"] and r.derived == {"bi_chairs": 0.0, "bi_tables": 1.0}
    assert [v.paragraph for v in r.violations] == [2]       # tables without chairs breaks paragraph 3
    assert "does not hold" in str(r)


def test_check_refuses_bad_plans_with_the_field_named():
    f = formulate([OBJ, HOURS, "If the shop makes tables, it must also make chairs."])
    with pytest.raises(InputError, match="not a decision of this problem: sofas"):
        f.check({"sofas": 1})
    with pytest.raises(InputError, match="yes/no decision"):
        f.check({"chairs": 1, "bi_chairs": 0.5})
    with pytest.raises(InputError, match="finite number"):
        f.check({"chairs": "many"})
    with pytest.raises(InputError, match="mapping"):
        f.check([1, 2])
    frac = f.check({"chairs": 2.5, "tables": 0})
    assert frac.fractional == ["chairs"] and not frac.feasible


def test_check_matches_a_solve_with_the_plan_fixed():
    from milpsynth.highs import build, run
    from milpsynth.whatif import check_many
    f = formulate([OBJ, HOURS, "At least 4 tables must be made.", "If the shop makes tables, it must also make chairs."])
    rng = np.random.default_rng(1)
    plans = rng.integers(0, 30, size=(40, 2)).astype(float)
    got = check_many(f, plans, ["chairs", "tables"])
    variables = list(f.variables.values())
    for k, (c, t) in enumerate(plans):
        fixed = {"chairs": c, "tables": t, "bi_chairs": float(c > 0), "bi_tables": float(t > 0)}
        for v in variables:
            v_fixed = fixed[v.name]
            v.lb, v.ub = v_fixed, v_fixed
        res = run(build(variables, f.constraints, f.objective).h)
        assert (res.status == Status.OPTIMAL) == bool(got["feasible"][k])
        if res.status == Status.OPTIMAL:
            assert res.objective == pytest.approx(got["objective"][k])
    assert 0 < got["feasible"].sum() < len(plans)


def test_check_many_is_vectorised_over_ten_thousand_plans():
    from milpsynth.whatif import check_many
    f = formulate([OBJ, HOURS, "At least 4 tables must be made."])
    plans = np.random.default_rng(0).integers(0, 60, size=(10_000, 2)).astype(float)
    got = check_many(f, plans, ["chairs", "tables"])
    assert got["objective"].shape == (10_000,) and got["broken"].shape == (10_000, len(f.constraints))
    one = f.check({"chairs": plans[7, 0], "tables": plans[7, 1]})
    assert one.feasible == bool(got["feasible"][7]) and one.objective == got["objective"][7]


# -- report ------------------------------------------------------------------------------------
def test_lp_report_gives_duals_and_ranging_checked_by_hand():
    # max 3x + 2y, x + y <= 4, 2x + y <= 5: optimum x=1, y=3; both rows bind with dual 1;
    # the first limit keeps its dual from 2.5 to 5, the second from 4 to 8 (worked by hand).
    from milpsynth.highs.analysis import sensitivity
    from milpsynth.expr import Constraint, LinearExpr, Objective
    from milpsynth.variables import Variable
    xs = [Variable("x"), Variable("y")]
    cons = [Constraint(LinearExpr.of({"x": 1, "y": 1}), "<=", 4), Constraint(LinearExpr.of({"x": 2, "y": 1}), "<=", 5),
            Constraint(LinearExpr.of({"x": 1}), "<=", 10)]
    rows, cols = sensitivity(xs, cons, Objective("maximize", LinearExpr.of({"x": 3, "y": 2})))
    assert [r.dual for r in rows] == pytest.approx([1, 1, 0])
    assert (rows[0].rhs_low, rows[0].rhs_high) == pytest.approx((2.5, 5))
    assert (rows[1].rhs_low, rows[1].rhs_high) == pytest.approx((4, 8))
    assert rows[2].rhs_low == pytest.approx(1) and rows[2].rhs_high is None     # not binding: x = 1
    assert (cols[0].cost_low, cols[0].cost_high) == pytest.approx((2, 4))       # x's cost 3 stays optimal in [2, 4]


def test_report_in_words_for_an_lp():
    f = formulate(["A farm grows wheat and corn. Each acre of wheat earns $300 and each acre of corn earns $200. "
                   "How many acres of wheat and corn should it plant to maximise profit?",
                   "There are 240 hours of labour available. An acre of wheat needs 4 hours and an acre of corn needs 2 hours.",
                   "The total of wheat and corn is at most 100 acres."])
    text = f.solve().report()
    assert "slack by paragraph:" in text
    assert "each extra hour of labour is worth 50 in the objective" in text
    assert "objective coefficients that keep this plan optimal:" in text


def test_report_of_a_milp_says_why_there_are_no_duals():
    f = formulate([OBJ, HOURS])
    text = f.solve().report()
    assert "binding" in text and "integer or yes/no decisions" in text


# -- diagnosis ---------------------------------------------------------------------------------
def test_one_conflict_and_its_relaxation():
    f = formulate([OBJ, HOURS, "At least 60 chairs must be made."])
    d = f.diagnose()
    assert d.status == Status.INFEASIBLE and d.conflicts == [[1, 2]]
    (c,), = [d.changes]
    assert (c.paragraph, c.new, c.unit) == (2, 50, "chairs")      # 60 -> 50 chairs is the smaller relative change
    assert d.relaxed_objective == 250 and "at least 50 chairs instead of 60 chairs" in str(d)


def test_two_conflicts_are_both_named_and_both_relaxed():
    f = formulate([OBJ, HOURS, "At least 60 chairs must be made.", "At most 10 tables can be made.",
                   "At least 12 tables must be made."])
    d = f.diagnose()
    assert sorted(d.conflicts) == [[1, 2], [3, 4]]
    assert {c.paragraph for c in d.changes} >= {4} and len(d.changes) == 2
    relaxed = formulate([OBJ, HOURS, "At least 60 chairs must be made.", "At most 10 tables can be made.",
                         "At least 12 tables must be made."])
    for c in d.changes:
        relaxed.paragraphs[c.paragraph].element.rhs = c.new
    assert relaxed.solve().status == Status.OPTIMAL


def test_a_unit_slip_is_found():
    # the limit was written in hours, the rates in minutes
    f = formulate([OBJ, "There are 10 hours available. Each chair takes 30 minutes and each table takes 50 minutes.",
                   "At least 3 chairs must be made."])
    d = f.diagnose()
    assert d.conflicts == [[1, 2]] and d.changes


def test_integrality_only_is_said_so():
    f = formulate([OBJ, HOURS, "At least 2.5 chairs must be made.", "At most 2.75 chairs can be made."])
    d = f.diagnose()
    assert d.status == Status.INFEASIBLE and d.integrality_only and not d.conflicts
    assert "integrality" in d.message and d.changes


def test_unbounded_names_the_objective_and_what_is_missing():
    f = formulate([OBJ, "At least 3 chairs must be made."])
    d = f.diagnose()
    assert d.status == Status.UNBOUNDED and set(d.unlimited) == {"chairs", "tables"}
    assert any("limits chairs" in s for s in d.suggestions)


def test_a_feasible_model_has_nothing_to_diagnose():
    d = formulate([OBJ, HOURS]).diagnose()
    assert d.status == Status.OPTIMAL and "nothing to diagnose" in d.message


def test_dev_problem_27_infeasible_as_stated(need_data):
    rec = next((r for r in dev_problems() if str(r["id"]) == "27"), None)
    if rec is None:
        pytest.skip("dev problem 27 not in the data")
    f = formulate(rec["paragraphs"])
    d = f.diagnose()
    assert d.status == Status.INFEASIBLE and d.conflict_paragraphs and d.changes
    relaxed = formulate(rec["paragraphs"])
    for c in d.changes:
        next(x for x in relaxed.constraints if x.name == c.constraint).rhs = c.new
    assert relaxed.solve().status == Status.OPTIMAL


@pytest.mark.parametrize("record", dev_problems(), ids=lambda r: f"dev{r['id']}")
def test_explain_check_report_on_every_dev_problem(record):
    f = formulate(record["paragraphs"])
    assert f.explain().count("reads:") == len(f.paragraph_constraints) + 1 + len(f.links)
    sol = f.solve()
    if sol.status == Status.OPTIMAL:
        assert f.check(sol.values).feasible
        assert f.check(sol.values).objective == pytest.approx(sol.objective)
        assert "slack by paragraph:" in sol.report()
    else:
        assert f.diagnose().changes


# -- LP names ----------------------------------------------------------------------------------
def test_lp_keywords_as_decision_names_are_read_by_highs(tmp_path):
    import highspy
    from milpsynth.expr import Constraint, LinearExpr, Objective
    from milpsynth.highs import new_highs
    from milpsynth.variables import Variable, VariableTable
    from milpsynth.document import Paragraph
    f = Problem("x", [Paragraph(0, "maximise"), Paragraph(1, "limit")])
    f.variables = VariableTable.build([Variable("max", "integer"), Variable("st", "continuous"),
                                       Variable("end", "continuous")], pure_binary=False)
    f.paragraphs[0].element = Objective("maximize", LinearExpr.of({"max": 2, "st": 1, "end": 1}))
    from milpsynth.labels import default_fine
    from milpsynth.document import Prediction
    f.paragraphs[0].prediction = Prediction(0, 0)
    f.paragraphs[1].prediction = Prediction(3, default_fine(3))
    f.paragraphs[1].element = Constraint(LinearExpr.of({"max": 1, "st": 1, "end": 1}), "<=", 7.5, name="p2_type3",
                                         paragraph=1, template="type3")
    path = tmp_path / "k.lp"
    f.write_lp(path)
    h = new_highs()
    assert h.readModel(str(path)) == highspy.HighsStatus.kOk
    h.run()
    assert h.getInfo().objective_function_value == pytest.approx(f.solve().objective) == pytest.approx(14.5)
