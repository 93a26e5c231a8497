import pytest

from milpsynth import Status, formulate

OBJ = "Maximise profit: each chair earns $5 and each table earns $8. How many chairs and tables should we make?"


def test_optimal_with_values_and_explanation():
    f = formulate([OBJ, "There are 100 hours available. Each chair takes 2 hours and each table takes 5 hours."])
    sol = f.solve()
    assert sol.status == Status.OPTIMAL and sol.objective == 250
    assert sol.values["chairs"] == 50 and sol.values["tables"] == 0
    text = sol.explain()
    assert "objective (maximize): 250" in text and "chairs: 50" in text and "paragraph 2" in text


def test_infeasible_names_the_paragraphs_of_an_irreducible_subset():
    f = formulate([OBJ, "At most 10 chairs can be made.", "At least 20 chairs must be made.",
                   "There are 100 hours available. Each chair takes 2 hours and each table takes 5 hours."])
    sol = f.solve()
    assert sol.status == Status.INFEASIBLE and sol.objective is None and sol.values == {}
    assert sol.conflict_paragraphs == [1, 2]          # paragraphs 2 and 3, not the hours paragraph
    assert "2, 3" in sol.message and "At least 20 chairs" in sol.explain()


def test_infeasible_only_by_integrality_says_so():
    # 2 chairs + 2 tables == 3 (as two paragraphs of opposite direction): feasible only fractionally
    f = formulate([OBJ, "p", "q"], types={2: 3, 3: 7}, slots={
        2: {"coefs": {"chairs": 2, "tables": 2}, "bound": 3}, 3: {"coefs": {"chairs": 2, "tables": 2}, "bound": 3}})
    sol = f.solve()
    assert sol.status == Status.INFEASIBLE
    assert "integrality" in sol.message and sol.conflict_paragraphs == []


def test_unbounded_names_the_objective_and_variables():
    f = formulate([OBJ, "At most 10 chairs can be made."])
    sol = f.solve()
    assert sol.status == Status.UNBOUNDED and sol.conflict_paragraphs == [0]
    assert "tables" in sol.message and "chairs" not in sol.message.split("limits")[1].split(",")[0]


def test_time_limit_is_a_status():
    # a 40-item knapsack with correlated weights, stopped after 1 ms: HiGHS cannot prove optimality
    import random
    rng = random.Random(3)
    n = 40
    w = [rng.randint(1000, 2000) for _ in range(n)]
    names = [f"item{i}" for i in range(n)]
    from milpsynth.variables import Variable
    f = formulate(["Decide which items to take to maximise value.", "Their weights are limited."],
                  variables=[Variable(f"bi_{x}", "binary", x) for x in names],
                  slots={1: {"sense": "maximize", "coefs": {f"bi_{x}": wi + 7 for x, wi in zip(names, w)}},
                         2: {"coefs": {f"bi_{x}": wi for x, wi in zip(names, w)}, "bound": sum(w) // 2 + 0.5}},
                  types={1: 0, 2: 3})
    sol = f.solve(time_limit=0.001)
    assert sol.status == Status.TIME_LIMIT and "time limit" in sol.message
    # the incumbent is kept with its gap; on a fast machine HiGHS may stop before it has one, and says so
    if sol.objective is None:
        assert "no feasible solution found" in sol.message and sol.gap is None and not sol.values
    else:
        assert sol.gap is not None and sol.gap > 0 and sol.values
    full = f.solve(time_limit=60)
    assert full.status == Status.OPTIMAL


def test_solver_failure_is_a_typed_error(monkeypatch):
    import milpsynth.highs
    from milpsynth.errors import SolverError

    def boom(h, **kw):
        raise RuntimeError("simulated HiGHS crash")
    monkeypatch.setattr(milpsynth.highs, "run", boom)
    f = formulate([OBJ, "At most 10 chairs can be made.", "At most 3 tables can be made."])
    with pytest.raises(SolverError, match="simulated HiGHS crash"):
        f.solve()


@pytest.mark.parametrize("name,expected", [
    ("convergenceCriteriaSatisfied", Status.OPTIMAL), ("provenInfeasible", Status.INFEASIBLE),
    ("locallyInfeasible", Status.INFEASIBLE), ("unbounded", Status.UNBOUNDED), ("maxTimeLimit", Status.TIME_LIMIT),
    ("iterationLimit", Status.TIME_LIMIT), ("error", Status.ERROR), ("unknown", Status.ERROR),
    ("infeasibleOrUnbounded", None),
])
def test_termination_mapping(name, expected):
    from pyomo.contrib.solver.common.results import TerminationCondition
    from milpsynth.highs import status_of_termination
    assert status_of_termination(getattr(TerminationCondition, name)) == expected


@pytest.mark.parametrize("name,expected", [
    ("kOptimal", Status.OPTIMAL), ("kInfeasible", Status.INFEASIBLE), ("kUnbounded", Status.UNBOUNDED),
    ("kTimeLimit", Status.TIME_LIMIT), ("kIterationLimit", Status.TIME_LIMIT), ("kSolveError", Status.ERROR),
    ("kUnboundedOrInfeasible", None),
])
def test_highs_status_mapping(name, expected):
    import highspy
    from milpsynth.highs import status_of
    assert status_of(getattr(highspy.HighsModelStatus, name)) == expected
